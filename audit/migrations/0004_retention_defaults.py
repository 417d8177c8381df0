"""Every existing jobcenter gets the default retention periods (new ones: audit.services via
settings.JOBCENTER_DEFAULTS)."""

from django.db import migrations

DEFAULTS = {"citizen_ended": 60, "mentor_rejected": 6, "access_log": 24, "outbox_message": 12}


def forwards(apps, schema_editor):
    Jobcenter = apps.get_model("accounts", "Jobcenter")
    RetentionRule = apps.get_model("audit", "RetentionRule")
    for jobcenter_id in Jobcenter.objects.values_list("id", flat=True):
        for kind, months in DEFAULTS.items():
            RetentionRule.objects.get_or_create(jobcenter_id=jobcenter_id, kind=kind, defaults={"months": months})


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_retention_and_archive"), ("accounts", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
