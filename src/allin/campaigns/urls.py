from django.urls import path

from allin.campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:campaign>/", views.detail, name="detail"),
    path("<slug:campaign>/challenges/<slug:challenge>/", views.challenge, name="challenge"),
    path(
        "<slug:campaign>/challenges/<slug:challenge>/reflection/delete/",
        views.delete_reflection,
        name="delete-reflection",
    ),
]
