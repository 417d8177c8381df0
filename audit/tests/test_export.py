"""The subject-access export (art. 15): every kind of record about the person, nothing about anyone else."""

import json

import pytest
from django.urls import reverse

from audit.export import subject_export
from audit.models import AccessAction, AccessLog
from audit.registry import SUBJECT_SLUGS, OnErase, Subject, held_for
from audit.tests.people import full_citizen, full_company_mentor, full_mentor

pytestmark = [pytest.mark.django_db, pytest.mark.tenant_scope]

CPR_A, CPR_B = "010190-1234", "020285-4321"


def _exported_entries(subject):
    return [e for e in held_for(subject) if e.export]


def _sections(export):
    return {(section.key, section.title): section for section in export.sections}


def _check_every_kind_present(export, subject):
    sections = export.sections
    assert len(sections) == len(_exported_entries(subject))
    empty = [s.key for s in sections if not s.current.rows]
    assert not empty, f"no rows exported for {empty}"
    with_history = [s for s in sections if s.history is not None]
    assert all(s.history.rows for s in with_history), [s.key for s in with_history if not s.history.rows]
    assert export.messages.rows
    assert export.access_log.rows


def test_citizen_export_holds_every_kind_of_record_and_nothing_of_the_other_citizen(world):
    a = full_citizen(world, "A", CPR_A, hold=True)
    b = full_citizen(world, "B", CPR_B, hold=True)
    export = subject_export(subject=Subject.CITIZEN, person=a.obj)
    _check_every_kind_present(export, Subject.CITIZEN)
    text = export.as_json()
    for secret in a.secrets:
        assert secret in text, secret  # incl. the CPR number and the sensitive note: the person's own data
    for secret in b.secrets:
        assert secret not in text, secret
    assert "0202854321" not in text
    # The correction is kept: the first phone number is in the history, the new one in the record.
    assert "20 30 40 50" in text and "30 40 50 60" in text


def test_mentor_export_shows_their_tasks_but_no_citizen_or_other_mentor(world):
    citizen = full_citizen(world, "C", CPR_A)
    m1 = full_mentor(world, "One", with_agreement_of=citizen.obj)
    m2 = full_mentor(world, "Two")
    export = subject_export(subject=Subject.MENTOR, person=m1.obj)
    # Every kind except the caseworker's preference list (the citizen's data, export=False).
    _check_every_kind_present(export, Subject.MENTOR)
    text = export.as_json()
    for secret in m1.secrets:
        assert secret in text, secret
    for secret in [*m2.secrets, citizen.name, "Tilbudsborger One", "Erfaren One Mentor", "OFFER-C", "INITIALS-C"]:
        assert secret not in text, secret
    assert "REF-One" not in text  # a mentee reference names the citizen


def test_company_mentor_export(world):
    a = full_company_mentor(world, "Aa")
    b = full_company_mentor(world, "Bb")
    export = subject_export(subject=Subject.COMPANY_MENTOR, person=a.obj)
    assert {s.key for s in export.sections if s.current.rows} >= {
        "companies.CompanyMentor",
        "companies.CourseNomination",
        "courses.Invitation",
        "courses.Registration",
        "courses.Attendance",
        "courses.Evaluation",
        "courses.Shadowing",
    }
    text = export.as_json()
    for secret in a.secrets:
        assert secret in text, secret
    for secret in [*b.secrets, "Erfaren Aa Virk"]:
        assert secret not in text, secret


def test_access_log_in_the_export_has_dates_and_purposes_but_no_staff_names(world):
    a = full_citizen(world, "A", CPR_A)
    export = subject_export(subject=Subject.CITIZEN, person=a.obj)
    assert [label for _name, label in export.access_log.columns] == ["Tidspunkt", "Handling", "Formål"]
    rows = json.dumps(export.access_log.rows, ensure_ascii=False)
    assert "Borgerens sag" in rows
    assert world.coordinator.full_name not in rows


def test_export_pages_are_logged_and_for_coordinators(world, login):
    a = full_citizen(world, "A", CPR_A)
    client = login(world.coordinator)
    html = client.get(reverse("audit:subject_access", kwargs={"subject": "borger", "pk": a.obj.pk}))
    assert html.status_code == 200
    assert "SENSITIVE-A" in html.content.decode()
    assert html["Cache-Control"] == "no-store"
    data = client.get(reverse("audit:subject_access_json", kwargs={"subject": "borger", "pk": a.obj.pk}))
    assert data["Content-Disposition"].startswith('attachment; filename="indsigt-borger-')
    assert json.loads(data.content)["name"] == a.name
    entries = AccessLog.objects.filter(action=AccessAction.EXPORT, object_id=str(a.obj.pk))
    assert entries.count() == 2
    assert all(CPR_A not in e.path + e.criterion + e.purpose + e.object_repr for e in entries)


def _more_rows(subject, person, world):
    """Five more rows of several kinds for the same person."""
    from citizens.tests.factories import FollowUpFactory, GoalFactory, SensitiveNoteFactory
    from corps.tests.factories import HoursEntryFactory, MentorNoteFactory, QualificationFactory
    from courses.tests.factories import CourseFactory, RegistrationFactory

    for i in range(5):
        if subject == Subject.CITIZEN:
            placement = person.placements.first()
            FollowUpFactory(citizen=person, placement=placement, notes=f"more {i}")
            GoalFactory(placement=placement, title=f"more {i}")
            SensitiveNoteFactory(citizen=person, text=f"more {i}")
        elif subject == Subject.MENTOR:
            MentorNoteFactory(mentor=person, text=f"more {i}")
            QualificationFactory(mentor=person, title=f"Kursus {i}")
            HoursEntryFactory(mentor=person, mentee_reference=f"more {i}")
        else:
            course = CourseFactory(jobcenter=world.jobcenter)
            RegistrationFactory(course=course, company_mentor=person, name=person.full_name, email=person.email)


@pytest.mark.parametrize("subject", list(Subject))
def test_export_page_has_a_fixed_number_of_queries(world, login, django_assert_max_num_queries, subject):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    builders = {
        Subject.CITIZEN: lambda: full_citizen(world, "X", CPR_A),
        Subject.MENTOR: lambda: full_mentor(world, "X"),
        Subject.COMPANY_MENTOR: lambda: full_company_mentor(world, "X"),
    }
    person = builders[subject]().obj
    client = login(world.coordinator)
    url = reverse("audit:subject_access", kwargs={"subject": subject, "pk": person.pk})
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _more_rows(subject, person, world)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_block_and_detach_entries_are_not_the_persons_own_rows():
    for subject in Subject:
        for entry in held_for(subject):
            if entry.on_erase != OnErase.DELETE:
                assert entry.fields is not None or not entry.export, entry


def _pdf_text(content: bytes) -> str:
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.parametrize(
    ("subject", "build"),
    [
        (Subject.CITIZEN, lambda world, tag: full_citizen(world, tag, CPR_A if tag == "A" else CPR_B)),
        (Subject.MENTOR, full_mentor),
        (Subject.COMPANY_MENTOR, full_company_mentor),
    ],
)
def test_export_as_pdf_says_what_the_page_says_about_the_person_only(world, login, subject, build):
    a = build(world, "A")
    b = build(world, "B")
    client = login(world.coordinator)
    response = client.get(reverse("audit:subject_access_pdf", kwargs={"subject": subject, "pk": a.obj.pk}))
    assert response["Content-Type"] == "application/pdf"
    filename = f"indsigt-{SUBJECT_SLUGS[subject]}-{a.obj.pk}-"
    assert response["Content-Disposition"].startswith(f'attachment; filename="{filename}')
    assert response["Cache-Control"] == "no-store"
    text = _pdf_text(response.content)
    export = subject_export(subject=subject, person=a.obj)
    assert f"Indsigt i oplysninger om {a.name}" in text
    for section in export.sections:
        assert section.title in text, section.title
    assert "E-mails sendt til dig" in text and "Hvornår dine oplysninger er blevet set" in text
    for secret in a.secrets:
        assert " ".join(secret.split()) in text, secret  # the CPR number and sensitive notes too: their own data
    for secret in b.secrets:
        assert secret not in text, secret
    assert "Side 1 af" in text
    entry = AccessLog.objects.filter(action=AccessAction.EXPORT, object_id=str(a.obj.pk)).get()
    assert entry.purpose.endswith("(PDF)")


def test_export_as_pdf_spells_names_outside_latin1(world, login):
    a = full_citizen(world, "A", CPR_A)
    a.obj.name = "Łukasz Şahin Nguyễn"
    a.obj.save(update_fields=["name"])
    response = login(world.coordinator).get(
        reverse("audit:subject_access_pdf", kwargs={"subject": "borger", "pk": a.obj.pk})
    )
    text = _pdf_text(response.content)
    assert "Indsigt i oplysninger om Łukasz Şahin Nguyễn" in text  # not "?ukasz ?ahin Nguy?n"
