"""The walk as participants meet it, on a phone in the room or online: the walk, one station a
page with its notes, posting, voting and deleting one's own note; and the project community
map."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from allin.core.cache import change_fragment_key
from allin.core.forms import apply_validation_error
from allin.core.ratelimit import rate_limited
from allin.datawalks import notes as services
from allin.datawalks import queries
from allin.datawalks.enums import NoteOrder
from allin.datawalks.figures import bars, chart_height
from allin.datawalks.forms import NoteForm
from allin.datawalks.models import DataWalk, Note, Station
from allin.institutions.decorators import institution_view

TAKE_PART = "datawalks.take_part"
READ = ("GET", "HEAD")


def _walk(request: HttpRequest, slug: str) -> DataWalk:
    """The walk, if this person may see it: members-only walks send visitors to sign in and
    are a 404 to people of other schools."""
    walk = get_object_or_404(
        DataWalk.objects.select_related("institution", "event"),
        institution=request.institution,
        slug=slug,
    )
    if not request.user.has_perm("datawalks.view_walk", walk):
        raise Http404("This data walk is for members of the institution.")
    return walk


def _members_only(request: HttpRequest) -> HttpResponse:
    return redirect_to_login(request.get_full_path())


def _station_url(walk: DataWalk, station: Station | Note) -> str:
    public_id = station.public_id if isinstance(station, Station) else station.station.public_id
    return reverse(
        "datawalks:station",
        kwargs={"institution": walk.institution.slug, "walk": walk.slug, "station": public_id},
    )


def _order(request: HttpRequest) -> str:
    chosen = request.GET.get("order", "")
    return chosen if chosen in NoteOrder.values else NoteOrder.NEWEST


@institution_view()
def index(request: HttpRequest) -> HttpResponse:
    if request.method not in READ:
        return HttpResponseNotAllowed(READ)
    walks = list(queries.visible_walks(request.institution, member=request.membership is not None))
    problems = {w.pk: services.open_problem(w) for w in walks}
    return render(request, "datawalks/index.html", {"walks": walks, "problems": problems})


def _visible_walk(request: HttpRequest, slug: str) -> DataWalk | HttpResponse:
    try:
        return _walk(request, slug)
    except Http404:
        hidden = DataWalk.objects.filter(institution=request.institution, slug=slug).exists()
        if hidden and not request.user.is_authenticated:
            return _members_only(request)
        raise


@institution_view()
def walk(request: HttpRequest, walk: str) -> HttpResponse:
    found = _visible_walk(request, walk)
    if isinstance(found, HttpResponse):
        return found
    if request.method not in READ:
        return HttpResponseNotAllowed(READ)
    stations = queries.stations_of(found)
    return render(
        request,
        "datawalks/walk.html",
        {
            "walk": found,
            "stations": stations,
            "problem": services.open_problem(found),
            "may_manage": request.user.has_perm("datawalks.manage", request.institution),
        },
    )


def _station_page(
    request: HttpRequest, found: DataWalk, station: str, form: NoteForm | None = None
) -> HttpResponse:
    may_manage = request.user.has_perm("datawalks.manage", request.institution)
    may_manage_targets = request.user.has_perm("change.manage", request.institution)
    may_see_targets = request.user.has_perm("change.view_tracker", request.institution)
    stations = queries.stations_of(found)
    current = get_object_or_404(
        queries.station_detail(found, manager=may_manage_targets, tracker=may_see_targets),
        public_id=station,
    )
    place = next(i for i, s in enumerate(stations) if s.pk == current.pk)
    order = _order(request)
    notes = queries.station_notes(current, request.user, order)
    drawn = bars(current.figure_rows, current.figure_unit)
    return render(
        request,
        "datawalks/station.html",
        {
            "walk": found,
            "station": current,
            "place": place + 1,
            "count": len(stations),
            "previous": stations[place - 1] if place > 0 else None,
            "next": stations[place + 1] if place + 1 < len(stations) else None,
            "bars": drawn,
            "figure_hidden": any(bar.hidden for bar in drawn),
            "chart_height": chart_height(current.figure_rows),
            "prompts": queries.by_prompt(notes),
            "order": order,
            "orders": NoteOrder.choices,
            "form": form or NoteForm(),
            "problem": services.open_problem(found),
            "may_take_part": request.user.has_perm(TAKE_PART, request.institution),
            "may_manage": may_manage,
            "may_manage_targets": may_manage_targets,
            "may_see_targets": may_see_targets,
        },
    )


@institution_view()
def station(request: HttpRequest, walk: str, station: str) -> HttpResponse:
    found = _visible_walk(request, walk)
    if isinstance(found, HttpResponse):
        return found
    if request.method not in READ:
        return HttpResponseNotAllowed(READ)
    return _station_page(request, found, station)


def _station_of_walk(found: DataWalk, public_id: str) -> Station:
    return get_object_or_404(
        Station.objects.select_related("walk__institution", "walk__event"),
        walk=found,
        public_id=public_id,
    )


@institution_view(TAKE_PART)
@rate_limited("walk_note")
def post_note(request: HttpRequest, walk: str, station: str) -> HttpResponse:
    found = _walk(request, walk)
    current = _station_of_walk(found, station)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.post_note(current, author=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Your note is up, without your name.")
            return redirect(_station_url(found, current) + "#notes")
    return _station_page(request, found, station, form)


def _note(found: DataWalk, public_id: str) -> Note:
    return get_object_or_404(
        Note.objects.select_related("station__walk__institution", "station__walk__event"),
        station__walk=found,
        public_id=public_id,
    )


@institution_view(TAKE_PART)
@rate_limited("walk_vote")
def vote(request: HttpRequest, walk: str, note: str) -> HttpResponse:
    found = _walk(request, walk)
    obj = _note(found, note)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        voted = services.toggle_vote(obj, voter=request.user)
    except ValidationError as exc:
        said, level = " ".join(exc.messages), messages.ERROR
    else:
        said = "Your vote is counted." if voted else "Your vote is withdrawn."
        level = messages.SUCCESS
    if request.htmx:
        shown = queries.one_note(obj, request.user)
        if shown is None:  # its author deleted it a moment ago
            raise Http404("This note was deleted.")
        context = {"note": shown, "walk": found, "may_take_part": True, "said": said}
        return render(request, "datawalks/station.html#note-votes", context)
    messages.add_message(request, level, said)
    return redirect(f"{_station_url(found, obj)}#note-{obj.public_id}")


@institution_view(TAKE_PART)
def delete_note(request: HttpRequest, walk: str, note: str) -> HttpResponse:
    found = _walk(request, walk)
    obj = _note(found, note)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.delete_note(obj, author=request.user)
    messages.success(request, "Your note is deleted.")
    return redirect(_station_url(found, obj) + "#notes")


MAP_SECONDS = 60


@institution_view()
def community_map(request: HttpRequest) -> HttpResponse:
    """Visible like the change tracker: public or members-only, per institution."""
    if not request.user.has_perm("change.view_tracker", request.institution):
        if not request.user.is_authenticated:
            return _members_only(request)
        raise Http404("The project community map of this institution is for its members.")
    if request.method not in READ:
        return HttpResponseNotAllowed(READ)
    member = request.membership is not None
    manager = request.user.has_perm("datawalks.manage", request.institution)
    # What the map shows depends only on being a member and being an organizer, so one
    # rendering serves each kind of viewer until a change or the minute is up.
    key = change_fragment_key(request.institution.pk, "map", member, manager)
    body = cache.get(key)
    if body is None:
        spheres = queries.community_map(request.institution, member=member, manager=manager)
        now = timezone.now()
        states = {
            project.pk: queries.project_state(project, now)
            for sphere in spheres
            for project in sphere.map_projects  # type: ignore[attr-defined]
        }
        body = render_to_string(
            "datawalks/_map_body.html",
            {"spheres": spheres, "states": states, "institution": request.institution},
            request=request,
        )
        cache.set(key, body, MAP_SECONDS)
    return render(request, "datawalks/map.html", {"body": mark_safe(body)})  # noqa: S308
