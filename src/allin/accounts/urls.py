from django.urls import path

from allin.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.me, name="me"),
    path("profile/", views.profile, name="profile"),
    path("identity/", views.identity, name="identity"),
]
