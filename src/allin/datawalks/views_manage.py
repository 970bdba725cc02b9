"""The organizer's pages: walks and stations, every note with its votes, themes, needs, and a
note turned into a draft change target; a CSV of the notes without their authors."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from allin.change.models import Sphere
from allin.change.tracker import current_cycle
from allin.core.audit import history_for
from allin.core.exports import csv_response
from allin.core.forms import apply_validation_error
from allin.datawalks import queries, services, synthesis
from allin.datawalks.enums import NoteOrder, Prompt
from allin.datawalks.forms import DraftTargetForm, StationForm, ThemeForm, WalkEditForm, WalkForm
from allin.datawalks.models import DataWalk, Note, Station, Theme
from allin.institutions.decorators import institution_view

MANAGE = "datawalks.manage"
EXPORT_HEADER = ["Station", "Prompt", "Note", "Votes", "Theme", "Need of sphere", "Draft target"]


def _walk(request: HttpRequest, slug: str) -> DataWalk:
    return get_object_or_404(
        DataWalk.objects.select_related("institution", "event"),
        institution=request.institution,
        slug=slug,
    )


def _station(walk: DataWalk, public_id: str) -> Station:
    return get_object_or_404(
        Station.objects.select_related("walk__institution", "sphere"),
        walk=walk,
        public_id=public_id,
    )


def _note(walk: DataWalk, public_id: str) -> Note:
    return get_object_or_404(
        Note.objects.select_related("station__walk__institution", "station__sphere", "need_sphere"),
        station__walk=walk,
        public_id=public_id,
    )


def _url(name: str, walk: DataWalk, **kwargs: object) -> str:
    return reverse(
        f"datawalks:{name}",
        kwargs={"institution": walk.institution.slug, "walk": walk.slug, **kwargs},
    )


def _notes_url(note: Note) -> str:
    walk = note.station.walk
    return _url("manage-notes", walk, station=note.station.public_id) + f"#note-{note.public_id}"


@institution_view(MANAGE, manage=True)
def walks(request: HttpRequest) -> HttpResponse:
    form = WalkForm(request.POST or None, institution=request.institution)
    if request.method == "POST" and form.is_valid():
        try:
            walk = services.create_walk(
                request.institution, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"{walk.title} is created. Now add its stations.")
            return redirect(_url("manage-walk", walk))
    found = queries.visible_walks(request.institution, member=True)
    return render(request, "datawalks/manage/walks.html", {"walks": list(found), "form": form})


@institution_view(MANAGE, manage=True)
def walk(request: HttpRequest, walk: str) -> HttpResponse:
    found = _walk(request, walk)
    form = WalkEditForm(request.POST or None, instance=found, institution=request.institution)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_walk(found, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect(_url("manage-walk", found))
    if request.method == "POST":
        found.refresh_from_db()
    return render(
        request,
        "datawalks/manage/walk.html",
        {
            "walk": found,
            "form": form,
            "stations": queries.stations_of(found),
            "history": history_for(found),
        },
    )


def _station_form(request: HttpRequest, walk: DataWalk, station: Station | None) -> HttpResponse:
    form = StationForm(request.POST or None, instance=station, institution=request.institution)
    if request.method == "POST" and form.is_valid():
        try:
            if station is None:
                station = services.add_station(walk, actor=request.user, **form.values())
            else:
                services.update_station(station, actor=request.user, **form.values())
        except ValidationError as exc:
            # The figures are typed in one box: errors about the rows belong next to it.
            if hasattr(exc, "error_dict") and "figure_rows" in exc.error_dict:
                exc.error_dict["figure_data"] = exc.error_dict.pop("figure_rows")
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Station “{station.title}” is saved.")
            return redirect(_url("manage-walk", walk) + "#stations")
    if request.method == "POST" and station is not None:
        station.refresh_from_db()  # the form wrote the typed values onto it
    return render(
        request, "datawalks/manage/station.html", {"walk": walk, "station": station, "form": form}
    )


@institution_view(MANAGE, manage=True)
def station_add(request: HttpRequest, walk: str) -> HttpResponse:
    return _station_form(request, _walk(request, walk), None)


@institution_view(MANAGE, manage=True)
def station_edit(request: HttpRequest, walk: str, station: str) -> HttpResponse:
    found = _walk(request, walk)
    return _station_form(request, found, _station(found, station))


@institution_view(MANAGE, manage=True)
def station_remove(request: HttpRequest, walk: str, station: str) -> HttpResponse:
    found = _walk(request, walk)
    obj = _station(found, station)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.remove_station(obj, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_url("manage-station", found, station=obj.public_id))
    messages.success(request, f"Station “{obj.title}” is removed.")
    return redirect(_url("manage-walk", found) + "#stations")


@institution_view(MANAGE, manage=True)
def notes(request: HttpRequest, walk: str, station: str) -> HttpResponse:
    found = _walk(request, walk)
    obj = _station(found, station)
    order = request.GET.get("order", "")
    order = order if order in NoteOrder.values else NoteOrder.VOTES
    return render(
        request,
        "datawalks/manage/notes.html",
        {
            "walk": found,
            "station": obj,
            "stations": queries.stations_of(found),
            "notes": queries.notes_for_organizers(obj, order),
            "order": order,
            "orders": NoteOrder.choices,
            "themes": list(Theme.objects.filter(walk=found)),
            "spheres": list(Sphere.objects.filter(institution=request.institution)),
            "change": Prompt.CHANGE,
        },
    )


@institution_view(MANAGE, manage=True)
def note_theme(request: HttpRequest, walk: str, note: str) -> HttpResponse:
    found = _walk(request, walk)
    obj = _note(found, note)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    chosen = request.POST.get("theme", "")
    theme = Theme.objects.filter(walk=found, public_id=chosen).first() if _is_uuid(chosen) else None
    if chosen and theme is None:
        messages.error(request, "Choose one of this walk's themes.")
        return redirect(_notes_url(obj))
    synthesis.set_note_theme(obj, actor=request.user, theme=theme)
    messages.success(request, f"Filed under “{theme}”." if theme else "Taken out of its theme.")
    return redirect(_notes_url(obj))


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@institution_view(MANAGE, manage=True)
def note_need(request: HttpRequest, walk: str, note: str) -> HttpResponse:
    found = _walk(request, walk)
    obj = _note(found, note)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    chosen = request.POST.get("sphere", "")
    sphere = Sphere.objects.filter(institution=request.institution, slug=chosen).first()
    if chosen and sphere is None:
        messages.error(request, "Choose one of the institution's spheres.")
        return redirect(_notes_url(obj))
    try:
        synthesis.mark_need(obj, actor=request.user, sphere=sphere)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"Marked as a need of {sphere}: it is on the project community map."
            if sphere
            else "No longer marked as a need.",
        )
    return redirect(_notes_url(obj))


def _draft_initial(request: HttpRequest, note: Note) -> dict[str, object]:
    first_line = note.body.strip().splitlines()[0].strip()
    title = first_line if len(first_line) <= 120 else first_line[:119].rstrip() + "…"
    sphere = note.need_sphere or note.station.sphere
    today = timezone.localdate(timezone=request.institution.zone)
    return {
        "sphere": sphere.slug if sphere else None,
        "title": title,
        "slug": slugify(title)[:80].strip("-"),
        "desired_outcome": note.body,
        "rationale": f"Drafted from a “{note.get_prompt_display()}” note at the data walk "
        f"“{note.station.walk.title}”, station “{note.station.title}”.",
        "cycle": current_cycle(request.institution, today),
    }


@institution_view(MANAGE, manage=True)
def note_target(request: HttpRequest, walk: str, note: str) -> HttpResponse:
    found = _walk(request, walk)
    obj = _note(found, note)
    origin = getattr(obj, "target_origin", None)
    form = DraftTargetForm(
        request.POST or None, initial=_draft_initial(request, obj), institution=request.institution
    )
    if request.method == "POST" and origin is None and form.is_valid():
        try:
            target = synthesis.draft_target_from_note(obj, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"The draft target “{target.title}” is created.")
            return redirect(_notes_url(obj))
    return render(
        request,
        "datawalks/manage/draft_target.html",
        {"walk": found, "note": obj, "form": form, "origin": origin},
    )


@institution_view(MANAGE, manage=True)
def themes(request: HttpRequest, walk: str) -> HttpResponse:
    found = _walk(request, walk)
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            theme = synthesis.add_theme(found, actor=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Theme “{theme.name}” is added.")
            return redirect(_url("manage-themes", found))
    return render(
        request,
        "datawalks/manage/themes.html",
        {
            "walk": found,
            "form": form,
            "themes": queries.themes_board(found),
            "unthemed": queries.unthemed_count(found),
        },
    )


@institution_view(MANAGE, manage=True)
def theme_remove(request: HttpRequest, walk: str, theme: str) -> HttpResponse:
    found = _walk(request, walk)
    obj = get_object_or_404(
        Theme.objects.select_related("walk__institution"), walk=found, public_id=theme
    )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    synthesis.remove_theme(obj, actor=request.user)
    messages.success(request, f"Theme “{obj.name}” is removed; its notes have no theme now.")
    return redirect(_url("manage-themes", found))


@institution_view(MANAGE, manage=True)
def export(request: HttpRequest, walk: str) -> HttpResponse:
    found = _walk(request, walk)
    return csv_response(f"{found.slug}-notes.csv", EXPORT_HEADER, queries.export_rows(found))
