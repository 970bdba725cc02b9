from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django_scopes import ScopedManager

from allin.core.models import PublicIdMixin, TimeStampedModel
from allin.institutions.enums import ROLE_RANK, Affiliation, InstitutionKind, PageKind, Role

# Top-level paths the site uses itself; an institution may not take them as its slug.
RESERVED_SLUGS = frozenset(
    {
        "accounts",
        "me",
        "static",
        "media",
        "platform-admin",
        "admin",
        "healthz",
        "cal",
        "api",
        "manage",
        "about",
        "programs",
        "demo",
        "favicon.ico",
        "robots.txt",
    }
)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value!r} is not a time zone name such as America/New_York.")


def validate_slug_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(f"“{value}” is used by the site itself; choose another short name.")


class Institution(TimeStampedModel):
    """A school running All In: the tenant that owns almost every other row."""

    slug = models.SlugField(
        max_length=40,
        unique=True,
        validators=[
            RegexValidator(r"^[a-z0-9][a-z0-9-]*$", "Use lowercase letters, digits and hyphens."),
            validate_slug_not_reserved,
        ],
        help_text="Appears in every address, e.g. /icahn/.",
    )
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=60)
    time_zone = models.CharField(
        max_length=64,
        default=settings.DEFAULT_INSTITUTION_TIME_ZONE,
        validators=[validate_time_zone],
    )
    kind = models.CharField(
        max_length=30, choices=InstitutionKind, default=InstitutionKind.MEDICAL_SCHOOL
    )
    is_host = models.BooleanField(
        default=False, help_text="Hosts a multi-school program such as ART in MedEd."
    )
    tagline = models.CharField(max_length=300, blank=True)
    contact_email = models.EmailField(blank=True)
    tracker_public = models.BooleanField(
        default=True,
        help_text="Show the spheres, change targets, tracker and community map to everyone; "
        "otherwise to members only.",
    )

    class Meta:
        ordering = ["-is_host", "name"]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("institutions:home", kwargs={"institution": self.slug})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class InstitutionPage(TimeStampedModel):
    """Organizer-edited markdown: the institution's purpose, values, goals and team."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="pages")
    kind = models.CharField(max_length=20, choices=PageKind)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, help_text="Markdown: **bold**, *italic*, lists, links.")

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["institution", "kind"], name="one_page_per_kind"),
        ]
        ordering = ["institution", "kind"]

    def __str__(self) -> str:
        return f"{self.institution}: {self.get_kind_display()}"


class Membership(PublicIdMixin, TimeStampedModel):
    """A person's place in one institution. Ended memberships stay, for history."""

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    affiliation = models.CharField(max_length=30, choices=Affiliation)
    role = models.CharField(max_length=20, choices=Role, default=Role.MEMBER)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "user"],
                condition=Q(ended_at__isnull=True),
                name="one_active_membership_per_person",
            ),
        ]
        ordering = ["institution", "user__name", "user__email"]

    def __str__(self) -> str:
        return f"{self.user} at {self.institution}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None

    def has_role(self, role: str) -> bool:
        return self.is_active and ROLE_RANK[Role(self.role)] >= ROLE_RANK[Role(role)]

    @property
    def is_organizer(self) -> bool:
        return self.has_role(Role.ORGANIZER)

    @property
    def is_admin(self) -> bool:
        return self.has_role(Role.ADMIN)


class Invitation(PublicIdMixin, TimeStampedModel):
    """An organizer's invitation by email. Only a hash of the link's token is stored."""

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    affiliation = models.CharField(max_length=30, choices=Affiliation)
    role = models.CharField(max_length=20, choices=Role, default=Role.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_invitation_per_email",
            ),
        ]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None
