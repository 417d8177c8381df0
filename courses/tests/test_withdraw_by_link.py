"""An invited person withdraws through their invitation link, and the waiting list moves."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from courses import services, tokens
from courses.models import Invitation, InvitationStatus, Registration, RegistrationStatus, Via
from courses.tests.factories import CourseFactory, InvitationFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _register_by_link(invitation):
    return services.registration_create(
        actor=None,
        course=invitation.course,
        via=Via.INVITATION,
        invitation=invitation,
        company=invitation.company,
        name=invitation.name,
        email=invitation.email,
    )


def _url(invitation) -> str:
    return reverse("courses:public_invitation", kwargs={"token": tokens.make(tokens.INVITATION, invitation.pk)})


@pytest.fixture
def full_course(world, django_capture_on_commit_callbacks):
    """Capacity 1: Lars has the seat, Mette waits."""
    course = CourseFactory(jobcenter=world.jobcenter, capacity=1)
    lars = InvitationFactory(course=course, email="lars@hammel.dk", name="Lars")
    mette = InvitationFactory(course=course, email="mette@bageri.dk", name="Mette")
    with django_capture_on_commit_callbacks(execute=True):
        assert _register_by_link(lars).status == RegistrationStatus.REGISTERED
        assert _register_by_link(mette).status == RegistrationStatus.WAITING
    return course, lars, mette


def test_withdrawing_frees_the_seat_for_the_next_in_line(full_course, django_capture_on_commit_callbacks):
    _course, lars, mette = full_course
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = services.registration_cancel_by_link(invitation=lars)
    assert cancelled.status == RegistrationStatus.CANCELLED
    assert Invitation.objects.get(pk=lars.pk).status == InvitationStatus.DECLINED
    waiting = Registration.objects.get(invitation=mette)
    assert waiting.status == RegistrationStatus.OFFERED
    assert [m.to for m in mail.outbox if "mette@bageri.dk" in m.to[0]]  # the offer with its answer link


def test_withdrawing_without_a_registration_or_after_the_start_is_refused(world, full_course):
    course, _lars, _mette = full_course
    stranger = InvitationFactory(course=course, email="ole@example.dk")
    with pytest.raises(ValidationError, match="ikke tilmeldt"):
        services.registration_cancel_by_link(invitation=stranger)
    started = CourseFactory(jobcenter=world.jobcenter, days_ahead=0)
    invitation = InvitationFactory(course=started)
    registration = RegistrationFactory(course=started, invitation=invitation, email=invitation.email)
    with pytest.raises(ValidationError, match="begyndt"):
        services.registration_cancel_by_link(invitation=invitation)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED


def test_the_link_page_offers_withdrawal_and_the_post_withdraws(client, full_course, django_assert_max_num_queries):
    _course, lars, mette = full_course
    page = client.get(_url(lars)).content.decode()
    assert "Meld fra kurset" in page
    # Two e-mails (the withdrawal's calendar cancellation and the waiting list's offer), each reading the
    # jobcenter's own opening line for its kind (texts).
    with django_assert_max_num_queries(41):
        response = client.post(_url(lars), {"answer": "cancel"})
    assert response.status_code == 200
    assert "Du er meldt fra kurset" in response.content.decode()
    assert Registration.objects.get(invitation=lars).status == RegistrationStatus.CANCELLED
    assert Registration.objects.get(invitation=mette).status == RegistrationStatus.OFFERED
    # The same link registers again (now on the waiting list behind Mette's offer).
    client.post(_url(lars), {"answer": "register", "name": "Lars"})
    assert Registration.objects.filter(invitation=lars).exclude(status=RegistrationStatus.CANCELLED).get().status == (
        RegistrationStatus.WAITING
    )


def test_the_link_page_hides_withdrawal_once_the_course_has_begun(client, world):
    course = CourseFactory(jobcenter=world.jobcenter, days_ahead=0)
    invitation = InvitationFactory(course=course)
    RegistrationFactory(course=course, invitation=invitation, email=invitation.email)
    page = client.get(_url(invitation)).content.decode()
    assert "Meld fra kurset" not in page
    assert "kontakt jobcentret" in page
    assert course.first_day == timezone.localdate()
