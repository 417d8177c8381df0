"""Seeds the industry vocabulary with Danmarks Statistik's DB07 sections. Admins may edit it later."""

from django.db import migrations

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
    dependencies = [("companies", "0002_company_details_mentors_invitations")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
