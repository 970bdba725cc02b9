ACTIONS = {
    "community.post.published": "News post {object} was published",
    "community.update.started": "{object} were started",
    "community.update.section_saved": "{object}: the {sphere} section was saved",
    "community.update.published": "{object} were published",
}
