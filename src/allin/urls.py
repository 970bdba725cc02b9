from django.contrib import admin
from django.urls import include, path

from allin.core import views as core_views
from allin.events.views import personal

handler400 = "allin.core.views.bad_request"
handler403 = "allin.core.views.permission_denied"
handler404 = "allin.core.views.page_not_found"
handler500 = "allin.core.views.server_error"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz/", core_views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("me/calendar/", personal.my_calendar, name="my-calendar"),
    path("me/calendar/new-address/", personal.rotate, name="my-calendar-rotate"),
    path("me/calendar/turn-off/", personal.revoke, name="my-calendar-revoke"),
    path("me/", include("allin.accounts.urls")),
    path("cal/u/<str:token>.ics", personal.personal_feed, name="personal-feed"),
    path("platform-admin/", admin.site.urls),
    path("<slug:institution>/events/", include("allin.events.urls")),
    path("<slug:institution>/manage/cohorts/", include("allin.learning.urls")),
    path("<slug:institution>/campaigns/", include("allin.campaigns.urls")),
    path("<slug:institution>/change/", include("allin.change.urls")),
    path("<slug:institution>/coalitions/", include("allin.coalitions.urls")),
    path("<slug:institution>/news/", include("allin.community.urls")),
    path("<slug:institution>/data-walks/", include("allin.datawalks.urls")),
    path("<slug:institution>/", include("allin.institutions.urls")),
]
