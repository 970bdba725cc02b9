"""The institution's news as an Atom feed, whole or for one sphere."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.feedgenerator import Atom1Feed

from allin.community.models import NewsPost
from allin.core.templatetags.allin import markdown_filter as markdown
from allin.institutions.models import Institution

ITEMS = 30


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, **kwargs: str) -> tuple[Institution, str]:
        institution = getattr(request, "institution", None)
        if institution is None:
            raise Http404("No such institution.")
        return institution, request.GET.get("sphere", "")

    def title(self, obj: tuple[Institution, str]) -> str:
        return f"{obj[0].name}: news"

    def link(self, obj: tuple[Institution, str]) -> str:
        return f"/{obj[0].slug}/news/"

    def subtitle(self, obj: tuple[Institution, str]) -> str:
        return "Action updates and news" + (f" of the {obj[1]} sphere" if obj[1] else "")

    def items(self, obj: tuple[Institution, str]) -> QuerySet[NewsPost]:
        posts = NewsPost.objects.filter(institution=obj[0]).select_related("institution")
        if obj[1]:
            posts = posts.filter(spheres__slug=obj[1])
        return posts[:ITEMS]

    def item_title(self, item: NewsPost) -> str:
        return item.title

    def item_description(self, item: NewsPost) -> str:
        return str(markdown(item.body))

    def item_pubdate(self, item: NewsPost):  # type: ignore[no-untyped-def]
        return item.published_at

    def item_updateddate(self, item: NewsPost):  # type: ignore[no-untyped-def]
        return item.updated_at
