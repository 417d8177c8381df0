"""citizens 0001-0007 squashed (issue 20): a new database creates each model with its indexes and constraints in
one CreateModel instead of replaying ~100 operations. The data migrations of 0002 (vocabulary seed) and 0003
(trigram index) run at the end; 0005's backfill and 0006's goal jobcenters are elidable (they only touch rows
of tables this migration creates). The replaced migrations stay until every installation has applied them."""

import datetime
import uuid

import django.core.validators
import django.db.models.deletion
import django.db.models.expressions
import django.db.models.functions.text
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import mentorship.migration_operations
from citizens.vocabulary import seed_vocabulary


# citizens 0002_seed_vocabulary
def seed_vocabulary_forwards(apps, schema_editor):
    seed_vocabulary(
        jobcenter_model=apps.get_model("accounts", "Jobcenter"),
        target_group_model=apps.get_model("citizens", "TargetGroup"),
        placement_type_model=apps.get_model("citizens", "PlacementType"),
        dimension_model=apps.get_model("citizens", "ProgressDimension"),
    )


# citizens 0003_citizen_name_trigram: name search uses a trigram GIN index on PostgreSQL (SQLite needs none).
TRIGRAM_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS citizen_name_trgm ON citizens_citizen USING gin (UPPER(name) gin_trgm_ops)",
]
TRIGRAM_DROP = ["DROP INDEX IF EXISTS citizen_name_trgm"]


def _run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    replaces = [
        ("citizens", "0001_initial"),
        ("citizens", "0002_seed_vocabulary"),
        ("citizens", "0003_citizen_name_trigram"),
        ("citizens", "0004_progress_score_covering_index"),
        ("citizens", "0005_progress_summary"),
        ("citizens", "0006_goal_assessment_agreement_owner"),
        ("citizens", "0007_first_meeting_plan"),
    ]

    initial = True

    dependencies = [
        ("accounts", "0002_initial"),
        ("accounts", "0004_federation"),
        ("companies", "0003_seed_industries"),
        ("corps", "0002_seed_vocabulary"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        mentorship.migration_operations.CreateModels(
            operations=[
                migrations.CreateModel(
                    name="Citizen",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=200, verbose_name="navn")),
                        ("birth_date", models.DateField(blank=True, null=True, verbose_name="fødselsdato")),
                        (
                            "cpr_hash",
                            models.CharField(blank=True, editable=False, max_length=64, verbose_name="CPR-søgenøgle"),
                        ),
                        (
                            "cpr_encrypted",
                            models.TextField(blank=True, editable=False, verbose_name="CPR-nummer (krypteret)"),
                        ),
                        (
                            "phone",
                            models.CharField(
                                blank=True,
                                max_length=20,
                                validators=[
                                    django.core.validators.RegexValidator(
                                        "^\\+?[0-9 ]{8,15}$",
                                        "Skriv telefonnummeret med cifre, fx 20 30 40 50 eller +45 20304050.",
                                    )
                                ],
                                verbose_name="telefon",
                            ),
                        ),
                        ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                        ("address", models.CharField(blank=True, max_length=200, verbose_name="adresse")),
                        (
                            "postcode",
                            models.CharField(
                                max_length=4,
                                validators=[
                                    django.core.validators.RegexValidator(
                                        "^\\d{4}$", "Postnummeret skal være fire cifre."
                                    )
                                ],
                                verbose_name="postnummer",
                            ),
                        ),
                        (
                            "referred_on",
                            models.DateField(default=django.utils.timezone.localdate, verbose_name="henvist"),
                        ),
                        ("referral_reason", models.TextField(blank=True, verbose_name="baggrund for henvisningen")),
                        (
                            "wish_gender",
                            models.CharField(
                                blank=True,
                                choices=[("", "Ingen ønsker"), ("female", "Kvinde"), ("male", "Mand")],
                                default="",
                                max_length=10,
                                verbose_name="ønske om mentorens køn",
                            ),
                        ),
                        (
                            "wish_age_band",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("", "Ingen ønsker"),
                                    ("u25", "Under 25 år"),
                                    ("25-34", "25–34 år"),
                                    ("35-44", "35–44 år"),
                                    ("45-54", "45–54 år"),
                                    ("55-64", "55–64 år"),
                                    ("65+", "65 år og derover"),
                                ],
                                default="",
                                max_length=10,
                                verbose_name="ønske om mentorens alder",
                            ),
                        ),
                        ("wish_text", models.TextField(blank=True, verbose_name="borgerens ønsker med egne ord")),
                        ("caseworker_view", models.TextField(blank=True, verbose_name="sagsbehandlerens vurdering")),
                        (
                            "status",
                            models.CharField(
                                choices=[("referred", "Henvist"), ("active", "I forløb"), ("ended", "Afsluttet")],
                                default="referred",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "outcome",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("ordinary_job", "Ordinært job"),
                                    ("education", "Uddannelse"),
                                    ("flex_job", "Fleksjob"),
                                    ("other_placement", "Andet forløb"),
                                    ("sick_listed", "Sygemeldt"),
                                    ("dropped_out", "Faldet fra"),
                                    ("moved", "Fraflyttet"),
                                    ("other", "Andet"),
                                ],
                                max_length=20,
                                verbose_name="resultat",
                            ),
                        ),
                        ("outcome_on", models.DateField(blank=True, null=True, verbose_name="afsluttet den")),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False, verbose_name="oprettet"
                            ),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="opdateret")),
                        (
                            "caseworker",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="referred_citizens",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="henvisende sagsbehandler",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="oprettet af",
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="citizens",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                        (
                            "languages",
                            models.ManyToManyField(
                                blank=True, related_name="citizens", to="corps.language", verbose_name="sprog"
                            ),
                        ),
                        (
                            "needs",
                            models.ManyToManyField(
                                blank=True, related_name="citizens", to="corps.competence", verbose_name="behov"
                            ),
                        ),
                        (
                            "wish_language",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="corps.language",
                                verbose_name="ønske om mentorens sprog",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "borger",
                        "verbose_name_plural": "borgere",
                        "ordering": ["name", "id"],
                        "indexes": [
                            models.Index(fields=["jobcenter", "name", "id"], name="citizen_jc_name"),
                            models.Index(fields=["jobcenter", "status", "name", "id"], name="citizen_jc_status_name"),
                            models.Index(fields=["jobcenter", "-referred_on", "id"], name="citizen_jc_referred"),
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("cpr_hash", ""), _negated=True),
                                fields=("jobcenter", "cpr_hash"),
                                name="citizen_unique_cpr_per_jobcenter",
                                violation_error_message="Der findes allerede en borger med dette CPR-nummer.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("status__in", ["referred", "active", "ended"])),
                                name="citizen_status_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(
                                        (
                                            "outcome__in",
                                            [
                                                "ordinary_job",
                                                "education",
                                                "flex_job",
                                                "other_placement",
                                                "sick_listed",
                                                "dropped_out",
                                                "moved",
                                                "other",
                                            ],
                                        ),
                                        ("outcome_on__isnull", False),
                                        ("status", "ended"),
                                    ),
                                    models.Q(
                                        models.Q(("status", "ended"), _negated=True),
                                        ("outcome", ""),
                                        ("outcome_on__isnull", True),
                                    ),
                                    _connector="OR",
                                ),
                                name="citizen_outcome_iff_ended",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("cpr_hash", ""), ("cpr_encrypted", "")),
                                    models.Q(
                                        models.Q(("cpr_hash", ""), _negated=True),
                                        models.Q(("cpr_encrypted", ""), _negated=True),
                                        ("birth_date__isnull", False),
                                    ),
                                    _connector="OR",
                                ),
                                name="citizen_cpr_hash_and_token_together",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Goal",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("title", models.CharField(max_length=300, verbose_name="mål")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("not_started", "Ikke påbegyndt"),
                                    ("in_progress", "I gang"),
                                    ("reached", "Nået"),
                                    ("dropped", "Opgivet"),
                                ],
                                default="not_started",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        ("target_date", models.DateField(blank=True, null=True, verbose_name="måldato")),
                        ("position", models.PositiveSmallIntegerField(default=0, verbose_name="rækkefølge")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="opdateret")),
                        (
                            "parent",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="sub_goals",
                                to="citizens.goal",
                                verbose_name="delmål af",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "mål",
                        "verbose_name_plural": "mål",
                        "ordering": ["position", "id"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("status__in", ["not_started", "in_progress", "reached", "dropped"])
                                ),
                                name="goal_status_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("parent", models.F("id")), _negated=True),
                                name="goal_not_own_parent",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalCitizen",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("name", models.CharField(max_length=200, verbose_name="navn")),
                        ("birth_date", models.DateField(blank=True, null=True, verbose_name="fødselsdato")),
                        (
                            "phone",
                            models.CharField(
                                blank=True,
                                max_length=20,
                                validators=[
                                    django.core.validators.RegexValidator(
                                        "^\\+?[0-9 ]{8,15}$",
                                        "Skriv telefonnummeret med cifre, fx 20 30 40 50 eller +45 20304050.",
                                    )
                                ],
                                verbose_name="telefon",
                            ),
                        ),
                        ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                        ("address", models.CharField(blank=True, max_length=200, verbose_name="adresse")),
                        (
                            "postcode",
                            models.CharField(
                                max_length=4,
                                validators=[
                                    django.core.validators.RegexValidator(
                                        "^\\d{4}$", "Postnummeret skal være fire cifre."
                                    )
                                ],
                                verbose_name="postnummer",
                            ),
                        ),
                        (
                            "referred_on",
                            models.DateField(default=django.utils.timezone.localdate, verbose_name="henvist"),
                        ),
                        ("referral_reason", models.TextField(blank=True, verbose_name="baggrund for henvisningen")),
                        (
                            "wish_gender",
                            models.CharField(
                                blank=True,
                                choices=[("", "Ingen ønsker"), ("female", "Kvinde"), ("male", "Mand")],
                                default="",
                                max_length=10,
                                verbose_name="ønske om mentorens køn",
                            ),
                        ),
                        (
                            "wish_age_band",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("", "Ingen ønsker"),
                                    ("u25", "Under 25 år"),
                                    ("25-34", "25–34 år"),
                                    ("35-44", "35–44 år"),
                                    ("45-54", "45–54 år"),
                                    ("55-64", "55–64 år"),
                                    ("65+", "65 år og derover"),
                                ],
                                default="",
                                max_length=10,
                                verbose_name="ønske om mentorens alder",
                            ),
                        ),
                        ("wish_text", models.TextField(blank=True, verbose_name="borgerens ønsker med egne ord")),
                        ("caseworker_view", models.TextField(blank=True, verbose_name="sagsbehandlerens vurdering")),
                        (
                            "status",
                            models.CharField(
                                choices=[("referred", "Henvist"), ("active", "I forløb"), ("ended", "Afsluttet")],
                                default="referred",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "outcome",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("ordinary_job", "Ordinært job"),
                                    ("education", "Uddannelse"),
                                    ("flex_job", "Fleksjob"),
                                    ("other_placement", "Andet forløb"),
                                    ("sick_listed", "Sygemeldt"),
                                    ("dropped_out", "Faldet fra"),
                                    ("moved", "Fraflyttet"),
                                    ("other", "Andet"),
                                ],
                                max_length=20,
                                verbose_name="resultat",
                            ),
                        ),
                        ("outcome_on", models.DateField(blank=True, null=True, verbose_name="afsluttet den")),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False, verbose_name="oprettet"
                            ),
                        ),
                        ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="opdateret")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "caseworker",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="henvisende sagsbehandler",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="oprettet af",
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                        (
                            "wish_language",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="corps.language",
                                verbose_name="ønske om mentorens sprog",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical borger",
                        "verbose_name_plural": "historical borgere",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalCitizen_languages",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                        (
                            "citizen",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                db_tablespace="",
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="citizens.citizen",
                            ),
                        ),
                        (
                            "history",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                to="citizens.historicalcitizen",
                            ),
                        ),
                        (
                            "language",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                db_tablespace="",
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="corps.language",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "HistoricalCitizen_languages",
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalCitizen_needs",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                        (
                            "citizen",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                db_tablespace="",
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="citizens.citizen",
                            ),
                        ),
                        (
                            "competence",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                db_tablespace="",
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="corps.competence",
                            ),
                        ),
                        (
                            "history",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                to="citizens.historicalcitizen",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "HistoricalCitizen_needs",
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalPlacementType",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        (
                            "code",
                            models.SlugField(
                                help_text="Fast nøgle, som rapporter bruger. Ændres ikke, når navnet ændres.",
                                verbose_name="kode",
                            ),
                        ),
                        ("name", models.CharField(max_length=100, verbose_name="navn")),
                        ("position", models.PositiveSmallIntegerField(default=0, verbose_name="rækkefølge")),
                        (
                            "is_active",
                            models.BooleanField(
                                default=True, help_text="Kan ikke vælges til nye sager.", verbose_name="i brug"
                            ),
                        ),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical forløbstype",
                        "verbose_name_plural": "historical forløbstyper",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalProgressDimension",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        (
                            "code",
                            models.SlugField(
                                help_text="Fast nøgle, som rapporter bruger. Ændres ikke, når navnet ændres.",
                                verbose_name="kode",
                            ),
                        ),
                        ("name", models.CharField(max_length=100, verbose_name="navn")),
                        ("position", models.PositiveSmallIntegerField(default=0, verbose_name="rækkefølge")),
                        (
                            "is_active",
                            models.BooleanField(
                                default=True, help_text="Kan ikke vælges til nye sager.", verbose_name="i brug"
                            ),
                        ),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical kompetencekort-dimension",
                        "verbose_name_plural": "historical kompetencekort-dimensioner",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalTargetGroup",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        (
                            "code",
                            models.SlugField(
                                help_text="Fast nøgle, som rapporter bruger. Ændres ikke, når navnet ændres.",
                                verbose_name="kode",
                            ),
                        ),
                        ("name", models.CharField(max_length=100, verbose_name="navn")),
                        ("position", models.PositiveSmallIntegerField(default=0, verbose_name="rækkefølge")),
                        (
                            "is_active",
                            models.BooleanField(
                                default=True, help_text="Kan ikke vælges til nye sager.", verbose_name="i brug"
                            ),
                        ),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical målgruppe",
                        "verbose_name_plural": "historical målgrupper",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="MentorAgreement",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("draft", "Kladde"),
                                    ("active", "Aktiv"),
                                    ("ended", "Afsluttet"),
                                    ("renewed", "Forlænget med ny aftale"),
                                ],
                                default="draft",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        ("goal", models.TextField(verbose_name="formål og mål med mentorstøtten")),
                        ("mentor_tasks", models.TextField(verbose_name="mentorens opgaver")),
                        ("starts_on", models.DateField(verbose_name="start")),
                        ("ends_on", models.DateField(verbose_name="slut")),
                        (
                            "hours_total",
                            models.DecimalField(
                                decimal_places=2,
                                max_digits=6,
                                validators=[django.core.validators.MinValueValidator(0)],
                                verbose_name="antal timer i alt",
                            ),
                        ),
                        (
                            "hours_per_week",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=5,
                                null=True,
                                validators=[django.core.validators.MinValueValidator(0)],
                                verbose_name="timer om ugen",
                            ),
                        ),
                        ("complaint_guidance", models.TextField(verbose_name="klagevejledning")),
                        (
                            "renewal_assessment",
                            models.TextField(blank=True, verbose_name="konkret vurdering af behovet for forlængelse"),
                        ),
                        ("activated_at", models.DateTimeField(blank=True, null=True, verbose_name="trådt i kraft")),
                        ("ended_on", models.DateField(blank=True, null=True, verbose_name="afsluttet den")),
                        ("end_reason", models.TextField(blank=True, verbose_name="begrundelse for afslutning")),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False, verbose_name="oprettet"
                            ),
                        ),
                        (
                            "caseworker",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="kontaktperson i jobcentret",
                            ),
                        ),
                        (
                            "citizen",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="agreements",
                                to="citizens.citizen",
                                verbose_name="borger",
                            ),
                        ),
                        (
                            "company_mentor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="agreements",
                                to="companies.companymentor",
                                verbose_name="virksomhedsmentor",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="oprettet af",
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="mentor_agreements",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                        (
                            "mentor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="agreements",
                                to="corps.mentor",
                                verbose_name="mentor fra mentorkorpset",
                            ),
                        ),
                        (
                            "renews",
                            models.OneToOneField(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="renewed_by",
                                to="citizens.mentoragreement",
                                verbose_name="forlænger aftale",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "mentoraftale",
                        "verbose_name_plural": "mentoraftaler",
                        "ordering": ["-starts_on", "-id"],
                        "indexes": [
                            models.Index(fields=["jobcenter", "status", "ends_on"], name="agreement_jc_status_end"),
                            models.Index(fields=["citizen", "starts_on"], name="agreement_citizen_start"),
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("status", "active")),
                                fields=("citizen",),
                                name="agreement_one_active_per_citizen",
                                violation_error_message="Borgeren har allerede en aktiv mentoraftale.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("status__in", ["draft", "active", "ended", "renewed"])),
                                name="agreement_status_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("ends_on__gt", models.F("starts_on"))),
                                name="agreement_end_after_start",
                                violation_error_message="Slutdatoen skal ligge efter startdatoen.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    (
                                        "ends_on__lte",
                                        django.db.models.expressions.CombinedExpression(
                                            models.F("starts_on"), "+", models.Value(datetime.timedelta(days=184))
                                        ),
                                    )
                                ),
                                name="agreement_at_most_six_months",
                                violation_error_message="En mentoraftale kan højst gælde i 6 måneder.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("hours_total__gte", 0),
                                    models.Q(
                                        ("hours_per_week__isnull", True), ("hours_per_week__gte", 0), _connector="OR"
                                    ),
                                ),
                                name="agreement_hours_not_negative",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("company_mentor__isnull", False), ("mentor__isnull", False), _negated=True
                                ),
                                name="agreement_one_kind_of_mentor",
                                violation_error_message="Vælg enten en mentor fra mentorkorpset eller en virksomhedsmentor.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("status", "draft"),
                                    ("mentor__isnull", False),
                                    ("company_mentor__isnull", False),
                                    _connector="OR",
                                ),
                                name="agreement_mentor_unless_draft",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("renews__isnull", True),
                                    models.Q(("renewal_assessment", ""), _negated=True),
                                    _connector="OR",
                                ),
                                name="agreement_renewal_needs_assessment",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalMentorAgreement",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("draft", "Kladde"),
                                    ("active", "Aktiv"),
                                    ("ended", "Afsluttet"),
                                    ("renewed", "Forlænget med ny aftale"),
                                ],
                                default="draft",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        ("goal", models.TextField(verbose_name="formål og mål med mentorstøtten")),
                        ("mentor_tasks", models.TextField(verbose_name="mentorens opgaver")),
                        ("starts_on", models.DateField(verbose_name="start")),
                        ("ends_on", models.DateField(verbose_name="slut")),
                        (
                            "hours_total",
                            models.DecimalField(
                                decimal_places=2,
                                max_digits=6,
                                validators=[django.core.validators.MinValueValidator(0)],
                                verbose_name="antal timer i alt",
                            ),
                        ),
                        (
                            "hours_per_week",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=5,
                                null=True,
                                validators=[django.core.validators.MinValueValidator(0)],
                                verbose_name="timer om ugen",
                            ),
                        ),
                        ("complaint_guidance", models.TextField(verbose_name="klagevejledning")),
                        (
                            "renewal_assessment",
                            models.TextField(blank=True, verbose_name="konkret vurdering af behovet for forlængelse"),
                        ),
                        ("activated_at", models.DateTimeField(blank=True, null=True, verbose_name="trådt i kraft")),
                        ("ended_on", models.DateField(blank=True, null=True, verbose_name="afsluttet den")),
                        ("end_reason", models.TextField(blank=True, verbose_name="begrundelse for afslutning")),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False, verbose_name="oprettet"
                            ),
                        ),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "caseworker",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="kontaktperson i jobcentret",
                            ),
                        ),
                        (
                            "citizen",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="citizens.citizen",
                                verbose_name="borger",
                            ),
                        ),
                        (
                            "company_mentor",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="companies.companymentor",
                                verbose_name="virksomhedsmentor",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="oprettet af",
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                        (
                            "mentor",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="corps.mentor",
                                verbose_name="mentor fra mentorkorpset",
                            ),
                        ),
                        (
                            "renews",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="citizens.mentoragreement",
                                verbose_name="forlænger aftale",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical mentoraftale",
                        "verbose_name_plural": "historical mentoraftaler",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalFirstMeeting",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("held_on", models.DateField(verbose_name="dato")),
                        ("citizen_present", models.BooleanField(default=True, verbose_name="borgeren deltog")),
                        ("mentor_present", models.BooleanField(default=True, verbose_name="mentoren deltog")),
                        (
                            "caseworker_present",
                            models.BooleanField(default=True, verbose_name="sagsbehandleren deltog"),
                        ),
                        (
                            "other_participants",
                            models.CharField(blank=True, max_length=300, verbose_name="andre deltagere"),
                        ),
                        ("expectations", models.TextField(verbose_name="forventninger, der blev aftalt")),
                        ("goals", models.TextField(verbose_name="mål, der blev sat")),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False, verbose_name="oprettet"
                            ),
                        ),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="accounts.jobcenter",
                            ),
                        ),
                        (
                            "recorded_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="skrevet af",
                            ),
                        ),
                        (
                            "agreement",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="citizens.mentoragreement",
                                verbose_name="mentoraftale",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical opstartsmøde",
                        "verbose_name_plural": "historical opstartsmøder",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="FirstMeeting",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("held_on", models.DateField(verbose_name="dato")),
                        ("citizen_present", models.BooleanField(default=True, verbose_name="borgeren deltog")),
                        ("mentor_present", models.BooleanField(default=True, verbose_name="mentoren deltog")),
                        (
                            "caseworker_present",
                            models.BooleanField(default=True, verbose_name="sagsbehandleren deltog"),
                        ),
                        (
                            "other_participants",
                            models.CharField(blank=True, max_length=300, verbose_name="andre deltagere"),
                        ),
                        ("expectations", models.TextField(verbose_name="forventninger, der blev aftalt")),
                        ("goals", models.TextField(verbose_name="mål, der blev sat")),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False, verbose_name="oprettet"
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="accounts.jobcenter"
                            ),
                        ),
                        (
                            "recorded_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="skrevet af",
                            ),
                        ),
                        (
                            "agreement",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="first_meeting",
                                to="citizens.mentoragreement",
                                verbose_name="mentoraftale",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "opstartsmøde",
                        "verbose_name_plural": "opstartsmøder",
                    },
                ),
                migrations.CreateModel(
                    name="Placement",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("proposed", "Foreslået til virksomheden"),
                                    ("declined", "Afvist af virksomheden"),
                                    ("active", "Aktivt"),
                                    ("ended", "Afsluttet"),
                                ],
                                default="proposed",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        ("starts_on", models.DateField(verbose_name="start")),
                        ("ends_on", models.DateField(verbose_name="planlagt slut")),
                        ("tasks", models.TextField(verbose_name="arbejdsopgaver")),
                        (
                            "hours_per_week",
                            models.DecimalField(
                                decimal_places=1,
                                max_digits=4,
                                validators=[django.core.validators.MinValueValidator(0)],
                                verbose_name="timer om ugen ved start",
                            ),
                        ),
                        (
                            "mentor_hours_per_week",
                            models.DecimalField(
                                decimal_places=1,
                                default=0,
                                help_text="De timer, virksomheden kompenseres for (frikøb).",
                                max_digits=4,
                                validators=[django.core.validators.MinValueValidator(0)],
                                verbose_name="virksomhedsmentorens timer om ugen",
                            ),
                        ),
                        ("proposal_note", models.TextField(blank=True, verbose_name="besked til virksomheden")),
                        (
                            "decided_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="besvaret af virksomheden"),
                        ),
                        ("decline_reason", models.TextField(blank=True, verbose_name="begrundelse for afslag")),
                        (
                            "last_follow_up_on",
                            models.DateField(blank=True, null=True, verbose_name="seneste opfølgning"),
                        ),
                        ("ended_on", models.DateField(blank=True, null=True, verbose_name="afsluttet den")),
                        (
                            "outcome",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("ordinary_job", "Ordinært job"),
                                    ("education", "Uddannelse"),
                                    ("flex_job", "Fleksjob"),
                                    ("other_placement", "Andet forløb"),
                                    ("sick_listed", "Sygemeldt"),
                                    ("dropped_out", "Faldet fra"),
                                    ("moved", "Fraflyttet"),
                                    ("other", "Andet"),
                                ],
                                max_length=20,
                                verbose_name="resultat",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False, verbose_name="oprettet"
                            ),
                        ),
                        (
                            "citizen",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="placements",
                                to="citizens.citizen",
                                verbose_name="borger",
                            ),
                        ),
                        (
                            "company",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="placements",
                                to="companies.company",
                                verbose_name="virksomhed",
                            ),
                        ),
                        (
                            "company_mentor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="placements",
                                to="companies.companymentor",
                                verbose_name="virksomhedsmentor",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="oprettet af",
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="placements",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                        (
                            "responsible",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="responsible_placements",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="ansvarlig jobkonsulent",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "forløb",
                        "verbose_name_plural": "forløb",
                        "ordering": ["-starts_on", "-id"],
                        "indexes": [
                            models.Index(
                                fields=["jobcenter", "status", "last_follow_up_on"], name="placement_jc_status_followup"
                            ),
                            models.Index(fields=["company", "status", "starts_on"], name="placement_company_status"),
                            models.Index(fields=["citizen", "starts_on"], name="placement_citizen_start"),
                        ],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("status__in", ["proposed", "declined", "active", "ended"])),
                                name="placement_status_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("ends_on__gt", models.F("starts_on"))),
                                name="placement_end_after_start",
                                violation_error_message="Slutdatoen skal ligge efter startdatoen.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("ended_on__isnull", True),
                                    ("ended_on__gte", models.F("starts_on")),
                                    _connector="OR",
                                ),
                                name="placement_ended_not_before_start",
                                violation_error_message="Forløbet kan ikke afsluttes før det er startet.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("hours_per_week__gte", 0), ("mentor_hours_per_week__gte", 0)),
                                name="placement_hours_not_negative",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(
                                        ("ended_on__isnull", False),
                                        (
                                            "outcome__in",
                                            [
                                                "ordinary_job",
                                                "education",
                                                "flex_job",
                                                "other_placement",
                                                "sick_listed",
                                                "dropped_out",
                                                "moved",
                                                "other",
                                            ],
                                        ),
                                        ("status", "ended"),
                                    ),
                                    models.Q(
                                        models.Q(("status", "ended"), _negated=True),
                                        ("outcome", ""),
                                        ("ended_on__isnull", True),
                                    ),
                                    _connector="OR",
                                ),
                                name="placement_outcome_iff_ended",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("status__in", ["proposed", "declined"]),
                                    ("company_mentor__isnull", False),
                                    _connector="OR",
                                ),
                                name="placement_mentor_once_accepted",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="HoursStep",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("starts_on", models.DateField(verbose_name="fra og med")),
                        (
                            "hours_per_week",
                            models.DecimalField(
                                decimal_places=1,
                                max_digits=4,
                                validators=[django.core.validators.MinValueValidator(0)],
                                verbose_name="timer om ugen",
                            ),
                        ),
                        ("note", models.CharField(blank=True, max_length=200, verbose_name="bemærkning")),
                        (
                            "placement",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="hours_steps",
                                to="citizens.placement",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "optrapning",
                        "verbose_name_plural": "optrapningsplan",
                        "ordering": ["starts_on"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("placement", "starts_on"),
                                name="hours_step_one_per_date",
                                violation_error_message="Der er allerede et trin fra den dato.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("hours_per_week__gte", 0)), name="hours_step_not_negative"
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalProgressAssessment",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("assessed_on", models.DateField(verbose_name="dato")),
                        (
                            "assessor_kind",
                            models.CharField(
                                choices=[
                                    ("company", "Virksomheden"),
                                    ("jobcenter", "Jobcentret"),
                                    ("mentor", "Mentoren"),
                                ],
                                max_length=10,
                                verbose_name="vurderet af",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False, verbose_name="oprettet"
                            ),
                        ),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "company_mentor",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="companies.companymentor",
                                verbose_name="virksomhedsmentor",
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="accounts.jobcenter",
                            ),
                        ),
                        (
                            "recorded_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="indtastet af",
                            ),
                        ),
                        (
                            "placement",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="citizens.placement",
                            ),
                        ),
                        (
                            "agreement",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="citizens.mentoragreement",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical progressionsvurdering",
                        "verbose_name_plural": "historical progressionsvurderinger",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalHoursStep",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("starts_on", models.DateField(verbose_name="fra og med")),
                        (
                            "hours_per_week",
                            models.DecimalField(
                                decimal_places=1,
                                max_digits=4,
                                validators=[django.core.validators.MinValueValidator(0)],
                                verbose_name="timer om ugen",
                            ),
                        ),
                        ("note", models.CharField(blank=True, max_length=200, verbose_name="bemærkning")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "placement",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="citizens.placement",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical optrapning",
                        "verbose_name_plural": "historical optrapningsplan",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalGoal",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("title", models.CharField(max_length=300, verbose_name="mål")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("not_started", "Ikke påbegyndt"),
                                    ("in_progress", "I gang"),
                                    ("reached", "Nået"),
                                    ("dropped", "Opgivet"),
                                ],
                                default="not_started",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        ("target_date", models.DateField(blank=True, null=True, verbose_name="måldato")),
                        ("position", models.PositiveSmallIntegerField(default=0, verbose_name="rækkefølge")),
                        ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="opdateret")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "parent",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="citizens.goal",
                                verbose_name="delmål af",
                            ),
                        ),
                        (
                            "placement",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="citizens.placement",
                            ),
                        ),
                        (
                            "agreement",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="citizens.mentoragreement",
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="accounts.jobcenter",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical mål",
                        "verbose_name_plural": "historical mål",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalFollowUp",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("visit", "Besøg på virksomheden"),
                                    ("phone", "Telefonopkald"),
                                    ("meeting", "Møde"),
                                    ("email", "E-mail"),
                                ],
                                max_length=10,
                                verbose_name="type",
                            ),
                        ),
                        ("occurred_on", models.DateField(verbose_name="dato")),
                        ("participants", models.CharField(blank=True, max_length=300, verbose_name="hvem deltog")),
                        ("notes", models.TextField(verbose_name="notat")),
                        ("next_action", models.CharField(blank=True, max_length=300, verbose_name="næste skridt")),
                        ("next_action_on", models.DateField(blank=True, null=True, verbose_name="næste skridt senest")),
                        (
                            "mentor_hours",
                            models.DecimalField(
                                decimal_places=2,
                                default=0,
                                max_digits=5,
                                validators=[django.core.validators.MinValueValidator(0)],
                                verbose_name="mentortimer siden sidst",
                            ),
                        ),
                        (
                            "hours_confirmed_by",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("", "Ikke bekræftet"),
                                    ("citizen", "Bekræftet af borgeren"),
                                    ("coordinator", "Bekræftet af koordinator"),
                                ],
                                default="",
                                max_length=12,
                                verbose_name="timer bekræftet",
                            ),
                        ),
                        (
                            "hours_confirmed_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="timer bekræftet den"),
                        ),
                        (
                            "recorded_as",
                            models.CharField(
                                choices=[("jobcenter", "Jobcentret"), ("company", "Virksomheden")],
                                default="jobcenter",
                                max_length=10,
                                verbose_name="skrevet af",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False, verbose_name="oprettet"
                            ),
                        ),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "author",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="skrevet af",
                            ),
                        ),
                        (
                            "citizen",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="citizens.citizen",
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="accounts.jobcenter",
                            ),
                        ),
                        (
                            "agreement",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="citizens.mentoragreement",
                                verbose_name="mentoraftale",
                            ),
                        ),
                        (
                            "placement",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="citizens.placement",
                                verbose_name="forløb",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical opfølgning",
                        "verbose_name_plural": "historical opfølgninger",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="FollowUp",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("visit", "Besøg på virksomheden"),
                                    ("phone", "Telefonopkald"),
                                    ("meeting", "Møde"),
                                    ("email", "E-mail"),
                                ],
                                max_length=10,
                                verbose_name="type",
                            ),
                        ),
                        ("occurred_on", models.DateField(verbose_name="dato")),
                        ("participants", models.CharField(blank=True, max_length=300, verbose_name="hvem deltog")),
                        ("notes", models.TextField(verbose_name="notat")),
                        ("next_action", models.CharField(blank=True, max_length=300, verbose_name="næste skridt")),
                        ("next_action_on", models.DateField(blank=True, null=True, verbose_name="næste skridt senest")),
                        (
                            "mentor_hours",
                            models.DecimalField(
                                decimal_places=2,
                                default=0,
                                max_digits=5,
                                validators=[django.core.validators.MinValueValidator(0)],
                                verbose_name="mentortimer siden sidst",
                            ),
                        ),
                        (
                            "hours_confirmed_by",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("", "Ikke bekræftet"),
                                    ("citizen", "Bekræftet af borgeren"),
                                    ("coordinator", "Bekræftet af koordinator"),
                                ],
                                default="",
                                max_length=12,
                                verbose_name="timer bekræftet",
                            ),
                        ),
                        (
                            "hours_confirmed_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="timer bekræftet den"),
                        ),
                        (
                            "recorded_as",
                            models.CharField(
                                choices=[("jobcenter", "Jobcentret"), ("company", "Virksomheden")],
                                default="jobcenter",
                                max_length=10,
                                verbose_name="skrevet af",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False, verbose_name="oprettet"
                            ),
                        ),
                        (
                            "author",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="skrevet af",
                            ),
                        ),
                        (
                            "citizen",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="follow_ups",
                                to="citizens.citizen",
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="accounts.jobcenter"
                            ),
                        ),
                        (
                            "agreement",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="follow_ups",
                                to="citizens.mentoragreement",
                                verbose_name="mentoraftale",
                            ),
                        ),
                        (
                            "placement",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="follow_ups",
                                to="citizens.placement",
                                verbose_name="forløb",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "opfølgning",
                        "verbose_name_plural": "opfølgninger",
                        "ordering": ["-occurred_on", "-id"],
                        "indexes": [
                            models.Index(fields=["citizen", "-occurred_on", "-id"], name="follow_up_citizen_date"),
                            models.Index(fields=["placement", "-occurred_on"], name="follow_up_placement_date"),
                            models.Index(
                                condition=models.Q(("hours_confirmed_by", ""), ("mentor_hours__gt", 0)),
                                fields=["jobcenter", "occurred_on"],
                                name="follow_up_unconfirmed_hours",
                            ),
                        ],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("mentor_hours__gte", 0)), name="follow_up_hours_not_negative"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("kind__in", ["visit", "phone", "meeting", "email"])),
                                name="follow_up_kind_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("hours_confirmed_at__isnull", True), ("hours_confirmed_by", "")),
                                    models.Q(
                                        models.Q(("hours_confirmed_by", ""), _negated=True),
                                        ("hours_confirmed_at__isnull", False),
                                    ),
                                    _connector="OR",
                                ),
                                name="follow_up_confirmation_consistent",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="PlacementType",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "code",
                            models.SlugField(
                                help_text="Fast nøgle, som rapporter bruger. Ændres ikke, når navnet ændres.",
                                verbose_name="kode",
                            ),
                        ),
                        ("name", models.CharField(max_length=100, verbose_name="navn")),
                        ("position", models.PositiveSmallIntegerField(default=0, verbose_name="rækkefølge")),
                        (
                            "is_active",
                            models.BooleanField(
                                default=True, help_text="Kan ikke vælges til nye sager.", verbose_name="i brug"
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="placement_types",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "forløbstype",
                        "verbose_name_plural": "forløbstyper",
                        "ordering": ["position", "name"],
                        "abstract": False,
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("jobcenter", "code"), name="placement_type_unique_code_per_jobcenter"
                            ),
                            models.UniqueConstraint(
                                models.F("jobcenter"),
                                django.db.models.functions.text.Lower("name"),
                                name="placement_type_unique_name_per_jobcenter",
                                violation_error_message="Der findes allerede et punkt med det navn.",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalPlacement",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("proposed", "Foreslået til virksomheden"),
                                    ("declined", "Afvist af virksomheden"),
                                    ("active", "Aktivt"),
                                    ("ended", "Afsluttet"),
                                ],
                                default="proposed",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        ("starts_on", models.DateField(verbose_name="start")),
                        ("ends_on", models.DateField(verbose_name="planlagt slut")),
                        ("tasks", models.TextField(verbose_name="arbejdsopgaver")),
                        (
                            "hours_per_week",
                            models.DecimalField(
                                decimal_places=1,
                                max_digits=4,
                                validators=[django.core.validators.MinValueValidator(0)],
                                verbose_name="timer om ugen ved start",
                            ),
                        ),
                        (
                            "mentor_hours_per_week",
                            models.DecimalField(
                                decimal_places=1,
                                default=0,
                                help_text="De timer, virksomheden kompenseres for (frikøb).",
                                max_digits=4,
                                validators=[django.core.validators.MinValueValidator(0)],
                                verbose_name="virksomhedsmentorens timer om ugen",
                            ),
                        ),
                        ("proposal_note", models.TextField(blank=True, verbose_name="besked til virksomheden")),
                        (
                            "decided_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="besvaret af virksomheden"),
                        ),
                        ("decline_reason", models.TextField(blank=True, verbose_name="begrundelse for afslag")),
                        (
                            "last_follow_up_on",
                            models.DateField(blank=True, null=True, verbose_name="seneste opfølgning"),
                        ),
                        ("ended_on", models.DateField(blank=True, null=True, verbose_name="afsluttet den")),
                        (
                            "outcome",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("ordinary_job", "Ordinært job"),
                                    ("education", "Uddannelse"),
                                    ("flex_job", "Fleksjob"),
                                    ("other_placement", "Andet forløb"),
                                    ("sick_listed", "Sygemeldt"),
                                    ("dropped_out", "Faldet fra"),
                                    ("moved", "Fraflyttet"),
                                    ("other", "Andet"),
                                ],
                                max_length=20,
                                verbose_name="resultat",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False, verbose_name="oprettet"
                            ),
                        ),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "citizen",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="citizens.citizen",
                                verbose_name="borger",
                            ),
                        ),
                        (
                            "company",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="companies.company",
                                verbose_name="virksomhed",
                            ),
                        ),
                        (
                            "company_mentor",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="companies.companymentor",
                                verbose_name="virksomhedsmentor",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="oprettet af",
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                        (
                            "responsible",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="ansvarlig jobkonsulent",
                            ),
                        ),
                        (
                            "placement_type",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="citizens.placementtype",
                                verbose_name="type",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical forløb",
                        "verbose_name_plural": "historical forløb",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="ProgressAssessment",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("assessed_on", models.DateField(verbose_name="dato")),
                        (
                            "assessor_kind",
                            models.CharField(
                                choices=[
                                    ("company", "Virksomheden"),
                                    ("jobcenter", "Jobcentret"),
                                    ("mentor", "Mentoren"),
                                ],
                                max_length=10,
                                verbose_name="vurderet af",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False, verbose_name="oprettet"
                            ),
                        ),
                        (
                            "company_mentor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="companies.companymentor",
                                verbose_name="virksomhedsmentor",
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="accounts.jobcenter"
                            ),
                        ),
                        (
                            "placement",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="assessments",
                                to="citizens.placement",
                            ),
                        ),
                        (
                            "recorded_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="indtastet af",
                            ),
                        ),
                        (
                            "agreement",
                            models.ForeignKey(
                                blank=True,
                                db_index=False,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="assessments",
                                to="citizens.mentoragreement",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "progressionsvurdering",
                        "verbose_name_plural": "progressionsvurderinger",
                        "ordering": ["assessed_on", "id"],
                        "indexes": [
                            models.Index(fields=["placement", "assessed_on"], name="assessment_placement_date"),
                            models.Index(fields=["agreement", "assessed_on"], name="assessment_agreement_date"),
                        ],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("agreement__isnull", True), ("placement__isnull", False)),
                                    models.Q(("agreement__isnull", False), ("placement__isnull", True)),
                                    _connector="OR",
                                ),
                                name="assessment_one_owner",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="ProgressDimension",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "code",
                            models.SlugField(
                                help_text="Fast nøgle, som rapporter bruger. Ændres ikke, når navnet ændres.",
                                verbose_name="kode",
                            ),
                        ),
                        ("name", models.CharField(max_length=100, verbose_name="navn")),
                        ("position", models.PositiveSmallIntegerField(default=0, verbose_name="rækkefølge")),
                        (
                            "is_active",
                            models.BooleanField(
                                default=True, help_text="Kan ikke vælges til nye sager.", verbose_name="i brug"
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="progress_dimensions",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "kompetencekort-dimension",
                        "verbose_name_plural": "kompetencekort-dimensioner",
                        "ordering": ["position", "name"],
                        "abstract": False,
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("jobcenter", "code"), name="progress_dimension_unique_code_per_jobcenter"
                            ),
                            models.UniqueConstraint(
                                models.F("jobcenter"),
                                django.db.models.functions.text.Lower("name"),
                                name="progress_dimension_unique_name_per_jobcenter",
                                violation_error_message="Der findes allerede et punkt med det navn.",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalProgressScore",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        (
                            "score",
                            models.PositiveSmallIntegerField(
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(5),
                                ],
                                verbose_name="score",
                            ),
                        ),
                        ("comment", models.TextField(blank=True, verbose_name="kommentar")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "assessment",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="citizens.progressassessment",
                            ),
                        ),
                        (
                            "dimension",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="citizens.progressdimension",
                                verbose_name="dimension",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical score",
                        "verbose_name_plural": "historical scorer",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="ProgressScore",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "score",
                            models.PositiveSmallIntegerField(
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(5),
                                ],
                                verbose_name="score",
                            ),
                        ),
                        ("comment", models.TextField(blank=True, verbose_name="kommentar")),
                        (
                            "assessment",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="scores",
                                to="citizens.progressassessment",
                            ),
                        ),
                        (
                            "dimension",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="citizens.progressdimension",
                                verbose_name="dimension",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "score",
                        "verbose_name_plural": "scorer",
                        "ordering": ["dimension__position", "id"],
                        "constraints": [
                            models.UniqueConstraint(fields=("assessment", "dimension"), name="score_one_per_dimension"),
                            models.CheckConstraint(
                                condition=models.Q(("score__gte", 1), ("score__lte", 5)),
                                name="score_between_1_and_5",
                                violation_error_message="Scoren skal være mellem 1 og 5.",
                            ),
                        ],
                        "indexes": [
                            models.Index(
                                fields=["assessment"], include=("dimension", "score"), name="score_assessment_covering"
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="SensitiveNote",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("health", "Helbred"),
                                    ("substance", "Misbrug"),
                                    ("social", "Sociale forhold"),
                                    ("other", "Andet"),
                                ],
                                max_length=20,
                                verbose_name="emne",
                            ),
                        ),
                        ("text", models.TextField(verbose_name="notat")),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False, verbose_name="skrevet"
                            ),
                        ),
                        (
                            "author",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="skrevet af",
                            ),
                        ),
                        (
                            "citizen",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="sensitive_notes",
                                to="citizens.citizen",
                                verbose_name="borger",
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="accounts.jobcenter"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "følsomt notat",
                        "verbose_name_plural": "følsomme notater",
                        "ordering": ["-created_at", "-id"],
                        "indexes": [models.Index(fields=["citizen", "-created_at"], name="sensitive_note_citizen")],
                    },
                ),
                migrations.CreateModel(
                    name="TargetGroup",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "code",
                            models.SlugField(
                                help_text="Fast nøgle, som rapporter bruger. Ændres ikke, når navnet ændres.",
                                verbose_name="kode",
                            ),
                        ),
                        ("name", models.CharField(max_length=100, verbose_name="navn")),
                        ("position", models.PositiveSmallIntegerField(default=0, verbose_name="rækkefølge")),
                        (
                            "is_active",
                            models.BooleanField(
                                default=True, help_text="Kan ikke vælges til nye sager.", verbose_name="i brug"
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="target_groups",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "målgruppe",
                        "verbose_name_plural": "målgrupper",
                        "ordering": ["position", "name"],
                        "abstract": False,
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("jobcenter", "code"), name="target_group_unique_code_per_jobcenter"
                            ),
                            models.UniqueConstraint(
                                models.F("jobcenter"),
                                django.db.models.functions.text.Lower("name"),
                                name="target_group_unique_name_per_jobcenter",
                                violation_error_message="Der findes allerede et punkt med det navn.",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="ProgressSummary",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("assessments", models.PositiveIntegerField(verbose_name="vurderinger")),
                        ("first_score", models.PositiveSmallIntegerField(verbose_name="første score")),
                        ("latest_score", models.PositiveSmallIntegerField(verbose_name="seneste score")),
                        (
                            "dimension",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="citizens.progressdimension",
                                verbose_name="dimension",
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="accounts.jobcenter"
                            ),
                        ),
                        (
                            "placement",
                            models.ForeignKey(
                                db_index=False,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="progress_summaries",
                                to="citizens.placement",
                            ),
                        ),
                        (
                            "agreement",
                            models.ForeignKey(
                                db_index=False,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="progress_summaries",
                                to="citizens.mentoragreement",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "progression pr. dimension",
                        "verbose_name_plural": "progression pr. dimension",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("placement", "dimension"), name="progress_summary_one_per_dimension"
                            ),
                            models.UniqueConstraint(
                                fields=("agreement", "dimension"), name="progress_summary_agreement_one_per_dimension"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("agreement__isnull", True), ("placement__isnull", False)),
                                    models.Q(("agreement__isnull", False), ("placement__isnull", True)),
                                    _connector="OR",
                                ),
                                name="progress_summary_one_owner",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalFirstMeetingPlan",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        (
                            "status",
                            models.CharField(
                                choices=[("planned", "Planlagt"), ("cancelled", "Aflyst"), ("held", "Holdt")],
                                default="planned",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        ("starts_at", models.DateTimeField(verbose_name="starter")),
                        ("ends_at", models.DateTimeField(verbose_name="slutter")),
                        ("place", models.CharField(max_length=150, verbose_name="sted")),
                        (
                            "uid",
                            models.UUIDField(
                                db_index=True, default=uuid.uuid4, editable=False, verbose_name="kalender-id"
                            ),
                        ),
                        ("sequence", models.PositiveIntegerField(default=0, verbose_name="version")),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False, verbose_name="oprettet"
                            ),
                        ),
                        ("cancelled_at", models.DateTimeField(blank=True, null=True, verbose_name="aflyst")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "agreement",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="citizens.mentoragreement",
                                verbose_name="mentoraftale",
                            ),
                        ),
                        (
                            "caseworker",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="sagsbehandler eller kontaktperson",
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="accounts.jobcenter",
                            ),
                        ),
                        (
                            "planned_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="planlagt af",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical planlagt opstartsmøde",
                        "verbose_name_plural": "historical planlagte opstartsmøder",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="FirstMeetingPlan",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[("planned", "Planlagt"), ("cancelled", "Aflyst"), ("held", "Holdt")],
                                default="planned",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        ("starts_at", models.DateTimeField(verbose_name="starter")),
                        ("ends_at", models.DateTimeField(verbose_name="slutter")),
                        ("place", models.CharField(max_length=150, verbose_name="sted")),
                        (
                            "uid",
                            models.UUIDField(
                                default=uuid.uuid4, editable=False, unique=True, verbose_name="kalender-id"
                            ),
                        ),
                        ("sequence", models.PositiveIntegerField(default=0, verbose_name="version")),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False, verbose_name="oprettet"
                            ),
                        ),
                        ("cancelled_at", models.DateTimeField(blank=True, null=True, verbose_name="aflyst")),
                        (
                            "agreement",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="first_meeting_plans",
                                to="citizens.mentoragreement",
                                verbose_name="mentoraftale",
                            ),
                        ),
                        (
                            "caseworker",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="sagsbehandler eller kontaktperson",
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="accounts.jobcenter"
                            ),
                        ),
                        (
                            "planned_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="planlagt af",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "planlagt opstartsmøde",
                        "verbose_name_plural": "planlagte opstartsmøder",
                        "ordering": ["-created_at", "-id"],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("status", "planned")),
                                fields=("agreement",),
                                name="first_meeting_plan_one_planned",
                                violation_error_message="Opstartsmødet er allerede planlagt.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("status__in", ["planned", "cancelled", "held"])),
                                name="first_meeting_plan_status_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("ends_at__gt", models.F("starts_at"))),
                                name="first_meeting_plan_end_after_start",
                                violation_error_message="Mødet skal slutte efter, at det er begyndt.",
                            ),
                        ],
                    },
                ),
            ],
        ),
        migrations.AddField(
            model_name="goal",
            name="placement",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="goals", to="citizens.placement"
            ),
        ),
        migrations.AddField(
            model_name="placement",
            name="placement_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="placements",
                to="citizens.placementtype",
                verbose_name="type",
            ),
        ),
        migrations.AddField(
            model_name="historicalcitizen",
            name="target_group",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="citizens.targetgroup",
                verbose_name="målgruppe",
            ),
        ),
        migrations.AddField(
            model_name="citizen",
            name="target_group",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="citizens",
                to="citizens.targetgroup",
                verbose_name="målgruppe",
            ),
        ),
        migrations.AddField(
            model_name="goal",
            name="agreement",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="goals",
                to="citizens.mentoragreement",
            ),
        ),
        migrations.AddField(
            model_name="goal",
            name="jobcenter",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="accounts.jobcenter"
            ),
        ),
        migrations.AlterField(
            model_name="goal",
            name="placement",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="goals",
                to="citizens.placement",
            ),
        ),
        migrations.AlterField(
            model_name="goal",
            name="jobcenter",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="accounts.jobcenter"
            ),
        ),
        migrations.AddConstraint(
            model_name="goal",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("agreement__isnull", True), ("placement__isnull", False)),
                    models.Q(("agreement__isnull", False), ("placement__isnull", True)),
                    _connector="OR",
                ),
                name="goal_one_owner",
            ),
        ),
        migrations.RunPython(
            code=seed_vocabulary_forwards,
            reverse_code=migrations.RunPython.noop,
        ),
        migrations.RunPython(
            code=_run_on_postgresql(TRIGRAM_CREATE),
            reverse_code=_run_on_postgresql(TRIGRAM_DROP),
        ),
    ]
