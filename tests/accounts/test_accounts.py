import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import mail

from allin.accounts.models import User
from allin.institutions.enums import Role
from tests.conftest import make_member
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_up_verify_and_sign_in_with_email(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "New.Student@Example.org",
            "password1": "a-long-passphrase-42",
            "password2": "a-long-passphrase-42",
        },
    )
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "new.student@example.org"
    assert not EmailAddress.objects.get(user=user).verified
    # Unverified: signing in leads to the "verify your email" page, not into the site.
    assert client.get("/me/").status_code == 302

    (message,) = mail.outbox
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", message.body).group(0)
    path = link.split("testserver", 1)[-1] if "testserver" in link else "/" + link.split("/", 3)[3]
    confirm_page = client.get(path)
    assert confirm_page.status_code == 200
    assert "Confirm" in confirm_page.content.decode()
    response = client.post(path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "new.student@example.org", "password": "a-long-passphrase-42"}
    )
    assert response.status_code == 302
    html = client.get("/me/").content.decode()
    assert "<h1>My All In</h1>" in html
    assert "You are not a member of an institution yet." in html


def test_signup_errors_are_shown_next_to_the_field(client):
    response = client.post(
        "/accounts/signup/", {"email": "x@example.org", "password1": "short", "password2": "other"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in html
    assert User.objects.count() == 0


def test_me_lists_memberships_across_institutions(client_for, institution, other_institution):
    user = make_member(institution, name="Multi Person")
    from allin.institutions.services import add_member

    add_member(other_institution, user, actor=None, affiliation="faculty", role=Role.MEMBER)
    html = client_for(user).get("/me/").content.decode()
    assert "Alpha School of Medicine" in html
    assert "Beta College of Medicine" in html
    assert "MD student · Member" in html
    assert "Faculty · Member" in html


def test_me_requires_sign_in(client):
    response = client.get("/me/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_sign_in_is_locked_for_an_account_after_five_failures(client, member):
    pages = [
        client.post(
            "/accounts/login/", {"login": member.email, "password": "wrong"}
        ).content.decode()
        for _ in range(6)
    ]
    assert ["Too many failed login attempts" in page for page in pages] == [False] * 5 + [True]
    # Even the right password is refused while the limit holds.
    response = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_in_attempts_from_one_address_answer_429(client, member):
    statuses = [
        client.post("/accounts/login/", {"login": f"x{i}@example.org", "password": "w"}).status_code
        for i in range(31)
    ]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429


def test_organizer_without_second_factor_is_sent_to_set_one_up(client_for, institution, settings):
    settings.ALLIN_MFA_REQUIRED_FOR_STAFF = True
    organizer = make_member(institution, Role.ORGANIZER)
    Authenticator.objects.filter(user=organizer).delete()
    client = client_for(organizer)
    response = client.get("/alpha/manage/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    # Member pages stay open; only the manage pages need the second factor.
    assert client.get("/alpha/").status_code == 200


def test_second_factor_rule_can_be_relaxed(client_for, institution, settings):
    settings.ALLIN_MFA_REQUIRED_FOR_STAFF = False
    organizer = make_member(institution, Role.ORGANIZER)
    Authenticator.objects.filter(user=organizer).delete()
    assert client_for(organizer).get("/alpha/manage/").status_code == 200


def test_members_do_not_need_a_second_factor(client_for, institution, member):
    assert client_for(member).get("/alpha/").status_code == 200
    assert not Authenticator.objects.filter(user=member).exists()


def test_user_manager_normalizes_email():
    user = User.objects.create_user("Someone@EXAMPLE.org", "x-long-password")
    assert user.email == "someone@example.org"
    assert str(user) == "someone"
    with pytest.raises(ValueError, match="email address is required"):
        User.objects.create_user("", "x")


def test_profile_edit_changes_name_and_logs(client_for, member):
    client = client_for(member)
    response = client.post("/me/profile/", {"name": "Ada L. Member", "pronouns": "she/her"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.name, member.pronouns) == ("Ada L. Member", "she/her")
    assert "Hello, Ada L. Member (she/her)." in client.get("/me/").content.decode()
    from allin.core.models import ActivityLog

    entry = ActivityLog.objects.get(action="accounts.profile.updated")
    assert (entry.display, entry.institution) == ("Profile changed: name, pronouns", None)


def test_profile_with_too_long_name_shows_error(client_for, member):
    response = client_for(member).post("/me/profile/", {"name": "x" * 151, "pronouns": ""})
    assert response.status_code == 200
    assert "Ensure this value has at most 150 characters" in response.content.decode()
    member.refresh_from_db()
    assert member.name == "Ada Member"


def test_profile_requires_sign_in(client):
    assert client.get("/me/profile/")["Location"].startswith("/accounts/login/")


def test_password_reset_sends_a_link(client, member):
    response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert "/accounts/password/reset/key/" in message.body


def test_organizer_sets_up_totp_and_then_reaches_manage(client, institution, settings):
    import time

    from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value

    settings.ALLIN_MFA_REQUIRED_FOR_STAFF = True
    organizer = make_member(institution, Role.ORGANIZER, email="new-org@example.org")
    Authenticator.objects.filter(user=organizer).delete()
    login = client.post("/accounts/login/", {"login": organizer.email, "password": PASSWORD})
    assert login.status_code == 302, login.content.decode()[-3000:]
    assert client.get("/alpha/manage/")["Location"] == "/accounts/2fa/totp/activate/"

    # Adding a second factor asks for the password once more, as it should.
    assert client.get("/accounts/2fa/totp/activate/")["Location"].startswith("/accounts/reauth")
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert "Incorrect code" in wrong.content.decode()
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post("/accounts/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=organizer, type=Authenticator.Type.TOTP).exists()
    assert client.get("/alpha/manage/").status_code == 200
