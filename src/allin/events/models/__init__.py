from allin.events.models.attendance import Attendance, AttendanceImport, ImportRow
from allin.events.models.events import RSVP, Event, Series
from allin.events.models.feeds import CalendarFeed

__all__ = ["RSVP", "Attendance", "AttendanceImport", "CalendarFeed", "Event", "ImportRow", "Series"]
