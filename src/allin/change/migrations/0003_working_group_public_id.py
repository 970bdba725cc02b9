# Existing rows need a UUID each: add the column nullable, fill it, then make it unique
# (Django's documented recipe for a unique field on a table that may hold rows).
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("change", "0002_targets"),
    ]

    operations = [
        migrations.AddField(
            model_name="workinggroup",
            name="public_id",
            field=models.UUIDField(null=True, editable=False),
        ),
    ]
