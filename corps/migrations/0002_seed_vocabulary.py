"""Seeds the default competence list for every existing jobcenter and the global language list."""

from django.db import migrations

from corps.vocabulary import seed_vocabulary


def forwards(apps, schema_editor):
    seed_vocabulary(
        jobcenter_model=apps.get_model("accounts", "Jobcenter"),
        competence_model=apps.get_model("corps", "Competence"),
        language_model=apps.get_model("corps", "Language"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("corps", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
