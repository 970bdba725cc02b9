"""Reads for the walk's pages and the project community map, each in a fixed number of queries
however many stations, notes, votes, targets and projects there are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet, Value

from allin.accounts.models import User
from allin.change.enums import TargetStatus
from allin.change.models import ChangeTarget, Sphere
from allin.coalitions.models import MiniProject
from allin.datawalks.enums import NoteOrder, Prompt, Visibility
from allin.datawalks.models import DataWalk, Note, Station, Theme, Vote
from allin.institutions.models import Institution

ORDERINGS = {
    NoteOrder.NEWEST: ("-created_at", "-id"),
    NoteOrder.VOTES: ("-vote_count", "-created_at", "-id"),
}


def visible_walks(institution: Institution, *, member: bool) -> QuerySet[DataWalk]:
    walks = DataWalk.objects.filter(institution=institution)
    if not member:
        walks = walks.filter(visibility=Visibility.PUBLIC)
    return (
        walks.select_related("institution", "event__institution")
        .annotate(station_count=Count("stations", distinct=True))
        .order_by("-created_at", "-id")
    )


def stations_of(walk: DataWalk) -> list[Station]:
    """The stations in order, with how many notes each holds."""
    return list(
        Station.objects.filter(walk=walk)
        .annotate(note_count=Count("notes"))
        .only("public_id", "title", "order", "walk_id", "institution_id")
        # Explicit: Meta.ordering does not apply to a GROUP BY query, and PostgreSQL then
        # returns the stations in any order.
        .order_by("order", "id")
    )


def station_detail(walk: DataWalk, *, manager: bool, tracker: bool) -> QuerySet[Station]:
    """The station with its sphere, projects and change targets. ``manager``: may see draft
    targets; ``tracker``: may see the change tracker at all (it may be members-only even when
    the walk is public), else no target is listed."""
    shown_targets = ChangeTarget.objects.select_related("institution").order_by("-cycle", "title")
    if not tracker:
        shown_targets = shown_targets.none()
    elif not manager:
        shown_targets = shown_targets.exclude(status=TargetStatus.DRAFT)
    return (
        Station.objects.filter(walk=walk)
        .select_related("sphere__institution", "walk__institution")
        .prefetch_related(
            Prefetch("targets", queryset=shown_targets),
            Prefetch("projects", queryset=MiniProject.objects.select_related("institution")),
        )
    )


def _with_votes(notes: QuerySet[Note], user: User | None) -> QuerySet[Note]:
    voted = (
        Exists(Vote.objects.filter(note=OuterRef("pk"), voter=user))
        if user is not None and user.is_authenticated
        else Value(False)
    )
    return notes.annotate(vote_count=Count("votes"), voted=voted)


def station_notes(station: Station, user: User | None, order: str) -> list[Note]:
    """The notes as participants see them: words, prompt and votes, never the author. ``mine``
    marks the reader's own notes, which they may delete."""
    notes = Note.objects.filter(station=station).select_related(
        "target_origin__target__institution"
    )
    found = list(_with_votes(notes, user).order_by(*ORDERINGS[NoteOrder(order)]))
    for note in found:
        note.mine = user is not None and note.author_id == user.pk  # type: ignore[attr-defined]
    return found


def one_note(note: Note, user: User) -> Note | None:
    """One note as station_notes shows it, after a vote."""
    found = _with_votes(Note.objects.filter(pk=note.pk), user).first()
    if found is not None:
        found.mine = found.author_id == user.pk  # type: ignore[attr-defined]
    return found


def by_prompt(notes: list[Note]) -> list[tuple[Prompt, list[Note]]]:
    return [(prompt, [n for n in notes if n.prompt == prompt]) for prompt in Prompt]


def notes_for_organizers(station: Station, order: str) -> list[Note]:
    notes = Note.objects.filter(station=station).select_related(
        "theme", "need_sphere", "target_origin__target__institution"
    )
    return list(_with_votes(notes, None).order_by(*ORDERINGS[NoteOrder(order)]))


def themes_board(walk: DataWalk) -> list[Theme]:
    """Each theme with its notes, most voted first, and where each note was left."""
    notes = _with_votes(Note.objects.select_related("station", "need_sphere"), None).order_by(
        *ORDERINGS[NoteOrder.VOTES]
    )
    return list(
        Theme.objects.filter(walk=walk).prefetch_related(
            Prefetch("notes", queryset=notes, to_attr="board_notes")
        )
    )


def unthemed_count(walk: DataWalk) -> int:
    return Note.objects.filter(station__walk=walk, theme__isnull=True).count()


def export_rows(walk: DataWalk) -> list[list[object]]:
    """Every note of the walk without its author, for the planning meetings after the walk."""
    notes = _with_votes(
        Note.objects.filter(station__walk=walk).select_related(
            "station", "theme", "need_sphere", "target_origin__target"
        ),
        None,
    ).order_by("station__order", "station__id", "prompt", "-created_at")
    return [
        [
            note.station.title,
            note.get_prompt_display(),
            note.body,
            note.vote_count,
            note.theme.name if note.theme else "",
            note.need_sphere.name if note.need_sphere else "",
            _origin_title(note),
        ]
        for note in notes
    ]


def _origin_title(note: Note) -> str:
    origin = getattr(note, "target_origin", None)
    return origin.target.title if origin is not None else ""


# The project community map --------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectState:
    label: str
    open: bool


def project_state(project: MiniProject, at: datetime) -> ProjectState:
    """Open, full or closed, from the project's own fields: the map costs no query per
    project."""
    if project.closes_at and at > project.closes_at:
        return ProjectState("Sign-ups closed", False)
    if project.opens_at and at < project.opens_at:
        return ProjectState("Sign-ups not open yet", False)
    if project.capacity is not None and project.confirmed_count >= project.capacity:
        return ProjectState("Full (waitlist)", False)
    return ProjectState("Open", True)


def community_map(institution: Institution, *, member: bool, manager: bool) -> list[Sphere]:
    """Every sphere with its change targets (drafts for organizers only), its mini projects
    and its identified needs. Needs from members-only walks are shown to members only."""
    targets = ChangeTarget.objects.select_related("institution").order_by("-cycle", "title")
    if not manager:
        targets = targets.exclude(status=TargetStatus.DRAFT)
    needs = _with_votes(Note.objects.select_related("station__walk__institution"), None).order_by(
        *ORDERINGS[NoteOrder.VOTES]
    )
    if not member:
        needs = needs.filter(station__walk__visibility=Visibility.PUBLIC)
    return list(
        Sphere.objects.filter(institution=institution)
        .select_related("institution")
        .prefetch_related(
            Prefetch("targets", queryset=targets, to_attr="map_targets"),
            Prefetch(
                "mini_projects",
                queryset=MiniProject.objects.select_related("institution").order_by(
                    "starts_on", "title"
                ),
                to_attr="map_projects",
            ),
            Prefetch("data_walk_needs", queryset=needs, to_attr="map_needs"),
        )
    )
