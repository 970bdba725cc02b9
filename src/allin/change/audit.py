ACTIONS = {
    "change.sphere.created": "Sphere {object} was created",
    "change.sphere.changed": "Sphere {object} was edited: {fields}",
    "change.working_group.added": "Working group {object} was added",
}
