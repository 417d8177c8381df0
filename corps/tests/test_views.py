import datetime
import io
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import AccessLog
from corps.models import HoursStatus, Language, Mentor, MentorStatus
from corps.tests.factories import (
    CompetenceFactory,
    HoursEntryFactory,
    MentorFactory,
    MentorNoteFactory,
    QualificationFactory,
    monday,
)
from notifications.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def many_mentors(world, n):
    competences = [CompetenceFactory(jobcenter=world.jobcenter) for _ in range(3)]
    languages = list(Language.objects.all()[:3])
    mentors = []
    for i in range(n):
        mentor = MentorFactory(jobcenter=world.jobcenter, competences=competences, languages=languages)
        MentorNoteFactory(mentor=mentor)
        QualificationFactory(mentor=mentor)
        HoursEntryFactory(mentor=mentor, mentee_reference=f"R{i}")
        mentors.append(mentor)
    return mentors


# --- Fixed query counts ----------------------------------------------------------------------------

# Queries of each page after the first view (below: a page costs at most 10, the same with many mentors).
LIMITS = {
    "corps:mentor_list": 7,
    "corps:overview": 10,
    "corps:hours_list": 4,
    "corps:payroll": 3,
    "corps:mentor_export": 7,
    "corps:hours_add": 3,
    "corps:mentor_create": 3,
}
PAGES = [
    ("corps:mentor_list", ""),
    ("corps:mentor_list", "q=a&competence=&status=active&order=-capacity"),
    ("corps:overview", ""),
    ("corps:hours_list", ""),
    ("corps:payroll", "month=" + monday(1).strftime("%Y-%m")),
    ("corps:mentor_export", ""),
    ("corps:hours_add", ""),
    ("corps:mentor_create", ""),
]


@pytest.mark.parametrize(("name", "query"), PAGES)
def test_pages_cost_a_fixed_number_of_queries(world, login, django_assert_max_num_queries, name, query):
    client = login(world.coordinator)
    url = reverse(name) + (f"?{query}" if query else "")
    many_mentors(world, 2)
    # A first view stamps the test login's session (a real login does that itself).
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(LIMITS.get(name, 10)):
        assert client.get(url).status_code == 200
    many_mentors(world, 30)
    with django_assert_max_num_queries(LIMITS.get(name, 10)):
        assert client.get(url).status_code == 200


def test_detail_costs_a_fixed_number_of_queries(world, login, django_assert_max_num_queries):
    client = login(world.coordinator)
    mentor = many_mentors(world, 1)[0]
    url = reverse("corps:mentor_detail", kwargs={"pk": mentor.pk})
    # A first view stamps the test login's session (a real login does that itself).
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(url).status_code == 200
    for i in range(15):
        MentorNoteFactory(mentor=mentor)
        QualificationFactory(mentor=mentor, title=f"Kursus {i}")
        HoursEntryFactory(mentor=mentor, mentee_reference=f"X{i}")
    with django_assert_max_num_queries(9):
        assert client.get(url).status_code == 200


# --- List, filters, search, sort, pagination -------------------------------------------------------


def test_list_filters_search_sort_and_paginate(world, login):
    client = login(world.coordinator)
    tigrinya = Language.objects.get(code="ti")
    finance = CompetenceFactory(jobcenter=world.jobcenter, name="Personlig økonomi")
    match = MentorFactory(
        jobcenter=world.jobcenter,
        full_name="Aster Tesfay",
        competences=[finance],
        languages=[tigrinya],
        available_weekdays=0b10,
        available_day_parts=0b100,
    )
    MentorFactory(jobcenter=world.jobcenter, full_name="Bo Jensen", available_weekdays=0b1)
    MentorFactory(
        jobcenter=world.jobcenter, full_name="Carl Paused", status=MentorStatus.APPLICANT, available_weekdays=0b1000000
    )
    MentorFactory(jobcenter=world.other_jobcenter, full_name="Aster Andensted")

    def names(query):
        page = client.get(reverse("corps:mentor_list") + "?" + query).context["page"]
        return [m.full_name for m in page.rows]

    assert names("") == ["Aster Tesfay", "Bo Jensen", "Carl Paused"]
    assert names(f"language={tigrinya.pk}") == ["Aster Tesfay"]
    assert names(f"competence={finance.pk}") == ["Aster Tesfay"]
    assert names("weekday=2&day_part=4") == ["Aster Tesfay"]
    assert names("weekday=1") == ["Bo Jensen"]
    assert names("status=applicant") == ["Carl Paused"]
    assert names("q=aster") == ["Aster Tesfay"]
    assert names("q=aster tesfay") == ["Aster Tesfay"]
    assert names("order=-name") == ["Carl Paused", "Bo Jensen", "Aster Tesfay"]
    assert names("capacity=free") == ["Aster Tesfay", "Bo Jensen", "Carl Paused"]
    assert names("capacity=full") == []
    assert AccessLog.objects.filter(action="search", criterion="aster").exists()
    assert match.pk


def test_list_pagination_without_count(world, login):
    client = login(world.coordinator)
    for i in range(27):
        MentorFactory(jobcenter=world.jobcenter, full_name=f"Mentor {i:02d}")
    first = client.get(reverse("corps:mentor_list")).context["page"]
    second = client.get(reverse("corps:mentor_list") + "?side=2").context["page"]
    assert (len(first.rows), first.has_next, len(second.rows), second.has_next) == (25, True, 2, False)
    assert client.get(reverse("corps:mentor_list") + "?side=abc").status_code == 200


def test_htmx_filter_returns_the_table_only(world, login):
    MentorFactory(jobcenter=world.jobcenter, full_name="Aster Tesfay")
    response = login(world.coordinator).get(
        reverse("corps:mentor_list"), headers={"HX-Request": "true", "HX-Target": "mentor-results"}
    )
    body = response.content.decode()
    assert "Aster Tesfay" in body
    assert "<html" not in body


def test_other_jobcenters_mentor_is_404(world, login):
    foreign = MentorFactory(jobcenter=world.other_jobcenter)
    client = login(world.coordinator)
    for name in ("corps:mentor_detail", "corps:mentor_update", "corps:mentor_note_add"):
        assert client.get(reverse(name, kwargs={"pk": foreign.pk})).status_code == 404
    response = client.post(
        reverse("corps:mentor_transition", kwargs={"pk": foreign.pk, "action": "afvis"}), {"reason": "x"}
    )
    assert response.status_code == 404


# --- Create, edit, screening -----------------------------------------------------------------------


def form_data(**overrides):
    data = {
        "initial_status": "active",
        "full_name": "Jens Kristensen",
        "email": "jens@example.dk",
        "phone": "20 30 40 50",
        "postcode": "8370",
        "gender": "male",
        "birth_year": "1961",
        "attachment": "retired",
        "available_weekdays": ["1", "4"],
        "available_day_parts": ["1"],
        "hours_per_week": "5",
        "capacity": "2",
        "hourly_rate": "185,00",
        "employment": "hourly",
        "contract_start": "2025-01-01",
    }
    data.update(overrides)
    return data


def test_create_and_edit_mentor(world, login):
    client = login(world.coordinator)
    competence = CompetenceFactory(jobcenter=world.jobcenter)
    response = client.post(reverse("corps:mentor_create"), form_data(competences=[competence.pk]))
    assert response.status_code == 302, response.context["form"].errors
    mentor = Mentor.objects.get(email="jens@example.dk")
    assert response.status_code == 302
    assert (mentor.status, mentor.available_weekdays, mentor.hourly_rate) == ("active", 5, Decimal("185.00"))
    assert list(mentor.competences.all()) == [competence]
    response = client.post(
        reverse("corps:mentor_update", kwargs={"pk": mentor.pk}), form_data(capacity="4", full_name="Jens K.")
    )
    assert response.status_code == 302
    mentor.refresh_from_db()
    assert (mentor.capacity, mentor.full_name) == (4, "Jens K.")


def test_create_shows_danish_errors_at_fields_and_saves_nothing(world, login):
    client = login(world.coordinator)
    foreign = CompetenceFactory(jobcenter=world.other_jobcenter)
    MentorFactory(jobcenter=world.jobcenter, email="taken@example.dk")
    response = client.post(
        reverse("corps:mentor_create"),
        form_data(
            email="TAKEN@example.dk",
            postcode="84",
            attachment="",
            offers_section_85="on",
            contract_end="2024-01-01",
            competences=[foreign.pk],
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["email"] == ["Der findes allerede en mentor med den e-mail."]
    assert errors["postcode"] == ["Postnummeret skal være fire cifre."]
    assert "tilknyttet arbejdsmarkedet" in errors["attachment"][0]
    assert "§ 85" in errors["offers_section_85"][0]
    assert "Kontraktophør" in errors["contract_end"][0]
    assert "competences" in errors
    assert Mentor.objects.filter(jobcenter=world.jobcenter).count() == 1


def test_transition_views(world, login):
    client = login(world.coordinator)
    mentor = MentorFactory(jobcenter=world.jobcenter, status=MentorStatus.APPLICANT)
    url = reverse("corps:mentor_transition", kwargs={"pk": mentor.pk, "action": "afvis"})
    response = client.post(url, {"reason": ""})
    assert response.context["form"].errors["reason"] == ["Skriv en begrundelse."]
    when = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    url = reverse("corps:mentor_transition", kwargs={"pk": mentor.pk, "action": "samtale"})
    assert client.post(url, {"happens_at": when}).status_code == 302
    url = reverse("corps:mentor_transition", kwargs={"pk": mentor.pk, "action": "pause"})
    future = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    response = client.post(url, {"until": future, "reason": "Ferie"})
    assert response.status_code == 200
    assert "kan ikke få status" in response.content.decode()
    mentor.refresh_from_db()
    assert mentor.status == MentorStatus.INTERVIEW
    assert client.get(reverse("corps:mentor_transition", kwargs={"pk": mentor.pk, "action": "nope"})).status_code == 404


def test_detail_shows_profile_notes_history_and_logs_access(world, login):
    mentor = MentorFactory(jobcenter=world.jobcenter, birth_year=timezone.localdate().year - 40)
    MentorNoteFactory(mentor=mentor, author=world.coordinator, text="Meget engageret")
    client = login(world.coordinator)
    body = client.get(reverse("corps:mentor_detail", kwargs={"pk": mentor.pk})).content.decode()
    assert "Meget engageret" in body
    assert "35–44 år" in body
    assert str(mentor.birth_year) not in body
    assert AccessLog.objects.filter(action="view", object_id=str(mentor.pk)).exists()
    response = client.post(reverse("corps:mentor_note_add", kwargs={"pk": mentor.pk}), {"text": "Ny note"})
    assert response.status_code == 302
    assert mentor.notes.count() == 2


# --- Public application ----------------------------------------------------------------------------


def application(**overrides):
    data = {
        "full_name": "Birgitte Mølgaard",
        "email": "birgitte@example.dk",
        "phone": "20 30 40 50",
        "postcode": "8450",
        "attachment": "job",
        "motivation": "Jeg vil gerne hjælpe.",
        "consent": "on",
        "available_weekdays": ["1"],
        "website": "",
    }
    data.update(overrides)
    return data


def apply_url(world):
    return reverse("corps_public:apply", kwargs={"jobcenter_slug": world.jobcenter.slug})


def test_public_application(client, world, django_capture_on_commit_callbacks):
    competence = CompetenceFactory(jobcenter=world.jobcenter, name="Bolig")
    page = client.get(apply_url(world)).content.decode()
    assert "Bolig" in page
    assert 'class="corps-hp"' in page
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(apply_url(world), application(competences=[competence.pk]))
    assert response.status_code == 302
    mentor = Mentor.objects.get(email="birgitte@example.dk")
    assert (mentor.jobcenter, mentor.status, mentor.source) == (world.jobcenter, "applicant", "application")
    assert Message.objects.filter(recipient_email="birgitte@example.dk").count() == 1


def test_public_application_errors_are_danish_and_save_nothing(client, world):
    response = client.post(apply_url(world), application(attachment="", consent="", email="nope"))
    errors = response.context["form"].errors
    assert "tilknyttet arbejdsmarkedet" in errors["attachment"][0]
    assert errors["consent"] == ["Du skal give samtykke, før vi kan modtage din ansøgning."]
    assert "email" in errors
    assert not Mentor.objects.exists()


def test_honeypot_pretends_success_and_saves_nothing(client, world):
    response = client.post(apply_url(world), application(website="http://spam.example"))
    assert response.status_code == 302
    assert not Mentor.objects.exists()
    assert not Message.objects.exists()


def test_rate_limit(client, world):
    for i in range(5):
        assert client.post(apply_url(world), application(email=f"p{i}@example.dk")).status_code == 302
    response = client.post(apply_url(world), application(email="p9@example.dk"))
    assert response.status_code == 429
    assert "Prøv igen om en time" in response.content.decode()
    assert Mentor.objects.count() == 5


def test_unknown_jobcenter_is_404(client, world):
    assert client.get(reverse("corps_public:apply", kwargs={"jobcenter_slug": "findes-ikke"})).status_code == 404


# --- Import / export -------------------------------------------------------------------------------

HEADER = "Navn;E-mail;Postnummer;Tilknytning;Kompetencer;Sprog;Ugedage;Timeløn;Ansættelse;§ 85;Kontraktstart;Status\r\n"


def upload(client, text: str, encoding="utf-8-sig"):
    data = io.BytesIO(text.encode(encoding))
    data.name = "korps.csv"
    return client.post(reverse("corps:mentor_import"), {"file": data})


def test_import_all_or_nothing_with_line_and_field(world, login):
    CompetenceFactory(jobcenter=world.jobcenter, name="Bolig")
    client = login(world.coordinator)
    bad = (
        HEADER
        + "Anna Berg;anna@example.dk;8450;I job;Bolig;Dansk, ti;man, ons;185,50;Timeansat;nej;01-02-2024;Aktiv\r\n"
        + "Bent Ravn;bent@example;84;Ukendt;Astrologi;;fre;abc;Timeansat;ja;2024-13-01;Aktiv\r\n"
    )
    response = upload(client, bad)
    assert response.status_code == 200
    errors = {(e.line, e.field) for e in response.context["result"].errors}
    assert {
        (3, "E-mail"),
        (3, "Postnummer"),
        (3, "Tilknytning"),
        (3, "Kompetencer"),
        (3, "Timeløn"),
        (3, "Kontraktstart"),
    } <= errors
    assert not Mentor.objects.exists()
    good = (
        HEADER
        + "Anna Berg;anna@example.dk;8450;I job;Bolig;Dansk, ti;man, ons;185,50;Timeansat;nej;01-02-2024;Aktiv\r\n"
    )
    response = upload(client, good)
    assert response.status_code == 302
    anna = Mentor.objects.get(email="anna@example.dk")
    assert (anna.hourly_rate, anna.available_weekdays, anna.contract_start) == (
        Decimal("185.50"),
        0b101,
        datetime.date(2024, 2, 1),
    )
    assert sorted(anna.languages.values_list("code", flat=True)) == ["da", "ti"]
    assert anna.status_events.count() == 1
    assert anna.history.count() == 1
    # The same file again: every row is a duplicate of an existing mentor.
    response = upload(client, good)
    assert [(e.line, e.field) for e in response.context["result"].errors] == [(2, "E-mail")]


def test_import_detects_duplicates_in_file_and_missing_columns(world, login):
    client = login(world.coordinator)
    text = HEADER + "A;a@example.dk;8450;I job;;;;;;;;\r\n" + "B;A@example.dk;8450;I job;;;;;;;;\r\n"
    errors = upload(client, text).context["result"].errors
    assert [(e.line, e.field) for e in errors] == [(3, "E-mail")]
    errors = upload(client, "Navn;E-mail\r\nA;a@example.dk\r\n").context["result"].errors
    assert "Postnummer" in errors[0].message


def test_export_escapes_formulas_and_round_trips(world, login):
    MentorFactory(jobcenter=world.jobcenter, full_name='=HYPERLINK("http://x")', industries="@SUM(A1)")
    client = login(world.coordinator)
    response = client.get(reverse("corps:mentor_export"))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffNavn;E-mail")
    assert "'=HYPERLINK" in text
    assert ";'@SUM(A1);" in text
    assert AccessLog.objects.filter(action="export").exists()


# --- Hours and payroll -----------------------------------------------------------------------------


def test_hours_add_approve_and_flags(world, login):
    client = login(world.coordinator)
    mentor = MentorFactory(jobcenter=world.jobcenter, hours_per_week=4)
    week = monday(1)
    response = client.post(
        reverse("corps:hours_add"),
        {"mentor": mentor.pk, "week": week.isoformat(), "mentee_reference": "AB", "hours": "3", "agreed_hours": "2"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("corps:hours_add"),
        {
            "mentor": mentor.pk,
            "week": (week + datetime.timedelta(days=2)).isoformat(),
            "mentee_reference": "010190-1234",
            "hours": "3",
        },
    )
    errors = response.context["form"].errors
    assert errors["week"] == ["Vælg ugens mandag."]
    assert "CPR" in errors["mentee_reference"][0]
    client.post(
        reverse("corps:hours_add"),
        {"mentor": mentor.pk, "week": week.isoformat(), "mentee_reference": "CD", "hours": "2"},
    )
    page = client.get(reverse("corps:hours_list"))
    rows = page.context["rows"]
    assert all(row["over_week"] for row in rows)  # 5 hours in the week against 4 agreed
    assert "over aftalt" in page.content.decode()
    ids = [row["entry"].pk for row in rows]
    client.post(reverse("corps:hours_list"), {"entry": ids, "decision": "approve"})
    assert set(mentor.hours.values_list("status", flat=True)) == {HoursStatus.APPROVED}


def test_the_hours_form_lists_only_the_mentors_own_citizens(world, login, django_assert_max_num_queries):
    """Not the jobcenter's every citizen (12,000 names at the largest one, a second a view to render): the
    citizens with a mentor agreement with the chosen mentor, once the mentor is chosen, and the listing is
    logged as a read of their names."""
    from citizens.models import AgreementStatus
    from citizens.tests.factories import AgreementFactory, CitizenFactory

    mentor, other = MentorFactory(jobcenter=world.jobcenter), MentorFactory(jobcenter=world.jobcenter)
    mine = AgreementFactory(citizen__jobcenter=world.jobcenter, citizen__name="Egen Borger", mentor=mentor)
    mine.status = AgreementStatus.ACTIVE
    mine.save()
    AgreementFactory(citizen__jobcenter=world.jobcenter, citizen__name="Kladde Borger", mentor=mentor)
    AgreementFactory(
        citizen__jobcenter=world.jobcenter, citizen__name="Andens Borger", mentor=other, status=AgreementStatus.ENDED
    )
    CitizenFactory(jobcenter=world.jobcenter, name="Fremmed Borger")
    client = login(world.coordinator)
    page = client.get(reverse("corps:hours_add")).content.decode()
    assert "Vælg mentoren først" in page and "Borger" in page
    assert not any(name in page for name in ("Egen Borger", "Andens Borger", "Fremmed Borger", "Kladde Borger"))
    assert 'hx-get="/mentorer/timer/ny/"' in page and 'hx-select="#div_id_citizen"' in page
    url = reverse("corps:hours_add") + f"?mentor={mentor.pk}"
    client.get(url)
    with django_assert_max_num_queries(6):
        page = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'id="div_id_citizen"' in page and 'name="citizen"' in page and "Egen Borger" in page
    assert not any(name in page for name in ("Andens Borger", "Fremmed Borger", "Kladde Borger"))
    assert AccessLog.objects.filter(criterion=f"mentor={mentor.pk}", action="view").count() == 2
    assert "Andens Borger" in client.get(reverse("corps:hours_add") + f"?mentor={other.pk}").content.decode()


def test_hours_for_a_citizen_of_another_mentor_are_refused_at_the_field(world, login):
    from citizens.tests.factories import AgreementFactory

    mentor, other = MentorFactory(jobcenter=world.jobcenter), MentorFactory(jobcenter=world.jobcenter)
    theirs = AgreementFactory(citizen__jobcenter=world.jobcenter, mentor=other, status="active").citizen
    response = login(world.coordinator).post(
        reverse("corps:hours_add"),
        {"mentor": mentor.pk, "week": monday(1).isoformat(), "citizen": theirs.pk, "hours": "3"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["citizen"] == [
        "Borgeren har ingen indgået mentoraftale med mentoren. Vælg en af mentorens borgere."
    ]
    assert not mentor.hours.exists()
    # The form came back listing the mentor's citizens: that read is logged too.
    assert AccessLog.objects.filter(criterion=f"mentor={mentor.pk}", action="view").exists()
    response = login(world.coordinator).post(
        reverse("corps:hours_add"),
        {"mentor": other.pk, "week": monday(1).isoformat(), "citizen": theirs.pk, "hours": "3"},
    )
    assert response.status_code == 302
    entry = other.hours.get()
    assert (entry.citizen_id, entry.hours, entry.agreed_hours) == (theirs.pk, Decimal("3"), Decimal("2"))


def test_hours_form_refuses_other_jobcenters_mentor(world, login):
    foreign = MentorFactory(jobcenter=world.other_jobcenter)
    response = login(world.coordinator).post(
        reverse("corps:hours_add"),
        {"mentor": foreign.pk, "week": monday(1).isoformat(), "mentee_reference": "AB", "hours": "3"},
    )
    assert "mentor" in response.context["form"].errors


def test_payroll_csv_and_xlsx(world, login):
    client = login(world.coordinator)
    mentor = MentorFactory(jobcenter=world.jobcenter, full_name="=cmd|' /C calc'!A0")
    week = monday(1)
    HoursEntryFactory(
        mentor=mentor,
        week=week,
        hours=Decimal("3.5"),
        hourly_rate=Decimal("200"),
        status=HoursStatus.APPROVED,
        decided_at=timezone.now(),
    )
    HoursEntryFactory(
        mentor=mentor,
        week=week,
        hours=Decimal("9"),
        hourly_rate=Decimal("200"),
        status=HoursStatus.SUBMITTED,
        mentee_reference="unapproved",
    )
    query = f"month={week:%Y-%m}"
    page = client.get(reverse("corps:payroll") + "?" + query)
    assert [(r.hours, r.amount) for r in page.context["rows"]] == [(Decimal("3.5"), Decimal("700.00"))]
    text = client.get(reverse("corps:payroll") + f"?{query}&format=csv").content.decode()
    assert "'=cmd" in text and "700,00" in text
    content = client.get(reverse("corps:payroll") + f"?{query}&format=xlsx").content
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet["A2"].value.startswith("'=cmd")
    assert sheet["A2"].data_type == "s"
    assert float(sheet["F2"].value) == 700.0


def test_payroll_page_writes_danish_money_and_hours(world, login):
    client = login(world.coordinator)
    mentor = MentorFactory(jobcenter=world.jobcenter, employment="hourly")
    week = monday(1)
    for hours in (Decimal("37.25"), Decimal("2.75")):
        HoursEntryFactory(
            mentor=mentor,
            week=week,
            hours=hours,
            hourly_rate=Decimal("1440.74"),
            status=HoursStatus.APPROVED,
            decided_at=timezone.now(),
        )
    page = client.get(reverse("corps:payroll") + f"?month={week:%Y-%m}").content.decode()
    assert "57.629,60 kr." in page  # 40 hours × 1.440,74 kr., never "57629,60"
    assert "40,0" in page and "40.00" not in page
    assert "<td>Timeansat (mentorkorps)</td>" in page and ">hourly<" not in page


def test_overview_counts_breadth(world, login):
    tigrinya = Language.objects.get(code="ti")
    abuse = CompetenceFactory(jobcenter=world.jobcenter, name="Misbrug")
    MentorFactory(jobcenter=world.jobcenter, competences=[abuse], languages=[tigrinya], gender="male")
    MentorFactory(jobcenter=world.jobcenter, competences=[abuse], status=MentorStatus.APPLICANT)
    MentorFactory(jobcenter=world.other_jobcenter, languages=[tigrinya])
    overview = login(world.coordinator).get(reverse("corps:overview")).context["overview"]
    assert overview.active_mentors == 1
    assert {line.label: line.mentors for line in overview.competences}["Misbrug"] == 1
    assert {line.label: line.mentors for line in overview.languages}["Tigrinya"] == 1
    assert {line.label: line.mentors for line in overview.genders}["Mand"] == 1


def test_mentor_list_sort_options_are_all_danish(world, login):
    """django-filter labels an ascending option by the model field's name; with the wrong key it printed
    "Name", "Capacity" and "Created"."""
    form = login(world.coordinator).get(reverse("corps:mentor_list")).context["filter"].form
    labels = [str(label) for _value, label in form.fields["order"].choices]
    assert "Navn (A–Å)" in labels and "Ledig kapacitet (mindst først)" in labels and "Oprettet (ældste først)" in labels
    assert not {"Name", "Capacity", "Created", "Full name", "Capacity left", "Created at"} & set(labels)


def test_bliv_mentor_lists_the_jobcenters_that_take_applications(client, world):
    world.other_jobcenter.is_active = False
    world.other_jobcenter.save(update_fields=["is_active"])
    response = client.get(reverse("corps_public:apply_index"))
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("corps_public:apply", kwargs={"jobcenter_slug": world.jobcenter.slug}) in page
    assert world.jobcenter.name in page and world.other_jobcenter.name not in page


def test_mentor_contract_reads_right_with_and_without_dates(world, login):
    client = login(world.coordinator)
    none = MentorFactory(jobcenter=world.jobcenter, contract_start=None, contract_end=None)
    page = client.get(reverse("corps:mentor_detail", kwargs={"pk": none.pk})).content.decode()
    assert "Ingen kontrakt registreret" in page and "– –" not in page
    started = MentorFactory(jobcenter=world.jobcenter, contract_start=datetime.date(2026, 3, 1), contract_end=None)
    page = client.get(reverse("corps:mentor_detail", kwargs={"pk": started.pk})).content.decode()
    assert "fra 1. marts 2026" in page


def test_mentor_list_leaves_out_resigned_mentors_unless_asked(world, login):
    client = login(world.coordinator)
    active = MentorFactory(jobcenter=world.jobcenter, full_name="Aktiv Mentor", status=MentorStatus.ACTIVE)
    resigned = MentorFactory(jobcenter=world.jobcenter, full_name="Fratrådt Mentor", status=MentorStatus.RESIGNED)

    def listed(query: str = "") -> set[int]:
        return {mentor.pk for mentor in client.get(reverse("corps:mentor_list") + query).context["page"].rows}

    assert active.pk in listed() and resigned.pk not in listed()
    assert resigned.pk in listed("?status=alle") and active.pk in listed("?status=alle")
    assert listed("?status=resigned") == {resigned.pk}
