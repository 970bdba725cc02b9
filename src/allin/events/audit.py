ACTIONS = {
    "events.series.created": "Series {object} was created",
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
