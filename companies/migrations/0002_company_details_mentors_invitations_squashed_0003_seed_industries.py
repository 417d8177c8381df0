"""companies 0002-0003 squashed (issue 20): the new models get their constraints in their CreateModel, and the
industry seed (0003) runs at the end. companies 0001 and 0004 stay apart: accounts 0002 needs 0001 before it,
and 0004 needs citizens, which needs 0003. The replaced migrations stay until every installation has applied them."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import companies.validators
import mentorship.migration_operations

# companies 0003_seed_industries: Danmarks Statistik's DB07 sections.
SECTIONS = [
    ("A", "Landbrug, skovbrug og fiskeri"),
    ("B", "Råstofindvinding"),
    ("C", "Industri (fremstillingsvirksomhed)"),
    ("D", "Energiforsyning"),
    ("E", "Vandforsyning og renovation"),
    ("F", "Bygge og anlæg"),
    ("G", "Handel"),
    ("H", "Transport"),
    ("I", "Hoteller og restauranter"),
    ("J", "Information og kommunikation"),
    ("K", "Finansiering og forsikring"),
    ("L", "Ejendomshandel og udlejning"),
    ("M", "Videnservice"),
    ("N", "Rejsebureauer, rengøring og anden operationel service"),
    ("O", "Offentlig administration, forsvar og politi"),
    ("P", "Undervisning"),
    ("Q", "Sundhed og socialvæsen"),
    ("R", "Kultur og fritid"),
    ("S", "Andre serviceydelser"),
    ("T", "Private husholdninger med ansat medhjælp"),
    ("U", "Ekstraterritoriale organisationer"),
]


def seed(apps, schema_editor):
    Industry = apps.get_model("companies", "Industry")
    for position, (code, name) in enumerate(SECTIONS, start=1):
        Industry.objects.update_or_create(code=code, defaults={"name": name, "ordering": position})


class Migration(migrations.Migration):
    replaces = [("companies", "0002_company_details_mentors_invitations"), ("companies", "0003_seed_industries")]

    dependencies = [
        ("accounts", "0002_initial"),
        ("companies", "0001_initial"),
        ("corps", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        mentorship.migration_operations.CreateModels(
            operations=[
                migrations.CreateModel(
                    name="Industry",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("code", models.CharField(max_length=10, unique=True, verbose_name="kode")),
                        ("name", models.CharField(max_length=200, verbose_name="navn")),
                        ("is_active", models.BooleanField(default=True, verbose_name="aktiv")),
                        ("ordering", models.PositiveSmallIntegerField(default=0, verbose_name="rækkefølge")),
                    ],
                    options={
                        "verbose_name": "branche",
                        "verbose_name_plural": "brancher",
                        "ordering": ["ordering", "name"],
                    },
                ),
                migrations.CreateModel(
                    name="LeaderInvitation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("email", models.EmailField(max_length=254, verbose_name="e-mail")),
                        ("full_name", models.CharField(max_length=200, verbose_name="navn")),
                        ("token_hash", models.CharField(editable=False, max_length=64, unique=True)),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False, verbose_name="sendt"
                            ),
                        ),
                        ("expires_at", models.DateTimeField(verbose_name="udløber")),
                        ("accepted_at", models.DateTimeField(blank=True, null=True, verbose_name="taget i brug")),
                        ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="trukket tilbage")),
                    ],
                    options={
                        "verbose_name": "invitation af leder",
                        "verbose_name_plural": "invitationer af ledere",
                        "ordering": ["-created_at"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("expires_at__gt", models.F("created_at"))),
                                name="leader_invitation_expires_later",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="CompanyMentor",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("full_name", models.CharField(max_length=200, verbose_name="navn")),
                        ("job_title", models.CharField(blank=True, max_length=200, verbose_name="stilling")),
                        ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                        ("phone", models.CharField(blank=True, max_length=30, verbose_name="telefon")),
                        (
                            "years_in_company",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                null=True,
                                validators=[django.core.validators.MaxValueValidator(70)],
                                verbose_name="år i virksomheden",
                            ),
                        ),
                        ("experience", models.TextField(blank=True, verbose_name="erfaring")),
                        (
                            "hourly_wage",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                help_text="Mentorens faktiske timeløn, som frikøbet beregnes ud fra.",
                                max_digits=8,
                                null=True,
                                validators=[django.core.validators.MinValueValidator(0)],
                                verbose_name="faktisk timeløn (kr.)",
                            ),
                        ),
                        (
                            "course_completed_on",
                            models.DateField(
                                blank=True,
                                help_text="Dato for et gennemført mentorkursus, også kurser fra før systemet eller hos en ekstern udbyder.",
                                null=True,
                                verbose_name="mentorkursus gennemført",
                            ),
                        ),
                        ("is_new", models.BooleanField(default=False, verbose_name="ny mentor")),
                        ("is_active", models.BooleanField(default=True, verbose_name="aktiv")),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False, verbose_name="oprettet"
                            ),
                        ),
                        (
                            "company",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="mentors",
                                to="companies.company",
                                verbose_name="virksomhed",
                            ),
                        ),
                        (
                            "competences",
                            models.ManyToManyField(
                                blank=True,
                                related_name="company_mentors",
                                to="corps.competence",
                                verbose_name="kompetencer",
                            ),
                        ),
                        (
                            "shadowing",
                            models.ForeignKey(
                                blank=True,
                                help_text="En ny mentor kan følge en erfaren mentor i en opstartsperiode.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="shadowed_by",
                                to="companies.companymentor",
                                verbose_name="følger erfaren mentor",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "virksomhedsmentor",
                        "verbose_name_plural": "virksomhedsmentorer",
                        "ordering": ["full_name"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("shadowing", models.F("id")), _negated=True),
                                name="company_mentor_not_shadowing_self",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("hourly_wage__isnull", True), ("hourly_wage__gte", 0), _connector="OR"
                                ),
                                name="company_mentor_wage_not_negative",
                            ),
                            models.UniqueConstraint(
                                condition=models.Q(("email", ""), _negated=True),
                                fields=("company", "email"),
                                name="company_mentor_unique_email_per_company",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="CourseNomination",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "wish",
                            models.TextField(
                                blank=True,
                                help_text="Fx særlige moduler eller tidspunkter, der passer.",
                                verbose_name="ønske",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False, verbose_name="indstillet"
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[("new", "Ny"), ("handled", "Behandlet")],
                                default="new",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "mentor",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="course_nominations",
                                to="companies.companymentor",
                                verbose_name="mentor",
                            ),
                        ),
                        (
                            "nominated_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="indstillet af",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "indstilling til mentorkursus",
                        "verbose_name_plural": "indstillinger til mentorkursus",
                        "ordering": ["-created_at"],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("status", "new")),
                                fields=("mentor",),
                                name="course_nomination_one_open_per_mentor",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalCompanyMentor",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("full_name", models.CharField(max_length=200, verbose_name="navn")),
                        ("job_title", models.CharField(blank=True, max_length=200, verbose_name="stilling")),
                        ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                        ("phone", models.CharField(blank=True, max_length=30, verbose_name="telefon")),
                        (
                            "years_in_company",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                null=True,
                                validators=[django.core.validators.MaxValueValidator(70)],
                                verbose_name="år i virksomheden",
                            ),
                        ),
                        ("experience", models.TextField(blank=True, verbose_name="erfaring")),
                        (
                            "hourly_wage",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                help_text="Mentorens faktiske timeløn, som frikøbet beregnes ud fra.",
                                max_digits=8,
                                null=True,
                                validators=[django.core.validators.MinValueValidator(0)],
                                verbose_name="faktisk timeløn (kr.)",
                            ),
                        ),
                        (
                            "course_completed_on",
                            models.DateField(
                                blank=True,
                                help_text="Dato for et gennemført mentorkursus, også kurser fra før systemet eller hos en ekstern udbyder.",
                                null=True,
                                verbose_name="mentorkursus gennemført",
                            ),
                        ),
                        ("is_new", models.BooleanField(default=False, verbose_name="ny mentor")),
                        ("is_active", models.BooleanField(default=True, verbose_name="aktiv")),
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
                        (
                            "shadowing",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                help_text="En ny mentor kan følge en erfaren mentor i en opstartsperiode.",
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="companies.companymentor",
                                verbose_name="følger erfaren mentor",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical virksomhedsmentor",
                        "verbose_name_plural": "historical virksomhedsmentorer",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalCourseNomination",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        (
                            "wish",
                            models.TextField(
                                blank=True,
                                help_text="Fx særlige moduler eller tidspunkter, der passer.",
                                verbose_name="ønske",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False, verbose_name="indstillet"
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[("new", "Ny"), ("handled", "Behandlet")],
                                default="new",
                                max_length=10,
                                verbose_name="status",
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
                            "mentor",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="companies.companymentor",
                                verbose_name="mentor",
                            ),
                        ),
                        (
                            "nominated_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="indstillet af",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical indstilling til mentorkursus",
                        "verbose_name_plural": "historical indstillinger til mentorkursus",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
            ],
        ),
        migrations.AddField(
            model_name="company",
            name="address",
            field=models.CharField(blank=True, max_length=200, verbose_name="adresse"),
        ),
        migrations.AddField(
            model_name="company",
            name="capacity",
            field=models.PositiveSmallIntegerField(
                default=1,
                help_text="Hvor mange borgere virksomheden kan have i forløb på samme tid.",
                validators=[django.core.validators.MaxValueValidator(500)],
                verbose_name="pladser",
            ),
        ),
        migrations.AddField(
            model_name="company",
            name="city",
            field=models.CharField(blank=True, max_length=100, verbose_name="by"),
        ),
        migrations.AddField(
            model_name="company",
            name="contact_email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="kontaktpersonens e-mail"),
        ),
        migrations.AddField(
            model_name="company",
            name="contact_name",
            field=models.CharField(blank=True, max_length=200, verbose_name="kontaktperson"),
        ),
        migrations.AddField(
            model_name="company",
            name="contact_phone",
            field=models.CharField(blank=True, max_length=30, verbose_name="kontaktpersonens telefon"),
        ),
        migrations.AddField(
            model_name="company",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="oprettet"),
        ),
        migrations.AddField(
            model_name="company",
            name="notes",
            field=models.TextField(blank=True, verbose_name="noter"),
        ),
        migrations.AddField(
            model_name="company",
            name="p_number",
            field=models.CharField(
                blank=True,
                help_text="Produktionsenhedens nummer, 10 cifre. Kan udelades.",
                max_length=10,
                validators=[companies.validators.validate_p_number],
                verbose_name="P-nummer",
            ),
        ),
        migrations.AddField(
            model_name="company",
            name="postcode",
            field=models.CharField(
                blank=True,
                max_length=4,
                validators=[
                    django.core.validators.RegexValidator("^\\d{4}$", "Postnummeret skal være fire cifre, fx 8450.")
                ],
                verbose_name="postnummer",
            ),
        ),
        migrations.AddField(
            model_name="company",
            name="sector",
            field=models.CharField(
                choices=[("private", "Privat"), ("public", "Offentlig")],
                default="private",
                max_length=10,
                verbose_name="sektor",
            ),
        ),
        migrations.AddField(
            model_name="company",
            name="size_band",
            field=models.CharField(
                blank=True,
                choices=[
                    ("1-9", "1–9 ansatte"),
                    ("10-49", "10–49 ansatte"),
                    ("50-249", "50–249 ansatte"),
                    ("250+", "250 ansatte eller flere"),
                ],
                max_length=10,
                verbose_name="størrelse",
            ),
        ),
        migrations.AddField(
            model_name="company",
            name="status",
            field=models.CharField(
                choices=[
                    ("invited", "Inviteret"),
                    ("interested", "Interesseret"),
                    ("active", "Aktiv samarbejdspartner"),
                    ("paused", "På pause"),
                ],
                default="interested",
                max_length=20,
                verbose_name="samarbejdsstatus",
            ),
        ),
        migrations.AddField(
            model_name="historicalcompany",
            name="address",
            field=models.CharField(blank=True, max_length=200, verbose_name="adresse"),
        ),
        migrations.AddField(
            model_name="historicalcompany",
            name="capacity",
            field=models.PositiveSmallIntegerField(
                default=1,
                help_text="Hvor mange borgere virksomheden kan have i forløb på samme tid.",
                validators=[django.core.validators.MaxValueValidator(500)],
                verbose_name="pladser",
            ),
        ),
        migrations.AddField(
            model_name="historicalcompany",
            name="city",
            field=models.CharField(blank=True, max_length=100, verbose_name="by"),
        ),
        migrations.AddField(
            model_name="historicalcompany",
            name="contact_email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="kontaktpersonens e-mail"),
        ),
        migrations.AddField(
            model_name="historicalcompany",
            name="contact_name",
            field=models.CharField(blank=True, max_length=200, verbose_name="kontaktperson"),
        ),
        migrations.AddField(
            model_name="historicalcompany",
            name="contact_phone",
            field=models.CharField(blank=True, max_length=30, verbose_name="kontaktpersonens telefon"),
        ),
        migrations.AddField(
            model_name="historicalcompany",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="oprettet"),
        ),
        migrations.AddField(
            model_name="historicalcompany",
            name="notes",
            field=models.TextField(blank=True, verbose_name="noter"),
        ),
        migrations.AddField(
            model_name="historicalcompany",
            name="p_number",
            field=models.CharField(
                blank=True,
                help_text="Produktionsenhedens nummer, 10 cifre. Kan udelades.",
                max_length=10,
                validators=[companies.validators.validate_p_number],
                verbose_name="P-nummer",
            ),
        ),
        migrations.AddField(
            model_name="historicalcompany",
            name="postcode",
            field=models.CharField(
                blank=True,
                max_length=4,
                validators=[
                    django.core.validators.RegexValidator("^\\d{4}$", "Postnummeret skal være fire cifre, fx 8450.")
                ],
                verbose_name="postnummer",
            ),
        ),
        migrations.AddField(
            model_name="historicalcompany",
            name="sector",
            field=models.CharField(
                choices=[("private", "Privat"), ("public", "Offentlig")],
                default="private",
                max_length=10,
                verbose_name="sektor",
            ),
        ),
        migrations.AddField(
            model_name="historicalcompany",
            name="size_band",
            field=models.CharField(
                blank=True,
                choices=[
                    ("1-9", "1–9 ansatte"),
                    ("10-49", "10–49 ansatte"),
                    ("50-249", "50–249 ansatte"),
                    ("250+", "250 ansatte eller flere"),
                ],
                max_length=10,
                verbose_name="størrelse",
            ),
        ),
        migrations.AddField(
            model_name="historicalcompany",
            name="status",
            field=models.CharField(
                choices=[
                    ("invited", "Inviteret"),
                    ("interested", "Interesseret"),
                    ("active", "Aktiv samarbejdspartner"),
                    ("paused", "På pause"),
                ],
                default="interested",
                max_length=20,
                verbose_name="samarbejdsstatus",
            ),
        ),
        migrations.AlterField(
            model_name="company",
            name="cvr",
            field=models.CharField(
                max_length=8, validators=[companies.validators.validate_cvr], verbose_name="CVR-nummer"
            ),
        ),
        migrations.AlterField(
            model_name="historicalcompany",
            name="cvr",
            field=models.CharField(
                max_length=8, validators=[companies.validators.validate_cvr], verbose_name="CVR-nummer"
            ),
        ),
        migrations.AddField(
            model_name="company",
            name="industry",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="companies",
                to="companies.industry",
                verbose_name="branche",
            ),
        ),
        migrations.AddField(
            model_name="historicalcompany",
            name="industry",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="companies.industry",
                verbose_name="branche",
            ),
        ),
        migrations.AddConstraint(
            model_name="company",
            constraint=models.CheckConstraint(
                condition=models.Q(("cvr__regex", "^[0-9]{8}$")), name="company_cvr_eight_digits"
            ),
        ),
        migrations.AddConstraint(
            model_name="company",
            constraint=models.CheckConstraint(
                condition=models.Q(("p_number", ""), ("p_number__regex", "^[0-9]{10}$"), _connector="OR"),
                name="company_p_number_ten_digits",
            ),
        ),
        migrations.AddConstraint(
            model_name="company",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["invited", "interested", "active", "paused"])),
                name="company_status_valid",
            ),
        ),
        migrations.AddField(
            model_name="leaderinvitation",
            name="company",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="leader_invitations",
                to="companies.company",
                verbose_name="virksomhed",
            ),
        ),
        migrations.AddField(
            model_name="leaderinvitation",
            name="invited_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="inviteret af",
            ),
        ),
        migrations.AddField(
            model_name="leaderinvitation",
            name="user",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="leader_invitations",
                to=settings.AUTH_USER_MODEL,
                verbose_name="bruger",
            ),
        ),
        migrations.RunPython(
            code=seed,
            reverse_code=migrations.RunPython.noop,
        ),
    ]
