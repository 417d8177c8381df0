"""The views' toolkit (mentorship.web) and the one Danish number format (mentorship.numbers)."""

from decimal import Decimal

import pytest
import time_machine
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone

from mentorship import web
from mentorship.numbers import dk_hours, dk_money, dk_number


def _request(method="get", data=None, path="/"):
    request = getattr(RequestFactory(), method)(path, data or {})
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


class NameForm(forms.Form):
    name = forms.CharField()


# --- Pages ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("side", "number"), [("3", 3), ("0", 1), ("-2", 1), ("x", 1), ("99999999", web.MAX_PAGE)])
def test_the_page_number_is_read_within_bounds(side, number):
    assert web.page_number(_request(data={"side": side})) == number


def test_a_page_knows_its_neighbours_without_counting():
    rows = list(range(12))
    first = web.paginate(rows, _request(), size=5)
    assert (first.rows, first.has_previous, first.has_next) == ([0, 1, 2, 3, 4], False, True)
    last = web.paginate(rows, _request(data={"side": "3"}), size=5)
    assert (last.rows, last.has_previous, last.has_next) == ([10, 11], True, False)
    assert (last.previous_page_number, last.next_page_number) == (2, 4)


def test_a_counted_page_reads_the_same_parameter():
    page = web.counted_page(list(range(12)), _request(data={"side": "2"}), size=5)
    assert (list(page.object_list), page.paginator.num_pages) == ([5, 6, 7, 8, 9], 3)


@pytest.mark.django_db
def test_a_counted_page_given_its_count_runs_no_count(django_assert_num_queries):
    from accounts.models import Jobcenter

    with django_assert_num_queries(1):  # the page's rows only
        page = web.counted_page(Jobcenter.objects.order_by("pk"), _request(data={"side": "2"}), size=5, count=12)
        assert list(page.object_list) == [] and page.paginator.num_pages == 3


@pytest.mark.parametrize(
    ("query", "initial"),
    [
        ({}, {}),
        ({"company": "7"}, {"company": "7"}),
        ({"company": ""}, {"company": None}),
        ({"company": "x"}, {"company": None}),
    ],
)
def test_a_choice_in_the_query_becomes_initial_data_and_an_emptied_one_none(query, initial):
    assert web.chosen_in_query(_request(data=query), "company") == initial


def test_query_without_drops_the_page_and_keeps_the_filters():
    request = _request(data={"q": "Ærø", "side": "4", "status": "aktiv"})
    assert web.query_without(request) == "q=%C3%86r%C3%B8&status=aktiv"
    assert web.query_without(request, "side", "status") == "q=%C3%86r%C3%B8"


def test_the_pager_links_keep_the_filters():
    from django.template.loader import render_to_string

    page = web.paginate(list(range(60)), _request(data={"side": "2"}), size=25)
    html = render_to_string("includes/pager.html", {"page": page, "query": "q=anna"})
    assert 'href="?q=anna&amp;side=1"' in html
    assert 'href="?q=anna&amp;side=3"' in html
    counted = web.counted_page(list(range(60)), _request(data={"side": "2"}), size=25)
    assert "Side 2 af 3" in render_to_string("includes/pager.html", {"page": counted, "query": ""})
    alone = web.paginate([1], _request(), size=25)
    assert "<nav" not in render_to_string("includes/pager.html", {"page": alone, "query": ""})


@pytest.mark.parametrize(
    ("side", "shown"),
    [
        ("1", [1, 2, 3, None, 4000]),
        ("40", [1, None, 38, 39, 40, 41, 42, None, 4000]),
        ("4000", [1, None, 3998, 3999, 4000]),
    ],
)
def test_a_long_list_pager_shows_the_ends_and_the_neighbours_not_every_page(side, shown):
    """A year of the outbox is 4,000 pages: the pager writes nine items at most, not a loop over all of them
    (it cost the outbox page a third of a second)."""
    import re

    from django.template.loader import render_to_string

    counted = web.counted_page(range(4000 * 50), _request(data={"side": side}), size=50)
    html = render_to_string("includes/pager.html", {"page": counted, "query": "status=sent"})
    items = re.findall(
        r'<li class="pagination-item pagination-(number|overflow)">(?:<a href="\?status=sent&amp;side=(\d+)")?', html
    )
    assert [int(number) if kind == "number" else None for kind, number in items] == shown
    assert html.count('aria-current="page"') == 1 and f"Side {side} af 4000" in html


# --- Forms and services ---------------------------------------------------------------------------


def test_a_service_error_lands_at_its_field_or_on_top():
    form = NameForm({"name": "Anna"})
    assert form.is_valid()
    web.form_errors_from(form, ValidationError({"name": "Navnet er taget.", "cpr": "Ikke et felt her."}))
    assert form.errors["name"] == ["Navnet er taget."]
    assert form.non_field_errors() == ["Ikke et felt her."]
    plain = NameForm({"name": "Anna"})
    plain.is_valid()
    web.form_errors_from(plain, ValidationError("Borgeren er afsluttet."))
    assert plain.non_field_errors() == ["Borgeren er afsluttet."]


def test_form_submit_runs_the_service_only_for_a_valid_post():
    calls = []

    def service():
        calls.append(1)

    get = _request()
    assert web.form_submit(get, NameForm(None), service, success_message="Gemt.", redirect_to="/") is None
    invalid = _request("post", {"name": ""})
    form = NameForm(invalid.POST)
    assert web.form_submit(invalid, form, service, success_message="Gemt.", redirect_to="/") is None
    assert calls == []
    assert "name" in form.errors


def test_form_submit_redirects_with_the_message_built_from_the_result():
    request = _request("post", {"name": "Anna"})
    form = NameForm(request.POST)
    response = web.form_submit(
        request,
        form,
        lambda: form.cleaned_data["name"].upper(),
        success_message=lambda name: f"{name} er oprettet.",
        redirect_to=lambda name: f"/personer/{name}/",
    )
    assert (response.status_code, response["Location"]) == (302, "/personer/ANNA/")
    assert [str(m) for m in get_messages(request)] == ["ANNA er oprettet."]


def test_form_submit_puts_a_refusal_on_the_form_and_says_nothing_else():
    request = _request("post", {"name": "Anna"})
    form = NameForm(request.POST)

    def refuse():
        raise ValidationError({"name": "Navnet er taget."})

    assert web.form_submit(request, form, refuse, success_message="Gemt.", redirect_to="/") is None
    assert form.errors["name"] == ["Navnet er taget."]
    assert list(get_messages(request)) == []


def test_action_submit_turns_a_refusal_into_one_error_message():
    request = _request("post")

    def refuse():
        raise ValidationError(["Aftalen er ikke en kladde.", "Vælg en mentor."])

    assert web.action_submit(request, refuse, success_message="Trådt i kraft.") is None
    assert [(m.level_tag, str(m)) for m in get_messages(request)] == [
        ("error", "Aftalen er ikke en kladde. Vælg en mentor.")
    ]
    done = _request("post")
    assert web.action_submit(done, lambda: 7, success_message="Trådt i kraft.") == 7
    assert [str(m) for m in get_messages(done)] == ["Trådt i kraft."]
    counted = _request("post")
    web.action_submit(counted, lambda: [1, 2, 3], success_message=lambda rows: f"{len(rows)} forløb er foreslået.")
    assert [str(m) for m in get_messages(counted)] == ["3 forløb er foreslået."]


def test_a_button_rows_form_errors_read_as_one_message():
    form = NameForm({"name": ""})
    form.is_valid()
    form.add_error(None, "Vælg en virksomhed fra listen.")
    assert web.form_errors_message(form) == "Dette felt er påkrævet. Vælg en virksomhed fra listen."


# --- Signed links ---------------------------------------------------------------------------------


def test_a_signed_id_is_read_back_only_for_its_own_purpose():
    token = web.signed_id(42, purpose="courses.invitation")
    assert web.read_signed_id(token, purpose="courses.invitation", max_age=60) == 42
    assert web.read_signed_id(token, purpose="courses.evaluation", max_age=60) is None
    assert (
        web.read_signed_id(token[:-1] + ("A" if token[-1] != "A" else "B"), purpose="courses.invitation", max_age=60)
        is None
    )


def test_a_signed_id_expires():
    with time_machine.travel(timezone.now() - timezone.timedelta(hours=2)):
        token = web.signed_id(42, purpose="courses.offer")
    assert web.read_signed_id(token, purpose="courses.offer", max_age=3600) is None
    assert web.read_signed_id(token, purpose="courses.offer", max_age=3 * 3600) == 42


def test_the_course_links_keep_their_format():
    """Links already sent in e-mails are django.core.signing.dumps(pk, salt=kind): they still open."""
    from django.core import signing

    from courses import tokens

    sent_before = signing.dumps(7, salt=tokens.INVITATION, compress=False)
    assert tokens.read(tokens.INVITATION, sent_before) == 7
    assert tokens.make(tokens.INVITATION, 7).split(":")[0] == sent_before.split(":")[0]


def test_a_single_use_token_is_signed_for_its_purpose_and_stored_as_a_hash():
    token = web.link_token(purpose="matching.offer")
    assert web.link_token_is_signed(token, purpose="matching.offer")
    assert not web.link_token_is_signed(token, purpose="companies.leader_invitation")
    assert not web.link_token_is_signed(token + "x", purpose="matching.offer")
    assert token != web.link_token(purpose="matching.offer")
    assert len(web.link_token_hash(token)) == 64
    assert token not in web.link_token_hash(token)


@pytest.mark.django_db
def test_a_leader_invitation_sent_before_tokens_were_signed_still_opens(world):
    from companies import services
    from companies.tests.factories import CompanyFactory, LeaderInvitationFactory

    company = CompanyFactory(jobcenter=world.jobcenter)
    invitation = LeaderInvitationFactory(company=company, token="aB3-raw-token-from-an-old-mail")
    assert services.invitation_for_token("aB3-raw-token-from-an-old-mail") == invitation
    with pytest.raises(services.InvitationError):
        services.invitation_for_token("aB3-raw-token-from-an-old-mai")


# --- Danish numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("57629.5"), "57.629,50 kr."),
        (Decimal("1234567.5"), "1.234.567,50 kr."),
        (Decimal("0"), "0,00 kr."),
        (Decimal("1825.275"), "1.825,28 kr."),  # half up, as a payslip
        (245, "245,00 kr."),
        (None, ""),
    ],
)
def test_money(value, text):
    assert dk_money(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(40, "40,0"), (Decimal("40.00"), "40,0"), (Decimal("7.5"), "7,5"), (Decimal("2.25"), "2,25"), (1234, "1.234,0")],
)
def test_hours(value, text):
    assert dk_hours(value) == text


def test_numbers():
    assert dk_number(1234567) == "1.234.567"
    assert dk_number(12.5, 2) == "12,50"
    assert dk_number(12.5, 2, trim=True) == "12,5"
    assert dk_number(Decimal("3.00"), 2, trim=True) == "3"
    assert dk_number(Decimal("1000.0"), 1, trim=True) == "1.000"
    assert dk_number(Decimal("185"), 2, grouping=False) == "185,00"
    assert dk_number(Decimal("5000.5"), 2, grouping=False) == "5000,50"


def test_the_template_filters_write_the_same():
    from django.template import Context, Template

    html = Template(
        "{% load dk %}{{ a|dk_money }} | {{ h|dk_hours }} | {{ n|dk_number }} | {{ d|dk_number:1 }}"
    ).render(Context({"a": Decimal("57629.5"), "h": Decimal("40"), "n": 12000, "d": 3.25}))
    assert html == "57.629,50 kr. | 40,0 | 12.000 | 3,3"


def test_the_subject_access_export_writes_danish_numbers():
    from audit.export import _text

    assert [_text(Decimal("40.00")), _text(Decimal("7.50")), _text(Decimal("1234.25"))] == ["40", "7,5", "1.234,25"]
