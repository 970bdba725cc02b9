ACTIONS = {
    "learning.program.created": "Program {object} was created",
    "learning.program.partner_added": "{partner} joined the program",
    "learning.cohort.created": "Cohort {object} was created",
    "learning.cohort.member_added": "{person} joined the cohort",
    "learning.cohort.member_removed": "{person} left the cohort",
}
