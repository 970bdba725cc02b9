"""Organizers run one indicator: its definition, baselines, period targets and results, and
download a target's results. A suppressed result shows no value anywhere, here included."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from allin.change import indicators
from allin.change.forms import BaselineForm, IndicatorForm, PeriodTargetForm, ResultForm
from allin.change.models import (
    Indicator,
    IndicatorBaseline,
    IndicatorResult,
    IndicatorTarget,
)
from allin.change.views_manage import MANAGE, attempt, confirm, managed_target, target_url
from allin.core.audit import history_for
from allin.core.exports import csv_response
from allin.institutions.decorators import institution_view


def _indicator(request: HttpRequest, target: str, indicator: str) -> Indicator:
    found = managed_target(request, target)
    return get_object_or_404(
        Indicator.objects.select_related("target__institution", "target__sphere", "responsible"),
        target=found,
        public_id=indicator,
    )


def _page(request: HttpRequest, obj: Indicator, **bound: forms.Form) -> HttpResponse:
    initial = {name: getattr(obj, name) for name in IndicatorForm.base_fields}
    context = {
        "indicator": obj,
        "target": obj.target,
        "back": target_url(obj.target),
        # Each form its own prefix: the three "value" fields must not share an id.
        "form": IndicatorForm(initial=initial, institution=request.institution, prefix="indicator"),
        "baseline_form": BaselineForm(prefix="baseline"),
        "aim_form": PeriodTargetForm(prefix="aim"),
        "result_form": ResultForm(prefix="result"),
        "baselines": obj.baselines.all(),
        "aims": obj.targets.all(),
        "results": obj.results.select_related("entered_by"),
        "history": history_for(obj),
        **bound,
    }
    return render(request, "change/manage/indicator.html", context)


@institution_view(MANAGE, manage=True)
def indicator(request: HttpRequest, target: str, indicator: str) -> HttpResponse:
    obj = _indicator(request, target, indicator)
    if request.method == "POST":
        form = IndicatorForm(request.POST, institution=request.institution, prefix="indicator")
        if attempt(
            form, lambda: indicators.update_indicator(obj, actor=request.user, **form.cleaned_data)
        ):
            messages.success(request, "Indicator saved.")
            return redirect(request.path)
        return _page(request, obj, form=form)
    return _page(request, obj)


@institution_view(MANAGE, manage=True)
def indicator_add(request: HttpRequest, target: str, indicator: str, what: str) -> HttpResponse:
    obj = _indicator(request, target, indicator)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    parts = {
        "baseline": (BaselineForm, indicators.add_baseline, "baseline_form"),
        "aim": (PeriodTargetForm, indicators.add_period_target, "aim_form"),
        "result": (ResultForm, indicators.record_result, "result_form"),
    }
    if what not in parts:
        raise Http404("Nothing to add here.")
    form_class, service, key = parts[what]
    form = form_class(request.POST, prefix=what)
    if attempt(form, lambda: service(obj, actor=request.user, **form.cleaned_data)):
        messages.success(request, "Added.")
        return redirect(request.path.rsplit("add/", 1)[0])
    return _page(request, obj, **{key: form})


@institution_view(MANAGE, manage=True)
def record_delete(request: HttpRequest, target: str, indicator: str, record: str) -> HttpResponse:
    """Take back a baseline, a period target or a result entered by mistake."""
    obj = _indicator(request, target, indicator)
    found = None
    for model in (IndicatorBaseline, IndicatorTarget, IndicatorResult):
        found = model.objects.filter(indicator=obj, public_id=record).first()
        if found is not None:
            break
    if found is None:
        raise Http404("No such record.")
    if isinstance(found, IndicatorResult):
        act = lambda: indicators.delete_result(found, actor=request.user)  # noqa: E731
        what = f"the result for {found.period_start} to {found.period_end}"
    else:
        act = lambda: indicators.delete_indicator_part(found, actor=request.user)  # noqa: E731
        what = f"the {'baseline' if isinstance(found, IndicatorBaseline) else 'target'} {found}"
    return confirm(
        request,
        act,
        back=request.path.rsplit("records/", 1)[0],
        done="Removed.",
        heading=f"Remove {what}?",
        explanation="Its entry stays in the indicator's history.",
        button="Remove it",
    )


@institution_view(MANAGE, manage=True)
def results_export(request: HttpRequest, target: str) -> HttpResponse:
    found = managed_target(request, target)
    rows = (
        IndicatorResult.objects.filter(indicator__target=found)
        .select_related("indicator")
        .order_by("indicator__order", "indicator__name", "period_end")
    )
    return csv_response(
        f"{found.slug}-results.csv",
        ["Indicator", "Unit", "From", "To", "Value", "Numerator", "Denominator", "Evidence"],
        (
            [
                r.indicator.name,
                r.indicator.get_unit_display(),
                r.period_start,
                r.period_end,
                # The counts behind a suppressed value would give it away, so they go too.
                r.shown_value,
                "" if r.suppressed else r.numerator,
                "" if r.suppressed else r.denominator,
                r.evidence_url,
            ]
            for r in rows
        ),
    )
