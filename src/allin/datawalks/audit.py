# Entries about notes and votes carry no actor and no words: a note is anonymous to everyone
# but its author, and the log must not unmask it. Organizers' work on notes is logged on the
# walk, under the organizer's name.
ACTIONS = {
    "datawalks.walk.created": "Data walk {object} was created",
    "datawalks.walk.changed": "Data walk {object} was edited: {fields}",
    "datawalks.station.added": "Station {station} was added",
    "datawalks.station.changed": "Station {station} was edited: {fields}",
    "datawalks.station.removed": "Station {station} was removed",
    "datawalks.note.posted": "A note was left at {station} under “{prompt}”",
    "datawalks.note.deleted": "A note at {station} was deleted by its author",
    "datawalks.vote.cast": "A vote was cast on a note",
    "datawalks.vote.withdrawn": "A vote on a note was withdrawn",
    "datawalks.theme.added": "Theme {theme} was added",
    "datawalks.theme.removed": "Theme {theme} was removed; its notes have no theme now",
    "datawalks.note.themed": "A note at {station} was put under the theme {theme}",
    "datawalks.note.unthemed": "A note at {station} was taken out of its theme",
    "datawalks.note.need_marked": "A note at {station} was marked as a need of {sphere}",
    "datawalks.note.need_cleared": "A note at {station} is no longer marked as a need",
    "datawalks.note.drafted": "A note at {station} became the draft change target {target}",
}

PRIVATE_TRACES = (
    "datawalks.note.posted",
    "datawalks.note.deleted",
    "datawalks.vote.",
)
