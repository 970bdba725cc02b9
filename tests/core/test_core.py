import pytest
from django.test import Client
from django.urls import path

from allin.core.audit import describe, log_action
from allin.core.markdown import render_markdown
from allin.core.models import ActivityLog


def test_markdown_keeps_formatting_and_drops_html():
    html = render_markdown("# Title\n\n**bold** <img src=x onerror=alert(1)> [ok](https://e.org)")
    assert html.startswith("<h2>Title</h2>")
    assert "<strong>bold</strong>" in html
    assert "<img" not in html
    assert '<a href="https://e.org" rel="noopener noreferrer">ok</a>' in html


def test_audit_refuses_undotted_actions_and_non_dict_data(institution):
    with pytest.raises(ValueError, match="dotted"):
        log_action(institution, "created", actor=None, institution=institution)
    with pytest.raises(TypeError):
        log_action(institution, "a.b.c", actor=None, institution=institution, data=["x"])


def test_unknown_action_is_shown_by_its_name(institution):
    entry = log_action(institution, "future.thing.happened", actor=None, institution=institution)
    assert describe(entry) == "future.thing.happened"
    assert ActivityLog.objects.get().actor is None


def test_healthz_is_constant(client, db):
    response = client.get("/healthz/")
    assert response.content == b"ok"


@pytest.mark.parametrize("url", ["/", "/alpha/", "/accounts/login/", "/missing/"])
def test_every_html_page_carries_a_strict_csp(client, institution, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()
    assert " style=" not in response.content.decode()


def boom(request):
    raise RuntimeError("simulated failure")


urlpatterns = [path("boom/", boom)]
handler500 = "allin.core.views.server_error"


@pytest.mark.urls("tests.core.test_core")
def test_server_error_page_is_friendly(db):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_bad_csrf_token_gets_a_readable_page(institution, member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post("/alpha/invitations/whatever/")
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
