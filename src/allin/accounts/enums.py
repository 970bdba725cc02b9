from django.db import models


class RaceEthnicity(models.TextChoices):
    """The minimum categories of the US federal standard (OMB SPD 15, as revised in 2024)."""

    AMERICAN_INDIAN_ALASKA_NATIVE = "aian", "American Indian or Alaska Native"
    ASIAN = "asian", "Asian"
    BLACK = "black", "Black or African American"
    HISPANIC_LATINO = "hispanic", "Hispanic or Latino"
    MIDDLE_EASTERN_NORTH_AFRICAN = "mena", "Middle Eastern or North African"
    NATIVE_HAWAIIAN_PACIFIC_ISLANDER = "nhpi", "Native Hawaiian or Pacific Islander"
    WHITE = "white", "White"
    PREFER_NOT = "prefer_not", "Prefer not to say"


class URiM(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT = "prefer_not", "Prefer not to say"
