"""Series: the recurring programmes (Chats for Change, Lunch n' Unlearn) and their pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from allin.core.audit import history_for
from allin.core.forms import apply_validation_error
from allin.events import services
from allin.events.forms import SeriesForm
from allin.events.models import Series
from allin.events.views.manage import MANAGE
from allin.institutions.decorators import institution_view


def _list_url(request: HttpRequest) -> str:
    return reverse("events:series", kwargs={"institution": request.institution.slug})


@institution_view(MANAGE, manage=True)
def series_list(request: HttpRequest) -> HttpResponse:
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.create_series(request.institution, actor=request.user, **data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Series {data['name']} created.")
            return redirect(_list_url(request))
    return render(
        request,
        "events/manage/series.html",
        {"series_list": Series.objects.filter(institution=request.institution), "form": form},
    )


@institution_view(MANAGE, manage=True)
def series_edit(request: HttpRequest, series: str) -> HttpResponse:
    obj = get_object_or_404(Series, institution=request.institution, slug=series)
    form = SeriesForm(request.POST or None, instance=Series.objects.get(pk=obj.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_series(obj, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Series saved.")
            return redirect(_list_url(request))
    return render(
        request,
        "events/manage/series_edit.html",
        {"series": obj, "form": form, "history": history_for(obj)},
    )
