"""Email from three templates per message: <name>_subject.txt, <name>_body.txt, <name>_body.html."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string


def _plain(name: str, context: dict[str, Any]) -> str:
    # Plain text is not HTML: "Lunch n' Unlearn" must not arrive as "Lunch n&#x27; Unlearn".
    return get_template(name).template.render(Context(context, autoescape=False))


def send_templated_email(
    template: str,
    *,
    to: list[str],
    context: dict[str, Any],
    attachments: list[tuple[str, bytes, str]] = (),  # type: ignore[assignment]
) -> None:
    context = {"site_url": settings.SITE_URL, **context}
    subject = _plain(f"{template}_subject.txt", context).strip().replace("\n", " ")
    text = _plain(f"{template}_body.txt", context)
    html = render_to_string(f"{template}_body.html", context)
    message = EmailMultiAlternatives(
        subject=f"[All In] {subject}", body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
