"""Seeds target groups, placement types and competence-card dimensions for every existing jobcenter."""

from django.db import migrations

from citizens.vocabulary import seed_vocabulary


def forwards(apps, schema_editor):
    seed_vocabulary(
        jobcenter_model=apps.get_model("accounts", "Jobcenter"),
        target_group_model=apps.get_model("citizens", "TargetGroup"),
        placement_type_model=apps.get_model("citizens", "PlacementType"),
        dimension_model=apps.get_model("citizens", "ProgressDimension"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("citizens", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
