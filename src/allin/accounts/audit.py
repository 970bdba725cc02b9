ACTIONS = {
    "accounts.profile.updated": "Profile changed: {fields}",
}
