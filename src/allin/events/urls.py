from django.urls import path

from allin.events.views import imports, manage, public, roster, series

app_name = "events"
urlpatterns = [
    path("", public.calendar, name="calendar"),
    path("feed.ics", public.public_feed, name="feed"),
    path("new/", manage.create, name="create"),
    path("series/", series.series_list, name="series"),
    path("series/<slug:series>/", series.series_edit, name="series-edit"),
    path("<slug:event>/", public.detail, name="detail"),
    path("<slug:event>/event.ics", public.event_ics, name="ics"),
    path("<slug:event>/rsvp/", public.rsvp, name="rsvp"),
    path("<slug:event>/rsvp/cancel/", public.cancel, name="cancel"),
    path("<slug:event>/check-in/", public.check_in, name="check-in"),
    path("<slug:event>/edit/", manage.edit, name="edit"),
    path("<slug:event>/again/", manage.duplicate, name="duplicate"),
    path("<slug:event>/cancel/", manage.cancel_event, name="cancel-event"),
    path("<slug:event>/capacity/", manage.capacity, name="capacity"),
    path("<slug:event>/rsvps-closed/", manage.close_rsvps, name="close-rsvps"),
    path("<slug:event>/roster/", roster.roster, name="roster"),
    path("<slug:event>/roster/check-in/", roster.staff_check_in, name="staff-check-in"),
    path("<slug:event>/roster/<int:attendance>/undo/", roster.undo_check_in, name="undo-check-in"),
    path("<slug:event>/roster.<str:kind>", roster.export, name="export"),
    path("<slug:event>/qr/", roster.qr, name="qr"),
    path("<slug:event>/attendance/import/", imports.upload, name="import"),
    path("<slug:event>/attendance/template.csv", imports.template, name="import-template"),
    path("<slug:event>/attendance/samples/<str:name>", imports.sample, name="import-sample"),
    path("<slug:event>/attendance/import/<int:report>/", imports.detail, name="import-detail"),
    path(
        "<slug:event>/attendance/import/<int:report>/confirm/",
        imports.confirm,
        name="import-confirm",
    ),
    path(
        "<slug:event>/attendance/import/<int:report>/discard/",
        imports.discard,
        name="import-discard",
    ),
    path(
        "<slug:event>/attendance/import/<int:report>/rows/<int:row>/",
        imports.review,
        name="import-review",
    ),
]
