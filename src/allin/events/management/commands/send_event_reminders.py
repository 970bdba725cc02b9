from django.core.management.base import BaseCommand

from allin.events.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Email the day-before and starting-soon reminders that are due. Run every 5 minutes."

    def handle(self, *args: object, **options: object) -> None:
        sent = send_due_reminders()
        self.stdout.write(
            f"Sent {sent['day']} day-before and {sent['soon']} starting-soon reminders."
        )
