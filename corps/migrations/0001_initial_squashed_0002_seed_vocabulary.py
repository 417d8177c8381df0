"""corps 0001-0002 squashed (issue 20): each model is created with its indexes and constraints in one CreateModel,
then the vocabulary seed of 0002 runs. corps 0003 stays apart (it needs citizens, which needs this).
The replaced migrations stay until every installation has applied them."""

from decimal import Decimal

import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import mentorship.migration_operations
from corps.vocabulary import seed_vocabulary


# corps 0002_seed_vocabulary
def seed_vocabulary_forwards(apps, schema_editor):
    seed_vocabulary(
        jobcenter_model=apps.get_model("accounts", "Jobcenter"),
        competence_model=apps.get_model("corps", "Competence"),
        language_model=apps.get_model("corps", "Language"),
    )


class Migration(migrations.Migration):
    replaces = [("corps", "0001_initial"), ("corps", "0002_seed_vocabulary")]

    initial = True

    dependencies = [
        ("accounts", "0002_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        mentorship.migration_operations.CreateModels(
            operations=[
                migrations.CreateModel(
                    name="Language",
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
                                max_length=3,
                                unique=True,
                                validators=[
                                    django.core.validators.RegexValidator(
                                        "^[a-z]{2,3}$", "Brug en ISO 639-kode med små bogstaver, fx da eller ti."
                                    )
                                ],
                                verbose_name="sprogkode",
                            ),
                        ),
                        ("name", models.CharField(max_length=60, unique=True, verbose_name="navn")),
                        ("position", models.PositiveSmallIntegerField(default=100, verbose_name="rækkefølge")),
                    ],
                    options={
                        "verbose_name": "sprog",
                        "verbose_name_plural": "sprog",
                        "ordering": ["position", "name"],
                    },
                ),
                migrations.CreateModel(
                    name="Competence",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=100, verbose_name="navn")),
                        ("description", models.TextField(blank=True, verbose_name="beskrivelse")),
                        ("position", models.PositiveSmallIntegerField(default=0, verbose_name="rækkefølge")),
                        (
                            "is_active",
                            models.BooleanField(
                                default=True,
                                help_text="Kompetencer, der ikke er i brug, kan ikke vælges til nye profiler.",
                                verbose_name="i brug",
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="competences",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "kompetence",
                        "verbose_name_plural": "kompetencer",
                        "ordering": ["position", "name"],
                        "constraints": [
                            models.UniqueConstraint(
                                models.F("jobcenter"),
                                django.db.models.functions.text.Lower("name"),
                                name="competence_unique_name_per_jobcenter",
                                violation_error_message="Der findes allerede en kompetence med det navn.",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalCompetence",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("name", models.CharField(max_length=100, verbose_name="navn")),
                        ("description", models.TextField(blank=True, verbose_name="beskrivelse")),
                        ("position", models.PositiveSmallIntegerField(default=0, verbose_name="rækkefølge")),
                        (
                            "is_active",
                            models.BooleanField(
                                default=True,
                                help_text="Kompetencer, der ikke er i brug, kan ikke vælges til nye profiler.",
                                verbose_name="i brug",
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
                        "verbose_name": "historical kompetence",
                        "verbose_name_plural": "historical kompetencer",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalLanguage",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        (
                            "code",
                            models.CharField(
                                db_index=True,
                                max_length=3,
                                validators=[
                                    django.core.validators.RegexValidator(
                                        "^[a-z]{2,3}$", "Brug en ISO 639-kode med små bogstaver, fx da eller ti."
                                    )
                                ],
                                verbose_name="sprogkode",
                            ),
                        ),
                        ("name", models.CharField(db_index=True, max_length=60, verbose_name="navn")),
                        ("position", models.PositiveSmallIntegerField(default=100, verbose_name="rækkefølge")),
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
                    ],
                    options={
                        "verbose_name": "historical sprog",
                        "verbose_name_plural": "historical sprog",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalMentor",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("applicant", "Ansøger"),
                                    ("interview", "Samtale aftalt"),
                                    ("approved", "Godkendt"),
                                    ("rejected", "Afvist"),
                                    ("active", "Aktiv"),
                                    ("paused", "På pause"),
                                    ("resigned", "Fratrådt"),
                                ],
                                default="applicant",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "status_changed_at",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="status ændret"),
                        ),
                        ("paused_until", models.DateField(blank=True, null=True, verbose_name="på pause til og med")),
                        ("status_reason", models.TextField(blank=True, verbose_name="begrundelse for status")),
                        ("full_name", models.CharField(max_length=200, verbose_name="fulde navn")),
                        ("email", models.EmailField(max_length=254, verbose_name="e-mail")),
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
                            "gender",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("female", "Kvinde"),
                                    ("male", "Mand"),
                                    ("other", "Andet"),
                                    ("", "Ikke oplyst"),
                                ],
                                max_length=10,
                                verbose_name="køn",
                            ),
                        ),
                        (
                            "birth_year",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(1920),
                                    django.core.validators.MaxValueValidator(2015),
                                ],
                                verbose_name="fødselsår",
                            ),
                        ),
                        (
                            "attachment",
                            models.CharField(
                                choices=[
                                    ("job", "I job"),
                                    ("education", "I uddannelse"),
                                    ("retired", "Pensioneret efter et langt arbejdsliv"),
                                ],
                                max_length=20,
                                verbose_name="tilknytning til arbejdsmarkedet",
                            ),
                        ),
                        ("education", models.TextField(blank=True, verbose_name="uddannelse")),
                        ("work_experience", models.TextField(blank=True, verbose_name="erhvervserfaring")),
                        ("industries", models.CharField(blank=True, max_length=300, verbose_name="brancher")),
                        ("network_notes", models.TextField(blank=True, verbose_name="netværk")),
                        ("motivation", models.TextField(blank=True, verbose_name="motivation")),
                        ("available_weekdays", models.PositiveSmallIntegerField(default=0, verbose_name="ugedage")),
                        (
                            "available_day_parts",
                            models.PositiveSmallIntegerField(default=0, verbose_name="tidspunkter"),
                        ),
                        (
                            "hours_per_week",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(40),
                                ],
                                verbose_name="timer om ugen",
                            ),
                        ),
                        (
                            "capacity",
                            models.PositiveSmallIntegerField(
                                default=2,
                                validators=[django.core.validators.MaxValueValidator(30)],
                                verbose_name="maks. antal aktive forløb",
                            ),
                        ),
                        ("active_mentees", models.PositiveSmallIntegerField(default=0, verbose_name="aktive forløb")),
                        (
                            "hourly_rate",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=7,
                                null=True,
                                validators=[django.core.validators.MinValueValidator(Decimal("0.00"))],
                                verbose_name="timeløn (kr.)",
                            ),
                        ),
                        (
                            "employment",
                            models.CharField(
                                choices=[
                                    ("hourly", "Timeansat (mentorkorps)"),
                                    ("full_time", "Fuldtidsansat (mentorkorps)"),
                                ],
                                default="hourly",
                                max_length=20,
                                verbose_name="ansættelse",
                            ),
                        ),
                        (
                            "offers_section_85",
                            models.BooleanField(
                                default=False,
                                help_text="Kun fuldtidsansatte mentorer.",
                                verbose_name="giver også støtte efter servicelovens § 85",
                            ),
                        ),
                        ("contract_start", models.DateField(blank=True, null=True, verbose_name="kontraktstart")),
                        ("contract_end", models.DateField(blank=True, null=True, verbose_name="kontraktophør")),
                        (
                            "source",
                            models.CharField(
                                choices=[
                                    ("application", "Ansøgning via hjemmesiden"),
                                    ("manual", "Oprettet af koordinator"),
                                    ("import", "Importeret"),
                                ],
                                default="manual",
                                max_length=20,
                                verbose_name="kilde",
                            ),
                        ),
                        ("consent_at", models.DateTimeField(blank=True, null=True, verbose_name="samtykke givet")),
                        (
                            "created_at",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="oprettet"),
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
                        "verbose_name": "historical mentor",
                        "verbose_name_plural": "historical mentorer",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="Mentor",
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
                                    ("applicant", "Ansøger"),
                                    ("interview", "Samtale aftalt"),
                                    ("approved", "Godkendt"),
                                    ("rejected", "Afvist"),
                                    ("active", "Aktiv"),
                                    ("paused", "På pause"),
                                    ("resigned", "Fratrådt"),
                                ],
                                default="applicant",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "status_changed_at",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="status ændret"),
                        ),
                        ("paused_until", models.DateField(blank=True, null=True, verbose_name="på pause til og med")),
                        ("status_reason", models.TextField(blank=True, verbose_name="begrundelse for status")),
                        ("full_name", models.CharField(max_length=200, verbose_name="fulde navn")),
                        ("email", models.EmailField(max_length=254, verbose_name="e-mail")),
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
                            "gender",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("female", "Kvinde"),
                                    ("male", "Mand"),
                                    ("other", "Andet"),
                                    ("", "Ikke oplyst"),
                                ],
                                max_length=10,
                                verbose_name="køn",
                            ),
                        ),
                        (
                            "birth_year",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(1920),
                                    django.core.validators.MaxValueValidator(2015),
                                ],
                                verbose_name="fødselsår",
                            ),
                        ),
                        (
                            "attachment",
                            models.CharField(
                                choices=[
                                    ("job", "I job"),
                                    ("education", "I uddannelse"),
                                    ("retired", "Pensioneret efter et langt arbejdsliv"),
                                ],
                                max_length=20,
                                verbose_name="tilknytning til arbejdsmarkedet",
                            ),
                        ),
                        ("education", models.TextField(blank=True, verbose_name="uddannelse")),
                        ("work_experience", models.TextField(blank=True, verbose_name="erhvervserfaring")),
                        ("industries", models.CharField(blank=True, max_length=300, verbose_name="brancher")),
                        ("network_notes", models.TextField(blank=True, verbose_name="netværk")),
                        ("motivation", models.TextField(blank=True, verbose_name="motivation")),
                        ("available_weekdays", models.PositiveSmallIntegerField(default=0, verbose_name="ugedage")),
                        (
                            "available_day_parts",
                            models.PositiveSmallIntegerField(default=0, verbose_name="tidspunkter"),
                        ),
                        (
                            "hours_per_week",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(40),
                                ],
                                verbose_name="timer om ugen",
                            ),
                        ),
                        (
                            "capacity",
                            models.PositiveSmallIntegerField(
                                default=2,
                                validators=[django.core.validators.MaxValueValidator(30)],
                                verbose_name="maks. antal aktive forløb",
                            ),
                        ),
                        ("active_mentees", models.PositiveSmallIntegerField(default=0, verbose_name="aktive forløb")),
                        (
                            "hourly_rate",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=7,
                                null=True,
                                validators=[django.core.validators.MinValueValidator(Decimal("0.00"))],
                                verbose_name="timeløn (kr.)",
                            ),
                        ),
                        (
                            "employment",
                            models.CharField(
                                choices=[
                                    ("hourly", "Timeansat (mentorkorps)"),
                                    ("full_time", "Fuldtidsansat (mentorkorps)"),
                                ],
                                default="hourly",
                                max_length=20,
                                verbose_name="ansættelse",
                            ),
                        ),
                        (
                            "offers_section_85",
                            models.BooleanField(
                                default=False,
                                help_text="Kun fuldtidsansatte mentorer.",
                                verbose_name="giver også støtte efter servicelovens § 85",
                            ),
                        ),
                        ("contract_start", models.DateField(blank=True, null=True, verbose_name="kontraktstart")),
                        ("contract_end", models.DateField(blank=True, null=True, verbose_name="kontraktophør")),
                        (
                            "source",
                            models.CharField(
                                choices=[
                                    ("application", "Ansøgning via hjemmesiden"),
                                    ("manual", "Oprettet af koordinator"),
                                    ("import", "Importeret"),
                                ],
                                default="manual",
                                max_length=20,
                                verbose_name="kilde",
                            ),
                        ),
                        ("consent_at", models.DateTimeField(blank=True, null=True, verbose_name="samtykke givet")),
                        (
                            "created_at",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="oprettet"),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="opdateret")),
                        (
                            "competences",
                            models.ManyToManyField(
                                blank=True, related_name="mentors", to="corps.competence", verbose_name="kompetencer"
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="mentors",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                        (
                            "languages",
                            models.ManyToManyField(
                                blank=True, related_name="mentors", to="corps.language", verbose_name="sprog"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "mentor",
                        "verbose_name_plural": "mentorer",
                        "ordering": ["full_name", "id"],
                        "indexes": [
                            models.Index(fields=["jobcenter", "status", "full_name"], name="mentor_jc_status_name"),
                            models.Index(fields=["jobcenter", "full_name", "id"], name="mentor_jc_name"),
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                models.F("jobcenter"),
                                django.db.models.functions.text.Lower("email"),
                                name="mentor_unique_email_per_jobcenter",
                                violation_error_message="Der findes allerede en mentor med den e-mail.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    (
                                        "status__in",
                                        [
                                            "applicant",
                                            "interview",
                                            "approved",
                                            "rejected",
                                            "active",
                                            "paused",
                                            "resigned",
                                        ],
                                    )
                                ),
                                name="mentor_status_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("attachment__in", ["job", "education", "retired"])),
                                name="mentor_attachment_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("employment", "full_time"), ("offers_section_85", False), _connector="OR"
                                ),
                                name="mentor_section_85_only_full_time",
                                violation_error_message="Kun fuldtidsansatte mentorer kan give støtte efter § 85.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("contract_end__isnull", True),
                                    ("contract_start__isnull", True),
                                    ("contract_end__gte", models.F("contract_start")),
                                    _connector="OR",
                                ),
                                name="mentor_contract_end_after_start",
                                violation_error_message="Kontraktophør skal ligge efter kontraktstart.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("paused_until__isnull", False), ("status", "paused")),
                                    models.Q(
                                        models.Q(("status", "paused"), _negated=True), ("paused_until__isnull", True)
                                    ),
                                    _connector="OR",
                                ),
                                name="mentor_paused_until_iff_paused",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("available_weekdays__lte", 127), ("available_day_parts__lte", 7)),
                                name="mentor_availability_bits_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("hourly_rate__gte", 0), ("hourly_rate__isnull", True), _connector="OR"
                                ),
                                name="mentor_rate_positive",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="HoursEntry",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("week", models.DateField(verbose_name="uge (mandag)")),
                        ("mentee_reference", models.CharField(max_length=60, verbose_name="borger (reference)")),
                        (
                            "hours",
                            models.DecimalField(
                                decimal_places=2,
                                max_digits=5,
                                validators=[django.core.validators.MinValueValidator(Decimal("0.25"))],
                                verbose_name="timer",
                            ),
                        ),
                        (
                            "agreed_hours",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=5,
                                null=True,
                                validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                                verbose_name="aftalte timer",
                            ),
                        ),
                        ("note", models.CharField(blank=True, max_length=300, verbose_name="bemærkning")),
                        (
                            "status",
                            models.CharField(
                                choices=[("submitted", "Indtastet"), ("approved", "Godkendt"), ("rejected", "Afvist")],
                                default="submitted",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "hourly_rate",
                            models.DecimalField(
                                blank=True, decimal_places=2, max_digits=7, null=True, verbose_name="timeløn (kr.)"
                            ),
                        ),
                        (
                            "entered_at",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="indtastet"),
                        ),
                        ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="godkendt")),
                        (
                            "decided_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="godkendt af",
                            ),
                        ),
                        (
                            "entered_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="indtastet af",
                            ),
                        ),
                        (
                            "mentor",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="hours",
                                to="corps.mentor",
                                verbose_name="mentor",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "timeregistrering",
                        "verbose_name_plural": "timeregistreringer",
                        "ordering": ["-week", "mentor__full_name", "id"],
                        "indexes": [models.Index(fields=["week", "status"], name="hours_week_status")],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("mentor", "week", "mentee_reference"),
                                name="hours_one_entry_per_mentor_week_mentee",
                                violation_error_message="Der er allerede registreret timer for denne borger i denne uge.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("hours__gt", 0), ("hours__lte", 80)), name="hours_positive_and_sane"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("decided_at__isnull", True), ("status", "submitted")),
                                    models.Q(
                                        models.Q(("status", "submitted"), _negated=True), ("decided_at__isnull", False)
                                    ),
                                    _connector="OR",
                                ),
                                name="hours_decided_at_iff_decided",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalQualification",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("title", models.CharField(max_length=200, verbose_name="titel")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("course", "Mentorkursus"),
                                    ("module", "Specialmodul"),
                                    ("network_meeting", "Netværksmøde"),
                                    ("other", "Andet"),
                                ],
                                max_length=20,
                                verbose_name="type",
                            ),
                        ),
                        ("completed_on", models.DateField(verbose_name="gennemført")),
                        ("source", models.CharField(default="manual", max_length=20, verbose_name="kilde")),
                        ("source_reference", models.CharField(blank=True, max_length=100, verbose_name="reference")),
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
                    ],
                    options={
                        "verbose_name": "historical kvalifikation",
                        "verbose_name_plural": "historical kvalifikationer",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalMentorNote",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("text", models.TextField(verbose_name="note")),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="skrevet")),
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
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
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
                    ],
                    options={
                        "verbose_name": "historical note",
                        "verbose_name_plural": "historical noter",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalMentor_languages",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                        (
                            "history",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                to="corps.historicalmentor",
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
                    ],
                    options={
                        "verbose_name": "HistoricalMentor_languages",
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalMentor_competences",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
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
                                to="corps.historicalmentor",
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
                    ],
                    options={
                        "verbose_name": "HistoricalMentor_competences",
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalHoursEntry",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("week", models.DateField(verbose_name="uge (mandag)")),
                        ("mentee_reference", models.CharField(max_length=60, verbose_name="borger (reference)")),
                        (
                            "hours",
                            models.DecimalField(
                                decimal_places=2,
                                max_digits=5,
                                validators=[django.core.validators.MinValueValidator(Decimal("0.25"))],
                                verbose_name="timer",
                            ),
                        ),
                        (
                            "agreed_hours",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=5,
                                null=True,
                                validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                                verbose_name="aftalte timer",
                            ),
                        ),
                        ("note", models.CharField(blank=True, max_length=300, verbose_name="bemærkning")),
                        (
                            "status",
                            models.CharField(
                                choices=[("submitted", "Indtastet"), ("approved", "Godkendt"), ("rejected", "Afvist")],
                                default="submitted",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "hourly_rate",
                            models.DecimalField(
                                blank=True, decimal_places=2, max_digits=7, null=True, verbose_name="timeløn (kr.)"
                            ),
                        ),
                        (
                            "entered_at",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="indtastet"),
                        ),
                        ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="godkendt")),
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
                            "decided_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="godkendt af",
                            ),
                        ),
                        (
                            "entered_by",
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
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
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
                    ],
                    options={
                        "verbose_name": "historical timeregistrering",
                        "verbose_name_plural": "historical timeregistreringer",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="MentorNote",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("text", models.TextField(verbose_name="note")),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="skrevet")),
                        (
                            "author",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="skrevet af",
                            ),
                        ),
                        (
                            "mentor",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="notes",
                                to="corps.mentor",
                                verbose_name="mentor",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "note",
                        "verbose_name_plural": "noter",
                        "ordering": ["-created_at", "-id"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("text", ""), _negated=True), name="mentor_note_not_empty"
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="MentorStatusEvent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "from_status",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("applicant", "Ansøger"),
                                    ("interview", "Samtale aftalt"),
                                    ("approved", "Godkendt"),
                                    ("rejected", "Afvist"),
                                    ("active", "Aktiv"),
                                    ("paused", "På pause"),
                                    ("resigned", "Fratrådt"),
                                ],
                                max_length=20,
                                verbose_name="fra",
                            ),
                        ),
                        (
                            "to_status",
                            models.CharField(
                                choices=[
                                    ("applicant", "Ansøger"),
                                    ("interview", "Samtale aftalt"),
                                    ("approved", "Godkendt"),
                                    ("rejected", "Afvist"),
                                    ("active", "Aktiv"),
                                    ("paused", "På pause"),
                                    ("resigned", "Fratrådt"),
                                ],
                                max_length=20,
                                verbose_name="til",
                            ),
                        ),
                        ("reason", models.TextField(blank=True, verbose_name="begrundelse")),
                        ("until", models.DateField(blank=True, null=True, verbose_name="til og med")),
                        ("happens_at", models.DateTimeField(blank=True, null=True, verbose_name="samtaletidspunkt")),
                        ("at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="tidspunkt")),
                        (
                            "actor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="udført af",
                            ),
                        ),
                        (
                            "mentor",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="status_events",
                                to="corps.mentor",
                                verbose_name="mentor",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "statusskift",
                        "verbose_name_plural": "statusskift",
                        "ordering": ["-at", "-id"],
                    },
                ),
                migrations.CreateModel(
                    name="Qualification",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("title", models.CharField(max_length=200, verbose_name="titel")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("course", "Mentorkursus"),
                                    ("module", "Specialmodul"),
                                    ("network_meeting", "Netværksmøde"),
                                    ("other", "Andet"),
                                ],
                                max_length=20,
                                verbose_name="type",
                            ),
                        ),
                        ("completed_on", models.DateField(verbose_name="gennemført")),
                        ("source", models.CharField(default="manual", max_length=20, verbose_name="kilde")),
                        ("source_reference", models.CharField(blank=True, max_length=100, verbose_name="reference")),
                        (
                            "mentor",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="qualifications",
                                to="corps.mentor",
                                verbose_name="mentor",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "kvalifikation",
                        "verbose_name_plural": "kvalifikationer",
                        "ordering": ["-completed_on", "title"],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("source_reference", ""), _negated=True),
                                fields=("mentor", "source", "source_reference"),
                                name="qualification_unique_source_reference",
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(
            code=seed_vocabulary_forwards,
            reverse_code=migrations.RunPython.noop,
        ),
    ]
