from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from allin.core.models import ActivityLog
from allin.institutions import services
from allin.institutions.enums import Affiliation, PageKind, Role
from allin.institutions.models import Institution, InstitutionPage, Invitation, Membership
from tests.conftest import invite, membership_of
from tests.factories import UserFactory


def log_actions(institution):
    return list(
        ActivityLog.objects.filter(institution=institution)
        .order_by("id")
        .values_list("action", flat=True)
    )


@pytest.mark.django_db
def test_create_institution_makes_its_four_pages_and_logs():
    inst = services.create_institution(
        actor=None, slug="gamma", name="Gamma School", short_name="Gamma"
    )
    assert sorted(
        InstitutionPage.objects.filter(institution=inst).values_list("kind", flat=True)
    ) == sorted(PageKind.values)
    assert inst.time_zone == "America/New_York"
    assert log_actions(inst) == ["institutions.institution.created"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("me", "used by the site itself"),
        ("Bad Slug", "Enter a valid"),
        ("accounts", "used by the site"),
    ],
)
def test_create_institution_refuses_bad_slugs_and_writes_nothing(slug, message):
    with pytest.raises(ValidationError) as exc:
        services.create_institution(actor=None, slug=slug, name="X", short_name="X")
    assert message in str(exc.value)
    assert Institution.objects.count() == 0


@pytest.mark.django_db
def test_update_institution_refuses_unknown_time_zone(institution, admin):
    with pytest.raises(ValidationError) as exc:
        services.update_institution(institution, actor=admin, time_zone="Mars/Olympus")
    assert "not a time zone" in str(exc.value)
    institution.refresh_from_db()
    assert institution.time_zone == "America/New_York"


def test_update_page_logs_once_and_not_for_no_change(institution, organizer):
    page = InstitutionPage.objects.get(institution=institution, kind=PageKind.VALUES)
    services.update_page(page, actor=organizer, title="Our values", body="- Mutual liberation")
    services.update_page(page, actor=organizer, title="Our values", body="- Mutual liberation")
    page.refresh_from_db()
    assert page.body == "- Mutual liberation"
    assert log_actions(institution) == ["institutions.page.updated"]


def test_invite_sends_email_after_commit_and_stores_only_a_hash(
    institution, organizer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        invitation, token = invite(
            institution, organizer, "New.Person@Example.org", Affiliation.FACULTY
        )
        assert len(mail.outbox) == 0  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    assert invitation.email == "new.person@example.org"
    assert token not in invitation.token_hash
    assert invitation.token_hash == services.hash_token(token)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.org"]
    assert f"/alpha/invitations/{token}/" in message.body
    assert "Alpha School of Medicine" in message.body
    assert log_actions(institution) == ["institutions.invitation.sent"]


def test_invite_refuses_existing_member_and_open_duplicate(institution, organizer, member):
    actor_membership = membership_of(organizer, institution)
    with pytest.raises(ValidationError) as exc:
        services.invite_member(
            institution,
            actor=organizer,
            actor_membership=actor_membership,
            email=member.email,
            affiliation=Affiliation.MD_STUDENT,
        )
    assert exc.value.message_dict == {"email": ["This person is already a member."]}
    services.invite_member(
        institution,
        actor=organizer,
        actor_membership=actor_membership,
        email="someone@example.org",
        affiliation=Affiliation.STAFF,
    )
    with pytest.raises(ValidationError):
        services.invite_member(
            institution,
            actor=organizer,
            actor_membership=actor_membership,
            email="SOMEONE@example.org",
            affiliation=Affiliation.STAFF,
        )
    assert Invitation.objects.filter(institution=institution).count() == 1


def test_organizer_cannot_invite_an_admin(institution, organizer):
    with pytest.raises(PermissionDenied):
        invite(institution, organizer, "boss@example.org", Affiliation.LEADER, Role.ADMIN)
    assert Invitation.objects.count() == 0
    assert len(mail.outbox) == 0


def test_accept_invitation_creates_membership_once(institution, organizer):
    invitation, _ = invite(
        institution, organizer, "fresh@example.org", Affiliation.POSTDOC, Role.ORGANIZER
    )
    user = UserFactory(email="fresh@example.org")
    membership = services.accept_invitation(invitation, user=user)
    assert (membership.role, membership.affiliation) == (Role.ORGANIZER, Affiliation.POSTDOC)
    invitation.refresh_from_db()
    with pytest.raises(ValidationError, match="already been used"):
        services.accept_invitation(invitation, user=user)
    assert Membership.objects.filter(institution=institution, user=user).count() == 1
    assert log_actions(institution)[-2:] == [
        "institutions.membership.created",
        "institutions.invitation.accepted",
    ]


def test_accept_invitation_needs_the_invited_address(institution, organizer):
    invitation, _ = invite(institution, organizer, "right@example.org", Affiliation.STAFF)
    with pytest.raises(ValidationError, match=r"right@example\.org"):
        services.accept_invitation(invitation, user=UserFactory(email="wrong@example.org"))
    assert not Membership.objects.filter(user__email="wrong@example.org").exists()


def test_invitation_expires_after_fourteen_days(institution, organizer):
    with time_machine.travel("2026-11-01 12:00:00Z", tick=False):
        invitation, _ = invite(institution, organizer, "late@example.org", Affiliation.STAFF)
    user = UserFactory(email="late@example.org")
    with (
        time_machine.travel(invitation.expires_at + timedelta(seconds=1), tick=False),
        pytest.raises(ValidationError, match="expired"),
    ):
        services.accept_invitation(invitation, user=user)
    with time_machine.travel(invitation.expires_at - timedelta(seconds=1), tick=False):
        services.accept_invitation(invitation, user=user)
    assert Membership.objects.filter(user=user, institution=institution).exists()


def test_revoked_invitation_cannot_be_accepted(institution, organizer):
    invitation, _ = invite(institution, organizer, "gone@example.org", Affiliation.STAFF)
    services.revoke_invitation(invitation, actor=organizer)
    services.revoke_invitation(invitation, actor=organizer)
    with pytest.raises(ValidationError):
        services.accept_invitation(invitation, user=UserFactory(email="gone@example.org"))
    assert log_actions(institution).count("institutions.invitation.revoked") == 1


def test_change_role_and_affiliation_log_old_and_new(institution, admin, member):
    target = membership_of(member, institution)
    services.change_membership(
        target,
        actor=admin,
        actor_membership=membership_of(admin, institution),
        role=Role.ORGANIZER,
        affiliation=Affiliation.TRAINEE,
    )
    target.refresh_from_db()
    assert (target.role, target.affiliation) == (Role.ORGANIZER, Affiliation.TRAINEE)
    entries = ActivityLog.objects.filter(object_id=str(target.pk)).order_by("id")
    assert [(e.action, e.data) for e in entries][-2:] == [
        ("institutions.membership.role_changed", {"old": "Member", "new": "Organizer"}),
        ("institutions.membership.affiliation_changed", {"old": "MD student", "new": "Trainee"}),
    ]
    assert entries.last().display == "Affiliation changed from MD student to Trainee"


def test_organizer_cannot_promote_to_admin_or_demote_an_admin(
    institution, organizer, admin, member
):
    actor_membership = membership_of(organizer, institution)
    with pytest.raises(PermissionDenied):
        services.change_membership(
            membership_of(member, institution),
            actor=organizer,
            actor_membership=actor_membership,
            role=Role.ADMIN,
            affiliation=Affiliation.MD_STUDENT,
        )
    with pytest.raises(PermissionDenied):
        services.end_membership(
            membership_of(admin, institution), actor=organizer, actor_membership=actor_membership
        )
    assert membership_of(admin, institution).role == Role.ADMIN


def test_last_admin_cannot_leave_or_be_demoted(institution, admin):
    own = membership_of(admin, institution)
    with pytest.raises(ValidationError, match="last admin"):
        services.change_membership(
            own, actor=admin, actor_membership=own, role=Role.MEMBER, affiliation=own.affiliation
        )
    with pytest.raises(ValidationError, match="last admin"):
        services.end_membership(own, actor=admin, actor_membership=own)
    own.refresh_from_db()
    assert (own.role, own.ended_at) == (Role.ADMIN, None)


def test_end_membership_keeps_the_row_and_allows_rejoining(institution, organizer, member):
    target = membership_of(member, institution)
    services.end_membership(
        target, actor=organizer, actor_membership=membership_of(organizer, institution)
    )
    target.refresh_from_db()
    assert target.ended_at is not None
    again = services.add_member(
        institution, member, actor=organizer, affiliation=Affiliation.FACULTY
    )
    assert again.pk != target.pk
    assert Membership.objects.filter(institution=institution, user=member).count() == 2


def test_a_person_may_belong_to_several_institutions(institution, other_institution, member):
    services.add_member(other_institution, member, actor=None, affiliation=Affiliation.FACULTY)
    assert sorted(
        Membership.objects.filter(user=member).values_list("institution__slug", "affiliation")
    ) == [("alpha", "md_student"), ("beta", "faculty")]


def test_audit_masks_secret_looking_keys(institution, organizer):
    from allin.core.audit import log_action

    entry = log_action(
        institution,
        "institutions.test.done",
        actor=organizer,
        institution=institution,
        data={"token": "abc", "nested": {"password": "x", "ok": 1}, "plain": "yes"},
    )
    assert entry.data == {
        "token": "********",
        "nested": {"password": "********", "ok": 1},
        "plain": "yes",
    }


def test_history_survives_in_utc_and_now(institution, organizer):
    before = timezone.now()
    page = InstitutionPage.objects.get(institution=institution, kind=PageKind.TEAM)
    services.update_page(page, actor=organizer, title="Team", body="Everyone")
    entry = ActivityLog.objects.get(action="institutions.page.updated")
    assert entry.timestamp >= before
    assert entry.actor == organizer
    assert entry.object_repr == "Alpha: Team"
