from django.db import migrations

from courses.vocabulary import seed_course_types


def forwards(apps, schema_editor):
    jobcenter_model = apps.get_model("accounts", "Jobcenter")
    course_type_model = apps.get_model("courses", "CourseType")
    for jobcenter in jobcenter_model.objects.all():
        seed_course_types(jobcenter=jobcenter, course_type_model=course_type_model)


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
