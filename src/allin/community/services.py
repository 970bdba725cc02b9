"""Every write to news posts and the monthly action updates."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from allin.accounts.models import User
from allin.change.enums import TargetStatus
from allin.change.models import ChangeTarget, Sphere
from allin.community import drafting
from allin.community.models import ActionUpdate, NewsPost, SphereReport
from allin.core.audit import log_action
from allin.core.db import unique_or_error
from allin.institutions.models import Institution

RESERVED = {"manage", "feed-atom"}


def publish_post(
    institution: Institution,
    *,
    actor: User | None,
    title: str,
    body: str,
    summary: str = "",
    slug: str = "",
    spheres: list[Sphere] | tuple[Sphere, ...] = (),
    targets: list[ChangeTarget] | tuple[ChangeTarget, ...] = (),
) -> NewsPost:
    title = title.strip()
    if not title:
        raise ValidationError({"title": "A post needs a title."})
    if not body.strip():
        raise ValidationError({"body": "A post needs a text."})
    slug = slug or slugify(title)[:80]
    if slug in RESERVED:
        slug = f"{slug}-news"  # these addresses belong to pages beside the posts
    taken = "Another post has this address; change the title or the address."
    if NewsPost.objects.filter(institution=institution, slug=slug).exists():
        raise ValidationError({"slug": taken})
    with unique_or_error("slug", taken):
        post = NewsPost.objects.create(
            institution=institution,
            slug=slug,
            title=title,
            summary=summary.strip(),
            body=body,
            author=actor,
            published_at=timezone.now(),
        )
        post.spheres.set(spheres)
        post.targets.set(targets)
        log_action(post, "community.post.published", actor=actor, institution=institution)
    return post


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def start_update(institution: Institution, *, actor: User | None, month: date) -> ActionUpdate:
    """Open a month's update with a draft for each sphere, written from what changed in its
    targets during the month. Opening a month twice is refused: edit the one there is."""
    month = first_of_month(month)
    if month > first_of_month(timezone.localdate(timezone=institution.zone)):
        raise ValidationError({"month": "A month can be reported on once it has begun."})
    taken = f"There is already an update for {month:%B %Y}."
    if ActionUpdate.objects.filter(institution=institution, month=month).exists():
        raise ValidationError({"month": taken})
    spheres = list(Sphere.objects.filter(institution=institution))
    if not spheres:
        raise ValidationError("Add the spheres first: an update has a section per sphere.")
    with unique_or_error("month", taken):
        update = ActionUpdate.objects.create(institution=institution, month=month)
        drafts = drafting.drafts(institution, spheres, month)
        for sphere in spheres:
            draft = drafts.get(sphere.pk)
            report = SphereReport.objects.create(
                institution=institution,
                update=update,
                sphere=sphere,
                body=draft.body if draft else "",
                nothing_to_report=draft is None,
            )
            if draft:
                report.targets.set(draft.targets)
        log_action(update, "community.update.started", actor=actor, institution=institution)
    return update


def save_report(
    report: SphereReport, *, actor: User | None, body: str, nothing_to_report: bool
) -> SphereReport:
    body = body.strip()
    if not body and not nothing_to_report:
        raise ValidationError(
            {"body": "Write the sphere's update, or tick \u201cNothing to report\u201d."}
        )
    with transaction.atomic():
        update = ActionUpdate.objects.select_for_update().get(pk=report.update_id)
        if update.published:
            raise ValidationError("This month's update is published; it can no longer change.")
        report.body, report.nothing_to_report = body, nothing_to_report
        report.save(update_fields=["body", "nothing_to_report"])
        log_action(
            update,
            "community.update.section_saved",
            actor=actor,
            institution=update.institution,
            data={"sphere": report.sphere.name},
        )
    return report


def _free_slug(institution: Institution, base: str) -> str:
    """The update's address, with -2, -3 … when a post already has it: the publish form has
    no address field, so a clash must not come back as an error about one."""
    taken = set(
        NewsPost.objects.filter(institution=institution, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def publish_update(update: ActionUpdate, *, actor: User | None, intro: str = "") -> NewsPost:
    """Publish the month as one "On the Pulse" post, a section per sphere, tagged with the
    spheres that had something to report."""
    with transaction.atomic():
        fresh = ActionUpdate.objects.select_for_update().get(pk=update.pk)
        if fresh.published:
            raise ValidationError("This month's update is already published.")
        reports = list(fresh.reports.select_related("sphere").prefetch_related("targets"))
        if not reports:
            raise ValidationError("There is nothing in this update to publish.")
        sections = [
            f"## {r.sphere.name}\n\n"
            + ("Nothing to report this month." if r.nothing_to_report else r.body)
            for r in reports
        ]
        intro = intro.strip()
        post = publish_post(
            fresh.institution,
            actor=actor,
            title=f"On the Pulse: {fresh.month:%B}\u2019s Action Updates",
            slug=_free_slug(fresh.institution, f"on-the-pulse-{fresh.month:%Y-%m}"),
            summary=intro[:400],
            body="\n\n".join([intro, *sections]) if intro else "\n\n".join(sections),
            spheres=[r.sphere for r in reports if not r.nothing_to_report],
            # A target put back to draft since the month was started is not public any more.
            targets=[
                t
                for r in reports
                if not r.nothing_to_report
                for t in r.targets.all()
                if t.status != TargetStatus.DRAFT
            ],
        )
        fresh.post, fresh.intro = post, intro
        fresh.save(update_fields=["post", "intro", "updated_at"])
        log_action(fresh, "community.update.published", actor=actor, institution=fresh.institution)
    return post
