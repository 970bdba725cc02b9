from django.db import models


class InstitutionKind(models.TextChoices):
    MEDICAL_SCHOOL = "medical_school", "Medical school"
    GRADUATE_SCHOOL = "graduate_school", "Graduate school of biomedical sciences"
    HEALTH_PROFESSIONS = "health_professions", "Health-professions school"
    OTHER = "other", "Other"


class Affiliation(models.TextChoices):
    MD_STUDENT = "md_student", "MD student"
    PREP_STUDENT = "prep_student", "PREP student"
    MASTERS_STUDENT = "masters_student", "Master's student"
    PHD_STUDENT = "phd_student", "PhD student"
    MDPHD_STUDENT = "mdphd_student", "MD/PhD student"
    FACULTY = "faculty", "Faculty"
    STAFF = "staff", "Staff"
    TRAINEE = "trainee", "Trainee"
    POSTDOC = "postdoc", "Postdoc"
    LEADER = "leader", "Leader"


class Role(models.TextChoices):
    """Roles nest: an admin can do all an organizer can, an organizer all a member can."""

    MEMBER = "member", "Member"
    ORGANIZER = "organizer", "Organizer"
    ADMIN = "admin", "Admin"


ROLE_RANK = {Role.MEMBER: 1, Role.ORGANIZER: 2, Role.ADMIN: 3}


class PageKind(models.TextChoices):
    PURPOSE = "purpose", "Purpose"
    VALUES = "values", "Values"
    GOALS = "goals", "Goals"
    TEAM = "team", "Team"
