"""Every write to a target's plan: its SMART objectives, tactical tasks and short-term wins."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from allin.accounts.models import User
from allin.change.models import ChangeTarget, ShortTermWin, SmartObjective, TacticalTask
from allin.change.writing import apply, locked_target, not_blank, require_members
from allin.core.audit import log_action


def _log(obj: Model, action: str, target: ChangeTarget, actor: User | None, **data: object) -> None:
    log_action(
        obj,
        action,
        actor=actor,
        institution=target.institution,
        data={"target": target.title, **data},
    )


def add_objective(
    target: ChangeTarget, *, actor: User | None, text: str, measure: str, due_date: date
) -> SmartObjective:
    not_blank(text=text, measure=measure)
    with transaction.atomic():
        fresh = locked_target(target)
        objective = SmartObjective.objects.create(
            institution_id=fresh.institution_id,
            target=fresh,
            text=text.strip(),
            measure=measure.strip(),
            due_date=due_date,
            order=fresh.objectives.count(),
        )
        _log(objective, "change.objective.added", fresh, actor)
    return objective


def update_objective(
    objective: SmartObjective, *, actor: User | None, text: str, measure: str, due_date: date
) -> SmartObjective:
    not_blank(text=text, measure=measure)
    with transaction.atomic():
        target = locked_target(objective.target)
        fresh = SmartObjective.objects.get(pk=objective.pk)
        changed = apply(
            fresh, {"text": text.strip(), "measure": measure.strip(), "due_date": due_date}
        )
        if changed:
            fresh.save(update_fields=changed)
            _log(fresh, "change.objective.changed", target, actor, fields=", ".join(changed))
    return fresh


def delete_objective(objective: SmartObjective, *, actor: User | None) -> None:
    with transaction.atomic():
        target = locked_target(objective.target)
        SmartObjective.objects.filter(pk=objective.pk).delete()
        _log(target, "change.objective.deleted", target, actor, objective=objective.text[:100])


def add_task(
    target: ChangeTarget,
    *,
    actor: User | None,
    title: str,
    owner: User | None = None,
    due_date: date | None = None,
) -> TacticalTask:
    not_blank(title=title)
    with transaction.atomic():
        fresh = locked_target(target)
        require_members(fresh.institution, [owner], field="owner")
        task = TacticalTask.objects.create(
            institution_id=fresh.institution_id,
            target=fresh,
            title=title.strip(),
            owner=owner,
            due_date=due_date,
            order=fresh.tasks.count(),
        )
        _log(task, "change.task.added", fresh, actor)
    return task


def update_task(
    task: TacticalTask,
    *,
    actor: User | None,
    title: str,
    owner: User | None = None,
    due_date: date | None = None,
) -> TacticalTask:
    not_blank(title=title)
    with transaction.atomic():
        target = locked_target(task.target)
        require_members(target.institution, [owner], field="owner")
        fresh = TacticalTask.objects.get(pk=task.pk)
        changed = apply(
            fresh,
            {"title": title.strip(), "owner_id": owner.pk if owner else None, "due_date": due_date},
        )
        if changed:
            fresh.save(update_fields=changed)
            fields = ", ".join(name.removesuffix("_id") for name in changed)
            _log(fresh, "change.task.changed", target, actor, fields=fields)
    return fresh


def set_task_done(task: TacticalTask, *, actor: User | None, done: bool) -> TacticalTask:
    """Idempotent: ticking a task that is already done keeps the moment it was first done."""
    with transaction.atomic():
        target = locked_target(task.target)
        fresh = TacticalTask.objects.select_for_update().get(pk=task.pk)
        if fresh.is_done != done:
            fresh.done_at = timezone.now() if done else None
            fresh.save(update_fields=["done_at"])
            action = "change.task.done" if done else "change.task.reopened"
            _log(fresh, action, target, actor)
    return fresh


def delete_task(task: TacticalTask, *, actor: User | None) -> None:
    with transaction.atomic():
        target = locked_target(task.target)
        TacticalTask.objects.filter(pk=task.pk).delete()
        _log(target, "change.task.deleted", target, actor, task=task.title)


WIN_FIELDS = ("date", "title", "description", "evidence_url", "publicised")


def _check_win(win: ShortTermWin) -> None:
    not_blank(title=win.title)
    win.full_clean(exclude=["institution", "target"], validate_constraints=False)
    if win.date > timezone.localdate():
        raise ValidationError({"date": "A win is something that has happened; pick a past date."})


def add_win(
    target: ChangeTarget,
    *,
    actor: User | None,
    date: date,
    title: str,
    description: str = "",
    evidence_url: str = "",
    publicised: bool = False,
) -> ShortTermWin:
    with transaction.atomic():
        fresh = locked_target(target)
        win = ShortTermWin(
            institution_id=fresh.institution_id,
            target=fresh,
            date=date,
            title=title.strip(),
            description=description,
            evidence_url=evidence_url,
            publicised=publicised,
        )
        _check_win(win)
        win.save()
        _log(win, "change.win.added", fresh, actor)
    return win


def update_win(win: ShortTermWin, *, actor: User | None, **fields: object) -> ShortTermWin:
    unknown = set(fields) - set(WIN_FIELDS)
    if unknown:
        raise TypeError(f"Not a win field: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        target = locked_target(win.target)
        fresh = ShortTermWin.objects.get(pk=win.pk)
        changed = apply(fresh, fields)
        _check_win(fresh)
        if changed:
            fresh.save(update_fields=changed)
            _log(fresh, "change.win.changed", target, actor, fields=", ".join(changed))
    return fresh


def delete_win(win: ShortTermWin, *, actor: User | None) -> None:
    with transaction.atomic():
        target = locked_target(win.target)
        ShortTermWin.objects.filter(pk=win.pk).delete()
        _log(target, "change.win.deleted", target, actor, win=win.title)
