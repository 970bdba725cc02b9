from django.urls import path

from allin.campaigns import (
    views,
    views_edit,
    views_groups,
    views_manage,
    views_raffle,
    views_worksheet,
)

app_name = "campaigns"
urlpatterns = [
    path("", views.index, name="index"),
    path("manage/", views_manage.campaigns, name="manage"),
    path("manage/<slug:campaign>/", views_manage.campaign, name="manage-campaign"),
    path("manage/<slug:campaign>/add/<slug:part>/", views_manage.add, name="manage-add"),
    path(
        "manage/<slug:campaign>/reflections.csv",
        views_manage.reflections_export,
        name="manage-reflections",
    ),
    path("manage/<slug:campaign>/edit/", views_edit.edit_campaign, name="manage-edit"),
    path(
        "manage/<slug:campaign>/challenges/<slug:challenge>/",
        views_edit.edit_challenge,
        name="manage-challenge",
    ),
    path(
        "manage/<slug:campaign>/challenges/<slug:challenge>/delete/",
        views_edit.delete_challenge,
        name="manage-challenge-delete",
    ),
    path("manage/<slug:campaign>/prizes/<int:rank>/", views_edit.edit_prize, name="manage-prize"),
    path(
        "manage/<slug:campaign>/prizes/<int:rank>/delete/",
        views_edit.delete_prize,
        name="manage-prize-delete",
    ),
    path(
        "manage/<slug:campaign>/sessions/<slug:event>/remove/",
        views_edit.remove_session,
        name="manage-session-remove",
    ),
    path("<slug:campaign>/", views.detail, name="detail"),
    path("<slug:campaign>/raffle/", views_raffle.raffle, name="raffle"),
    path("<slug:campaign>/raffle/consent/", views_raffle.consent, name="raffle-consent"),
    path("<slug:campaign>/raffle/decline/", views_raffle.decline, name="raffle-decline"),
    path("<slug:campaign>/raffle/<str:name>", views_raffle.published, name="raffle-file"),
    path("<slug:campaign>/raffle/steps/<slug:action>/", views_raffle.step, name="raffle-step"),
    path("<slug:campaign>/challenges/<slug:challenge>/", views.challenge, name="challenge"),
    path(
        "<slug:campaign>/challenges/<slug:challenge>/worksheet/",
        views_worksheet.worksheet,
        name="worksheet",
    ),
    path(
        "<slug:campaign>/challenges/<slug:challenge>/worksheet.md",
        views_worksheet.download,
        name="worksheet-download",
    ),
    path(
        "<slug:campaign>/challenges/<slug:challenge>/groups/open/",
        views_groups.open_group,
        name="group-open",
    ),
    path(
        "<slug:campaign>/challenges/<slug:challenge>/groups/join/",
        views_groups.join_group,
        name="group-join",
    ),
    path(
        "<slug:campaign>/challenges/<slug:challenge>/groups/<slug:group>/",
        views_groups.group,
        name="group",
    ),
    path(
        "<slug:campaign>/challenges/<slug:challenge>/groups/<slug:group>/step/",
        views_groups.step,
        name="group-step",
    ),
    path(
        "<slug:campaign>/challenges/<slug:challenge>/groups/<slug:group>/leave/",
        views_groups.leave,
        name="group-leave",
    ),
    path(
        "<slug:campaign>/challenges/<slug:challenge>/groups/<slug:group>/close/",
        views_groups.close,
        name="group-close",
    ),
    path(
        "<slug:campaign>/challenges/<slug:challenge>/reflection/delete/",
        views.delete_reflection,
        name="delete-reflection",
    ),
]
