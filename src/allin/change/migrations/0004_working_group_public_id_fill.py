import uuid

from django.db import migrations


def fill_public_ids(apps, schema_editor):
    WorkingGroup = apps.get_model("change", "WorkingGroup")
    for group in WorkingGroup._base_manager.filter(public_id__isnull=True).only("pk"):
        group.public_id = uuid.uuid4()
        group.save(update_fields=["public_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("change", "0003_working_group_public_id"),
    ]

    operations = [
        migrations.RunPython(fill_public_ids, migrations.RunPython.noop),
    ]
