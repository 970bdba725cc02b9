"""Every write to institutions, pages, memberships and invitations goes through here."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from allin.accounts.models import User
from allin.core.audit import log_action
from allin.core.cache import forget_home_listing, forget_institution, forget_pages
from allin.institutions.enums import PageKind, Role
from allin.institutions.models import Institution, InstitutionPage, Invitation, Membership

INVITATION_LIFETIME = timedelta(days=14)
INSTITUTION_FIELDS = (
    "name",
    "short_name",
    "tagline",
    "time_zone",
    "kind",
    "contact_email",
    "tracker_public",
)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_institution(
    *, actor: User | None, slug: str, name: str, short_name: str, **fields: Any
) -> Institution:
    institution = Institution(slug=slug, name=name, short_name=short_name, **fields)
    institution.full_clean()
    with transaction.atomic():
        institution.save()
        for kind in PageKind:
            InstitutionPage.objects.create(institution=institution, kind=kind, title=kind.label)
        transaction.on_commit(forget_home_listing)
        log_action(
            institution,
            "institutions.institution.created",
            actor=actor,
            institution=institution,
            data={"slug": slug},
        )
    return institution


def update_institution(institution: Institution, *, actor: User, **changes: Any) -> Institution:
    unknown = set(changes) - set(INSTITUTION_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    changed = {k: v for k, v in changes.items() if getattr(institution, k) != v}
    if not changed:
        return institution
    for key, value in changed.items():
        setattr(institution, key, value)
    institution.full_clean()
    with transaction.atomic():
        institution.save(update_fields=[*changed, "updated_at"])
        transaction.on_commit(forget_home_listing)
        transaction.on_commit(lambda: forget_institution(institution.slug))
        log_action(
            institution,
            "institutions.institution.updated",
            actor=actor,
            institution=institution,
            data={
                "fields": ", ".join(sorted(changed)),
                "new": {k: str(v) for k, v in changed.items()},
            },
        )
    return institution


def update_page(
    page: InstitutionPage, *, actor: User | None, title: str, body: str
) -> InstitutionPage:
    if (page.title, page.body) == (title, body):
        return page
    page.title, page.body = title, body
    page.full_clean()
    with transaction.atomic():
        page.save(update_fields=["title", "body", "updated_at"])
        transaction.on_commit(lambda: forget_pages(page.institution_id))
        log_action(
            page,
            "institutions.page.updated",
            actor=actor,
            institution=page.institution,
            data={"page": page.get_kind_display()},
        )
    return page


def add_member(
    institution: Institution,
    user: User,
    *,
    actor: User | None,
    affiliation: str,
    role: str = Role.MEMBER,
) -> Membership:
    """Give a person an active membership; an existing active one is returned unchanged."""
    with transaction.atomic():
        existing = Membership.objects.filter(
            institution=institution, user=user, ended_at__isnull=True
        ).first()
        if existing is not None:
            return existing
        membership = Membership(
            institution=institution, user=user, affiliation=affiliation, role=role
        )
        membership.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                membership.save()
        except IntegrityError:
            # Someone else added the same person a moment ago: theirs stands.
            return Membership.objects.get(institution=institution, user=user, ended_at__isnull=True)
        log_action(
            membership,
            "institutions.membership.created",
            actor=actor,
            institution=institution,
            data={
                "role": membership.get_role_display(),
                "affiliation": membership.get_affiliation_display(),
            },
        )
    return membership


def _guard_last_admin(membership: Membership, *, new_role: str | None) -> None:
    """An institution must keep at least one admin, or nobody could manage it any more."""
    if membership.role != Role.ADMIN or new_role == Role.ADMIN:
        return
    others = Membership.objects.filter(
        institution=membership.institution, role=Role.ADMIN, ended_at__isnull=True
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(
            "This is the institution's last admin. Make someone else an admin first."
        )


def _guard_actor_may_grant(actor_membership: Membership | None, role: str) -> None:
    if actor_membership is None:
        return
    if role == Role.ADMIN and not actor_membership.is_admin:
        raise PermissionDenied("Only an admin can make someone an admin.")


def change_membership(
    membership: Membership,
    *,
    actor: User,
    actor_membership: Membership | None,
    role: str,
    affiliation: str,
) -> Membership:
    if not membership.is_active:
        raise ValidationError("This membership has ended and can no longer be changed.")
    if role != membership.role:
        _guard_actor_may_grant(actor_membership, role)
        if membership.role == Role.ADMIN:
            _guard_actor_may_grant(actor_membership, Role.ADMIN)
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if role != membership.role:
            _guard_last_admin(membership, new_role=role)
            old = membership.get_role_display()
            membership.role = role
            log_action(
                membership,
                "institutions.membership.role_changed",
                actor=actor,
                institution=membership.institution,
                data={"old": old, "new": membership.get_role_display()},
            )
        if affiliation != membership.affiliation:
            old = membership.get_affiliation_display()
            membership.affiliation = affiliation
            log_action(
                membership,
                "institutions.membership.affiliation_changed",
                actor=actor,
                institution=membership.institution,
                data={"old": old, "new": membership.get_affiliation_display()},
            )
        membership.full_clean(validate_constraints=False)
        membership.save()
    return membership


def end_membership(
    membership: Membership, *, actor: User, actor_membership: Membership | None
) -> Membership:
    if not membership.is_active:
        return membership
    if membership.role == Role.ADMIN:
        _guard_actor_may_grant(actor_membership, Role.ADMIN)
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        _guard_last_admin(membership, new_role=None)
        membership.ended_at = timezone.now()
        membership.save(update_fields=["ended_at", "updated_at"])
        log_action(
            membership,
            "institutions.membership.ended",
            actor=actor,
            institution=membership.institution,
            data={},
        )
    return membership


def invite_member(
    institution: Institution,
    *,
    actor: User,
    actor_membership: Membership | None,
    email: str,
    affiliation: str,
    role: str = Role.MEMBER,
) -> tuple[Invitation, str]:
    """Create an invitation and email its link after commit; returns it and the raw token."""
    from allin.institutions.tasks import send_invitation_email

    email = email.strip().lower()
    _guard_actor_may_grant(actor_membership, role)
    if Membership.objects.filter(
        institution=institution, user__email__iexact=email, ended_at__isnull=True
    ).exists():
        raise ValidationError({"email": "This person is already a member."})
    if Invitation.objects.filter(
        institution=institution,
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    ).exists():
        raise ValidationError(
            {
                "email": "An invitation to this address is already open. "
                "Revoke it first to send a new one."
            }
        )
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        institution=institution,
        email=email,
        affiliation=affiliation,
        role=role,
        token_hash=hash_token(token),
        invited_by=actor,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    invitation.full_clean(validate_constraints=False)
    with transaction.atomic():
        try:
            with transaction.atomic():
                invitation.save()
        except IntegrityError:
            raise ValidationError(
                {"email": "An invitation to this address is already open."}
            ) from None
        log_action(
            invitation,
            "institutions.invitation.sent",
            actor=actor,
            institution=institution,
            data={"email": email, "role": invitation.get_role_display()},
        )
        transaction.on_commit(
            lambda: send_invitation_email.enqueue(invitation_id=invitation.pk, token=token)
        )
    return invitation, token


def find_invitation(institution: Institution, token: str) -> Invitation | None:
    return Invitation.objects.filter(institution=institution, token_hash=hash_token(token)).first()


def accept_invitation(invitation: Invitation, *, user: User) -> Membership:
    if not invitation.is_open:
        raise ValidationError("This invitation has already been used or was revoked.")
    if invitation.expires_at <= timezone.now():
        raise ValidationError("This invitation has expired. Ask the organizer for a new one.")
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(
            f"This invitation was sent to {invitation.email}. "
            "Sign in with that address to accept it."
        )
    with transaction.atomic():
        claimed = Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(accepted_at=timezone.now(), accepted_by=user)
        if not claimed:
            raise ValidationError("This invitation has already been used or was revoked.")
        membership = add_member(
            invitation.institution,
            user,
            actor=user,
            affiliation=invitation.affiliation,
            role=invitation.role,
        )
        log_action(
            invitation,
            "institutions.invitation.accepted",
            actor=user,
            institution=invitation.institution,
            data={"email": invitation.email},
        )
    return membership


def revoke_invitation(invitation: Invitation, *, actor: User) -> Invitation:
    with transaction.atomic():
        updated = Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
        if updated:
            log_action(
                invitation,
                "institutions.invitation.revoked",
                actor=actor,
                institution=invitation.institution,
                data={"email": invitation.email},
            )
    invitation.refresh_from_db()
    return invitation
