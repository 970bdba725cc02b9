"""Email from three templates per message: <name>_subject.txt, <name>_body.txt, <name>_body.html."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def send_templated_email(
    template: str,
    *,
    to: list[str],
    context: dict[str, Any],
    attachments: list[tuple[str, bytes, str]] = (),  # type: ignore[assignment]
) -> None:
    context = {"site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"{template}_subject.txt", context).strip().replace("\n", " ")
    text = render_to_string(f"{template}_body.txt", context)
    html = render_to_string(f"{template}_body.html", context)
    message = EmailMultiAlternatives(
        subject=f"[All In] {subject}", body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
