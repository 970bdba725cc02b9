"""Organizers edit a target's plan item by item: tasks (ticked done in place with htmx),
objectives and short-term wins."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django_htmx.http import HttpResponseClientRedirect

from allin.change import plan, queries
from allin.change.forms import ObjectiveForm, TaskForm, WinForm
from allin.change.models import ChangeTarget, ShortTermWin, SmartObjective, TacticalTask
from allin.change.views_manage import (
    MANAGE,
    attempt,
    confirm,
    edit_page,
    managed_target,
    target_url,
)
from allin.core.audit import history_for
from allin.institutions.decorators import institution_view


def _task(request: HttpRequest, target: str, task: str) -> TacticalTask:
    found = managed_target(request, target)
    return get_object_or_404(
        TacticalTask.objects.select_related("target__institution"), target=found, public_id=task
    )


@institution_view(MANAGE, manage=True)
def task_done(request: HttpRequest, target: str, task: str) -> HttpResponse:
    """Tick or untick a task. With htmx, answers the task's row and the new percentage."""
    obj = _task(request, target, task)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        obj = plan.set_task_done(obj, actor=request.user, done=request.POST.get("done") == "1")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        if request.htmx:
            # A redirect would be followed inside the request and its whole page swapped into
            # the task's row; htmx loads the page, with the message, in the window instead.
            return HttpResponseClientRedirect(target_url(obj.target))
        return redirect(target_url(obj.target))
    if request.htmx:
        context = {
            "task": obj,
            "target": obj.target,
            "progress": queries.with_progress(ChangeTarget.objects.filter(pk=obj.target_id)).get(),
            "closed": False,
        }
        return render(request, "change/manage/target.html#task-row", context)
    return redirect(f"{target_url(obj.target)}#tasks")


@institution_view(MANAGE, manage=True)
def task(request: HttpRequest, target: str, task: str) -> HttpResponse:
    obj = _task(request, target, task)
    initial = {"title": obj.title, "owner": obj.owner_id, "due_date": obj.due_date}
    form = TaskForm(request.POST or None, initial=initial, institution=request.institution)
    back = f"{target_url(obj.target)}#tasks"
    if request.method == "POST" and attempt(
        form, lambda: plan.update_task(obj, actor=request.user, **form.cleaned_data)
    ):
        messages.success(request, "Task saved.")
        return redirect(back)
    return edit_page(
        request,
        back=back,
        back_label=obj.target.title,
        form=form,
        heading=f"Edit the task {obj.title}",
        delete_url=request.path + "delete/",
        history=history_for(obj),
    )


@institution_view(MANAGE, manage=True)
def task_delete(request: HttpRequest, target: str, task: str) -> HttpResponse:
    obj = _task(request, target, task)
    return confirm(
        request,
        lambda: plan.delete_task(obj, actor=request.user),
        back=f"{target_url(obj.target)}#tasks",
        done="The task is removed.",
        heading=f"Remove the task {obj.title}?",
        explanation="The target's percent complete will count it no longer.",
        button="Remove the task",
    )


def _objective(request: HttpRequest, target: str, objective: str) -> SmartObjective:
    found = managed_target(request, target)
    return get_object_or_404(
        SmartObjective.objects.select_related("target__institution"),
        target=found,
        public_id=objective,
    )


@institution_view(MANAGE, manage=True)
def objective(request: HttpRequest, target: str, objective: str) -> HttpResponse:
    obj = _objective(request, target, objective)
    initial = {"text": obj.text, "measure": obj.measure, "due_date": obj.due_date}
    form = ObjectiveForm(request.POST or None, initial=initial)
    back = f"{target_url(obj.target)}#objectives"
    if request.method == "POST" and attempt(
        form, lambda: plan.update_objective(obj, actor=request.user, **form.cleaned_data)
    ):
        messages.success(request, "Objective saved.")
        return redirect(back)
    return edit_page(
        request,
        back=back,
        back_label=obj.target.title,
        form=form,
        heading="Edit the objective",
        delete_url=request.path + "delete/",
        history=history_for(obj),
    )


@institution_view(MANAGE, manage=True)
def objective_delete(request: HttpRequest, target: str, objective: str) -> HttpResponse:
    obj = _objective(request, target, objective)
    return confirm(
        request,
        lambda: plan.delete_objective(obj, actor=request.user),
        back=f"{target_url(obj.target)}#objectives",
        done="The objective is removed.",
        heading="Remove this objective?",
        explanation=obj.text,
        button="Remove the objective",
    )


def _win(request: HttpRequest, target: str, win: str) -> ShortTermWin:
    found = managed_target(request, target)
    return get_object_or_404(
        ShortTermWin.objects.select_related("target__institution"), target=found, public_id=win
    )


@institution_view(MANAGE, manage=True)
def win(request: HttpRequest, target: str, win: str) -> HttpResponse:
    obj = _win(request, target, win)
    initial = {name: getattr(obj, name) for name in WinForm.base_fields}
    form = WinForm(request.POST or None, initial=initial)
    back = f"{target_url(obj.target)}#wins"
    if request.method == "POST" and attempt(
        form, lambda: plan.update_win(obj, actor=request.user, **form.cleaned_data)
    ):
        messages.success(request, "Win saved.")
        return redirect(back)
    return edit_page(
        request,
        back=back,
        back_label=obj.target.title,
        form=form,
        heading=f"Edit the win {obj.title}",
        delete_url=request.path + "delete/",
        history=history_for(obj),
    )


@institution_view(MANAGE, manage=True)
def win_delete(request: HttpRequest, target: str, win: str) -> HttpResponse:
    obj = _win(request, target, win)
    return confirm(
        request,
        lambda: plan.delete_win(obj, actor=request.user),
        back=f"{target_url(obj.target)}#wins",
        done="The win is removed.",
        heading=f"Remove the win {obj.title}?",
        explanation="Its history stays in the target's log.",
        button="Remove the win",
    )
