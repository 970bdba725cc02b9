"""The coalition's composition by self-identified group: counted once a month, stored, shown.

The roster names every member and so publishes the total; a table of counts beside it must hold
up against that. A group's count is shown only when it is 11 or more and at least 11 members
are outside it (the rates rule of research/methods.md §5.3, point 3: "all 12 members are in
group X" says each named person's group, the l-diversity leak of §5.2). Groups not shown are
merged into one row, itself 11 or more, so no hidden count can be worked out from the total
(§5.3, point 2), and a zero is never listed next to a hidden group.

A month's table is taken once, the first time it is asked for, and kept (§5.3, point 5). A
group whose count moved by 1 to 10 since the last table is merged away too: a change that
small, read beside the roster's comings and goings, could say whose answer it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction

from allin.accounts.enums import RaceEthnicity, URiM
from allin.coalitions.models import Coalition, CompositionSnapshot, Term
from allin.core.privacy import THRESHOLD

NOT_ANSWERED = "Not answered"
SEVERAL = "More than one group"
OTHER = "Other or hidden"


@dataclass(frozen=True)
class Composition:
    month: date
    taken_at: datetime
    counted: int
    race: list[tuple[str, str]]
    urim: list[tuple[str, str]]


def publishable(
    counts: Mapping[str, int],
    *,
    previous: Sequence[Sequence[str]] = (),
    threshold: int = THRESHOLD,
) -> list[tuple[str, str]]:
    """The rows fit to show beside a public total: groups, then "Other or hidden".

    Empty when nothing can be shown. ``counts`` must partition the members (each person in one
    group), so their sum is the total the roster gives away.
    """
    total = sum(counts.values())
    before = {label: _number(text) for label, text in previous}

    def moved(label: str, n: int) -> bool:
        last = before.get(label)
        return last is not None and 0 < abs(n - last) < threshold

    shown = {
        label: n
        for label, n in counts.items()
        if n >= threshold and total - n >= threshold and not moved(label, n)
    }
    rest = total - sum(shown.values())
    while shown and 0 < rest < threshold:
        # One more merged group is enough: each shown one has 11 or more.
        smallest = min(shown, key=lambda label: (shown[label], list(counts).index(label)))
        rest += shown.pop(smallest)
    if not shown:
        return []
    rows = [(label, f"{n:,}") for label, n in counts.items() if label in shown]
    if rest:
        rows.append((OTHER, f"{rest:,}"))
    return rows


def _number(text: str) -> int | None:
    digits = text.replace(",", "")
    return int(digits) if digits.isdigit() else None


def count_groups(coalition: Coalition, on: date) -> tuple[dict[str, int], dict[str, int]]:
    """Members on ``on`` by race and ethnicity and by URiM answer, each a partition: a person
    in several groups counts once, under "More than one group"."""
    # The answers only, never who gave them: no name leaves this query.
    answers = Term.objects.filter(
        coalition=coalition, starts_on__lte=on, ends_on__gt=on
    ).values_list("user__self_identification__race_ethnicity", "user__self_identification__urim")
    race = dict.fromkeys([*RaceEthnicity.labels, SEVERAL, NOT_ANSWERED], 0)
    urim = dict.fromkeys([*URiM.labels, NOT_ANSWERED], 0)
    for codes, answer in answers:
        if not codes:
            race[NOT_ANSWERED] += 1
        elif len(codes) > 1:
            race[SEVERAL] += 1
        else:
            race[RaceEthnicity(codes[0]).label] += 1
        urim[URiM(answer).label if answer else NOT_ANSWERED] += 1
    return race, urim


def take_snapshot(coalition: Coalition, today: date) -> CompositionSnapshot:
    """This month's stored table, counted now if nobody has asked for it yet.

    Members on the first of the month count. Two first requests at once make one row: the
    unique (coalition, month) constraint settles it and the loser reads the winner's.
    """
    month = today.replace(day=1)
    found = CompositionSnapshot.objects.filter(coalition=coalition, month=month).first()
    if found is not None:
        return found
    previous = (
        CompositionSnapshot.objects.filter(coalition=coalition, month__lt=month)
        .order_by("-month")
        .first()
    )
    race, urim = count_groups(coalition, month)
    try:
        with transaction.atomic():
            return CompositionSnapshot.objects.create(
                institution_id=coalition.institution_id,
                coalition=coalition,
                month=month,
                counted=sum(race.values()),
                race=publishable(race, previous=previous.race if previous else ()),
                urim=publishable(urim, previous=previous.urim if previous else ()),
            )
    except IntegrityError:
        return CompositionSnapshot.objects.get(coalition=coalition, month=month)


def composition(coalition: Coalition, today: date) -> Composition:
    row = take_snapshot(coalition, today)
    return Composition(
        month=row.month,
        taken_at=row.taken_at,
        counted=row.counted,
        race=[(label, text) for label, text in row.race],
        urim=[(label, text) for label, text in row.urim],
    )
