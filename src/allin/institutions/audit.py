ACTIONS = {
    "institutions.institution.created": "Institution {object} was created",
    "institutions.institution.updated": "Institution settings changed: {fields}",
    "institutions.page.updated": "The {page} page was edited",
    "institutions.membership.created": "{object} joined as {role} ({affiliation})",
    "institutions.membership.role_changed": "Role changed from {old} to {new}",
    "institutions.membership.affiliation_changed": "Affiliation changed from {old} to {new}",
    "institutions.membership.ended": "Membership ended",
    "institutions.invitation.sent": "Invitation sent to {email} as {role}",
    "institutions.invitation.accepted": "Invitation for {email} accepted",
    "institutions.invitation.revoked": "Invitation for {email} revoked",
}
