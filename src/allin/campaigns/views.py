from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from allin.campaigns import queries, services
from allin.campaigns.forms import ReflectionForm
from allin.campaigns.forms_groups import JoinGroupForm, OpenGroupForm
from allin.campaigns.models import Campaign, Challenge, Raffle, Reflection
from allin.core.forms import apply_validation_error
from allin.events.queries import by_day
from allin.institutions.decorators import institution_view


def _campaign(request: HttpRequest, slug: str) -> Campaign:
    return get_object_or_404(
        Campaign.objects.select_related("institution"), institution=request.institution, slug=slug
    )


@institution_view()
def index(request: HttpRequest) -> HttpResponse:
    found = Campaign.objects.filter(institution=request.institution)
    return render(request, "campaigns/index.html", {"campaigns": found})


@institution_view()
def detail(request: HttpRequest, campaign: str) -> HttpResponse:
    obj = _campaign(request, campaign)
    challenges = list(queries.challenges(obj, request.user))
    revealed = [c for c in challenges if c.reveal_at <= timezone.now()]
    return render(
        request,
        "campaigns/detail.html",
        {
            "campaign": obj,
            "countdown": queries.countdown(obj),
            "days": by_day(queries.sessions(obj, request.user)),
            "challenges": challenges,
            "today": queries.todays_challenge(revealed),
            "prizes": list(obj.prizes.all()),
            "entries": queries.entries(obj, request.user),
            "now": timezone.now(),
            "winners": _winners(obj),
        },
    )


def _winners(campaign: Campaign) -> list[dict[str, object]]:
    from allin.campaigns.draws import results

    draw = Raffle.objects.filter(campaign=campaign, drawn_at__isnull=False).first()
    # After any declines: the alternates who took a place, and no one for an unclaimed place.
    return [p for p in results(draw).places if not p["unclaimed"]] if draw else []


def find_challenge(
    request: HttpRequest, campaign: str, challenge: str
) -> tuple[Campaign, Challenge]:
    obj = _campaign(request, campaign)
    found = queries.challenges(obj, request.user).filter(slug=challenge).first()
    if found is None:
        raise Http404("No such challenge, or not yet revealed.")
    return obj, found


def challenge_page(
    request: HttpRequest,
    obj: Campaign,
    found: Challenge,
    form: ReflectionForm | None = None,
    **group_forms: object,
) -> HttpResponse:
    """The challenge page; a group form that failed comes back bound, with its errors."""
    reflections = queries.reflections_for_page(found, request.user)
    mine = reflections["mine"]
    if form is None:
        form = ReflectionForm(
            initial={"body": mine.body, "visibility": mine.visibility} if mine else None
        )
    context = {
        "campaign": obj,
        "challenge": found,
        "preview": found.reveal_at > timezone.now(),
        "form": form,
        "is_member": request.membership is not None,
        **reflections,
    }
    if found.group_mode and request.membership is not None:
        context["my_groups"] = queries.groups_of(found, request.user)
        context["open_form"] = group_forms.get("open_form") or OpenGroupForm()
        context["join_form"] = group_forms.get("join_form") or JoinGroupForm()
    return render(request, "campaigns/challenge.html", context)


@institution_view()
def challenge(request: HttpRequest, campaign: str, challenge: str) -> HttpResponse:
    obj, found = find_challenge(request, campaign, challenge)
    if request.membership is not None and found.reveal_at <= timezone.now():
        services.note_open(found, request.user)
    form = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        form = ReflectionForm(request.POST)
        if form.is_valid():
            try:
                services.save_reflection(found, author=request.user, **form.cleaned_data)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, "Your reflection is saved.")
                return redirect(request.path)
    return challenge_page(request, obj, found, form)


@institution_view("campaigns.reflect")
def delete_reflection(request: HttpRequest, campaign: str, challenge: str) -> HttpResponse:
    _, found = find_challenge(request, campaign, challenge)
    mine = get_object_or_404(Reflection, challenge=found, author=request.user)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.delete_reflection(mine, author=request.user)
    messages.success(request, "Your reflection is deleted. Nothing of it is kept.")
    return redirect(found.get_absolute_url())
