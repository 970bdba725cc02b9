from django.urls import path

from allin.institutions.views import manage, public

app_name = "institutions"
urlpatterns = [
    path("", public.home, name="home"),
    path("about/<slug:kind>/", public.page, name="page"),
    path("invitations/<str:token>/", public.invitation, name="invitation"),
    path("manage/", manage.dashboard, name="manage"),
    path("manage/settings/", manage.settings_edit, name="manage-settings"),
    path("manage/pages/<slug:kind>/", manage.page_edit, name="manage-page"),
    path("manage/people/", manage.people, name="manage-people"),
    path("manage/people/<uuid:membership>/", manage.membership_detail, name="manage-membership"),
    path(
        "manage/people/<uuid:membership>/end/", manage.membership_end, name="manage-membership-end"
    ),
    path(
        "manage/invitations/<uuid:invitation>/revoke/",
        manage.invitation_revoke,
        name="manage-invitation-revoke",
    ),
    path("manage/audit/", manage.audit, name="manage-audit"),
]
