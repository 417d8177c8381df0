"""courses 0001-0002 squashed (issue 20): each model is created with its indexes and constraints in one
CreateModel, then 0002's default course types are seeded. The replaced migrations stay until every
installation has applied them."""

import uuid

import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import mentorship.migration_operations
from courses.vocabulary import seed_course_types


# courses 0002_default_course_types
def seed_course_types_forwards(apps, schema_editor):
    jobcenter_model = apps.get_model("accounts", "Jobcenter")
    course_type_model = apps.get_model("courses", "CourseType")
    for jobcenter in jobcenter_model.objects.all():
        seed_course_types(jobcenter=jobcenter, course_type_model=course_type_model)


class Migration(migrations.Migration):
    replaces = [("courses", "0001_initial"), ("courses", "0002_default_course_types")]

    initial = True

    dependencies = [
        ("accounts", "0002_initial"),
        ("companies", "0004_placement_types_and_compensation"),
        ("corps", "0003_hours_citizen_load_from_agreements"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        mentorship.migration_operations.CreateModels(
            operations=[
                migrations.CreateModel(
                    name="CourseType",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=150, verbose_name="navn")),
                        (
                            "category",
                            models.CharField(
                                choices=[
                                    ("base_course", "Mentorkursus (grundforløb)"),
                                    ("module", "Specialmodul"),
                                    ("network_meeting", "Netværksmøde"),
                                    ("after_work", "Fyraftensmøde"),
                                ],
                                max_length=20,
                                verbose_name="kategori",
                            ),
                        ),
                        ("description", models.TextField(blank=True, verbose_name="indhold")),
                        (
                            "default_days",
                            models.PositiveSmallIntegerField(
                                default=1,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(10),
                                ],
                                verbose_name="antal dage",
                            ),
                        ),
                        (
                            "default_hours_per_day",
                            models.DecimalField(
                                decimal_places=1,
                                default=3,
                                max_digits=4,
                                validators=[
                                    django.core.validators.MinValueValidator(0.5),
                                    django.core.validators.MaxValueValidator(12),
                                ],
                                verbose_name="timer pr. dag",
                            ),
                        ),
                        ("audience", models.PositiveSmallIntegerField(default=1, verbose_name="målgruppe")),
                        ("position", models.PositiveSmallIntegerField(default=0, verbose_name="rækkefølge")),
                        ("is_active", models.BooleanField(default=True, verbose_name="i brug")),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="course_types",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                        (
                            "requires",
                            models.ForeignKey(
                                blank=True,
                                help_text="Fx kræver et specialmodul, at deltageren har gennemført grundforløbet.",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="required_by",
                                to="courses.coursetype",
                                verbose_name="kræver forudgående",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "kursustype",
                        "verbose_name_plural": "kursustyper",
                        "ordering": ["position", "name"],
                        "constraints": [
                            models.UniqueConstraint(
                                models.F("jobcenter"),
                                django.db.models.functions.text.Lower("name"),
                                name="course_type_unique_name_per_jobcenter",
                                violation_error_message="Der findes allerede en kursustype med det navn.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("category__in", ["base_course", "module", "network_meeting", "after_work"])
                                ),
                                name="course_type_category_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("audience__gte", 1), ("audience__lte", 31)),
                                name="course_type_audience_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("requires", models.F("id")), _negated=True),
                                name="course_type_not_requiring_itself",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Course",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("title", models.CharField(max_length=200, verbose_name="titel")),
                        (
                            "theme",
                            models.CharField(
                                blank=True,
                                help_text="Fx konflikthåndtering eller misbrugsproblematik.",
                                max_length=200,
                                verbose_name="tema",
                            ),
                        ),
                        ("description", models.TextField(blank=True, verbose_name="beskrivelse")),
                        ("venue", models.CharField(max_length=200, verbose_name="sted")),
                        ("address", models.CharField(blank=True, max_length=200, verbose_name="adresse")),
                        (
                            "provider",
                            models.CharField(
                                blank=True, help_text="Fx MENTOR company A/S.", max_length=200, verbose_name="udbyder"
                            ),
                        ),
                        (
                            "capacity",
                            models.PositiveSmallIntegerField(
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(500),
                                ],
                                verbose_name="antal pladser",
                            ),
                        ),
                        ("registration_deadline", models.DateField(verbose_name="tilmeldingsfrist")),
                        (
                            "status",
                            models.CharField(
                                choices=[("planned", "Planlagt"), ("cancelled", "Aflyst")],
                                default="planned",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        ("cancel_reason", models.TextField(blank=True, verbose_name="begrundelse for aflysning")),
                        (
                            "uid",
                            models.UUIDField(
                                default=uuid.uuid4, editable=False, unique=True, verbose_name="kalender-id"
                            ),
                        ),
                        ("sequence", models.PositiveIntegerField(default=0, verbose_name="kalenderversion")),
                        (
                            "first_day",
                            models.DateField(blank=True, editable=False, null=True, verbose_name="første dag"),
                        ),
                        (
                            "last_day",
                            models.DateField(blank=True, editable=False, null=True, verbose_name="sidste dag"),
                        ),
                        ("completed_at", models.DateTimeField(blank=True, null=True, verbose_name="afsluttet")),
                        (
                            "created_at",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="oprettet"),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="opdateret")),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "job_consultants",
                            models.ManyToManyField(
                                blank=True,
                                related_name="courses_attending",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="jobkonsulenter med",
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="courses",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                        (
                            "course_type",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="courses",
                                to="courses.coursetype",
                                verbose_name="kursustype",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "kursus eller møde",
                        "verbose_name_plural": "kurser og møder",
                        "ordering": ["first_day", "title", "id"],
                        "indexes": [models.Index(fields=["jobcenter", "first_day"], name="course_jc_first_day")],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("status__in", ["planned", "cancelled"])), name="course_status_valid"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("capacity__gte", 1)), name="course_capacity_positive"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("status", "cancelled"), ("cancel_reason", ""), _connector="OR"),
                                name="course_reason_only_cancelled",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("first_day__isnull", True),
                                    ("registration_deadline__lte", models.F("first_day")),
                                    _connector="OR",
                                ),
                                name="course_deadline_before_start",
                                violation_error_message="Tilmeldingsfristen skal ligge senest på første kursusdag.",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalCourse",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("title", models.CharField(max_length=200, verbose_name="titel")),
                        (
                            "theme",
                            models.CharField(
                                blank=True,
                                help_text="Fx konflikthåndtering eller misbrugsproblematik.",
                                max_length=200,
                                verbose_name="tema",
                            ),
                        ),
                        ("description", models.TextField(blank=True, verbose_name="beskrivelse")),
                        ("venue", models.CharField(max_length=200, verbose_name="sted")),
                        ("address", models.CharField(blank=True, max_length=200, verbose_name="adresse")),
                        (
                            "provider",
                            models.CharField(
                                blank=True, help_text="Fx MENTOR company A/S.", max_length=200, verbose_name="udbyder"
                            ),
                        ),
                        (
                            "capacity",
                            models.PositiveSmallIntegerField(
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(500),
                                ],
                                verbose_name="antal pladser",
                            ),
                        ),
                        ("registration_deadline", models.DateField(verbose_name="tilmeldingsfrist")),
                        (
                            "status",
                            models.CharField(
                                choices=[("planned", "Planlagt"), ("cancelled", "Aflyst")],
                                default="planned",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        ("cancel_reason", models.TextField(blank=True, verbose_name="begrundelse for aflysning")),
                        (
                            "uid",
                            models.UUIDField(
                                db_index=True, default=uuid.uuid4, editable=False, verbose_name="kalender-id"
                            ),
                        ),
                        ("sequence", models.PositiveIntegerField(default=0, verbose_name="kalenderversion")),
                        (
                            "first_day",
                            models.DateField(blank=True, editable=False, null=True, verbose_name="første dag"),
                        ),
                        (
                            "last_day",
                            models.DateField(blank=True, editable=False, null=True, verbose_name="sidste dag"),
                        ),
                        ("completed_at", models.DateTimeField(blank=True, null=True, verbose_name="afsluttet")),
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
                            "course_type",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="courses.coursetype",
                                verbose_name="kursustype",
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
                        "verbose_name": "historical kursus eller møde",
                        "verbose_name_plural": "historical kurser og møder",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalCourse_job_consultants",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                        (
                            "course",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                db_tablespace="",
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="courses.course",
                            ),
                        ),
                        (
                            "history",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                to="courses.historicalcourse",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                db_tablespace="",
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "HistoricalCourse_job_consultants",
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalCourseSettings",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        (
                            "reminder_days",
                            models.PositiveSmallIntegerField(
                                default=7,
                                help_text="Deltagerne får en påmindelse så mange dage før første kursusdag.",
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(60),
                                ],
                                verbose_name="påmindelse dage før",
                            ),
                        ),
                        (
                            "offer_hours",
                            models.PositiveSmallIntegerField(
                                default=48,
                                help_text="Så længe har den første på ventelisten til at tage imod en ledig plads.",
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(336),
                                ],
                                verbose_name="svarfrist på ledig plads (timer)",
                            ),
                        ),
                        (
                            "minimum_job_consultants",
                            models.PositiveSmallIntegerField(
                                default=2,
                                validators=[django.core.validators.MaxValueValidator(10)],
                                verbose_name="jobkonsulenter pr. kursus",
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
                        "verbose_name": "historical indstillinger for kurser",
                        "verbose_name_plural": "historical indstillinger for kurser",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalCourseType",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("name", models.CharField(max_length=150, verbose_name="navn")),
                        (
                            "category",
                            models.CharField(
                                choices=[
                                    ("base_course", "Mentorkursus (grundforløb)"),
                                    ("module", "Specialmodul"),
                                    ("network_meeting", "Netværksmøde"),
                                    ("after_work", "Fyraftensmøde"),
                                ],
                                max_length=20,
                                verbose_name="kategori",
                            ),
                        ),
                        ("description", models.TextField(blank=True, verbose_name="indhold")),
                        (
                            "default_days",
                            models.PositiveSmallIntegerField(
                                default=1,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(10),
                                ],
                                verbose_name="antal dage",
                            ),
                        ),
                        (
                            "default_hours_per_day",
                            models.DecimalField(
                                decimal_places=1,
                                default=3,
                                max_digits=4,
                                validators=[
                                    django.core.validators.MinValueValidator(0.5),
                                    django.core.validators.MaxValueValidator(12),
                                ],
                                verbose_name="timer pr. dag",
                            ),
                        ),
                        ("audience", models.PositiveSmallIntegerField(default=1, verbose_name="målgruppe")),
                        ("position", models.PositiveSmallIntegerField(default=0, verbose_name="rækkefølge")),
                        ("is_active", models.BooleanField(default=True, verbose_name="i brug")),
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
                        (
                            "requires",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                help_text="Fx kræver et specialmodul, at deltageren har gennemført grundforløbet.",
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="courses.coursetype",
                                verbose_name="kræver forudgående",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical kursustype",
                        "verbose_name_plural": "historical kursustyper",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalSession",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("date", models.DateField(verbose_name="dato")),
                        ("starts_at", models.TimeField(verbose_name="fra kl.")),
                        ("ends_at", models.TimeField(verbose_name="til kl.")),
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
                            "course",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="courses.course",
                                verbose_name="kursus",
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
                        "verbose_name": "historical kursusdag",
                        "verbose_name_plural": "historical kursusdage",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalShadowing",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("starts_on", models.DateField(verbose_name="fra")),
                        ("ends_on", models.DateField(verbose_name="til og med")),
                        ("note", models.TextField(blank=True, verbose_name="note")),
                        (
                            "created_at",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="oprettet"),
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
                            ),
                        ),
                        (
                            "experienced_company_mentor",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="companies.companymentor",
                                verbose_name="erfaren virksomhedsmentor",
                            ),
                        ),
                        (
                            "experienced_corps_mentor",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="corps.mentor",
                                verbose_name="erfaren mentor (korps)",
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
                            "new_company_mentor",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="companies.companymentor",
                                verbose_name="ny virksomhedsmentor",
                            ),
                        ),
                        (
                            "new_corps_mentor",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="corps.mentor",
                                verbose_name="ny mentor (korps)",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical følgeordning",
                        "verbose_name_plural": "historical følgeordninger",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="Invitation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "source",
                            models.CharField(
                                choices=[
                                    ("companies", "Alle virksomheder i kommunen"),
                                    ("former", "Tidligere kursusdeltagere"),
                                    ("corps", "Mentorkorpset"),
                                    ("picked", "Udvalgte modtagere"),
                                ],
                                max_length=20,
                                verbose_name="modtagergruppe",
                            ),
                        ),
                        ("name", models.CharField(blank=True, max_length=200, verbose_name="navn")),
                        ("email", models.EmailField(max_length=254, verbose_name="e-mail")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("sent", "Sendt"),
                                    ("opened", "Åbnet"),
                                    ("registered", "Tilmeldt"),
                                    ("declined", "Takket nej"),
                                ],
                                default="sent",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        ("sent_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="sendt")),
                        ("opened_at", models.DateTimeField(blank=True, null=True, verbose_name="åbnet")),
                        ("responded_at", models.DateTimeField(blank=True, null=True, verbose_name="svaret")),
                        (
                            "company",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="companies.company",
                                verbose_name="virksomhed",
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
                            "corps_mentor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="corps.mentor",
                                verbose_name="mentor",
                            ),
                        ),
                        (
                            "course",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="invitations",
                                to="courses.course",
                                verbose_name="kursus",
                            ),
                        ),
                        (
                            "invited_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "invitation",
                        "verbose_name_plural": "invitationer",
                        "ordering": ["sent_at", "id"],
                        "constraints": [
                            models.UniqueConstraint(
                                models.F("course"),
                                django.db.models.functions.text.Lower("email"),
                                name="invitation_one_per_address",
                                violation_error_message="Allerede inviteret.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("status__in", ["sent", "opened", "registered", "declined"])),
                                name="invitation_status_valid",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalRegistration",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("name", models.CharField(max_length=200, verbose_name="navn")),
                        ("email", models.EmailField(max_length=254, verbose_name="e-mail")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("registered", "Tilmeldt"),
                                    ("waiting", "På venteliste"),
                                    ("offered", "Tilbudt ledig plads"),
                                    ("cancelled", "Afmeldt"),
                                    ("lapsed", "Tilbud udløbet"),
                                ],
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "via",
                            models.CharField(
                                choices=[
                                    ("coordinator", "Jobcentret"),
                                    ("portal", "Virksomhedsportalen"),
                                    ("invitation", "Invitationens link"),
                                ],
                                max_length=20,
                                verbose_name="tilmeldt via",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="tilmeldt"),
                        ),
                        (
                            "waiting_since",
                            models.DateTimeField(blank=True, null=True, verbose_name="på venteliste siden"),
                        ),
                        ("offered_at", models.DateTimeField(blank=True, null=True, verbose_name="plads tilbudt")),
                        ("offer_expires_at", models.DateTimeField(blank=True, null=True, verbose_name="svarfrist")),
                        ("cancelled_at", models.DateTimeField(blank=True, null=True, verbose_name="afmeldt")),
                        ("reminded_at", models.DateTimeField(blank=True, null=True, verbose_name="påmindelse sendt")),
                        ("completed_on", models.DateField(blank=True, null=True, verbose_name="gennemført")),
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
                            "corps_mentor",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="corps.mentor",
                                verbose_name="mentor i korpset",
                            ),
                        ),
                        (
                            "course",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="courses.course",
                                verbose_name="kursus",
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
                            "nomination",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="companies.coursenomination",
                                verbose_name="indstilling",
                            ),
                        ),
                        (
                            "invitation",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="courses.invitation",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical tilmelding",
                        "verbose_name_plural": "historical tilmeldinger",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="Registration",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=200, verbose_name="navn")),
                        ("email", models.EmailField(max_length=254, verbose_name="e-mail")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("registered", "Tilmeldt"),
                                    ("waiting", "På venteliste"),
                                    ("offered", "Tilbudt ledig plads"),
                                    ("cancelled", "Afmeldt"),
                                    ("lapsed", "Tilbud udløbet"),
                                ],
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "via",
                            models.CharField(
                                choices=[
                                    ("coordinator", "Jobcentret"),
                                    ("portal", "Virksomhedsportalen"),
                                    ("invitation", "Invitationens link"),
                                ],
                                max_length=20,
                                verbose_name="tilmeldt via",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="tilmeldt"),
                        ),
                        (
                            "waiting_since",
                            models.DateTimeField(blank=True, null=True, verbose_name="på venteliste siden"),
                        ),
                        ("offered_at", models.DateTimeField(blank=True, null=True, verbose_name="plads tilbudt")),
                        ("offer_expires_at", models.DateTimeField(blank=True, null=True, verbose_name="svarfrist")),
                        ("cancelled_at", models.DateTimeField(blank=True, null=True, verbose_name="afmeldt")),
                        ("reminded_at", models.DateTimeField(blank=True, null=True, verbose_name="påmindelse sendt")),
                        ("completed_on", models.DateField(blank=True, null=True, verbose_name="gennemført")),
                        (
                            "company",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="course_registrations",
                                to="companies.company",
                                verbose_name="virksomhed",
                            ),
                        ),
                        (
                            "company_mentor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="course_registrations",
                                to="companies.companymentor",
                                verbose_name="virksomhedsmentor",
                            ),
                        ),
                        (
                            "corps_mentor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="course_registrations",
                                to="corps.mentor",
                                verbose_name="mentor i korpset",
                            ),
                        ),
                        (
                            "course",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="registrations",
                                to="courses.course",
                                verbose_name="kursus",
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
                            ),
                        ),
                        (
                            "invitation",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="registrations",
                                to="courses.invitation",
                            ),
                        ),
                        (
                            "nomination",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="registrations",
                                to="companies.coursenomination",
                                verbose_name="indstilling",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "tilmelding",
                        "verbose_name_plural": "tilmeldinger",
                        "ordering": ["created_at", "id"],
                        "indexes": [
                            models.Index(
                                fields=["course", "status", "waiting_since"], name="registration_course_status"
                            ),
                            models.Index(fields=["status", "offer_expires_at"], name="registration_offer_expiry"),
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                models.F("course"),
                                django.db.models.functions.text.Lower("email"),
                                condition=models.Q(("status__in", ["registered", "waiting", "offered"])),
                                name="registration_one_active_per_address",
                                violation_error_message="Personen er allerede tilmeldt eller på ventelisten.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("status__in", ["registered", "waiting", "offered", "cancelled", "lapsed"])
                                ),
                                name="registration_status_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("corps_mentor__isnull", True), ("company_mentor__isnull", True), _connector="OR"
                                ),
                                name="registration_one_kind_of_mentor",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("status", "waiting"), _negated=True),
                                    ("waiting_since__isnull", False),
                                    _connector="OR",
                                ),
                                name="registration_waiting_has_order",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("status", "offered"), _negated=True),
                                    ("offer_expires_at__isnull", False),
                                    _connector="OR",
                                ),
                                name="registration_offer_has_deadline",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("completed_on__isnull", True), ("status", "registered"), _connector="OR"
                                ),
                                name="registration_completed_registered",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Evaluation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "overall",
                            models.PositiveSmallIntegerField(
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(5),
                                ],
                                verbose_name="samlet vurdering",
                            ),
                        ),
                        (
                            "relevance",
                            models.PositiveSmallIntegerField(
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(5),
                                ],
                                verbose_name="indholdets relevans",
                            ),
                        ),
                        (
                            "usefulness",
                            models.PositiveSmallIntegerField(
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(5),
                                ],
                                verbose_name="kan bruges i praksis",
                            ),
                        ),
                        ("comments", models.TextField(blank=True, verbose_name="kommentarer")),
                        (
                            "submitted_at",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="indsendt"),
                        ),
                        (
                            "registration",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="evaluation",
                                to="courses.registration",
                                verbose_name="tilmelding",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "evaluering",
                        "verbose_name_plural": "evalueringer",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("overall__gte", 1),
                                    ("overall__lte", 5),
                                    ("relevance__gte", 1),
                                    ("relevance__lte", 5),
                                    ("usefulness__gte", 1),
                                    ("usefulness__lte", 5),
                                ),
                                name="evaluation_scores_1_to_5",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Session",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("date", models.DateField(verbose_name="dato")),
                        ("starts_at", models.TimeField(verbose_name="fra kl.")),
                        ("ends_at", models.TimeField(verbose_name="til kl.")),
                        (
                            "course",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="sessions",
                                to="courses.course",
                                verbose_name="kursus",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "kursusdag",
                        "verbose_name_plural": "kursusdage",
                        "ordering": ["date", "starts_at"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("course", "date"),
                                name="session_one_per_day",
                                violation_error_message="Kurset har allerede en dag på den dato.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("ends_at__gt", models.F("starts_at"))),
                                name="session_ends_after_start",
                                violation_error_message="Sluttidspunktet skal ligge efter starttidspunktet.",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalAttendance",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("present", models.BooleanField(default=False, verbose_name="mødt")),
                        (
                            "recorded_at",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="registreret"),
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
                            "recorded_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "registration",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="courses.registration",
                                verbose_name="tilmelding",
                            ),
                        ),
                        (
                            "session",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="courses.session",
                                verbose_name="dag",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical fremmøde",
                        "verbose_name_plural": "historical fremmøde",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="Attendance",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("present", models.BooleanField(default=False, verbose_name="mødt")),
                        (
                            "recorded_at",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="registreret"),
                        ),
                        (
                            "recorded_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "registration",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="attendances",
                                to="courses.registration",
                                verbose_name="tilmelding",
                            ),
                        ),
                        (
                            "session",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="attendances",
                                to="courses.session",
                                verbose_name="dag",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "fremmøde",
                        "verbose_name_plural": "fremmøde",
                        "constraints": [
                            models.UniqueConstraint(fields=("registration", "session"), name="attendance_one_per_day")
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Shadowing",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("starts_on", models.DateField(verbose_name="fra")),
                        ("ends_on", models.DateField(verbose_name="til og med")),
                        ("note", models.TextField(blank=True, verbose_name="note")),
                        (
                            "created_at",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="oprettet"),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "experienced_company_mentor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="shadowed_periods",
                                to="companies.companymentor",
                                verbose_name="erfaren virksomhedsmentor",
                            ),
                        ),
                        (
                            "experienced_corps_mentor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="shadowed_periods",
                                to="corps.mentor",
                                verbose_name="erfaren mentor (korps)",
                            ),
                        ),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="shadowings",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                        (
                            "new_company_mentor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="shadowing_periods",
                                to="companies.companymentor",
                                verbose_name="ny virksomhedsmentor",
                            ),
                        ),
                        (
                            "new_corps_mentor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="shadowing_periods",
                                to="corps.mentor",
                                verbose_name="ny mentor (korps)",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "følgeordning",
                        "verbose_name_plural": "følgeordninger",
                        "ordering": ["-starts_on", "id"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(
                                        ("experienced_corps_mentor__isnull", False),
                                        ("new_corps_mentor__isnull", False),
                                        ("experienced_company_mentor__isnull", True),
                                        ("new_company_mentor__isnull", True),
                                    ),
                                    models.Q(
                                        ("experienced_company_mentor__isnull", False),
                                        ("new_company_mentor__isnull", False),
                                        ("experienced_corps_mentor__isnull", True),
                                        ("new_corps_mentor__isnull", True),
                                    ),
                                    _connector="OR",
                                ),
                                name="shadowing_pair_of_one_kind",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("new_corps_mentor", models.F("experienced_corps_mentor")), _negated=True),
                                    ("new_corps_mentor__isnull", True),
                                    _connector="OR",
                                ),
                                name="shadowing_corps_not_self",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(
                                        ("new_company_mentor", models.F("experienced_company_mentor")), _negated=True
                                    ),
                                    ("new_company_mentor__isnull", True),
                                    _connector="OR",
                                ),
                                name="shadowing_company_not_self",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("ends_on__gte", models.F("starts_on"))),
                                name="shadowing_ends_after_start",
                                violation_error_message="Perioden skal slutte efter, den begynder.",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="CourseSettings",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "reminder_days",
                            models.PositiveSmallIntegerField(
                                default=7,
                                help_text="Deltagerne får en påmindelse så mange dage før første kursusdag.",
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(60),
                                ],
                                verbose_name="påmindelse dage før",
                            ),
                        ),
                        (
                            "offer_hours",
                            models.PositiveSmallIntegerField(
                                default=48,
                                help_text="Så længe har den første på ventelisten til at tage imod en ledig plads.",
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(336),
                                ],
                                verbose_name="svarfrist på ledig plads (timer)",
                            ),
                        ),
                        (
                            "minimum_job_consultants",
                            models.PositiveSmallIntegerField(
                                default=2,
                                validators=[django.core.validators.MaxValueValidator(10)],
                                verbose_name="jobkonsulenter pr. kursus",
                            ),
                        ),
                        (
                            "jobcenter",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="course_settings",
                                to="accounts.jobcenter",
                                verbose_name="jobcenter",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "indstillinger for kurser",
                        "verbose_name_plural": "indstillinger for kurser",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("reminder_days__gte", 1), ("offer_hours__gte", 1)),
                                name="course_settings_positive",
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(
            code=seed_course_types_forwards,
            reverse_code=migrations.RunPython.noop,
        ),
    ]
