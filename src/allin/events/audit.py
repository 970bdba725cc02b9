ACTIONS = {
    "events.series.created": "Series {object} was created",
    "events.series.updated": "Series details changed: {fields}",
    "events.event.created": "Event {object} was created",
    "events.event.updated": "Event details changed: {fields}",
    "events.event.cancelled": "Event cancelled",
    "events.event.capacity_changed": "Capacity changed from {old} to {new}",
    "events.event.rsvps_closed": "RSVPs closed",
    "events.event.rsvps_reopened": "RSVPs reopened",
    "events.rsvp.confirmed": "{person} is going",
    "events.rsvp.waitlisted": "{person} joined the waitlist",
    "events.rsvp.promoted": "{person} moved from the waitlist to going",
    "events.rsvp.cancelled": "{person} cancelled their RSVP",
    "events.rsvp.left_waitlist": "{person} left the waitlist",
}
ACTIONS.update(
    {
        "events.attendance.recorded": "{person} attended ({source})",
        "events.attendance.removed": "{person} removed from the attendance",
        "events.import.previewed": "Report {file} uploaded for review",
        "events.import.applied": "Report {file} imported: {added} attended, {unmatched} to review",
        "events.import.discarded": "Report {file} discarded",
        "events.import.resolved": "{person} matched to report row {line} by an organizer",
        "events.import.dismissed": "Report row {line} dismissed",
        "events.event.reminder_sent": "{kind} reminder sent to {count} people",
        "events.feed.rotated": "Personal calendar address changed",
        "events.feed.revoked": "Personal calendar address turned off",
    }
)
