"""Gives every existing jobcenter the default matching weights (new ones get them from
matching.services.weights_defaults_ensure)."""

from django.db import migrations


def forwards(apps, schema_editor):
    jobcenter_model = apps.get_model("accounts", "Jobcenter")
    weights_model = apps.get_model("matching", "MatchingWeights")
    existing = set(weights_model._base_manager.values_list("jobcenter_id", flat=True))
    weights_model._base_manager.bulk_create(
        [
            weights_model(jobcenter_id=pk)
            for pk in jobcenter_model._base_manager.values_list("pk", flat=True)
            if pk not in existing
        ]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
