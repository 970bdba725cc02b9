from django.urls import path

from allin.community import feeds, views, views_manage

app_name = "community"
urlpatterns = [
    path("", views.news, name="news"),
    path("feed.atom", feeds.NewsFeed(), name="feed"),
    path("manage/", views_manage.updates, name="manage-updates"),
    path("manage/updates/<slug:month>/", views_manage.update, name="manage-update"),
    path(
        "manage/updates/<slug:month>/spheres/<slug:sphere>/",
        views_manage.section,
        name="manage-update-section",
    ),
    path(
        "manage/updates/<slug:month>/publish/", views_manage.publish, name="manage-update-publish"
    ),
    path("<slug:post>/", views.post, name="post"),
]
