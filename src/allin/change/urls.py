from django.urls import path

from allin.change import views

app_name = "change"
urlpatterns = [
    path("", views.spheres, name="spheres"),
    path("spheres/<slug:sphere>/", views.sphere, name="sphere"),
]
