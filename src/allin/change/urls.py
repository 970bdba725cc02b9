from django.urls import path

from allin.change import (
    views,
    views_indicators,
    views_manage,
    views_mapping,
    views_plan,
    views_targets,
    views_tracker,
)

app_name = "change"
T = "manage/targets/<slug:target>/"
urlpatterns = [
    path("", views.spheres, name="spheres"),
    path("spheres/<slug:sphere>/", views.sphere, name="sphere"),
    path("tracker/", views_tracker.tracker_page, name="tracker"),
    # Change targets: the public page, then the organizer pages.
    path("targets/<slug:target>/", views_targets.target, name="target"),
    path("manage/", views_manage.spheres, name="manage-spheres"),
    path("manage/spheres/<slug:sphere>/", views_manage.sphere, name="manage-sphere"),
    path(
        "manage/spheres/<slug:sphere>/add/<slug:what>/",
        views_manage.sphere_add,
        name="manage-sphere-add",
    ),
    path(
        "manage/spheres/<slug:sphere>/groups/<uuid:working_group>/",
        views_manage.working_group,
        name="manage-working-group",
    ),
    path(
        "manage/spheres/<slug:sphere>/partners/<uuid:partner>/",
        views_manage.partner,
        name="manage-partner",
    ),
    path("manage/targets/", views_manage.target_list, name="manage-targets"),
    path(T, views_targets.manage_target, name="manage-target"),
    path(f"{T}edit/", views_targets.edit, name="manage-target-edit"),
    path(f"{T}status/", views_targets.status, name="manage-target-status"),
    path(f"{T}add/<slug:what>/", views_targets.add, name="manage-target-add"),
    path(f"{T}carry-forward/", views_targets.carry_forward, name="manage-carry-forward"),
    path(f"{T}tasks/<uuid:task>/", views_plan.task, name="manage-task"),
    path(f"{T}tasks/<uuid:task>/done/", views_plan.task_done, name="manage-task-done"),
    path(f"{T}tasks/<uuid:task>/delete/", views_plan.task_delete, name="manage-task-delete"),
    path(f"{T}objectives/<uuid:objective>/", views_plan.objective, name="manage-objective"),
    path(
        f"{T}objectives/<uuid:objective>/delete/",
        views_plan.objective_delete,
        name="manage-objective-delete",
    ),
    path(f"{T}wins/<uuid:win>/", views_plan.win, name="manage-win"),
    path(f"{T}wins/<uuid:win>/delete/", views_plan.win_delete, name="manage-win-delete"),
    path(
        f"{T}indicators/<uuid:indicator>/",
        views_indicators.indicator,
        name="manage-indicator",
    ),
    path(
        f"{T}indicators/<uuid:indicator>/add/<slug:what>/",
        views_indicators.indicator_add,
        name="manage-indicator-add",
    ),
    path(
        f"{T}indicators/<uuid:indicator>/records/<uuid:record>/delete/",
        views_indicators.record_delete,
        name="manage-record-delete",
    ),
    path(f"{T}results.csv", views_indicators.results_export, name="manage-results-export"),
    path(f"{T}outcomes/<uuid:outcome>/", views_mapping.outcome, name="manage-outcome"),
    path(
        f"{T}outcomes/<uuid:outcome>/markers/<uuid:marker>/delete/",
        views_mapping.marker_delete,
        name="manage-marker-delete",
    ),
    path(f"{T}journal/", views_mapping.journal, name="manage-journal"),
]
