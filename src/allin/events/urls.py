from django.urls import path

from allin.events import views

app_name = "events"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("<slug:event>/", views.detail, name="detail"),
    path("<slug:event>/rsvp/", views.rsvp, name="rsvp"),
    path("<slug:event>/rsvp/cancel/", views.cancel, name="cancel"),
]
