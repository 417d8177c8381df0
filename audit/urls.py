from django.urls import path, register_converter

from audit import views
from audit.registry import SLUG_SUBJECTS, SUBJECT_SLUGS, Subject


class SubjectConverter:
    """borger | mentor | virksomhedsmentor in the URL, an audit.registry.Subject in the view."""

    regex = "|".join(SLUG_SUBJECTS)

    def to_python(self, value):
        return SLUG_SUBJECTS[value]

    def to_url(self, value):
        return value if value in SLUG_SUBJECTS else SUBJECT_SLUGS[Subject(value)]


register_converter(SubjectConverter, "subject")

app_name = "audit"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("slettefrister/", views.retention_edit, name="retention_edit"),
    path("adgangslog/", views.access_log, name="access_log"),
    path("<subject:subject>/<int:pk>/adgangslog/", views.person_access_log, name="person_access_log"),
    path("<subject:subject>/<int:pk>/indsigt/", views.subject_access, name="subject_access"),
    path("<subject:subject>/<int:pk>/indsigt.json", views.subject_access_json, name="subject_access_json"),
    path("<subject:subject>/<int:pk>/indsigt.pdf", views.subject_access_pdf_view, name="subject_access_pdf"),
    path("<subject:subject>/<int:pk>/slet/", views.erase, name="erase"),
    path("borger/<int:pk>/arkiv/", views.archive_hold, name="archive_hold"),
]
