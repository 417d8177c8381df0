import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import ActivityLog
from corps import services
from corps.models import HoursStatus, Language, Mentor, MentorStatus, MentorStatusEvent
from corps.tests.factories import CompetenceFactory, HoursEntryFactory, MentorFactory, monday
from notifications.models import Message

pytestmark = pytest.mark.django_db

S = MentorStatus


def application_data(**overrides):
    data = {
        "full_name": "Birgitte Mølgaard",
        "email": "Birgitte@Example.dk",
        "phone": "20 30 40 50",
        "postcode": "8450",
        "attachment": "retired",
        "education": "Sygeplejerske",
        "work_experience": "35 år i regionen",
        "industries": "Sundhed",
        "motivation": "Jeg vil gerne give noget videre.",
        "available_weekdays": 3,
        "available_day_parts": 1,
        "hours_per_week": 4,
    }
    data.update(overrides)
    return data


def test_apply_creates_applicant_with_consent_event_audit_and_receipt(world, django_capture_on_commit_callbacks):
    competence = CompetenceFactory(jobcenter=world.jobcenter)
    tigrinya = Language.objects.get(code="ti")
    with django_capture_on_commit_callbacks(execute=False):
        result = services.mentor_apply(
            jobcenter=world.jobcenter, data=application_data(), competences=[competence], languages=[tigrinya]
        )
    mentor = result.mentor
    assert result.created
    assert mentor.status == S.APPLICANT
    assert mentor.email == "birgitte@example.dk"
    assert mentor.consent_at is not None
    assert list(mentor.competences.all()) == [competence]
    assert list(mentor.languages.all()) == [tigrinya]
    assert MentorStatusEvent.objects.get(mentor=mentor).to_status == S.APPLICANT
    assert ActivityLog.objects.filter(action="corps.mentor.apply", object_id=str(mentor.pk)).exists()
    message = Message.objects.get(kind="corps.application_received")
    assert message.recipient_email == "birgitte@example.dk"
    assert "Birgitte Mølgaard" in message.body_text
    assert "Jobcenter Favrskov" in message.subject


def test_second_application_from_same_email_creates_no_duplicate(world):
    services.mentor_apply(jobcenter=world.jobcenter, data=application_data(), competences=[], languages=[])
    again = services.mentor_apply(
        jobcenter=world.jobcenter, data=application_data(email="birgitte@example.dk"), competences=[], languages=[]
    )
    assert not again.created
    assert Mentor.objects.filter(jobcenter=world.jobcenter).count() == 1
    assert again.mentor.notes.count() == 1


def test_apply_refuses_another_jobcenters_competence(world):
    foreign = CompetenceFactory(jobcenter=world.other_jobcenter)
    with pytest.raises(ValidationError) as error:
        services.mentor_apply(jobcenter=world.jobcenter, data=application_data(), competences=[foreign], languages=[])
    assert "competences" in error.value.message_dict
    assert not Mentor.objects.exists()


def test_apply_requires_attachment_to_labour_market(world):
    with pytest.raises(ValidationError) as error:
        services.mentor_apply(
            jobcenter=world.jobcenter, data=application_data(attachment=""), competences=[], languages=[]
        )
    assert "attachment" in error.value.message_dict


def test_screening_happy_path_writes_events_and_audit(world):
    actor = world.coordinator
    mentor = MentorFactory(jobcenter=world.jobcenter, status=S.APPLICANT, contract_start=None)
    services.mentor_interview_book(
        actor=actor, mentor=mentor, happens_at=timezone.now() + datetime.timedelta(days=3), note="Kl. 10 i Hammel"
    )
    services.mentor_approve(actor=actor, mentor=mentor)
    mentor = services.mentor_activate(actor=actor, mentor=mentor)
    assert mentor.contract_start == timezone.localdate()
    until = timezone.localdate() + datetime.timedelta(days=30)
    mentor = services.mentor_pause(actor=actor, mentor=mentor, until=until, reason="Eksamensperiode")
    assert (mentor.status, mentor.paused_until) == (S.PAUSED, until)
    mentor = services.mentor_activate(actor=actor, mentor=mentor)
    assert mentor.paused_until is None
    mentor = services.mentor_resign(actor=actor, mentor=mentor, reason="Flytter")
    assert mentor.status == S.RESIGNED
    assert mentor.contract_end == timezone.localdate()
    steps = list(
        MentorStatusEvent.objects.filter(mentor=mentor).order_by("at", "id").values_list("to_status", flat=True)
    )
    assert steps == [S.INTERVIEW, S.APPROVED, S.ACTIVE, S.PAUSED, S.ACTIVE, S.RESIGNED]
    actions = set(ActivityLog.objects.filter(object_id=str(mentor.pk)).values_list("action", flat=True))
    assert {
        "corps.mentor.interview_book",
        "corps.mentor.approve",
        "corps.mentor.pause",
        "corps.mentor.resign",
    } <= actions


@pytest.mark.parametrize(
    ("status", "service", "kwargs"),
    [
        (S.APPLICANT, "mentor_activate", {}),
        (S.APPLICANT, "mentor_pause", {"until": "future", "reason": "x"}),
        (S.REJECTED, "mentor_approve", {}),
        (S.RESIGNED, "mentor_activate", {}),
        (S.ACTIVE, "mentor_approve", {}),
        (S.ACTIVE, "mentor_reject", {"reason": "x"}),
    ],
)
def test_illegal_transitions_are_refused_with_a_danish_message(world, status, service, kwargs):
    mentor = MentorFactory(jobcenter=world.jobcenter, status=status)
    if kwargs.get("until") == "future":
        kwargs["until"] = timezone.localdate() + datetime.timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        getattr(services, service)(actor=world.coordinator, mentor=mentor, **kwargs)
    assert "kan ikke få status" in error.value.messages[0]
    mentor.refresh_from_db()
    assert mentor.status == status
    assert not MentorStatusEvent.objects.filter(mentor=mentor).exists()


def test_reject_requires_reason(world):
    mentor = MentorFactory(jobcenter=world.jobcenter, status=S.INTERVIEW)
    with pytest.raises(ValidationError) as error:
        services.mentor_reject(actor=world.coordinator, mentor=mentor, reason="  ")
    assert "reason" in error.value.message_dict
    services.mentor_reject(actor=world.coordinator, mentor=mentor, reason="Ikke tilknyttet arbejdsmarkedet")
    mentor.refresh_from_db()
    assert (mentor.status, mentor.status_reason) == (S.REJECTED, "Ikke tilknyttet arbejdsmarkedet")


def test_pause_requires_future_date_and_reason(world):
    mentor = MentorFactory(jobcenter=world.jobcenter, status=S.ACTIVE)
    with pytest.raises(ValidationError) as error:
        services.mentor_pause(
            actor=world.coordinator, mentor=mentor, until=timezone.localdate() - datetime.timedelta(days=1), reason="x"
        )
    assert "until" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.mentor_pause(
            actor=world.coordinator, mentor=mentor, until=timezone.localdate() + datetime.timedelta(days=1), reason=""
        )


def test_resume_due_reactivates_only_ended_pauses(world):
    today = timezone.localdate()
    ended = MentorFactory(jobcenter=world.jobcenter, status=S.PAUSED, paused_until=today - datetime.timedelta(days=1))
    running = MentorFactory(jobcenter=world.jobcenter, status=S.PAUSED, paused_until=today)
    assert services.mentors_resume_due(jobcenter=world.jobcenter) == 1
    ended.refresh_from_db()
    running.refresh_from_db()
    assert (ended.status, running.status) == (S.ACTIVE, S.PAUSED)


def test_section_85_only_for_full_time_is_a_database_constraint(world):
    mentor = MentorFactory(jobcenter=world.jobcenter)
    with pytest.raises(IntegrityError), transaction.atomic():
        Mentor.objects.filter(pk=mentor.pk).update(offers_section_85=True)


def test_update_refuses_section_85_for_hourly_with_message(world):
    mentor = MentorFactory(jobcenter=world.jobcenter)
    with pytest.raises(ValidationError) as error:
        services.mentor_update(actor=world.coordinator, mentor=mentor, data={"offers_section_85": True})
    assert "§ 85" in " ".join(error.value.messages)


def test_update_records_changed_fields(world):
    mentor = MentorFactory(jobcenter=world.jobcenter)
    competence = CompetenceFactory(jobcenter=world.jobcenter)
    services.mentor_update(
        actor=world.coordinator,
        mentor=mentor,
        data={"capacity": 5, "postcode": mentor.postcode},
        competences=[competence],
    )
    entry = ActivityLog.objects.get(action="corps.mentor.update")
    assert entry.data == {"fields": ["capacity", "competences"]}


def test_note_and_qualification(world):
    mentor = MentorFactory(jobcenter=world.jobcenter)
    note = services.mentor_note_add(actor=world.coordinator, mentor=mentor, text=" Ringede om ny borger ")
    assert (note.author, note.text) == (world.coordinator, "Ringede om ny borger")
    with pytest.raises(ValidationError):
        services.mentor_note_add(actor=world.coordinator, mentor=mentor, text="")
    first = services.qualification_add(
        actor=None,
        mentor=mentor,
        title="Grundforløb",
        kind="course",
        completed_on=datetime.date(2025, 3, 4),
        source="courses",
        source_reference="attendance:7",
    )
    again = services.qualification_add(
        actor=None,
        mentor=mentor,
        title="Grundforløb",
        kind="course",
        completed_on=datetime.date(2025, 3, 4),
        source="courses",
        source_reference="attendance:7",
    )
    assert first.pk == again.pk


def test_hours_record_freezes_rate_and_refuses_duplicates_and_bad_weeks(world):
    mentor = MentorFactory(jobcenter=world.jobcenter, hourly_rate=Decimal("190.00"))
    week = monday(1)
    entry = services.hours_record(
        actor=world.coordinator,
        mentor=mentor,
        week=week,
        mentee_reference="AB",
        hours=Decimal("5"),
        agreed_hours=Decimal("4"),
    )
    assert entry.hourly_rate == Decimal("190.00")
    assert entry.over_agreed
    with pytest.raises(ValidationError) as error:
        services.hours_record(
            actor=world.coordinator, mentor=mentor, week=week, mentee_reference="AB", hours=Decimal("1")
        )
    assert "mentee_reference" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.hours_record(
            actor=world.coordinator,
            mentor=mentor,
            week=week + datetime.timedelta(days=1),
            mentee_reference="CD",
            hours=Decimal("1"),
        )
    assert "week" in error.value.message_dict
    applicant = MentorFactory(jobcenter=world.jobcenter, status=S.APPLICANT)
    with pytest.raises(ValidationError):
        services.hours_record(
            actor=world.coordinator, mentor=applicant, week=week, mentee_reference="AB", hours=Decimal("1")
        )


def test_hours_go_to_a_citizen_only_through_a_mentor_agreement_with_the_mentor(world):
    from citizens.tests.factories import AgreementFactory, CitizenFactory

    mentor = MentorFactory(jobcenter=world.jobcenter)
    stranger = CitizenFactory(jobcenter=world.jobcenter)
    draft = AgreementFactory(citizen__jobcenter=world.jobcenter, mentor=mentor).citizen  # not in force yet
    for citizen in (stranger, draft):
        with pytest.raises(ValidationError) as error:
            services.hours_record(actor=world.coordinator, mentor=mentor, week=monday(1), citizen=citizen, hours=2)
        assert "ingen indgået mentoraftale med mentoren" in error.value.message_dict["citizen"][0]
    assert not mentor.hours.exists()
    ended = AgreementFactory(citizen__jobcenter=world.jobcenter, mentor=mentor, status="ended").citizen
    entry = services.hours_record(actor=world.coordinator, mentor=mentor, week=monday(1), citizen=ended, hours=2)
    assert entry.citizen == ended and entry.agreed_hours is None  # the agreement is no longer in force


def test_hours_decide_only_touches_submitted(world):
    mentor = MentorFactory(jobcenter=world.jobcenter)
    submitted = HoursEntryFactory(mentor=mentor)
    decided = HoursEntryFactory(
        mentor=mentor, status=HoursStatus.REJECTED, decided_at=timezone.now(), mentee_reference="other"
    )
    assert services.hours_decide(actor=world.coordinator, entries=[submitted, decided], approve=True) == 1
    submitted.refresh_from_db()
    decided.refresh_from_db()
    assert (submitted.status, decided.status) == (HoursStatus.APPROVED, HoursStatus.REJECTED)
    assert submitted.decided_by == world.coordinator


def test_competence_defaults_are_idempotent(world):
    added = services.competences_defaults_ensure(actor=None, jobcenter=world.jobcenter)
    assert added >= 11
    assert services.competences_defaults_ensure(actor=None, jobcenter=world.jobcenter) == 0
