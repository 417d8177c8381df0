"""notifications 0001-0009 squashed (issue 20): the three models as they stand after 0009, each in one CreateModel;
0004's expiry of pending rows is elidable (the table it updates is created here). The replaced migrations stay
until every installation has applied them."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import mentorship.migration_operations


class Migration(migrations.Migration):
    replaces = [
        ("notifications", "0001_initial"),
        ("notifications", "0002_drop_redundant_fk_indexes"),
        ("notifications", "0003_about_type_without_db_check"),
        ("notifications", "0004_outbox_expiry"),
        ("notifications", "0005_message_items"),
        ("notifications", "0006_about_index_partial"),
        ("notifications", "0007_delivery_preferences"),
        ("notifications", "0008_message_sms_channel"),
        ("notifications", "0009_digest_on_weekends"),
    ]

    initial = True

    dependencies = [
        ("accounts", "0002_initial"),
        ("accounts", "0004_federation"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        mentorship.migration_operations.CreateModels(
            operations=[
                migrations.CreateModel(
                    name="Message",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("kind", models.CharField(max_length=60, verbose_name="type")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("pending", "Venter"),
                                    ("sent", "Sendt"),
                                    ("failed", "Fejlet"),
                                    ("expired", "Udløbet"),
                                    ("held", "Venter på daglig samling"),
                                    ("digested", "Med i daglig samling"),
                                    ("inbox", "Kun i indbakken"),
                                ],
                                default="pending",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        ("recipient_email", models.EmailField(max_length=254, verbose_name="modtagerens e-mail")),
                        (
                            "recipient_name",
                            models.CharField(blank=True, max_length=200, verbose_name="modtagerens navn"),
                        ),
                        ("is_rendered", models.BooleanField(default=True, verbose_name="gengivet")),
                        ("subject", models.CharField(blank=True, max_length=300, verbose_name="emne")),
                        ("body_text", models.TextField(blank=True, verbose_name="tekst")),
                        ("body_html", models.TextField(blank=True, verbose_name="HTML")),
                        ("attachments", models.JSONField(blank=True, default=list, verbose_name="vedhæftede filer")),
                        (
                            "about_id",
                            models.PositiveBigIntegerField(blank=True, null=True, verbose_name="handler om (id)"),
                        ),
                        (
                            "period",
                            models.CharField(
                                blank=True, help_text="Fx ISO-uge 2026-W48.", max_length=20, verbose_name="periode"
                            ),
                        ),
                        ("idempotency_key", models.CharField(max_length=255, verbose_name="entydig nøgle")),
                        ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="forsøg")),
                        ("last_error", models.TextField(blank=True, verbose_name="seneste fejl")),
                        (
                            "created_at",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="oprettet"),
                        ),
                        (
                            "next_attempt_at",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="næste forsøg"),
                        ),
                        ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="sendt")),
                        (
                            "about_type",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                db_index=False,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="contenttypes.contenttype",
                                verbose_name="handler om (type)",
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                db_index=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="messages",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                        ("expires_at", models.DateTimeField(blank=True, null=True, verbose_name="udløber")),
                        (
                            "resends",
                            models.PositiveSmallIntegerField(db_default=0, default=0, verbose_name="sendt igen"),
                        ),
                        ("items", models.JSONField(blank=True, default=list, verbose_name="punkter")),
                        (
                            "channel",
                            models.CharField(
                                choices=[("email", "E-mail"), ("sms", "SMS")],
                                db_default="email",
                                default="email",
                                max_length=5,
                                verbose_name="kanal",
                            ),
                        ),
                        ("delivered_at", models.DateTimeField(blank=True, null=True, verbose_name="leveret")),
                        (
                            "delivery_detail",
                            models.CharField(
                                blank=True, db_default="", max_length=500, verbose_name="leveringsdetalje"
                            ),
                        ),
                        (
                            "delivery_status",
                            models.CharField(blank=True, db_default="", max_length=10, verbose_name="leveringsstatus"),
                        ),
                        (
                            "gateway_id",
                            models.CharField(blank=True, db_default="", max_length=100, verbose_name="gatewayens id"),
                        ),
                        (
                            "recipient_phone",
                            models.CharField(
                                blank=True, db_default="", max_length=12, verbose_name="modtagerens mobilnummer"
                            ),
                        ),
                        (
                            "sms_encoding",
                            models.CharField(blank=True, db_default="", max_length=4, verbose_name="sms-tegnsæt"),
                        ),
                        (
                            "sms_segments",
                            models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="sms-dele"),
                        ),
                    ],
                    options={
                        "verbose_name": "besked",
                        "verbose_name_plural": "beskeder",
                        "ordering": ["-created_at", "-id"],
                        "indexes": [
                            models.Index(
                                condition=models.Q(("status", "pending")),
                                fields=["next_attempt_at"],
                                name="message_pending_due_idx",
                            ),
                            models.Index(
                                fields=["jobcenter", "status", "kind", "period"], name="message_outbox_filter_idx"
                            ),
                            models.Index(
                                condition=models.Q(("about_type__isnull", False)),
                                fields=["about_type", "about_id"],
                                name="message_about_partial_idx",
                            ),
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("jobcenter", "idempotency_key"), name="message_unique_idempotency_key"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("sent_at__isnull", False), ("status", "sent")),
                                    models.Q(models.Q(("status", "sent"), _negated=True), ("sent_at__isnull", True)),
                                    _connector="OR",
                                ),
                                name="message_sent_at_iff_sent",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("about_id__isnull", True), ("about_type__isnull", True)),
                                    models.Q(("about_id__isnull", False), ("about_type__isnull", False)),
                                    _connector="OR",
                                ),
                                name="message_about_complete",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("is_rendered", False), models.Q(("subject", ""), _negated=True), _connector="OR"
                                ),
                                name="message_rendered_has_subject",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    (
                                        "status__in",
                                        ["pending", "sent", "failed", "expired", "held", "digested", "inbox"],
                                    )
                                ),
                                name="message_status_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("channel", "email"),
                                    models.Q(("channel", "sms"), models.Q(("recipient_phone", ""), _negated=True)),
                                    _connector="OR",
                                ),
                                name="message_channel_valid_with_address",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="ReminderRun",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("kind", models.CharField(max_length=60, verbose_name="type")),
                        ("period", models.CharField(max_length=20, verbose_name="periode")),
                        ("created_count", models.PositiveIntegerField(default=0, verbose_name="oprettede beskeder")),
                        ("ran_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="kørt")),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="reminder_runs",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "kørsel af påmindelser",
                        "verbose_name_plural": "kørsler af påmindelser",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("jobcenter", "kind", "period"), name="reminder_run_once_per_period"
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="ReminderSchedule",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "weekday",
                            models.PositiveSmallIntegerField(
                                choices=[(0, "mandag"), (1, "tirsdag"), (2, "onsdag"), (3, "torsdag"), (4, "fredag")],
                                default=0,
                                verbose_name="ugedag",
                            ),
                        ),
                        ("hour", models.PositiveSmallIntegerField(default=7, verbose_name="klokkeslæt (time)")),
                        ("is_active", models.BooleanField(default=True, verbose_name="send ugentlige påmindelser")),
                        (
                            "jobcenter",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="reminder_schedule",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                        ("allow_digest", models.BooleanField(default=True, verbose_name="tillad daglig samlet e-mail")),
                        ("allow_inbox_only", models.BooleanField(default=True, verbose_name="tillad kun indbakke")),
                        (
                            "digest_on_weekends",
                            models.BooleanField(
                                default=False, verbose_name="send den daglige samlede e-mail lørdag og søndag"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "tidsplan for påmindelser",
                        "verbose_name_plural": "tidsplaner for påmindelser",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("weekday__gte", 0), ("weekday__lte", 4)),
                                name="reminder_schedule_weekday",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("hour__gte", 0), ("hour__lte", 23)), name="reminder_schedule_hour"
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="DeliveryPreference",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("group", models.CharField(max_length=40, verbose_name="beskedgruppe")),
                        (
                            "channel",
                            models.CharField(
                                choices=[
                                    ("email", "E-mail med det samme"),
                                    ("digest", "Én samlet e-mail om dagen"),
                                    ("inbox", "Kun i indbakken"),
                                ],
                                max_length=10,
                                verbose_name="levering",
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="delivery_preferences",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="delivery_preferences",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="bruger",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "præference for beskeder",
                        "verbose_name_plural": "præferencer for beskeder",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("jobcenter", "user", "group"), name="delivery_preference_once"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("channel__in", ["email", "digest", "inbox"])),
                                name="delivery_preference_channel",
                            ),
                        ],
                    },
                ),
            ],
        ),
    ]
