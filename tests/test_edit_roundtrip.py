"""Round trip of every edit form in the product: change every field, save, read the row back.

Each entry of EDIT_FORMS names an edit URL, who edits, how to build the object, and a new valid value
for every field of its form. The test GETs the form (so a field added to the form without a new value
here fails), checks that every new value differs from what is stored, POSTs through the real URL as a
user allowed to edit, re-reads the object from the database and compares field by field. A form that
says "saved" but drops a field fails here.

test_every_edit_view_has_a_round_trip finds the edit views among the URL patterns (by name and route,
and by views that bind a form to an existing object), so a new edit form without an entry fails.
"""

import ast
import datetime
import inspect
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.views.generic.edit import BaseUpdateView

from accounts.models import Role
from accounts.tests.factories import PASSWORD, MembershipFactory, UserFactory
from audit.models import ArchiveHold, RetentionRule
from audit.selectors import retention_rules
from citizens import cpr
from citizens.forms import GoalStatusForm
from citizens.models import FirstMeeting, GoalStatus, PlacementStatus
from citizens.tests.factories import (
    AgreementFactory,
    CitizenFactory,
    GoalFactory,
    PlacementFactory,
    PlacementTypeFactory,
    TargetGroupFactory,
)
from companies.models import Industry
from companies.tests.factories import CompanyMentorFactory, cvr_with_check_digit
from corps.models import Attachment, Employment, Language
from corps.tests.factories import CompetenceFactory, MentorFactory
from courses.tests.factories import CourseFactory, CourseTypeFactory
from matching.forms import CohortCompanyForm
from matching.models import MatchingPreferences
from matching.tests.factories import cohort_with
from notifications.models import ReminderSchedule
from texts.models import Text

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Ny-lang-adgangskode-til-2027"


def today() -> datetime.date:
    return timezone.localdate()


@dataclass(frozen=True)
class Posted:
    """A value posted as `post` that the database holds as `stored` (normalised, summed, localised)."""

    post: object
    stored: object


@dataclass(frozen=True)
class EditForm:
    """One edit form: `make` builds the existing object, `new_values` a new valid value per form field
    (keyed by the POST name), `readers` read a field back where it is not a model field of that name."""

    user: str  # the World attribute of the user who edits
    make: Callable
    url_kwargs: Callable
    new_values: Callable
    readers: dict = field(default_factory=dict)
    extra_post: Callable = lambda world, obj: {}
    not_stored: dict = field(default_factory=dict)  # form field -> why it holds no value to compare
    post_only: type | None = None  # the form class of a view without a GET page of its own


# --- Helpers ----------------------------------------------------------------------------------------


def encode(value) -> list[str] | str | None:
    """A Python value as the browser would post it (None: the key is left out, as an unticked box)."""
    if isinstance(value, Model):
        return str(value.pk)
    if isinstance(value, list | tuple | set):
        return [encode(item) for item in value]
    if value is True:
        return "on"
    if value is False:
        return None
    if value is None:
        return ""
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def comparable(value):
    if isinstance(value, list | tuple | set):
        return {comparable(item) for item in value}
    if isinstance(value, Model):
        return (type(value)._meta.label, value.pk)
    return value


def fresh(obj):
    return type(obj)._default_manager.get(pk=obj.pk)


def stored_value(case: EditForm, obj, name: str):
    if name in case.readers:
        return case.readers[name](obj)
    row = fresh(obj)
    model_field = row._meta.get_field(name)
    if model_field.many_to_many:
        return list(getattr(row, name).all())
    return getattr(row, name)


def expected(value):
    return value.stored if isinstance(value, Posted) else value


def posted(value):
    return value.post if isinstance(value, Posted) else value


def other_languages(count: int, *exclude) -> list:
    return list(Language.objects.exclude(pk__in=[lang.pk for lang in exclude if lang]).order_by("code")[:count])


def staff(world, role=Role.CASEWORKER):
    return MembershipFactory(jobcenter=world.jobcenter, role=role, user=UserFactory()).user


def industry(exclude=None):
    return Industry.objects.filter(is_active=True).exclude(pk=getattr(exclude, "pk", None)).order_by("pk").first()


# --- Citizens ---------------------------------------------------------------------------------------


def make_citizen(world):
    citizen = CitizenFactory(
        jobcenter=world.jobcenter,
        name="Gammelt Navn",
        email="gammel@example.dk",
        address="Gammel Vej 1",
        caseworker=world.coordinator,
        referral_reason="Gammel begrundelse",
        caseworker_view="Gammel vurdering",
        wish_text="Gammelt ønske",
        cpr_number="010190-1234",
    )
    citizen.languages.set(other_languages(1))
    return citizen


def citizen_values(world, citizen):
    current_language = citizen.languages.first()
    return {
        "name": "Nyt Navn Nielsen",
        "phone": "88 77 66 55",
        "email": "ny@example.dk",
        "address": "Ny Vej 2, 1. th.",
        "postcode": "8382",
        "target_group": TargetGroupFactory(jobcenter=world.jobcenter, code="ny-gruppe", name="Ny gruppe"),
        "caseworker": world.caseworker,
        "referred_on": citizen.referred_on - datetime.timedelta(days=3),
        "referral_reason": "Ny begrundelse for henvisningen",
        "wish_gender": "female",
        "wish_age_band": "35-44",
        "wish_language": other_languages(1, current_language)[0],
        "wish_text": "Nyt ønske til mentoren",
        "caseworker_view": "Ny vurdering fra sagsbehandleren",
        "needs": [CompetenceFactory(jobcenter=world.jobcenter)],
        "languages": other_languages(2, current_language),
        "cpr_number": Posted("020292-4321", "0202924321"),
    }


def make_agreement(world):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    return AgreementFactory(
        citizen=citizen, company_mentor=CompanyMentorFactory(company=world.company_a), caseworker=world.coordinator
    )


def agreement_values(world, agreement):
    starts = agreement.starts_on + datetime.timedelta(days=10)
    return {
        "mentor": MentorFactory(jobcenter=world.jobcenter),
        "company_mentor": None,
        "caseworker": world.caseworker,
        "goal": "Nyt formål med mentorstøtten",
        "mentor_tasks": "Nye opgaver for mentoren",
        "starts_on": starts,
        "ends_on": starts + datetime.timedelta(days=120),
        "hours_total": Decimal("60.0"),
        "hours_per_week": Decimal("3.5"),
        "complaint_guidance": "Ny klagevejledning",
    }


def make_first_meeting(world):
    agreement = AgreementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter))
    return FirstMeeting.objects.create(
        jobcenter=world.jobcenter,
        agreement=agreement,
        held_on=today() - datetime.timedelta(days=5),
        citizen_present=True,
        mentor_present=False,
        caseworker_present=True,
        other_participants="",
        expectations="Gamle forventninger",
        goals="Gamle mål",
    )


def make_meeting_plan(world):
    from citizens.tests.meeting import active_agreement, planned

    return planned(active_agreement(world.jobcenter, caseworker=world.caseworker), caseworker=world.caseworker)


def meeting_plan_values(world, plan):
    return {
        "date": timezone.localtime(plan.starts_at).date() + datetime.timedelta(days=2),
        "start": datetime.time(13, 0),
        "end": datetime.time(14, 15),
        "place": "Rådhuset, mødelokale 4",
        "caseworker": staff(world),
    }


def _local(plan, name):
    return timezone.localtime(getattr(fresh(plan), name))


MEETING_PLAN_READERS = {
    "date": lambda plan: _local(plan, "starts_at").date(),
    "start": lambda plan: _local(plan, "starts_at").time(),
    "end": lambda plan: _local(plan, "ends_at").time(),
}


def first_meeting_values(world, meeting):
    return {
        "held_on": meeting.held_on + datetime.timedelta(days=2),
        "citizen_present": False,
        "mentor_present": True,
        "caseworker_present": False,
        "other_participants": "Borgerens mor",
        "expectations": "Nye forventninger",
        "goals": "Nye mål",
    }


def make_placement(world):
    return PlacementFactory(
        citizen=CitizenFactory(jobcenter=world.jobcenter),
        company=world.company_a,
        company_mentor=CompanyMentorFactory(company=world.company_a),
        responsible=world.coordinator,
        status=PlacementStatus.PROPOSED,
    )


def placement_values(world, placement):
    return {
        "company": world.company_b,
        "company_mentor": CompanyMentorFactory(company=world.company_b),
        "placement_type": PlacementTypeFactory(jobcenter=world.jobcenter, code="loentilskud", name="Løntilskud"),
        "responsible": world.caseworker,
        "starts_on": placement.starts_on + datetime.timedelta(days=7),
        "ends_on": placement.ends_on + datetime.timedelta(days=30),
        "tasks": "Nye arbejdsopgaver",
        "hours_per_week": Decimal("12.5"),
        "mentor_hours_per_week": Decimal("3.0"),
        "proposal_note": "Ny bemærkning til virksomheden",
    }


def make_goal(world):
    placement = PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), company=world.company_a)
    return GoalFactory(placement=placement, status=GoalStatus.NOT_STARTED, target_date=None)


# --- Companies and the portal ------------------------------------------------------------------------


def company_values(world, company):
    return {
        "name": "Nyt Firmanavn A/S",
        "cvr": Posted("DK " + cvr_with_check_digit("4123456"), cvr_with_check_digit("4123456")),
        "p_number": "1003378412",
        "address": "Industrivej 9",
        "postcode": "8370",
        "city": "Hadsten",
        "industry": industry(company.industry),
        "size_band": "10-49",
        "sector": "public" if company.sector == "private" else "private",
        "contact_name": "Ny Kontakt",
        "contact_email": "kontakt@nytfirma.dk",
        "contact_phone": "86 98 00 00",
        "capacity": company.capacity + 3,
        "status": "paused" if company.status != "paused" else "active",
        "notes": "Nye noter om virksomheden",
        "placement_types": [PlacementTypeFactory(jobcenter=world.jobcenter)],
    }


def leader_company_values(world, company):
    values = company_values(world, company)
    for name in ("cvr", "sector", "status", "notes"):
        del values[name]
    return values


def make_company_mentor(world):
    CompanyMentorFactory(company=world.company_a, full_name="Erfaren Mentor", is_new=False)
    return CompanyMentorFactory(company=world.company_a, is_new=False, is_active=True, phone="11 22 33 44")


def company_mentor_values(world, mentor):
    return {
        "full_name": "Nyt Mentornavn",
        "job_title": "Produktionsleder",
        "email": "ny.mentor@virksomhed.dk",
        "phone": "55 66 77 88",
        "years_in_company": 12,
        "experience": "Ny erfaring med nye medarbejdere",
        "hourly_wage": Decimal("260.50"),
        "course_completed_on": today() - datetime.timedelta(days=40),
        "is_new": True,
        "shadowing": mentor.company.mentors.exclude(pk=mentor.pk).get(full_name="Erfaren Mentor"),
        "is_active": False,
        "competences": [CompetenceFactory(jobcenter=world.jobcenter)],
    }


# --- Corps, courses, matching, notifications, audit, accounts -----------------------------------------


def make_mentor(world):
    mentor = MentorFactory(jobcenter=world.jobcenter, email="gammel@example.dk")
    mentor.languages.set(other_languages(1))
    return mentor


def mentor_values(world, mentor):
    return {
        "full_name": "Ny Mentor Hansen",
        "email": Posted("Ny.Mentor@Example.dk", "ny.mentor@example.dk"),
        "phone": "99 88 77 66",
        "postcode": "8000",
        "gender": "male",
        "birth_year": 1975,
        "attachment": Attachment.RETIRED,
        "education": "Ny uddannelse",
        "work_experience": "Ny erhvervserfaring",
        "industries": "Byggeri, transport",
        "network_notes": "Nyt netværk",
        "motivation": "Ny motivation",
        "available_weekdays": Posted(["2", "8"], 10),
        "available_day_parts": Posted(["1", "2"], 3),
        "hours_per_week": 6,
        "capacity": 3,
        "hourly_rate": Posted("190,50", Decimal("190.50")),  # a localised field: Danish decimal comma
        "employment": Employment.FULL_TIME,
        "offers_section_85": True,
        "contract_start": today() - datetime.timedelta(days=100),
        "contract_end": today() + datetime.timedelta(days=300),
        "competences": [CompetenceFactory(jobcenter=world.jobcenter)],
        "languages": other_languages(2, mentor.languages.first()),
    }


def make_course(world):
    course = CourseFactory(jobcenter=world.jobcenter)
    course.job_consultants.set([world.coordinator])
    return course


def course_values(world, course):
    return {
        "course_type": CourseTypeFactory(jobcenter=world.jobcenter),
        "title": "Nyt kursusnavn",
        "theme": "Nyt tema",
        "description": "Ny beskrivelse",
        "venue": "Hadsten Bibliotek",
        "address": "Søndergade 3, 8370 Hadsten",
        "provider": "Ny udbyder ApS",
        "capacity": course.capacity + 5,
        "registration_deadline": course.registration_deadline - datetime.timedelta(days=2),
        "job_consultants": [world.caseworker, staff(world)],
    }


def make_session(world):
    return CourseFactory(jobcenter=world.jobcenter).sessions.order_by("date").first()


def session_values(world, session):
    return {
        "date": session.date + datetime.timedelta(days=7),
        "starts_at": datetime.time(10, 0),
        "ends_at": datetime.time(14, 30),
    }


def make_preferences(world):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    preferences = MatchingPreferences.objects.create(
        jobcenter=world.jobcenter, citizen=citizen, available_weekdays=1, available_day_parts=1
    )
    preferences.preferred_mentors.set([MentorFactory(jobcenter=world.jobcenter)])
    return preferences


def preferences_values(world, preferences):
    return {
        "weekdays": Posted(["2", "4"], 6),
        "day_parts": Posted(["2", "4"], 6),
        "severe_needs": True,
        "preferred_mentors": [MentorFactory(jobcenter=world.jobcenter)],
    }


def make_seat(world):
    _cohort, seats = cohort_with(world.jobcenter, candidates=2, companies=1, capacity=2)
    return seats[0]


def make_schedule(world):
    return ReminderSchedule.objects.create(jobcenter=world.jobcenter, weekday=0, hour=7, is_active=True)


def preference_values(world, user):
    from notifications.preferences import groups_for_role

    channels = ["digest", "inbox"]
    return {group.key: channels[index % 2] for index, group in enumerate(groups_for_role(Role.COORDINATOR))}


def preference_readers() -> dict:
    """A group's stored choice (no row: e-mail at once)."""
    from django_scopes import scopes_disabled

    from notifications.models import DeliveryPreference
    from notifications.preferences import GROUPS

    def reader(key):
        def read(user):
            with scopes_disabled():
                row = DeliveryPreference.objects.filter(user=user, group=key).first()
            return row.channel if row else "email"

        return read

    return {group.key: reader(group.key) for group in GROUPS}


def retention_values(world, jobcenter):
    return {f"{rule.kind}-months": rule.months + 7 for rule in retention_rules(jobcenter=jobcenter)}


def make_hold(world):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    return ArchiveHold.objects.create(
        jobcenter=world.jobcenter, citizen=citizen, reason="Gammel begrundelse", set_by=world.coordinator
    )


class RetentionReaders(dict):
    """Reads `<kind>-months` back from the jobcenter's retention rule of that kind."""

    def __contains__(self, name):
        return name.endswith("-months")

    def __getitem__(self, name):
        kind = name.removesuffix("-months")
        return lambda jobcenter: RetentionRule.objects.get(jobcenter=jobcenter, kind=kind).months


# --- The table ---------------------------------------------------------------------------------------

EDIT_FORMS: dict[str, EditForm] = {
    "citizens:update": EditForm(
        user="coordinator",
        make=make_citizen,
        url_kwargs=lambda citizen: {"pk": citizen.pk},
        new_values=citizen_values,
        readers={"cpr_number": lambda citizen: cpr.decrypt(fresh(citizen).cpr_encrypted)},
        not_stored={"remove_cpr": "an action (delete the stored number), not a value; see citizens/tests"},
    ),
    "citizens:agreement_update": EditForm(
        user="coordinator",
        make=make_agreement,
        url_kwargs=lambda agreement: {"pk": agreement.pk},
        new_values=agreement_values,
    ),
    "citizens:first_meeting": EditForm(
        user="coordinator",
        make=make_first_meeting,
        url_kwargs=lambda meeting: {"pk": meeting.agreement_id},
        new_values=first_meeting_values,
    ),
    "citizens:first_meeting_plan": EditForm(
        user="coordinator",
        make=make_meeting_plan,
        url_kwargs=lambda plan: {"pk": plan.agreement_id},
        new_values=meeting_plan_values,
        readers=MEETING_PLAN_READERS,
    ),
    "citizens:placement_update": EditForm(
        user="coordinator",
        make=make_placement,
        url_kwargs=lambda placement: {"pk": placement.pk},
        new_values=placement_values,
    ),
    "citizens:goal_update": EditForm(
        user="coordinator",
        make=make_goal,
        url_kwargs=lambda goal: {"pk": goal.pk},
        new_values=lambda world, goal: {
            "status": GoalStatus.IN_PROGRESS,
            "target_date": today() + datetime.timedelta(days=30),
        },
        post_only=GoalStatusForm,
    ),
    "companies:update": EditForm(
        user="coordinator",
        make=lambda world: world.company_a,
        url_kwargs=lambda company: {"pk": company.pk},
        new_values=company_values,
    ),
    "companies:mentor_update": EditForm(
        user="coordinator",
        make=make_company_mentor,
        url_kwargs=lambda mentor: {"pk": mentor.pk},
        new_values=company_mentor_values,
    ),
    "portal:company_edit": EditForm(
        user="leader_a",
        make=lambda world: world.company_a,
        url_kwargs=lambda company: {},
        new_values=leader_company_values,
    ),
    "portal:mentor_edit": EditForm(
        user="leader_a",
        make=make_company_mentor,
        url_kwargs=lambda mentor: {"pk": mentor.pk},
        new_values=company_mentor_values,
    ),
    "corps:mentor_update": EditForm(
        user="coordinator",
        make=make_mentor,
        url_kwargs=lambda mentor: {"pk": mentor.pk},
        new_values=mentor_values,
    ),
    "courses:update": EditForm(
        user="coordinator",
        make=make_course,
        url_kwargs=lambda course: {"pk": course.pk},
        new_values=course_values,
    ),
    "courses:session_edit": EditForm(
        user="coordinator",
        make=make_session,
        url_kwargs=lambda session: {"pk": session.course_id, "session_pk": session.pk},
        new_values=session_values,
    ),
    "matching:preferences": EditForm(
        user="coordinator",
        make=make_preferences,
        url_kwargs=lambda preferences: {"pk": preferences.citizen_id},
        new_values=preferences_values,
        readers={
            "weekdays": lambda preferences: fresh(preferences).available_weekdays,
            "day_parts": lambda preferences: fresh(preferences).available_day_parts,
        },
    ),
    "matching:cohort_company_update": EditForm(
        user="coordinator",
        make=make_seat,
        url_kwargs=lambda seat: {"pk": seat.cohort_id, "company_pk": seat.pk},
        new_values=lambda world, seat: {"capacity": seat.capacity + 2, "min_group": 2, "allow_empty": True},
        post_only=CohortCompanyForm,
    ),
    "notifications:schedule": EditForm(
        user="jobcenter_admin",
        make=make_schedule,
        url_kwargs=lambda schedule: {},
        new_values=lambda world, schedule: {
            "weekday": 3,
            "hour": 9,
            "is_active": False,
            "allow_digest": False,
            "allow_inbox_only": False,
            "digest_on_weekends": True,
        },
    ),
    "notifications:preferences": EditForm(
        user="coordinator",
        make=lambda world: world.coordinator,
        url_kwargs=lambda user: {},
        new_values=preference_values,
        readers=preference_readers(),
    ),
    "audit:retention_edit": EditForm(
        user="jobcenter_admin",
        make=lambda world: world.jobcenter,
        url_kwargs=lambda jobcenter: {},
        new_values=retention_values,
        readers=RetentionReaders(),
    ),
    "texts:edit": EditForm(
        user="jobcenter_admin",
        make=lambda world: Text.objects.create(jobcenter=world.jobcenter, key="portal.scheme", body="Vores tekst."),
        url_kwargs=lambda text: {"key": text.key},
        new_values=lambda world, text: {"body": "Vores nye tekst med **fed** og [et link](https://favrskov.dk)."},
    ),
    "audit:archive_hold": EditForm(
        user="coordinator",
        make=make_hold,
        url_kwargs=lambda hold: {"pk": hold.citizen_id},
        new_values=lambda world, hold: {"reason": "Ny begrundelse: verserende klagesag"},
    ),
    "accounts:password_change": EditForm(
        user="coordinator",
        make=lambda world: world.coordinator,
        url_kwargs=lambda user: {},
        new_values=lambda world, user: {
            "new_password1": Posted(NEW_PASSWORD, True),
            "new_password2": Posted(NEW_PASSWORD, True),
        },
        readers={
            "new_password1": lambda user: fresh(user).check_password(NEW_PASSWORD),
            "new_password2": lambda user: fresh(user).check_password(NEW_PASSWORD),
        },
        extra_post=lambda world, user: {"old_password": PASSWORD},
        not_stored={"old_password": "confirms the current password"},
    ),
}


def form_field_names(case: EditForm, client, url: str) -> set[str]:
    """The POST names of the form's fields, as the page renders them (or the form class of a POST-only view)."""
    if case.post_only is not None:
        return set(case.post_only.base_fields)
    response = client.get(url)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    forms = list(response.context.get("forms") or []) or [response.context["form"]]
    return {form.add_prefix(name) for form in forms for name in form.fields}


@pytest.mark.parametrize("url_name", sorted(EDIT_FORMS))
def test_edit_form_saves_every_field(url_name, world, login):
    case = EDIT_FORMS[url_name]
    obj = case.make(world)
    client = login(getattr(world, case.user))
    url = reverse(url_name, kwargs=case.url_kwargs(obj))
    values = case.new_values(world, obj)

    names = form_field_names(case, client, url)
    assert set(values) | set(case.not_stored) == names, (
        f"{url_name}: give every field of the form a new value (or say why it stores none). "
        f"Missing: {sorted(names - set(values) - set(case.not_stored))}; "
        f"not in the form: {sorted(set(values) | set(case.not_stored) - names)}"
    )
    unchanged = [
        name
        for name, value in values.items()
        if comparable(stored_value(case, obj, name)) == comparable(expected(value))
    ]
    assert not unchanged, f"{url_name}: the new values of {unchanged} are what is already stored"

    data = {name: encode(posted(value)) for name, value in values.items()}
    data = {name: value for name, value in data.items() if value is not None}
    data.update(case.extra_post(world, obj))
    response = client.post(url, data)
    errors = getattr(response, "context", None) and {
        form.prefix or "form": form.errors
        for form in [response.context.get("form"), *(response.context.get("forms") or [])]
        if form
    }
    assert response.status_code == 302, f"{url_name}: POST answered {response.status_code}, errors: {errors}"

    lost = {
        name: (stored_value(case, obj, name), expected(value))
        for name, value in values.items()
        if comparable(stored_value(case, obj, name)) != comparable(expected(value))
    }
    assert not lost, f"{url_name}: saved, but these fields hold (stored, posted): {lost}"


# --- Every edit view has an entry ----------------------------------------------------------------------

EDIT_WORDS = ("edit", "rediger", "update", "change", "skift", "aendr")
CREATE_WORDS = {"create", "add", "new", "ny", "nyt", "tilfoej", "tilmeld", "register", "invite", "inviter"}

# URL names the rule finds that edit no existing object with a form, and why.
NOT_EDIT_FORMS = {
    "citizens:agreement_renew": "creates a new agreement (a renewal); the old one is not changed",
    "accounts:switch_membership": "a button that picks which of the user's memberships they work as (kept in "
    "the session); no form edits the membership",
}


def url_patterns(resolver=None, namespace="", prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern, inner, route)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", route, pattern.callback


def _form_keywords(callback) -> set[str]:
    """Keyword arguments of the calls in the view's source that bind something (instance, initial)."""
    target = getattr(callback, "view_class", None) or inspect.unwrap(callback)
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(target)))
    except (OSError, TypeError):
        return set()
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg in ("instance", "initial") and not (
                    isinstance(keyword.value, ast.Constant) and keyword.value.value is None
                ):
                    found.add(keyword.arg)
    return found


def is_edit_view(name: str, route: str, callback) -> bool:
    """An edit view: its URL name, route or function name says so, it is an UpdateView, it binds a form
    to an existing model instance, or it fills a form from an object named in the URL and creates nothing."""
    view_name = getattr(inspect.unwrap(callback), "__name__", "")
    text = f"{name} {route} {view_name}".lower()
    view_class = getattr(callback, "view_class", None)
    if view_class is not None and not hasattr(view_class, "post"):
        return False  # a page without a form to post (e.g. "password changed")
    if any(word in text for word in EDIT_WORDS):
        return True
    if view_class is not None and issubclass(view_class, BaseUpdateView):
        return True
    keywords = _form_keywords(callback)
    if "instance" in keywords:
        return True
    words = set(name.split(":")[-1].split("_")) | set(route.split("/"))
    return "initial" in keywords and "<" in route and not words & CREATE_WORDS


def edit_view_names() -> set[str]:
    return {
        name
        for name, route, callback in url_patterns()
        if not name.startswith("admin:") and is_edit_view(name, route, callback)
    }


def test_every_edit_view_has_a_round_trip():
    found = edit_view_names()
    missing = sorted(found - set(EDIT_FORMS) - set(NOT_EDIT_FORMS))
    assert not missing, f"Edit views without a round-trip entry in EDIT_FORMS: {missing}"
    stale = sorted(set(NOT_EDIT_FORMS) - found)
    assert not stale, f"NOT_EDIT_FORMS lists URLs the rule no longer finds: {stale}"
    names = {name for name, _route, _callback in url_patterns()}
    assert not set(EDIT_FORMS) - names, f"EDIT_FORMS lists URLs that do not exist: {set(EDIT_FORMS) - names}"


def test_the_rule_finds_the_known_edit_views():
    """The rule itself is checked on views it must find by each of its signals."""
    found = edit_view_names()
    assert {
        "citizens:update",  # by name
        "notifications:schedule",  # binds a ModelForm to the stored row (instance=)
        "matching:preferences",  # fills a plain form from the stored row (initial=)
        "audit:archive_hold",
    } <= found
    assert "citizens:create" not in found and "citizens:placement_create" not in found
