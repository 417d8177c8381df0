"""Every e-mail kind opens with the jobcenter's own text, when it has written one, right after the greeting;
another jobcenter's e-mails of the same kind do not."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django_scopes import scopes_disabled

from accounts.models import Role
from accounts.tests.factories import MembershipFactory
from citizens.tests.factories import CitizenFactory, PlacementFactory
from corps import services as corps_services
from corps.tests.test_services import application_data
from notifications import kinds
from notifications.fanout import weekly_reminders_tick
from notifications.models import Message
from notifications.rendering import render, render_fast
from notifications.tests.factories import TEST_KIND
from texts import registry
from texts.models import Text
from texts.selectors import email_opening_context

OPENING = (
    "Tak, fordi du er med i **Favrskovs** mentorordning.\n\n- Ring på [tlf. 89 64 00 00](https://favrskov.dk/kontakt)"
)
OPENING_TEXT = (
    "Tak, fordi du er med i Favrskovs mentorordning.\n\n- Ring på tlf. 89 64 00 00 (https://favrskov.dk/kontakt)"
)
OPENING_HTML = "<p>Tak, fordi du er med i <strong>Favrskovs</strong> mentorordning.</p>"
# The product's kinds (notifications' tests register a kind of their own when they are collected).
EMAIL_KINDS = [kind.key for kind in kinds.all_kinds() if not kind.sms and kind.key != TEST_KIND]


def test_every_e_mail_kind_can_be_opened():
    keys = {text.key for text in registry.all_texts() if text.group == registry.EMAIL}
    assert keys - {registry.email_key(TEST_KIND)} == {registry.email_key(key) for key in EMAIL_KINDS}


@pytest.mark.django_db
@pytest.mark.parametrize("key", EMAIL_KINDS)
def test_every_e_mail_kind_shows_the_opening_right_after_the_greeting(key):
    kind = kinds.get(key)
    context = kind.example_context()
    templates = {"subject_template": kind.subject_template, "text_template": kind.text_template}
    templates["html_template"] = kind.html_template
    plain = render(**templates, context=context)
    assert render(**templates, context={**context, **email_opening_context("")}) == plain
    _subject, text, html = render(**templates, context={**context, **email_opening_context(OPENING)})
    assert OPENING_TEXT in text
    greeting, _sep, rest = text.partition(OPENING_TEXT)
    assert greeting.startswith("Kære ") and greeting.count("\n") == 2, "the opening follows the greeting's line"
    assert rest.startswith("\n\n") and rest.strip() and rest.strip() in plain[1]
    if kind.html_template:
        assert OPENING_HTML in html and html.index("Kære") < html.index(OPENING_HTML)
        assert html.replace(str(email_opening_context(OPENING)["opening_html"]) + "\n", "") == plain[2]


@pytest.mark.django_db
@pytest.mark.parametrize("key", [kind.key for kind in kinds.all_kinds() if kind.deferred_context is not None])
def test_fast_rendering_shows_the_opening_as_normal_rendering_does(key):
    kind = kinds.get(key)
    context = {k: v for k, v in kind.example_context().items() if k != "citizen"}
    context |= email_opening_context(OPENING + "\n\n<b>&</b>")
    expected = render(
        subject_template=kind.subject_template,
        text_template=kind.text_template,
        html_template=kind.html_template,
        context=context,
    )
    assert render_fast(kind=kind, context=context) == expected
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in expected[2] and "<b>&</b>" in expected[1]


@pytest.mark.django_db
def test_a_sent_receipt_opens_with_its_jobcenters_text_only(world, django_capture_on_commit_callbacks):
    Text.objects.create(jobcenter=world.jobcenter, key=registry.email_key("corps.application_received"), body=OPENING)
    Text.objects.create(jobcenter=world.jobcenter, key=registry.email_key("matching.offer"), body="Andet")
    with django_capture_on_commit_callbacks(execute=True):
        for jobcenter, email in ((world.jobcenter, "a@example.dk"), (world.other_jobcenter, "b@example.dk")):
            corps_services.mentor_apply(
                jobcenter=jobcenter, data=application_data(email=email), competences=[], languages=[]
            )
    sent = {message.to[0].split("<")[-1].rstrip(">"): message for message in mail.outbox}
    assert set(sent) == {"a@example.dk", "b@example.dk"}, [message.to for message in mail.outbox]
    favrskov, haderslev = sent["a@example.dk"], sent["b@example.dk"]
    assert OPENING_TEXT in favrskov.body and OPENING_HTML in favrskov.alternatives[0].content
    assert favrskov.body.index("Kære") < favrskov.body.index(OPENING_TEXT) < favrskov.body.index("Tak for din")
    assert "Favrskovs" not in haderslev.body and "Favrskovs" not in haderslev.alternatives[0].content
    assert "Andet" not in favrskov.body


@pytest.mark.django_db
@time_machine.travel(datetime(2026, 11, 23, 7, 0, tzinfo=ZoneInfo("Europe/Copenhagen")), tick=False)
def test_a_weekly_reminder_rendered_at_send_time_opens_with_its_jobcenters_text(
    world, django_capture_on_commit_callbacks
):
    for jobcenter in (world.jobcenter, world.other_jobcenter):
        placement = PlacementFactory(citizen=CitizenFactory(jobcenter=jobcenter))
        # The job consultant is a coordinator there, who may act on the reminder.
        MembershipFactory(jobcenter=jobcenter, user=placement.responsible, role=Role.COORDINATOR)
    Text.objects.create(
        jobcenter=world.jobcenter, key=registry.email_key("notifications.weekly_followup"), body=OPENING
    )
    with django_capture_on_commit_callbacks(execute=True):
        weekly_reminders_tick(now=datetime(2026, 11, 23, 7, 0, tzinfo=ZoneInfo("Europe/Copenhagen")))
    with scopes_disabled():
        rows = Message.objects.filter(kind="notifications.weekly_followup")
        jobcenters = {row.recipient_email.lower(): row.jobcenter_id for row in rows}
    assert set(jobcenters.values()) == {world.jobcenter.pk, world.other_jobcenter.pk}
    assert len(mail.outbox) == len(jobcenters)
    for message in mail.outbox:
        ours = jobcenters[message.to[0].split("<")[-1].rstrip(">").lower()] == world.jobcenter.pk
        assert (OPENING_TEXT in message.body) is ours
        assert (OPENING_HTML in message.alternatives[0].content) is ours
