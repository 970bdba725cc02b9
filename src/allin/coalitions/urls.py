from django.urls import path

from allin.coalitions import views, views_manage, views_projects

app_name = "coalitions"
urlpatterns = [
    path("", views.index, name="index"),
    path("projects/", views_projects.catalogue, name="projects"),
    path("projects/<slug:project>/", views_projects.project, name="project"),
    path("projects/<slug:project>/sign-up/", views_projects.sign_up, name="project-sign-up"),
    path("projects/<slug:project>/withdraw/", views_projects.withdraw, name="project-withdraw"),
    path("manage/", views_manage.coalitions, name="manage"),
    path("manage/projects/", views_projects.manage_projects, name="manage-projects"),
    path(
        "manage/projects/<slug:project>/",
        views_projects.manage_project,
        name="manage-project",
    ),
    path(
        "manage/projects/<slug:project>/roster/",
        views_projects.roster,
        name="manage-project-roster",
    ),
    path(
        "manage/projects/<slug:project>/roster.<str:kind>",
        views_projects.export,
        name="manage-project-export",
    ),
    path("manage/<slug:coalition>/", views_manage.coalition, name="manage-coalition"),
    path(
        "manage/<slug:coalition>/applications/",
        views_manage.applications,
        name="manage-applications",
    ),
    path(
        "manage/<slug:coalition>/applications/<uuid:application>/",
        views_manage.application,
        name="manage-application",
    ),
    path("manage/<slug:coalition>/terms/", views_manage.term_list, name="manage-terms"),
    path("manage/<slug:coalition>/terms/<uuid:term>/", views_manage.term, name="manage-term"),
    path(
        "manage/<slug:coalition>/terms/<uuid:term>/renew/",
        views_manage.renew,
        name="manage-term-renew",
    ),
    path(
        "manage/<slug:coalition>/terms/<uuid:term>/end/",
        views_manage.end,
        name="manage-term-end",
    ),
    path("<slug:coalition>/", views.detail, name="detail"),
    path("<slug:coalition>/sign-up/", views.apply, name="apply"),
    path("<slug:coalition>/withdraw/", views.withdraw, name="withdraw"),
]
