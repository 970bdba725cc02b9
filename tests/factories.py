"""Dull factories. Services, not factories, are used where the test is about the write."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress

from allin.accounts.models import User
from allin.institutions.enums import Affiliation, PageKind, Role
from allin.institutions.models import Institution, InstitutionPage, Membership

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create and extracted is not False:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"school-{n}")
    name = factory.Sequence(lambda n: f"School of Medicine {n}")
    short_name = factory.Sequence(lambda n: f"School {n}")

    @factory.post_generation
    def pages(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            for kind in PageKind:
                InstitutionPage.objects.create(
                    institution=self,
                    kind=kind,
                    title=f"Our {kind}",
                    body=f"The {kind} of {self.name}.",
                )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    institution = factory.SubFactory(InstitutionFactory)
    user = factory.SubFactory(UserFactory)
    affiliation = Affiliation.MD_STUDENT
    role = Role.MEMBER


def make_event(institution: Institution, **fields: object):  # type: ignore[no-untyped-def]
    """An event through the service, starting tomorrow at noon unless told otherwise."""
    from datetime import timedelta

    from django.utils import timezone

    from allin.events.services import create_event

    start = fields.pop("starts_at", None) or timezone.now().replace(
        hour=17, minute=0, second=0, microsecond=0
    ) + timedelta(days=1)
    defaults = {
        "title": "Chats for Change",
        "slug": f"event-{start:%Y%m%d%H%M}-{InstitutionPage.objects.count()}-{id(fields)}",
        "starts_at": start,
        "ends_at": start + timedelta(hours=1),
    }
    return create_event(institution, actor=None, **{**defaults, **fields})
