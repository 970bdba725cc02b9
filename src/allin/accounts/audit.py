ACTIONS = {
    "accounts.profile.updated": "Profile changed: {fields}",
    "accounts.identity.saved": "Self-identification saved",
    "accounts.identity.cleared": "Self-identification cleared",
}

PRIVATE_TRACES = ("accounts.identity.",)
