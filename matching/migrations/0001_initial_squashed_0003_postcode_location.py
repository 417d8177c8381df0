"""matching 0001-0003 squashed (issue 20): each model is created with its indexes and constraints in one
CreateModel, then 0002's default weights are seeded (PostcodeLocation of 0003 does not touch them).
The replaced migrations stay until every installation has applied them."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import mentorship.migration_operations


# matching 0002_seed_weights: every existing jobcenter gets the default matching weights.
def seed_weights_forwards(apps, schema_editor):
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
    replaces = [("matching", "0001_initial"), ("matching", "0002_seed_weights"), ("matching", "0003_postcode_location")]

    initial = True

    dependencies = [
        ("accounts", "0002_initial"),
        ("citizens", "0002_seed_vocabulary"),
        ("companies", "0004_placement_types_and_compensation"),
        ("corps", "0003_hours_citizen_load_from_agreements"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        mentorship.migration_operations.CreateModels(
            operations=[
                migrations.CreateModel(
                    name="Cohort",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=200, verbose_name="navn")),
                        (
                            "status",
                            models.CharField(
                                choices=[("draft", "Kladde"), ("solved", "Fordelt"), ("committed", "Forløb oprettet")],
                                default="draft",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "require_all_assigned",
                            models.BooleanField(
                                default=False,
                                help_text="Uden flueben placeres så mange som muligt.",
                                verbose_name="alle kandidater skal placeres",
                            ),
                        ),
                        ("starts_on", models.DateField(verbose_name="start")),
                        ("ends_on", models.DateField(verbose_name="planlagt slut")),
                        (
                            "hours_per_week",
                            models.DecimalField(
                                decimal_places=1,
                                max_digits=4,
                                validators=[django.core.validators.MinValueValidator(0)],
                                verbose_name="timer om ugen ved start",
                            ),
                        ),
                        ("tasks", models.TextField(verbose_name="arbejdsopgaver")),
                        ("result", models.JSONField(blank=True, default=dict, verbose_name="resultat")),
                        ("violations", models.JSONField(blank=True, default=list, verbose_name="brudte betingelser")),
                        ("solved_at", models.DateTimeField(blank=True, null=True, verbose_name="fordelt")),
                        ("committed_at", models.DateTimeField(blank=True, null=True, verbose_name="forløb oprettet")),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False, verbose_name="oprettet"
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
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
                                related_name="cohorts",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                        (
                            "placement_type",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="citizens.placementtype",
                                verbose_name="forløbstype",
                            ),
                        ),
                        (
                            "responsible",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="ansvarlig jobkonsulent",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "hold",
                        "verbose_name_plural": "hold",
                        "ordering": ["-created_at", "-id"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("status__in", ["draft", "solved", "committed"])),
                                name="cohort_status_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("ends_on__gt", models.F("starts_on"))),
                                name="cohort_end_after_start",
                                violation_error_message="Slutdatoen skal ligge efter startdatoen.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("committed_at__isnull", False), ("status", "committed")),
                                    models.Q(
                                        models.Q(("status", "committed"), _negated=True), ("committed_at__isnull", True)
                                    ),
                                    _connector="OR",
                                ),
                                name="cohort_committed_at_iff_committed",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="CohortCompany",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "capacity",
                            models.PositiveSmallIntegerField(
                                validators=[django.core.validators.MaxValueValidator(500)], verbose_name="pladser"
                            ),
                        ),
                        (
                            "min_group",
                            models.PositiveSmallIntegerField(
                                default=0,
                                validators=[django.core.validators.MaxValueValidator(500)],
                                verbose_name="mindst",
                            ),
                        ),
                        ("allow_empty", models.BooleanField(default=False, verbose_name="eller ingen")),
                        (
                            "cohort",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="companies",
                                to="matching.cohort",
                                verbose_name="hold",
                            ),
                        ),
                        (
                            "company",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="companies.company",
                                verbose_name="virksomhed",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "virksomhed på hold",
                        "verbose_name_plural": "virksomheder på hold",
                        "ordering": ["company__name", "id"],
                        "constraints": [
                            models.UniqueConstraint(fields=("cohort", "company"), name="cohort_company_once"),
                            models.CheckConstraint(
                                condition=models.Q(("min_group__lte", models.F("capacity"))),
                                name="cohort_company_min_not_above_capacity",
                                violation_error_message="Mindste gruppe kan ikke være større end antal pladser.",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="CohortCandidate",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("score", models.FloatField(blank=True, null=True, verbose_name="match")),
                        ("explanations", models.JSONField(blank=True, default=list, verbose_name="begrundelse")),
                        ("moved_by_hand", models.BooleanField(default=False, verbose_name="flyttet manuelt")),
                        (
                            "citizen",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="citizens.citizen",
                                verbose_name="borger",
                            ),
                        ),
                        (
                            "cohort",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="candidates",
                                to="matching.cohort",
                                verbose_name="hold",
                            ),
                        ),
                        (
                            "placement",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="citizens.placement",
                            ),
                        ),
                        (
                            "assigned",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="assigned_candidates",
                                to="matching.cohortcompany",
                                verbose_name="placeret hos",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "kandidat på hold",
                        "verbose_name_plural": "kandidater på hold",
                        "ordering": ["citizen__name", "id"],
                        "constraints": [
                            models.UniqueConstraint(fields=("cohort", "citizen"), name="cohort_candidate_once")
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalCohort",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("name", models.CharField(max_length=200, verbose_name="navn")),
                        (
                            "status",
                            models.CharField(
                                choices=[("draft", "Kladde"), ("solved", "Fordelt"), ("committed", "Forløb oprettet")],
                                default="draft",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "require_all_assigned",
                            models.BooleanField(
                                default=False,
                                help_text="Uden flueben placeres så mange som muligt.",
                                verbose_name="alle kandidater skal placeres",
                            ),
                        ),
                        ("starts_on", models.DateField(verbose_name="start")),
                        ("ends_on", models.DateField(verbose_name="planlagt slut")),
                        (
                            "hours_per_week",
                            models.DecimalField(
                                decimal_places=1,
                                max_digits=4,
                                validators=[django.core.validators.MinValueValidator(0)],
                                verbose_name="timer om ugen ved start",
                            ),
                        ),
                        ("tasks", models.TextField(verbose_name="arbejdsopgaver")),
                        ("result", models.JSONField(blank=True, default=dict, verbose_name="resultat")),
                        ("violations", models.JSONField(blank=True, default=list, verbose_name="brudte betingelser")),
                        ("solved_at", models.DateTimeField(blank=True, null=True, verbose_name="fordelt")),
                        ("committed_at", models.DateTimeField(blank=True, null=True, verbose_name="forløb oprettet")),
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
                            "placement_type",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="citizens.placementtype",
                                verbose_name="forløbstype",
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
                    ],
                    options={
                        "verbose_name": "historical hold",
                        "verbose_name_plural": "historical hold",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalCohortCandidate",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("score", models.FloatField(blank=True, null=True, verbose_name="match")),
                        ("explanations", models.JSONField(blank=True, default=list, verbose_name="begrundelse")),
                        ("moved_by_hand", models.BooleanField(default=False, verbose_name="flyttet manuelt")),
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
                            "assigned",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="matching.cohortcompany",
                                verbose_name="placeret hos",
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
                            "cohort",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="matching.cohort",
                                verbose_name="hold",
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
                        "verbose_name": "historical kandidat på hold",
                        "verbose_name_plural": "historical kandidater på hold",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalCohortCompany",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        (
                            "capacity",
                            models.PositiveSmallIntegerField(
                                validators=[django.core.validators.MaxValueValidator(500)], verbose_name="pladser"
                            ),
                        ),
                        (
                            "min_group",
                            models.PositiveSmallIntegerField(
                                default=0,
                                validators=[django.core.validators.MaxValueValidator(500)],
                                verbose_name="mindst",
                            ),
                        ),
                        ("allow_empty", models.BooleanField(default=False, verbose_name="eller ingen")),
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
                            "cohort",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="matching.cohort",
                                verbose_name="hold",
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
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical virksomhed på hold",
                        "verbose_name_plural": "historical virksomheder på hold",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalMatchingPreferences",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("available_weekdays", models.PositiveSmallIntegerField(default=0, verbose_name="ugedage")),
                        (
                            "available_day_parts",
                            models.PositiveSmallIntegerField(default=0, verbose_name="tidspunkter"),
                        ),
                        (
                            "severe_needs",
                            models.BooleanField(
                                default=False,
                                help_text="Svær psykiatrisk diagnose eller tungt misbrug: kun mentorer fra fuldtidskorpset.",
                                verbose_name="kræver fuldtidskorpset",
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
                    ],
                    options={
                        "verbose_name": "historical oplysninger til matchning",
                        "verbose_name_plural": "historical oplysninger til matchning",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalMatchingWeights",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        (
                            "needs",
                            models.PositiveSmallIntegerField(
                                default=8,
                                help_text="0 = bruges ikke, 1-9 = vægt, 10 = skal være opfyldt (et par, der ikke opfylder det, udelukkes).",
                                validators=[django.core.validators.MaxValueValidator(10)],
                                verbose_name="kompetencer dækker behov",
                            ),
                        ),
                        (
                            "language",
                            models.PositiveSmallIntegerField(
                                default=6,
                                help_text="0 = bruges ikke, 1-9 = vægt, 10 = skal være opfyldt (et par, der ikke opfylder det, udelukkes).",
                                validators=[django.core.validators.MaxValueValidator(10)],
                                verbose_name="fælles sprog",
                            ),
                        ),
                        (
                            "wishes",
                            models.PositiveSmallIntegerField(
                                default=5,
                                help_text="0 = bruges ikke, 1-9 = vægt, 10 = skal være opfyldt (et par, der ikke opfylder det, udelukkes).",
                                validators=[django.core.validators.MaxValueValidator(10)],
                                verbose_name="borgerens ønsker",
                            ),
                        ),
                        (
                            "availability",
                            models.PositiveSmallIntegerField(
                                default=5,
                                help_text="0 = bruges ikke, 1-9 = vægt, 10 = skal være opfyldt (et par, der ikke opfylder det, udelukkes).",
                                validators=[django.core.validators.MaxValueValidator(10)],
                                verbose_name="fælles tid",
                            ),
                        ),
                        (
                            "distance",
                            models.PositiveSmallIntegerField(
                                default=0,
                                help_text="0 = bruges ikke, 1-9 = vægt, 10 = skal være opfyldt (et par, der ikke opfylder det, udelukkes).",
                                validators=[django.core.validators.MaxValueValidator(10)],
                                verbose_name="afstand",
                            ),
                        ),
                        (
                            "capacity_left",
                            models.PositiveSmallIntegerField(
                                default=3,
                                help_text="0 = bruges ikke, 1-9 = vægt, 10 = skal være opfyldt (et par, der ikke opfylder det, udelukkes).",
                                validators=[django.core.validators.MaxValueValidator(10)],
                                verbose_name="ledige pladser",
                            ),
                        ),
                        (
                            "load_balance",
                            models.PositiveSmallIntegerField(
                                default=3,
                                help_text="0 = bruges ikke, 1-9 = vægt, 10 = skal være opfyldt (et par, der ikke opfylder det, udelukkes).",
                                validators=[django.core.validators.MaxValueValidator(10)],
                                verbose_name="jævn fordeling",
                            ),
                        ),
                        (
                            "caseworker",
                            models.PositiveSmallIntegerField(
                                default=4,
                                help_text="0 = bruges ikke, 1-9 = vægt, 10 = skal være opfyldt (et par, der ikke opfylder det, udelukkes).",
                                validators=[django.core.validators.MaxValueValidator(10)],
                                verbose_name="sagsbehandlerens præference",
                            ),
                        ),
                        (
                            "max_distance_km",
                            models.PositiveSmallIntegerField(
                                default=30,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(500),
                                ],
                                verbose_name="største afstand (km)",
                            ),
                        ),
                        (
                            "offer_valid_days",
                            models.PositiveSmallIntegerField(
                                default=5,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(60),
                                ],
                                verbose_name="dage mentoren har til at svare",
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
                        "verbose_name": "historical vægte for matchning",
                        "verbose_name_plural": "historical vægte for matchning",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalOffer",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("offered", "Tilbudt"),
                                    ("accepted", "Accepteret"),
                                    ("declined", "Afslået"),
                                    ("withdrawn", "Trukket tilbage"),
                                    ("expired", "Udløbet"),
                                ],
                                default="offered",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        ("score", models.FloatField(default=0.0, verbose_name="match")),
                        ("explanations", models.JSONField(blank=True, default=list, verbose_name="begrundelse")),
                        ("message", models.TextField(blank=True, verbose_name="besked til mentoren")),
                        ("offered_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="tilbudt")),
                        ("expires_at", models.DateTimeField(verbose_name="svarfrist")),
                        ("answered_at", models.DateTimeField(blank=True, null=True, verbose_name="besvaret")),
                        (
                            "answered_via",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("", "Ikke besvaret"),
                                    ("link", "Mentoren via linket i e-mailen"),
                                    ("coordinator", "Registreret af koordinator"),
                                ],
                                max_length=12,
                                verbose_name="besvaret via",
                            ),
                        ),
                        ("decline_reason", models.TextField(blank=True, verbose_name="begrundelse for afslag")),
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
                            "closed_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="registreret af",
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
                                verbose_name="mentor",
                            ),
                        ),
                        (
                            "offered_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="tilbudt af",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical tilbud til mentor",
                        "verbose_name_plural": "historical tilbud til mentorer",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="MatchingPreferences",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("available_weekdays", models.PositiveSmallIntegerField(default=0, verbose_name="ugedage")),
                        (
                            "available_day_parts",
                            models.PositiveSmallIntegerField(default=0, verbose_name="tidspunkter"),
                        ),
                        (
                            "severe_needs",
                            models.BooleanField(
                                default=False,
                                help_text="Svær psykiatrisk diagnose eller tungt misbrug: kun mentorer fra fuldtidskorpset.",
                                verbose_name="kræver fuldtidskorpset",
                            ),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="opdateret")),
                        (
                            "citizen",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="matching_preferences",
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
                        (
                            "preferred_mentors",
                            models.ManyToManyField(
                                blank=True,
                                related_name="+",
                                to="corps.mentor",
                                verbose_name="sagsbehandlerens foretrukne mentorer",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "oplysninger til matchning",
                        "verbose_name_plural": "oplysninger til matchning",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("available_weekdays__lte", 127), ("available_day_parts__lte", 7)),
                                name="matching_preferences_bits_valid",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalMatchingPreferences_preferred_mentors",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                        (
                            "history",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                to="matching.historicalmatchingpreferences",
                            ),
                        ),
                        (
                            "mentor",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                db_tablespace="",
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="corps.mentor",
                            ),
                        ),
                        (
                            "matchingpreferences",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                db_tablespace="",
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="matching.matchingpreferences",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "HistoricalMatchingPreferences_preferred_mentors",
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="MatchingWeights",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "needs",
                            models.PositiveSmallIntegerField(
                                default=8,
                                help_text="0 = bruges ikke, 1-9 = vægt, 10 = skal være opfyldt (et par, der ikke opfylder det, udelukkes).",
                                validators=[django.core.validators.MaxValueValidator(10)],
                                verbose_name="kompetencer dækker behov",
                            ),
                        ),
                        (
                            "language",
                            models.PositiveSmallIntegerField(
                                default=6,
                                help_text="0 = bruges ikke, 1-9 = vægt, 10 = skal være opfyldt (et par, der ikke opfylder det, udelukkes).",
                                validators=[django.core.validators.MaxValueValidator(10)],
                                verbose_name="fælles sprog",
                            ),
                        ),
                        (
                            "wishes",
                            models.PositiveSmallIntegerField(
                                default=5,
                                help_text="0 = bruges ikke, 1-9 = vægt, 10 = skal være opfyldt (et par, der ikke opfylder det, udelukkes).",
                                validators=[django.core.validators.MaxValueValidator(10)],
                                verbose_name="borgerens ønsker",
                            ),
                        ),
                        (
                            "availability",
                            models.PositiveSmallIntegerField(
                                default=5,
                                help_text="0 = bruges ikke, 1-9 = vægt, 10 = skal være opfyldt (et par, der ikke opfylder det, udelukkes).",
                                validators=[django.core.validators.MaxValueValidator(10)],
                                verbose_name="fælles tid",
                            ),
                        ),
                        (
                            "distance",
                            models.PositiveSmallIntegerField(
                                default=0,
                                help_text="0 = bruges ikke, 1-9 = vægt, 10 = skal være opfyldt (et par, der ikke opfylder det, udelukkes).",
                                validators=[django.core.validators.MaxValueValidator(10)],
                                verbose_name="afstand",
                            ),
                        ),
                        (
                            "capacity_left",
                            models.PositiveSmallIntegerField(
                                default=3,
                                help_text="0 = bruges ikke, 1-9 = vægt, 10 = skal være opfyldt (et par, der ikke opfylder det, udelukkes).",
                                validators=[django.core.validators.MaxValueValidator(10)],
                                verbose_name="ledige pladser",
                            ),
                        ),
                        (
                            "load_balance",
                            models.PositiveSmallIntegerField(
                                default=3,
                                help_text="0 = bruges ikke, 1-9 = vægt, 10 = skal være opfyldt (et par, der ikke opfylder det, udelukkes).",
                                validators=[django.core.validators.MaxValueValidator(10)],
                                verbose_name="jævn fordeling",
                            ),
                        ),
                        (
                            "caseworker",
                            models.PositiveSmallIntegerField(
                                default=4,
                                help_text="0 = bruges ikke, 1-9 = vægt, 10 = skal være opfyldt (et par, der ikke opfylder det, udelukkes).",
                                validators=[django.core.validators.MaxValueValidator(10)],
                                verbose_name="sagsbehandlerens præference",
                            ),
                        ),
                        (
                            "max_distance_km",
                            models.PositiveSmallIntegerField(
                                default=30,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(500),
                                ],
                                verbose_name="største afstand (km)",
                            ),
                        ),
                        (
                            "offer_valid_days",
                            models.PositiveSmallIntegerField(
                                default=5,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(60),
                                ],
                                verbose_name="dage mentoren har til at svare",
                            ),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="opdateret")),
                        (
                            "jobcenter",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="matching_weights",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "vægte for matchning",
                        "verbose_name_plural": "vægte for matchning",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("availability__lte", 10),
                                    ("capacity_left__lte", 10),
                                    ("caseworker__lte", 10),
                                    ("distance__lte", 10),
                                    ("language__lte", 10),
                                    ("load_balance__lte", 10),
                                    ("needs__lte", 10),
                                    ("wishes__lte", 10),
                                ),
                                name="matching_weights_at_most_10",
                                violation_error_message="En vægt skal være mellem 0 og 10.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("max_distance_km__gte", 1)),
                                name="matching_weights_distance_positive",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("offer_valid_days__gte", 1)),
                                name="matching_weights_valid_days_positive",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Offer",
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
                                    ("offered", "Tilbudt"),
                                    ("accepted", "Accepteret"),
                                    ("declined", "Afslået"),
                                    ("withdrawn", "Trukket tilbage"),
                                    ("expired", "Udløbet"),
                                ],
                                default="offered",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        ("score", models.FloatField(default=0.0, verbose_name="match")),
                        ("explanations", models.JSONField(blank=True, default=list, verbose_name="begrundelse")),
                        ("message", models.TextField(blank=True, verbose_name="besked til mentoren")),
                        ("token_hash", models.CharField(editable=False, max_length=64, unique=True)),
                        ("offered_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="tilbudt")),
                        ("expires_at", models.DateTimeField(verbose_name="svarfrist")),
                        ("answered_at", models.DateTimeField(blank=True, null=True, verbose_name="besvaret")),
                        (
                            "answered_via",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("", "Ikke besvaret"),
                                    ("link", "Mentoren via linket i e-mailen"),
                                    ("coordinator", "Registreret af koordinator"),
                                ],
                                max_length=12,
                                verbose_name="besvaret via",
                            ),
                        ),
                        ("decline_reason", models.TextField(blank=True, verbose_name="begrundelse for afslag")),
                        (
                            "citizen",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="mentor_offers",
                                to="citizens.citizen",
                                verbose_name="borger",
                            ),
                        ),
                        (
                            "closed_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="registreret af",
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="offers",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                        (
                            "mentor",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="offers",
                                to="corps.mentor",
                                verbose_name="mentor",
                            ),
                        ),
                        (
                            "offered_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="tilbudt af",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "tilbud til mentor",
                        "verbose_name_plural": "tilbud til mentorer",
                        "ordering": ["-offered_at", "-id"],
                        "indexes": [
                            models.Index(fields=["jobcenter", "status", "-offered_at"], name="offer_jc_status"),
                            models.Index(fields=["citizen", "status"], name="offer_citizen_status"),
                            models.Index(fields=["mentor", "status"], name="offer_mentor_status"),
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("status", "accepted")),
                                fields=("citizen",),
                                name="offer_one_accepted_per_citizen",
                                violation_error_message="Borgeren har allerede takket ja til en mentor.",
                            ),
                            models.UniqueConstraint(
                                condition=models.Q(("status", "offered")),
                                fields=("citizen", "mentor"),
                                name="offer_one_open_per_citizen_and_mentor",
                                violation_error_message="Mentoren har allerede et åbent tilbud om denne borger.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("status__in", ["offered", "accepted", "declined", "withdrawn", "expired"])
                                ),
                                name="offer_status_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("answered_at__isnull", False), ("status__in", ["accepted", "declined"])),
                                    models.Q(
                                        models.Q(("status__in", ["accepted", "declined"]), _negated=True),
                                        ("answered_at__isnull", True),
                                    ),
                                    _connector="OR",
                                ),
                                name="offer_answered_at_iff_answered",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("status", "declined"), ("decline_reason", ""), _connector="OR"),
                                name="offer_reason_only_when_declined",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("expires_at__gt", models.F("offered_at"))),
                                name="offer_expires_later",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("score__gte", 0), ("score__lte", 1)), name="offer_score_0_to_1"
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="PostcodeLocation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "code",
                            models.CharField(
                                max_length=4,
                                unique=True,
                                validators=[django.core.validators.RegexValidator("^\\d{4}$", "Fire cifre.")],
                                verbose_name="postnummer",
                            ),
                        ),
                        ("name", models.CharField(blank=True, max_length=80, verbose_name="by")),
                        (
                            "latitude",
                            models.FloatField(
                                validators=[
                                    django.core.validators.MinValueValidator(54.0),
                                    django.core.validators.MaxValueValidator(58.0),
                                ],
                                verbose_name="breddegrad",
                            ),
                        ),
                        (
                            "longitude",
                            models.FloatField(
                                validators=[
                                    django.core.validators.MinValueValidator(7.0),
                                    django.core.validators.MaxValueValidator(16.0),
                                ],
                                verbose_name="længdegrad",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "postnummer med placering",
                        "verbose_name_plural": "postnumre med placering",
                        "ordering": ["code"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("latitude__gte", 54.0),
                                    ("latitude__lte", 58.0),
                                    ("longitude__gte", 7.0),
                                    ("longitude__lte", 16.0),
                                ),
                                name="postcode_location_in_denmark",
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(
            code=seed_weights_forwards,
            reverse_code=migrations.RunPython.noop,
        ),
    ]
