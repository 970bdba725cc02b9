from django.urls import path

from allin.learning import views

app_name = "learning"
urlpatterns = [
    path("", views.cohorts, name="cohorts"),
    path("<slug:cohort>/", views.cohort, name="cohort"),
    path("<slug:cohort>/people/<uuid:person>/remove/", views.remove, name="cohort-remove"),
]
