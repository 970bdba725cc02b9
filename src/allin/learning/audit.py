ACTIONS = {
    "learning.program.created": "Program {object} was created",
    "learning.program.partner_added": "{partner} joined the program",
}
