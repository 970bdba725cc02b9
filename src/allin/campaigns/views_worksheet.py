"""The Equity Impact worksheet: quick or full, saved privately, printable and downloadable."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify

from allin.campaigns import services
from allin.campaigns.models import Worksheet
from allin.campaigns.views import find_challenge
from allin.campaigns.worksheets import MODES, as_markdown
from allin.institutions.decorators import institution_view


def _mode(request: HttpRequest) -> str:
    mode = request.GET.get("mode", "quick")
    return mode if mode in MODES else "quick"


@institution_view("campaigns.reflect")
def worksheet(request: HttpRequest, campaign: str, challenge: str) -> HttpResponse:
    _, found = find_challenge(request, campaign, challenge)
    if not found.has_worksheet:
        raise Http404("This challenge has no worksheet.")
    mode = _mode(request)
    saved = Worksheet.objects.filter(challenge=found, owner=request.user, mode=mode).first()
    errors: dict[str, list[str]] = {}
    values = {
        "decision_title": saved.decision_title if saved else "",
        "decision_description": saved.decision_description if saved else "",
        "answers": dict(saved.answers) if saved else {},
    }
    if request.method == "POST":
        values = {
            "decision_title": request.POST.get("decision_title", ""),
            "decision_description": request.POST.get("decision_description", ""),
            "answers": {
                code: request.POST.get(f"answer_{code}", "") for code, _ in MODES[mode]["questions"]
            },
        }
        try:
            services.save_worksheet(found, owner=request.user, mode=mode, **values)
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"general": exc.messages}
        else:
            messages.success(request, "Your worksheet is saved. Only you can see it.")
            return redirect(f"{request.path}?mode={mode}")
    questions = [
        (code, text, values["answers"].get(code, "")) for code, text in MODES[mode]["questions"]
    ]
    return render(
        request,
        "campaigns/worksheet.html",
        {
            "campaign": found.campaign,
            "challenge": found,
            "mode": mode,
            "sheet": MODES[mode],
            "questions": questions,
            "values": values,
            "errors": errors,
            "saved": saved,
        },
    )


@institution_view("campaigns.reflect")
def download(request: HttpRequest, campaign: str, challenge: str) -> HttpResponse:
    _, found = find_challenge(request, campaign, challenge)
    mode = _mode(request)
    saved = Worksheet.objects.filter(challenge=found, owner=request.user, mode=mode).first()
    if saved is None:
        raise Http404("Save the worksheet first.")
    body = as_markdown(saved.decision_title, saved.decision_description, mode, saved.answers)
    response = HttpResponse(body, content_type="text/markdown; charset=utf-8")
    name = slugify(saved.decision_title) or "worksheet"
    response["Content-Disposition"] = f'attachment; filename="equity-impact-{name}.md"'
    return response
