from django.db import migrations, models


class Migration(migrations.Migration):
    """The start page's waiting lists read their first rows and their count from an index."""

    dependencies = [
        ("citizens", "0001_initial_squashed_0007_first_meeting_plan"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="citizen",
            index=models.Index(fields=["jobcenter", "status", "referred_on", "id"], name="citizen_jc_status_referred"),
        ),
        migrations.AddIndex(
            model_name="mentoragreement",
            index=models.Index(fields=["jobcenter", "status", "starts_on", "id"], name="agreement_jc_status_start"),
        ),
    ]
