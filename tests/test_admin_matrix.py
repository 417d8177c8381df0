"""Django admin holds tenancy: every registered model, every admin URL, every role, GET and POST.

Both jobcenters get one real object of every registered model (through the apps' factories). Each role then
walks every admin URL (changelist, add, change, delete, history, history detail, autocomplete, and a user's
password page) with the OTHER jobcenter's objects, and the database must be exactly as before (a hash of
every table's rows, taken once per role). The tests after the matrix reproduce the holes of issue 18 one
by one; each failed on the code before the fix.
"""

import datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from axes.models import AccessLog as AxesAccessLog
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import DateTimeField
from django.forms import ModelChoiceField
from django.template.backends.django import Template
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import Jobcenter, Membership, Role, User
from accounts.tests.factories import MembershipFactory, TOTPDeviceFactory, UserFactory
from audit.models import AccessLog, ActivityLog, ArchiveHold, RetentionKind, RetentionRule
from citizens.models import Citizen, FirstMeeting, FirstMeetingPlan, HoursStep, SensitiveNote
from citizens.tests.factories import (
    AgreementFactory,
    CitizenFactory,
    FollowUpFactory,
    GoalFactory,
    PlacementFactory,
    ProgressAssessmentFactory,
    ProgressScoreFactory,
    SensitiveNoteFactory,
)
from companies.models import Company, CompensationRates, CourseNomination, Industry
from companies.tests.factories import CompanyFactory, CompanyMentorFactory, LeaderInvitationFactory, claim_for
from conftest import login_verified
from corps.models import Language
from corps.tests.factories import CompetenceFactory, HoursEntryFactory, MentorFactory, MentorNoteFactory
from courses.models import Attendance, CourseSettings, Evaluation, Shadowing
from courses.tests.factories import CourseFactory, InvitationFactory, RegistrationFactory
from matching.models import MatchingPreferences, MatchingWeights, PostcodeLocation
from matching.tests.factories import CohortFactory, OfferFactory
from mentorship.admin import RoleAwareAdmin, has_simple_history
from notifications.models import ReminderRun, ReminderSchedule
from notifications.tests.factories import MessageFactory
from tests.database_state import changed_tables, table_fingerprints
from texts.models import Text

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

SITE = admin.site
REGISTERED = list(SITE._registry.items())
LOCAL_APPS = {config.label for config in apps.get_app_configs() if Path(config.path).parent == settings.BASE_DIR}
# Platform data shared by every jobcenter: readable by a jobcenter admin, changed only by the superuser.
GLOBAL_MODELS = {Industry, Language, PostcodeLocation}
# Fields a role may not read in admin: never filterable, searchable or shown there.
SENSITIVE_FIELDS = {
    Citizen: {"cpr_hash", "cpr_encrypted", "birth_date", "caseworker_view"},
    SensitiveNote: {"text"},
}
# Rows that a request may write without changing anything: its session, lockout bookkeeping, and the
# access log, which records the reads themselves.
UNSNAPSHOTTED = frozenset({"django_session", AccessLog._meta.db_table}) | {
    model._meta.db_table for model in (AccessAttempt, AxesAccessLog, AccessFailureLog)
}


# The error pages answer most of the walk (every request of a role without admin access, every other
# jobcenter's object) and are the same for every URL: each is rendered once per role, as in the permission
# matrix, and its later renderings are skipped. The status code is decided before rendering, and every
# other page (changelists, forms, history) renders in full, with its context for the checks below.
ERROR_PAGES = frozenset({"403.html", "404.html"})


def is_local(model) -> bool:
    return model._meta.app_label in LOCAL_APPS


# --- the data ------------------------------------------------------------------------------------------


def build_tenant(jobcenter, member) -> dict:
    """One object of every registered model in `jobcenter`; `member` is the jobcenter's user in them."""
    today = timezone.localdate()
    citizen = CitizenFactory(
        jobcenter=jobcenter, caseworker=member, cpr_number="010190-1234", caseworker_view="Hemmelig vurdering"
    )
    company = CompanyFactory(jobcenter=jobcenter)
    company_mentor = CompanyMentorFactory(company=company)
    mentor = MentorFactory(jobcenter=jobcenter)
    agreement = AgreementFactory(citizen=citizen, mentor=mentor, caseworker=member)
    placement = PlacementFactory(citizen=citizen, company=company, company_mentor=company_mentor, responsible=member)
    assessment = ProgressAssessmentFactory(placement=placement)
    score = ProgressScoreFactory(assessment=assessment)
    course = CourseFactory(jobcenter=jobcenter, created_by=member)
    course.job_consultants.add(member)
    registration = RegistrationFactory(course=course, corps_mentor=mentor, created_by=member)
    objects = [
        jobcenter,
        member,
        member.memberships.get(jobcenter=jobcenter),
        citizen,
        citizen.target_group,
        placement.placement_type,
        score.dimension,
        SensitiveNoteFactory(citizen=citizen, author=member),
        agreement,
        FirstMeeting.objects.create(
            jobcenter=jobcenter, agreement=agreement, held_on=today, expectations="Forventninger", goals="Mål"
        ),
        first_meeting_plan(jobcenter, agreement, member),
        placement,
        HoursStep.objects.create(placement=placement, starts_on=placement.starts_on, hours_per_week=Decimal("8")),
        GoalFactory(placement=placement),
        assessment,
        score,
        FollowUpFactory(citizen=citizen, placement=placement, author=member),
        company,
        company_mentor,
        LeaderInvitationFactory(company=company, invited_by=member),
        CourseNomination.objects.create(mentor=company_mentor, nominated_by=member),
        CompensationRates.objects.create(jobcenter=jobcenter, valid_from=datetime.date(2026, 1, 1)),
        claim_for(placement),
        CompetenceFactory(jobcenter=jobcenter),
        mentor,
        MentorNoteFactory(mentor=mentor, author=member),
        HoursEntryFactory(mentor=mentor, citizen=citizen, entered_by=member),
        course.course_type,
        CourseSettings.objects.create(jobcenter=jobcenter),
        course,
        InvitationFactory(course=course, corps_mentor=mentor, invited_by=member),
        registration,
        Attendance.objects.create(registration=registration, session=course.sessions.first(), recorded_by=member),
        Evaluation.objects.create(registration=registration, overall=4, relevance=4, usefulness=5),
        Shadowing.objects.create(
            jobcenter=jobcenter,
            new_corps_mentor=mentor,
            experienced_corps_mentor=MentorFactory(jobcenter=jobcenter),
            starts_on=today,
            ends_on=today + datetime.timedelta(days=14),
            created_by=member,
        ),
        MatchingWeights.objects.create(jobcenter=jobcenter),
        OfferFactory(citizen=citizen, mentor=mentor, offered_by=member),
        MatchingPreferences.objects.create(jobcenter=jobcenter, citizen=citizen),
        CohortFactory(jobcenter=jobcenter, responsible=member),
        MessageFactory(jobcenter=jobcenter),
        ReminderSchedule.objects.create(jobcenter=jobcenter),
        ReminderRun.objects.create(jobcenter=jobcenter, kind="test", period="2026-W01"),
        RetentionRule.objects.create(jobcenter=jobcenter, kind=RetentionKind.ACCESS_LOG, months=24),
        Text.objects.create(jobcenter=jobcenter, key="portal.scheme", body="Vores egen tekst."),
        ArchiveHold.objects.create(jobcenter=jobcenter, citizen=citizen, reason="Bevares", set_by=member),
        AccessLog.objects.create(jobcenter=jobcenter, action="view", purpose="Test", object_repr="Test"),
        ActivityLog.objects.create(jobcenter=jobcenter, action="test.done"),
        TOTPDeviceFactory(user=member),
    ]
    return {type(obj): obj for obj in objects}


def first_meeting_plan(jobcenter, agreement, member) -> FirstMeetingPlan:
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    return FirstMeetingPlan.objects.create(
        jobcenter=jobcenter,
        agreement=agreement,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        place="Borgerens hjem, Hemmeligvej 7",
        caseworker=member,
        planned_by=member,
    )


def build_shared() -> dict:
    attempt = {"user_agent": "test", "ip_address": "127.0.0.1", "username": "x@example.dk", "http_accept": "*/*"}
    objects = [
        Industry.objects.create(code="99", name="Testbranche"),
        Language.objects.create(code="zz", name="Testsprog"),
        PostcodeLocation.objects.create(code="8450", name="Hammel", latitude=56.25, longitude=9.86),
        Group.objects.create(name="Testgruppe"),
        AccessAttempt.objects.create(**attempt, path_info="/", get_data="", post_data="", failures_since_start=1),
        AxesAccessLog.objects.create(**attempt, path_info="/"),
        AccessFailureLog.objects.create(**attempt, path_info="/"),
    ]
    return {type(obj): obj for obj in objects}


def tenant_pks(model, jobcenter) -> set:
    """The rows of `model` that belong to `jobcenter`, told by django-scopes, not by the admin code."""
    if model is Jobcenter:
        return {jobcenter.pk}
    if model is User:
        return set(User.objects.filter(memberships__jobcenter=jobcenter).values_list("pk", flat=True))
    manager = model._default_manager
    if hasattr(manager, "with_scope"):
        return set(manager.with_scope(jobcenter=jobcenter).values_list("pk", flat=True))
    if any(field.name == "jobcenter" for field in model._meta.fields):
        return set(manager.filter(jobcenter=jobcenter).values_list("pk", flat=True))
    return set()


def form_data(obj) -> dict:
    """The object's own values as an admin form would post them (a valid form, were it accepted)."""
    data = {"_save": "Gem"}
    for field in [*obj._meta.concrete_fields, *obj._meta.many_to_many]:
        if not field.editable or field.primary_key:
            continue
        value = field.value_from_object(obj)
        if field.many_to_many:
            data[field.name] = [str(item.pk) for item in value]
        elif value is None:
            data[field.name] = ""
        elif isinstance(value, bool):
            if value:
                data[field.name] = "on"
        elif isinstance(field, DateTimeField):
            local = timezone.localtime(value)
            data[f"{field.name}_0"] = local.date().isoformat()
            data[f"{field.name}_1"] = local.time().strftime("%H:%M:%S")
        elif isinstance(value, datetime.date):
            data[field.name] = value.isoformat()
        else:
            data[field.name] = str(value)
    return data


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def password_url(user) -> str:
    return reverse("admin:auth_user_password_change", args=[user.pk])  # Django's name, for any user model


def history_id(obj):
    return obj.history.order_by("-history_id").values_list("history_id", flat=True).first()


def relation_fields(model):
    return [f for f in [*model._meta.fields, *model._meta.many_to_many] if f.is_relation and f.editable]


# --- the requests --------------------------------------------------------------------------------------


class Requests:
    """Sends every admin request for one role and collects what differs from the expectation."""

    def __init__(self, client: Client, role: str, foreign_jobcenter, superuser_request):
        self.client = client
        self.superuser_request = superuser_request
        self.role = role
        self.foreign_jobcenter = foreign_jobcenter
        self.problems: list[str] = []
        self.count = 0

    def send(self, method: str, url: str, data=None, *, expect: set[int]):
        self.count += 1
        response = self.client.post(url, data or {}) if method == "POST" else self.client.get(url)
        status = response.status_code
        if self.role == "anonymous":
            if status != 302 or "login" not in response["Location"]:
                self.problems.append(f"{method} {url}: expected a redirect to the login page, got {status}")
        elif status not in expect:
            self.problems.append(f"{method} {url}: expected {sorted(expect)}, got {status}")
        return response

    def foreign(self, model) -> set:
        return tenant_pks(model, self.foreign_jobcenter)

    def check_choices(self, url: str, response) -> None:
        adminform = response.context and response.context.get("adminform")
        if response.status_code != 200 or not adminform:
            return
        for name, field in adminform.form.fields.items():
            if isinstance(field, ModelChoiceField):
                offered = set(field.queryset.values_list("pk", flat=True))
                leaked = offered & self.foreign(field.queryset.model)
                if leaked:
                    self.problems.append(f"GET {url}: field {name} offers the other jobcenter's rows {leaked}")


def walk(requests: Requests, objects: dict, *, kind: str) -> None:
    """Every admin URL of every registered model, with `objects` (the other jobcenter's, for a tenant model).

    `kind` is "outsider" (anonymous or no admin role: 403 everywhere, 302 for anonymous), "admin" (a
    jobcenter admin facing the other jobcenter's objects) or "superuser".
    """
    for model, model_admin in REGISTERED:
        obj = objects[model]
        ours = isinstance(model_admin, RoleAwareAdmin)
        global_model = model in GLOBAL_MODELS
        denied = {403}
        if kind == "admin":
            # Another jobcenter's object answers as an absent one; Django's own admins (groups, devices,
            # lockouts) refuse a jobcenter admin outright; shared vocabulary may be read, not changed.
            object_get = {200} if global_model else ({404} if ours else {403})
            object_post = {403} if global_model else ({404} if ours else {403})
            list_status = {200, 403}
        elif kind == "superuser":
            object_get, object_post, list_status = {200, 403}, {403}, {200}
        else:
            object_get = object_post = list_status = denied

        changelist = admin_url(model, "changelist")
        response = requests.send("GET", changelist, expect=list_status)
        if kind == "admin" and response.status_code == 200 and not global_model:
            shown = {row.pk for row in response.context["cl"].result_list}
            if obj.pk in shown:
                requests.problems.append(f"GET {changelist}: lists the other jobcenter's {model.__name__}")
        if kind != "superuser":
            selected = {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes", "index": 0}
            requests.send("POST", changelist, selected, expect={200, 302, 403})

        add = admin_url(model, "add")
        response = requests.send("GET", add, expect={200, 403} if kind != "outsider" else denied)
        if kind == "admin":
            requests.check_choices(add, response)
            data = form_data(obj)
            offered = response.context["adminform"].form.fields if response.status_code == 200 else {}
            references = [
                field
                for field in relation_fields(model)
                if field.name in offered and set(_values(data[field.name])) & _keys(requests, field)
            ]
            if references:  # a new row referring to the other jobcenter's rows: must not be accepted
                requests.send("POST", add, data, expect={200, 403})
        elif kind == "outsider":
            requests.send("POST", add, form_data(obj), expect=denied)

        change = admin_url(model, "change", obj.pk)
        requests.send("GET", change, expect=object_get)
        if kind != "superuser":
            requests.send("POST", change, form_data(obj), expect=object_post)
        delete = admin_url(model, "delete", obj.pk)
        requests.send("GET", delete, expect={200, 403} if kind == "superuser" else object_post)
        if kind != "superuser":
            requests.send("POST", delete, {"post": "yes"}, expect=object_post)

        # Django's "view on site" redirect: none of our models has a page of its own there, so 404 for any
        # object; were one to get get_absolute_url, the redirect must not reveal another jobcenter's rows.
        content_type = ContentType.objects.get_for_model(model)
        on_site = reverse("admin:view_on_site", args=[content_type.pk, obj.pk])
        requests.send(
            "GET", on_site, expect={302, 404} if kind == "superuser" else ({404} if kind == "admin" else denied)
        )

        history = admin_url(model, "history", obj.pk)
        requests.send("GET", history, expect=object_get)
        if has_simple_history(model) and hasattr(model_admin, "history_form_view"):
            detail = admin_url(model, "simple_history", obj.pk, history_id(obj))
            requests.send("GET", detail, expect=object_get)
            # Nobody reverts through a history page what they may not change (a jobcenter admin: nothing).
            if kind != "superuser" or not model_admin.has_change_permission(requests.superuser_request, obj):
                requests.send("POST", detail, form_data(obj), expect=object_post)

        if model is User:
            password = password_url(obj)
            requests.send("GET", password, expect=object_get if kind != "superuser" else {200})
            if kind != "superuser":
                new = {"password1": "Overtaget-konto-2026!", "password2": "Overtaget-konto-2026!"}
                requests.send("POST", password, {**new, "usable_password": "true"}, expect=object_post)

        for field in relation_fields(model):
            query = {"app_label": model._meta.app_label, "model_name": model._meta.model_name}
            url = reverse("admin:autocomplete") + "?" + urlencode({**query, "field_name": field.name, "term": ""})
            response = requests.send("GET", url, expect={200, 403, 404} if kind != "outsider" else denied)
            if kind == "admin" and response.status_code == 200:
                ids = {int(row["id"]) for row in response.json()["results"] if str(row["id"]).isdigit()}
                leaked = ids & requests.foreign(field.related_model)
                if leaked:
                    requests.problems.append(f"GET {url}: offers the other jobcenter's rows {leaked}")


def _values(value) -> list[str]:
    return value if isinstance(value, list) else [value]


def _keys(requests: Requests, field) -> set[str]:
    return {str(pk) for pk in requests.foreign(field.related_model)}


ROLES = [
    "anonymous",
    "coordinator",
    "caseworker",
    "jobcenter_admin",
    "leader_a",
    "leader_b",
    "other_coordinator",
    "other_jobcenter_admin",
    "superuser",
]


@pytest.fixture
def tenants(world):
    """Both jobcenters filled, plus an admin of the other jobcenter."""
    other_admin = MembershipFactory(
        jobcenter=world.other_jobcenter, role=Role.JOBCENTER_ADMIN, user=UserFactory(is_staff=True)
    ).user
    shared = build_shared()
    ours = {**shared, **build_tenant(world.jobcenter, world.coordinator)}
    theirs = {**shared, **build_tenant(world.other_jobcenter, world.other_coordinator)}
    return ours, theirs, other_admin


def test_every_registered_model_has_objects_in_both_jobcenters(tenants):
    ours, theirs, _other_admin = tenants
    missing = [model._meta.label for model, _ in REGISTERED if model not in ours or model not in theirs]
    assert not missing, f"Add these models to build_tenant/build_shared: {missing}"


@pytest.fixture
def error_pages_once(monkeypatch) -> set[str]:
    """Renders each error page once (the first answer that uses it), then skips rendering it; returns the
    names of the error pages rendered."""
    rendered: set[str] = set()
    render = Template.render

    def render_error_page_once(self, context=None, request=None):
        name = self.origin.template_name
        if request is not None and name in ERROR_PAGES:
            if name in rendered:
                return ""
            rendered.add(name)
        return render(self, context, request)

    monkeypatch.setattr(Template, "render", render_error_page_once)
    return rendered


@pytest.mark.parametrize("role", ROLES)
def test_admin_matrix(role, world, tenants, rf, error_pages_once):
    ours, theirs, other_admin = tenants
    other_side = role in ("other_coordinator", "other_jobcenter_admin")
    foreign_objects, foreign_jobcenter = (ours, world.jobcenter) if other_side else (theirs, world.other_jobcenter)
    users = {
        "coordinator": world.coordinator,
        "caseworker": world.caseworker,
        "jobcenter_admin": world.jobcenter_admin,
        "leader_a": world.leader_a,
        "leader_b": world.leader_b,
        "other_coordinator": world.other_coordinator,
        "other_jobcenter_admin": other_admin,
        "superuser": world.superuser,
    }
    client = Client()
    if role != "anonymous":
        login_verified(client, users[role])
    kind = {"jobcenter_admin": "admin", "other_jobcenter_admin": "admin", "superuser": "superuser"}.get(
        role, "outsider"
    )
    superuser_request = rf.get("/")
    superuser_request.user = world.superuser
    requests = Requests(client, role, foreign_jobcenter, superuser_request)

    before = table_fingerprints(exclude=UNSNAPSHOTTED)
    walk(requests, foreign_objects, kind=kind)
    after = table_fingerprints(exclude=UNSNAPSHOTTED)

    changed = changed_tables(before, after)
    assert not changed, f"As {role}, these tables changed: {changed}"
    assert not requests.problems, f"As {role} ({requests.count} requests):\n" + "\n".join(requests.problems)
    assert requests.count > 5 * len(REGISTERED)


# --- one base for every admin --------------------------------------------------------------------------


def test_every_admin_of_ours_inherits_the_tenancy_base():
    """A new ModelAdmin cannot forget the rule: it must come from RoleAwareAdmin (or JobcenterScopedAdmin),
    and the views the rule guards must be the base's, not overridden elsewhere."""
    guarded = ["get_object", "history_view", "history_form_view", "lookup_allowed", "formfield_for_foreignkey"]
    for model, model_admin in REGISTERED:
        if not is_local(model):
            # Django's and the libraries' admins keep Django's permission rows, which only the superuser has.
            assert not isinstance(model_admin, RoleAwareAdmin)
            continue
        assert isinstance(model_admin, RoleAwareAdmin), f"{type(model_admin).__name__} lacks the tenancy base"
        mro = type(model_admin).__mro__
        for name in guarded:
            owner = next(klass for klass in mro if name in vars(klass))
            assert issubclass(owner, RoleAwareAdmin) or owner.__module__ == "mentorship.admin", (
                f"{type(model_admin).__name__}.{name} comes from {owner.__qualname__}, before the tenancy base"
            )


def test_no_admin_filters_searches_or_lists_a_hidden_field(rf, world):
    request = rf.get("/")
    request.user = world.superuser
    for model, model_admin in REGISTERED:
        if not is_local(model):
            continue
        hidden = set(model_admin.get_exclude(request) or []) | SENSITIVE_FIELDS.get(model, set())
        used = {
            *(item if isinstance(item, str) else item[0] for item in model_admin.get_list_filter(request)),
            *(name.lstrip("^=@") for name in model_admin.get_search_fields(request)),
            *(name for name in model_admin.get_list_display(request) if isinstance(name, str)),
            model_admin.date_hierarchy or "",
        }
        roots = {name.split("__")[0] for name in used if name}
        assert not roots & hidden, f"{type(model_admin).__name__} exposes {roots & hidden}"


# --- the holes of issue 18, one by one ---------------------------------------------------------------


def test_history_post_cannot_move_another_jobcenters_company(world, login):
    company = world.other_company
    company.name = "Haderslev Gartneri ApS (ny)"
    company.save()
    url = admin_url(Company, "simple_history", company.pk, history_id(company))
    response = login(world.jobcenter_admin).post(url, {**form_data(company), "name": "Flyttet ApS"})
    assert response.status_code == 404
    company.refresh_from_db()
    assert company.jobcenter == world.other_jobcenter
    assert company.name == "Haderslev Gartneri ApS (ny)"


def test_history_of_another_jobcenters_citizen_is_not_shown(world, login):
    citizen = CitizenFactory(jobcenter=world.other_jobcenter, name="Fremmed Borger")
    client = login(world.jobcenter_admin)
    assert client.get(admin_url(Citizen, "history", citizen.pk)).status_code == 404
    response = client.get(admin_url(Citizen, "simple_history", citizen.pk, history_id(citizen)))
    assert response.status_code == 404
    assert b"Fremmed Borger" not in response.content


def test_own_history_is_read_only_for_a_jobcenter_admin(world, login):
    company = world.company_a
    url = admin_url(Company, "simple_history", company.pk, history_id(company))
    client = login(world.jobcenter_admin)
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="name"' not in page.content.decode()  # shown, not editable
    assert client.post(url, {**form_data(company), "name": "Omdøbt ApS"}).status_code == 403
    company.refresh_from_db()
    assert company.name == "Hammel Maskinfabrik A/S"


def test_history_cannot_switch_off_another_jobcenter(world, login):
    other = world.other_jobcenter
    url = admin_url(Jobcenter, "simple_history", other.pk, history_id(other))
    data = {**form_data(other)}
    data.pop("is_active", None)
    assert login(world.jobcenter_admin).post(url, data).status_code == 404
    other.refresh_from_db()
    assert other.is_active


def test_jobcenter_admin_cannot_switch_off_own_jobcenter(world, login):
    jobcenter = world.jobcenter
    data = form_data(jobcenter)
    data.pop("is_active")
    response = login(world.jobcenter_admin).post(admin_url(Jobcenter, "change", jobcenter.pk), data)
    assert response.status_code == 302
    jobcenter.refresh_from_db()
    assert jobcenter.is_active


def test_superuser_reverts_only_what_they_may_change(world, login):
    client = login(world.superuser)
    company = world.other_company
    old_name = company.name
    company.name = "Nyt navn ApS"
    company.save()
    first = company.history.order_by("history_id").first()
    response = client.post(admin_url(Company, "simple_history", company.pk, first.history_id), form_data(first))
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.name == old_name
    citizen = CitizenFactory(jobcenter=world.other_jobcenter, name="Borger Før")
    url = admin_url(Citizen, "simple_history", citizen.pk, history_id(citizen))
    assert client.post(url, {**form_data(citizen), "name": "Borger Efter"}).status_code == 403
    citizen.refresh_from_db()
    assert citizen.name == "Borger Før"


def test_membership_for_a_foreign_user_cannot_be_added(world, login):
    response = login(world.jobcenter_admin).post(
        admin_url(Membership, "add"), {"user": world.other_coordinator.pk, "role": Role.COORDINATOR, "is_active": "on"}
    )
    assert response.status_code == 403
    assert not Membership.objects.filter(user=world.other_coordinator, jobcenter=world.jobcenter).exists()


def test_password_of_a_user_who_also_belongs_elsewhere_cannot_be_set(world, login):
    shared = world.other_coordinator
    MembershipFactory(user=shared, jobcenter=world.jobcenter, role=Role.CASEWORKER)
    client = login(world.jobcenter_admin)
    url = password_url(shared)
    new = "Overtaget-konto-2026!"
    response = client.post(url, {"password1": new, "password2": new, "usable_password": "true"})
    assert response.status_code == 404
    shared.refresh_from_db()
    assert not shared.check_password(new)
    assert client.get(admin_url(User, "change", shared.pk)).status_code == 404
    assert client.get(admin_url(User, "change", world.superuser.pk)).status_code == 404


def test_password_of_an_own_user_can_be_set(world, login):
    url = password_url(world.caseworker)
    new = "Ny-adgangskode-2026!"
    response = login(world.jobcenter_admin).post(url, {"password1": new, "password2": new, "usable_password": "true"})
    assert response.status_code == 302
    world.caseworker.refresh_from_db()
    assert world.caseworker.check_password(new)


def test_jobcenter_admin_creates_a_user_with_a_role(world, login):
    password = "Ny-medarbejder-2026!"
    response = login(world.jobcenter_admin).post(
        admin_url(User, "add"),
        {
            "email": "ny@favrskov.dk",
            "full_name": "Ny Medarbejder",
            "role": Role.CASEWORKER,
            "password1": password,
            "password2": password,
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    user = User.objects.get(email="ny@favrskov.dk")
    assert list(user.memberships.values_list("jobcenter", "role")) == [(world.jobcenter.pk, Role.CASEWORKER)]
    assert ActivityLog.objects.filter(action="accounts.membership.created", jobcenter=world.jobcenter).exists()


def test_user_add_form_requires_a_role_for_a_jobcenter_admin(world, login):
    password = "Ny-medarbejder-2026!"
    data = {"email": "uden@favrskov.dk", "full_name": "Uden Rolle", "password1": password, "password2": password}
    response = login(world.jobcenter_admin).post(admin_url(User, "add"), {**data, "usable_password": "true"})
    assert response.status_code == 200
    assert "role" in response.context["adminform"].form.errors
    assert not User.objects.filter(email="uden@favrskov.dk").exists()


def test_user_choices_are_the_jobcenters_members(world, login):
    response = login(world.jobcenter_admin).get(reverse("admin:courses_course_add"))
    offered = set(response.context["adminform"].form.fields["job_consultants"].queryset)
    assert world.coordinator in offered
    assert world.other_coordinator not in offered
    assert world.superuser not in offered


@pytest.mark.parametrize(
    ("model", "lookup"),
    [
        (SensitiveNote, "text__icontains=ryggen"),
        (Citizen, "caseworker_view__icontains=Hemmelig"),
        (Citizen, "cpr_encrypted__startswith=g"),
        (Citizen, "birth_date__year=1990"),
    ],
)
def test_hidden_fields_cannot_be_probed_through_lookups(model, lookup, world, login):
    citizen = CitizenFactory(jobcenter=world.jobcenter, cpr_number="010190-1234", caseworker_view="Hemmelig")
    SensitiveNoteFactory(citizen=citizen)
    for user in (world.jobcenter_admin, world.superuser):
        response = login(user).get(admin_url(model, "changelist") + "?" + lookup)
        assert response.status_code == 400


def test_declared_filters_still_work(world, login):
    response = login(world.jobcenter_admin).get(admin_url(Company, "changelist") + "?status__exact=interested")
    assert response.status_code == 200


def test_admin_reads_of_a_citizen_are_logged(world, login):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    placement = PlacementFactory(citizen=citizen)
    client = login(world.jobcenter_admin)
    assert client.get(admin_url(Citizen, "change", citizen.pk)).status_code == 200
    assert client.get(admin_url(Citizen, "history", citizen.pk)).status_code == 200
    assert client.get(admin_url(Citizen, "simple_history", citizen.pk, history_id(citizen))).status_code == 200
    assert client.get(admin_url(type(placement), "change", placement.pk)).status_code == 200
    entries = AccessLog.objects.filter(object_id=str(citizen.pk), actor=world.jobcenter_admin)
    assert entries.count() == 4
    assert set(entries.values_list("jobcenter", flat=True)) == {world.jobcenter.pk}


def test_superusers_reads_are_logged_in_the_persons_jobcenter(world, login):
    citizen = CitizenFactory(jobcenter=world.other_jobcenter)
    assert login(world.superuser).get(admin_url(Citizen, "change", citizen.pk)).status_code == 200
    entry = AccessLog.objects.get(object_id=str(citizen.pk))
    assert entry.jobcenter == world.other_jobcenter
    assert entry.actor == world.superuser


def test_autocomplete_offers_only_own_rows(world, login):
    query = {"app_label": "citizens", "model_name": "placement", "field_name": "company", "term": ""}
    response = login(world.jobcenter_admin).get(reverse("admin:autocomplete") + "?" + urlencode(query))
    assert response.status_code == 200
    ids = {int(row["id"]) for row in response.json()["results"]}
    assert world.company_a.pk in ids
    assert world.other_company.pk not in ids


def test_no_reverse_for_history_without_simple_history():
    with pytest.raises(NoReverseMatch):
        reverse("admin:citizens_sensitivenote_simple_history", args=[1, 1])


def test_planned_first_meetings_are_listed_for_the_own_jobcenter_without_their_place(world, login):
    ours = first_meeting_plan(
        world.jobcenter, AgreementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter)), None
    )
    theirs = first_meeting_plan(
        world.other_jobcenter, AgreementFactory(citizen=CitizenFactory(jobcenter=world.other_jobcenter)), None
    )
    client = login(world.jobcenter_admin)
    listing = client.get(admin_url(FirstMeetingPlan, "changelist"))
    assert [row.pk for row in listing.context["cl"].result_list] == [ours.pk]
    page = client.get(admin_url(FirstMeetingPlan, "change", ours.pk)).content.decode()
    assert "Hemmeligvej" not in page and "Hemmeligvej" not in listing.content.decode()
    assert str(ours.uid) not in page
    assert "Planlagt" in page  # the status, in Danish
    assert client.get(admin_url(FirstMeetingPlan, "change", theirs.pk)).status_code == 404
    assert client.post(admin_url(FirstMeetingPlan, "delete", theirs.pk), {"post": "yes"}).status_code in (403, 404)
    assert FirstMeetingPlan.objects.filter(pk=theirs.pk).exists()
