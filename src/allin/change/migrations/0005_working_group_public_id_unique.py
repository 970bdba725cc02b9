import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("change", "0004_working_group_public_id_fill"),
    ]

    operations = [
        migrations.AlterField(
            model_name="workinggroup",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
