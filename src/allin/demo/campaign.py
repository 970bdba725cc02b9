"""This year's We're All In week (seed 000), running now: five challenges, three prizes."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from allin.accounts.models import User
from allin.campaigns import services
from allin.campaigns.models import Campaign
from allin.events.models import Event
from allin.institutions.models import Institution

SESSIONS = (
    "fellowship-application-launch",
    "rbi-virtual-open-house",
    "getting-people-on-board",
    "fellowship-info-session",
    "student-activities-fair",
    "lunch-n-unlearn",
)
PRIZES = ("Bose QuietComfort Headphones", "Hatch Restore 2", "Amazon Kindle")
CHALLENGES = (
    {
        "slug": "identity-mapping",
        "title": "Identity Mapping Challenge",
        "purpose": "Explore how overlapping identities influence experiences of inequality.",
        "body": "Create an intersectionality map for yourself, illustrating how multiple "
        "identities (e.g., race, gender, religion, socioeconomic status) intersect and affect "
        "your experiences. Consider which aspects of your identities have afforded you "
        "privilege, and which have presented the greatest hardship.\n\nWrite a reflection about "
        "how you can be a catalyst for change and enable society to be more inclusive and "
        "accepting of all people.",
    },
    {
        "slug": "equity-impact",
        "title": "Equity Impact Challenge",
        "has_worksheet": True,
        "purpose": "Assess the equity impact of a personal or team decision.",
        "body": "Select a recent personal or team decision and conduct an equity impact "
        "assessment. Analyze how the decision affects different demographic groups within or "
        "outside of Mount Sinai. Identify any unintended negative impacts and propose actions "
        "to better address equity concerns. Share your findings with key stakeholders to "
        "foster a culture of continuous improvement.",
        "questions": [
            "How will this decision impact individuals from different backgrounds and "
            "identities within or outside of Mount Sinai?",
            "Are there any potential biases or inequities in the way this decision is being "
            "made or implemented?",
            "What steps can I/we take to ensure that the decision promotes fairness and "
            "inclusivity, and how can I/we address any negative impacts identified?",
        ],
    },
    {
        "slug": "power-dynamics",
        "title": "Power Dynamics Challenge",
        "purpose": "Understand the dynamics of power in different contexts.",
        "body": "Analyze a current event involving power imbalances (e.g., workplace dynamics, "
        "interactions with students or peers, meetings). Elaborate on everything that "
        "happened, the impact on individuals and the community at large, what change was "
        "brought about, and the challenges.\n\nConsider the four types of power:\n\n"
        "- **Power over**: control or domination of one person, group or institution over "
        "another, largely through fear.\n"
        "- **Power with**: collective action, the ability to act together, based on respect, "
        "mutual support and shared power.\n"
        "- **Power to**: the unique potential of every person to shape their life and world.\n"
        "- **Power within**: a person's sense of self-worth and self-knowledge.",
        "questions": [
            "In what ways did these types of power show up in the event? What behaviors did "
            "you or others observe? What behaviors weren't observed?",
            "What strategies can you or others employ to address power imbalances?",
            "How are you using your 'Power to' in shaping your own responses to the work or "
            "learning environment and to make a difference to others?",
            "How are you using your 'Power with' to collaborate with colleagues or peers?",
            "How can you build on your 'Power within' so that you can have more agency in your "
            "work or learning?",
        ],
    },
    {
        "slug": "us-vs-them",
        "group_mode": True,
        "title": "Overcoming \u201cUs vs. Them\u201d Challenge",
        "purpose": "Promote a sense of unity and collective purpose despite differing group "
        "identities or roles.",
        "body": "Whether working individually or as a group: identify any emerging \u201cus vs. "
        "them\u201d mentalities; analyze how these divisions impact collaboration and morale; "
        "compile a list of shared goals or values that unite your group; reflect on the common "
        "mission everyone is striving towards; discuss how these can serve as a foundation for "
        "stronger collaboration.\n\nThen consider a hypothetical scenario that could "
        "exacerbate \u201cus vs. them\u201d dynamics, and devise solutions that foster unity.",
    },
    {
        "slug": "empathy-building",
        "group_mode": True,
        "title": "Empathy Building Challenge",
        "purpose": "Enhance empathy and understanding of different lived experiences.",
        "body": "Participate in a storytelling exercise where you listen to or read narratives "
        "from individuals with different backgrounds and experiences. Reflect on how these "
        "stories challenge or change your perceptions.",
        "steps": [
            {
                "title": "Set the stage",
                "body": "Agree on grounding assumptions for the group, such as "
                "confidentiality, respect, and active listening.",
            },
            {
                "title": "Share personal stories",
                "body": "Offer prompts such as \u201cShare a time when you felt misunderstood "
                "because of your identity.\u201d Listen to understand rather than to respond.",
            },
            {
                "title": "Discussion and reflection",
                "body": "What common themes did you notice? How did hearing these stories "
                "change your perspective? Are there actions to take to promote inclusion?",
            },
            {
                "title": "Close with gratitude and next steps",
                "body": "Thank everyone for sharing, acknowledge the courage it takes, and "
                "agree on follow-up actions.",
            },
        ],
    },
)


def build_campaign(
    institution: Institution, today: date, events: dict[str, Event], people: dict[str, User]
) -> None:
    zone = institution.zone
    # Midnight: each day's challenge is there when people wake up, whatever the hour now.
    start = datetime.combine(today - timedelta(days=2), time(0, 0), tzinfo=zone)
    campaign = services.create_campaign(
        institution,
        actor=people["organizer@icahn.example"],
        slug=f"were-all-in-{today.year}",
        name=f"We're All In {today.year}",
        tagline="We're All In is back, and bigger than ever!",
        description="An opportunity for new and returning members of the Icahn School of "
        "Medicine community to learn more about racism and bias work in the school at large. "
        "From game night, to Lunch n' Unlearns, to Chats for Change: we're all in for "
        "addressing racism and bias in education, healthcare, biomedicine, and research. "
        "Are you all in?",
        starts_at=start,
        # The last minute of the fifth day, so the page says the week ends on that day.
        ends_at=start + timedelta(days=5, minutes=-1),
    )
    for slug in SESSIONS:
        services.add_session(campaign, events[slug], actor=None)
    for day, fields in enumerate(CHALLENGES):
        services.create_challenge(
            campaign, actor=None, reveal_at=start + timedelta(days=day), **fields
        )
    for rank, name in enumerate(PRIZES, start=1):
        services.add_prize(campaign, actor=None, rank=rank, name=name)


# Not a real drand round's value: the demo's people and numbers are made up, but the draw made
# from it re-checks with `allin raffle verify` like any other. There is no signature to go with
# it, and faking one would defeat the point, so the draw is recorded without one and its page
# says the randomness is not verified against drand.
LAST_YEAR_RANDOMNESS = "5e1c0d4f8b2a3c9e7f60a1b2c3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7"


def build_last_year(
    institution: Institution, today: date, people: dict[str, User], crowd: list[User]
) -> None:
    """Last year's week, finished: sessions with attendance and a completed, verifiable draw."""
    from allin.campaigns import draws
    from allin.events import checkin
    from allin.events import services as event_services
    from allin.events.enums import EventFormat

    organizer = people["organizer@icahn.example"]
    zone = institution.zone
    start = datetime.combine(today - timedelta(days=365), time(0, 0), tzinfo=zone)
    campaign = services.create_campaign(
        institution,
        actor=None,
        slug=f"were-all-in-{start.year}",
        name=f"We're All In {start.year}",
        tagline="Thank you for being all in.",
        starts_at=start,
        ends_at=start + timedelta(days=5, minutes=-1),
    )
    for rank, name in enumerate(PRIZES, start=1):
        services.add_prize(campaign, actor=None, rank=rank, name=name)
    for day, fields in enumerate(CHALLENGES):
        services.create_challenge(
            campaign, actor=None, reveal_at=start + timedelta(days=day), **fields
        )
    build_circle(campaign, people)
    community = [people["student@icahn.example"], people["phd@icahn.example"], *crowd]
    for day, title in enumerate(
        ("Chats for Change: Belonging in Medicine", "Lunch n' Unlearn", "RBI Virtual Open House")
    ):
        begins = datetime.combine(start.date() + timedelta(days=day), time(12), tzinfo=zone)
        event = event_services.create_event(
            institution,
            actor=None,
            slug=f"wai-{start.year}-{day + 1}",
            title=title,
            starts_at=begins,
            ends_at=begins + timedelta(hours=1),
            format=EventFormat.VIRTUAL,
            raffle_eligible=True,
        )
        services.add_session(campaign, event, actor=None)
        for person in community[day::2]:
            checkin.staff_check_in(event, user=person, actor=organizer)
    draw = draws.publish_rules(
        campaign, actor=organizer, closes_at=campaign.ends_at, now=start - timedelta(days=7)
    )
    after = draws.round_published_at(draw.beacon_round) + timedelta(minutes=5)
    draw = draws.freeze_entries(draw, actor=organizer, now=after)
    draws.run_draw(draw, actor=organizer, randomness_hex=LAST_YEAR_RANDOMNESS, now=after)


def build_circle(campaign: Campaign, people: dict[str, User]) -> None:
    """Last year's Empathy Building circle, closed, with what it recorded: this year's group
    challenges are still hidden on the demo's day, so this is where groups can be seen."""
    from allin.campaigns import groups

    challenge = campaign.challenges.get(slug="empathy-building")
    facilitator, member = people["student@icahn.example"], people["phd@icahn.example"]
    circle = groups.open_group(challenge, facilitator=facilitator, name="Annenberg 13 circle")
    groups.join_group(challenge, user=member, code=circle.code)
    groups.move_to_step(circle, user=facilitator, step=len(challenge.steps) - 1)
    groups.record(
        circle,
        user=member,
        shared_goals="Name it when a joke lands on someone's identity.\n"
        "Make room for quieter voices in small-group teaching.",
        next_steps="Bring one story from the circle to our next Chats for Change.\n"
        "Meet again after the Step 1 exam.",
        seen=None,
    )
    groups.close_group(circle, user=facilitator)
