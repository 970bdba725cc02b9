from django.urls import path

from allin.campaigns import views, views_manage, views_raffle, views_worksheet

app_name = "campaigns"
urlpatterns = [
    path("", views.index, name="index"),
    path("manage/", views_manage.campaigns, name="manage"),
    path("manage/<slug:campaign>/", views_manage.campaign, name="manage-campaign"),
    path("manage/<slug:campaign>/add/<slug:part>/", views_manage.add, name="manage-add"),
    path("<slug:campaign>/", views.detail, name="detail"),
    path("<slug:campaign>/raffle/", views_raffle.raffle, name="raffle"),
    path("<slug:campaign>/raffle/consent/", views_raffle.consent, name="raffle-consent"),
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
        "<slug:campaign>/challenges/<slug:challenge>/reflection/delete/",
        views.delete_reflection,
        name="delete-reflection",
    ),
]
