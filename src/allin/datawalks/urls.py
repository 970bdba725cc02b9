from django.urls import path

from allin.datawalks import views, views_manage

app_name = "datawalks"
WALK = "manage/<slug:walk>/"
urlpatterns = [
    path("", views.index, name="index"),
    path("map/", views.community_map, name="map"),
    path("manage/", views_manage.walks, name="manage"),
    path(WALK, views_manage.walk, name="manage-walk"),
    path(f"{WALK}notes.csv", views_manage.export, name="manage-export"),
    path(f"{WALK}stations/new/", views_manage.station_add, name="manage-station-add"),
    path(f"{WALK}stations/<uuid:station>/", views_manage.station_edit, name="manage-station"),
    path(
        f"{WALK}stations/<uuid:station>/remove/",
        views_manage.station_remove,
        name="manage-station-remove",
    ),
    path(f"{WALK}stations/<uuid:station>/notes/", views_manage.notes, name="manage-notes"),
    path(f"{WALK}notes/<uuid:note>/theme/", views_manage.note_theme, name="manage-note-theme"),
    path(f"{WALK}notes/<uuid:note>/need/", views_manage.note_need, name="manage-note-need"),
    path(f"{WALK}notes/<uuid:note>/target/", views_manage.note_target, name="manage-note-target"),
    path(f"{WALK}themes/", views_manage.themes, name="manage-themes"),
    path(
        f"{WALK}themes/<uuid:theme>/remove/", views_manage.theme_remove, name="manage-theme-remove"
    ),
    path("<slug:walk>/", views.walk, name="walk"),
    path("<slug:walk>/stations/<uuid:station>/", views.station, name="station"),
    path("<slug:walk>/stations/<uuid:station>/notes/", views.post_note, name="post-note"),
    path("<slug:walk>/notes/<uuid:note>/vote/", views.vote, name="vote"),
    path("<slug:walk>/notes/<uuid:note>/delete/", views.delete_note, name="delete-note"),
]
