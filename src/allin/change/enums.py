from django.db import models


class TargetStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    ACHIEVED = "achieved", "Achieved"
    COURSE_CORRECTED = "course_corrected", "Course-corrected"
    RETIRED = "retired", "Retired"


class SystemsCondition(models.TextChoices):
    """The depth of change a target works at (the Water of Systems Change's three levels)."""

    STRUCTURAL = "structural", "Structural (policies, practices, resource flows)"
    RELATIONAL = "relational", "Relational (relationships, connections, power dynamics)"
    TRANSFORMATIVE = "transformative", "Transformative (mental models)"


class KotterStep(models.IntegerChoices):
    URGENCY = 1, "1. Create a sense of urgency"
    COALITION = 2, "2. Build a guiding coalition"
    VISION = 3, "3. Form a strategic vision"
    COMMUNICATE = 4, "4. Communicate the vision"
    EMPOWER = 5, "5. Empower broad-based action"
    WINS = 6, "6. Generate short-term wins"
    CONSOLIDATE = 7, "7. Consolidate gains and produce more change"
    ANCHOR = 8, "8. Anchor new approaches in the culture"


class PartnerKind(models.TextChoices):
    INDIVIDUAL = "individual", "Individual"
    GROUP = "group", "Group"
    ORGANISATION = "organisation", "Organisation"


class MarkerLevel(models.TextChoices):
    """Outcome Mapping's graduated progress markers, from early reaction to deep change."""

    EXPECT = "expect", "Expect to see"
    LIKE = "like", "Like to see"
    LOVE = "love", "Love to see"


class ChangeLevel(models.TextChoices):
    NONE = "none", "None"
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class IndicatorUnit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENT = "percent", "Percent"
    MEAN = "mean", "Mean"
    YES_NO = "yes_no", "Yes / no"
    ORDINAL = "ordinal", "Ordinal (scale)"


class Direction(models.TextChoices):
    INCREASE = "increase", "Increase"
    DECREASE = "decrease", "Decrease"
    MAINTAIN = "maintain", "Maintain"
