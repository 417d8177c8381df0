"""Every e-mail kind opens, right after the greeting, with its opening: the product's own sentence (exactly as the
e-mail said it before the opening could be edited) or the jobcenter's wording, whose placeholders are filled from
the message's own context, plain in the text part and escaped in the HTML part; another jobcenter's e-mails of
the same kind keep the product's sentence."""

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django_scopes import scopes_disabled

from accounts.models import Role
from accounts.tests.factories import MembershipFactory
from citizens import handoffs as citizen_handoffs
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
from texts.placeholders import compile_opening
from texts.selectors import opening_context

# The product's kinds (notifications' tests register a kind of their own when they are collected).
EMAIL_KINDS = [kind.key for kind in kinds.all_kinds() if not kind.sms and kind.key != TEST_KIND]

# Each e-mail's first sentence after the greeting as the product sent it before the opening could be edited,
# for its kind's example context (taken from the templates' rendering before the change).
BEFORE = {
    "citizens.agreement_ending": "Mentoraftalen med Mette udløber den 21.12.2026, om højst 4 uger.",
    "citizens.first_meeting_cancelled": "Opstartsmødet om mentorforløbet med Mette tirsdag 15. december 2026 kl. "
    "10.00-11.00 er aflyst. Jobcentret vender tilbage med et nyt tidspunkt.",
    "citizens.first_meeting_invitation": "Du er inviteret til opstartsmødet om mentorforløbet med Mette. Her aftaler "
    "I forventninger, mål og opgaver.",
    "companies.leader_invitation": "Jobcenter Favrskov inviterer dig som leder af Hammel Maskinfabrik A/S til "
    "virksomhedsportalen i Mentorordningen.",
    "corps.application_received": "Tak for din ansøgning om at blive mentor i Jobcenter Favrskov. Vi har modtaget den.",
    "corps.applications_waiting": "3 ansøgninger til mentorkorpset venter på screening. Den ældste har ventet 9 dage.",
    "courses.cancelled": "Vi må desværre aflyse:",
    "courses.evaluation": "Tak for din deltagelse i:",
    "courses.invitation": "Jobcenter Favrskov inviterer til:",
    "courses.offer": "Der er blevet en plads ledig, og du står først på ventelisten til:",
    "courses.registered": "Du er tilmeldt:",
    "courses.registration_cancelled": "Du er nu afmeldt:",
    "courses.reminder": "Vi glæder os til at se dig til:",
    "courses.updated": "Tid eller sted er ændret. Sådan ser det ud nu:",
    "courses.waiting": "Kurset er fuldt, så du er skrevet på ventelisten til:",
    "matching.offer": "Jobcenter Favrskov vil gerne tilbyde dig en ny mentoropgave med Mette.",
    "matching.offer_waiting": "Den 23.11.2026 tilbød Jobcenter Favrskov dig en mentoropgave med Mette. Vi har ikke "
    "fået dit svar endnu.",
    "notifications.daily_digest": "Du har valgt at få disse beskeder samlet i én e-mail om dagen. Siden sidst er der "
    "kommet 2:",
    "notifications.followup_overdue": "Der er ikke registreret nogen opfølgning på forløbet i virksomheden med Mette i "
    "8 dage eller mere.",
    "notifications.weekly_followup": "Det er tid til den ugentlige opfølgning (uge 48). Du er tilknyttet disse 3 "
    "forløb:",
}
# A hand-off's first line was written by its step (citizens/companies/matching handoffs.py) with these formats;
# the example context carries the placeholders' example values.
_EXAMPLE = {
    "company": "Hammel Maskinfabrik A/S",
    "citizen": "Mette",
    "type": "virksomhedspraktik",
    "start": "05.01.2027",
    "end": "18.06.2027",
    "count": "2",
    "cohort": "Forår 2027",
    "month": "november 2026",
    "mentor": "Birgitte Mølgaard",
    "when": "tirsdag 15. december 2026 kl. 10.00-11.00",
    "place": "Jobcentret, Skovvej 20, 8382 Hinnerup",
}
_HANDOFF_FORMATS = {
    "citizens.handoff.placement_proposed": "Jobcentret foreslår et forløb i %(type)s for %(citizen)s fra %(start)s til "
    "%(end)s.",
    "matching.handoff.cohort_proposed": "Jobcentret foreslår %(count)s forløb i %(type)s fra %(start)s til %(end)s som "
    "en del af holdet %(cohort)s. Sig ja eller nej til hvert forløb i portalen. Borgerne:",
    "citizens.handoff.placement_accepted": "%(company)s har sagt ja til forløbet for %(citizen)s og valgt "
    "virksomhedsmentor.",
    "citizens.handoff.placement_declined": "%(company)s har sagt nej til forløbet for %(citizen)s. Begrundelsen står "
    "på forløbet.",
    "citizens.handoff.follow_up_by_company": "%(company)s har skrevet en opfølgning på forløbet for %(citizen)s.",
    "citizens.handoff.assessment_by_company": "%(company)s har vurderet udviklingen for %(citizen)s på "
    "kompetencekortene.",
    "citizens.handoff.citizen_referred": "%(citizen)s er henvist og venter på en mentor.",
    "citizens.handoff.first_meeting_planned": "Opstartsmøde om mentorforløbet for %(citizen)s: %(when)s, %(place)s.",
    "citizens.handoff.first_meeting_cancelled": "Opstartsmødet om mentorforløbet for %(citizen)s %(when)s er aflyst "
    "for dig.",
    "companies.handoff.claim_submitted": "%(company)s har sendt en anmodning om frikøb af mentorens tid for %(month)s, "
    "som skal behandles.",
    "companies.handoff.claim_approved": "Anmodningen om frikøb for %(month)s er godkendt og går videre til udbetaling.",
    "companies.handoff.claim_rejected": "Anmodningen om frikøb for %(month)s er afvist. I kan rette den og sende den "
    "igen.",
    "companies.handoff.course_nomination": "%(company)s har indstillet virksomhedsmentoren %(mentor)s til et "
    "mentorkursus.",
    "matching.handoff.offer_declined": "%(mentor)s har sagt nej til at blive mentor for %(citizen)s.",
}
BEFORE |= {key: text % _EXAMPLE for key, text in _HANDOFF_FORMATS.items()}


def _example(key: str) -> dict:
    context = kinds.get(key).example_context()
    if key == "citizens.first_meeting_invitation":
        context["moved"] = False  # a moved meeting says so instead (below)
    return context


def _render(key: str, context: dict) -> tuple[str, str, str]:
    kind = kinds.get(key)
    return render(
        subject_template=kind.subject_template,
        text_template=kind.text_template,
        html_template=kind.html_template,
        context=context,
    )


def test_every_e_mail_kind_has_an_opening_to_edit():
    keys = {text.key for text in registry.all_texts() if text.group == registry.EMAIL}
    assert keys == {registry.email_key(key) for key in EMAIL_KINDS}
    assert set(BEFORE) == set(EMAIL_KINDS)
    for key in EMAIL_KINDS:
        opening = kinds.get(key).opening
        assert opening is not None and {"fornavn"} <= opening.names(), key


@pytest.mark.django_db
@pytest.mark.parametrize("key", EMAIL_KINDS)
def test_the_default_opening_is_the_sentence_the_e_mail_said_before(key):
    context = _example(key)
    _subject, text, html = _render(key, {**context, **opening_context(key, context)})
    sentence = BEFORE[key]
    assert text.count(sentence) == 1, text
    greeting, _sep, rest = text.partition(sentence)
    assert greeting.startswith("Kære ") and greeting.count("\n") == 2, "the opening follows the greeting's line"
    assert rest.startswith("\n"), "the e-mail goes on after it as before"
    if kinds.get(key).html_template:
        paragraph = f"<p>{escape(sentence)}</p>"
        assert html.count(paragraph) == 1, html
        assert html.index("Kære") < html.index(paragraph)
        assert "{" not in html


@pytest.mark.django_db
def test_a_moved_first_meeting_says_so_instead_of_the_opening():
    key = "citizens.first_meeting_invitation"
    context = {**_example(key), "moved": True}
    _subject, text, _html = _render(key, {**context, **opening_context(key, context, body="Hej {fornavn}!")})
    assert "Opstartsmødet om mentorforløbet med Mette er ændret. Sådan ser det ud nu:" in text
    assert "Hej" not in text and BEFORE[key] not in text


@pytest.mark.django_db
def test_an_unchanged_receipt_is_the_whole_e_mail_it_always_was():
    context = _example("corps.application_received")
    subject, text, _html = _render(
        "corps.application_received",
        {**context, **opening_context(kinds.get("corps.application_received").key, context)},
    )
    assert subject == "Tak for din ansøgning til mentorkorpset i Jobcenter Favrskov"
    assert text == (
        "Kære Birgitte Mølgaard\n\n"
        "Tak for din ansøgning om at blive mentor i Jobcenter Favrskov. Vi har modtaget den.\n\n"
        "En koordinator læser din ansøgning og kontakter dig, typisk inden for et par uger, "
        "for at aftale en samtale.\n\n"
        "Vil du trække din ansøgning tilbage eller ændre noget, så skriv eller ring til os:\n"
        "jobcenter@favrskov.dk  Telefon 89 64 10 10\n\n"
        "Venlig hilsen\n"
        "Jobcenter Favrskov\n"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("key", EMAIL_KINDS)
def test_every_placeholder_of_a_kind_is_filled_in_both_parts(key):
    opening = kinds.get(key).opening
    context = _example(key)
    body = "**Hej** " + " / ".join(placeholder.written for placeholder in opening.placeholders)
    _subject, text, html = _render(key, {**context, **opening_context(key, context, body=body)})
    values = opening.values(context)
    expected = "Hej " + " / ".join(str(values[placeholder.name]) for placeholder in opening.placeholders)
    assert all(str(values[placeholder.name]) for placeholder in opening.placeholders), values
    assert text.count(expected) == 1 and "{" not in text
    if kinds.get(key).html_template:
        filled = " / ".join(escape(str(values[placeholder.name])) for placeholder in opening.placeholders)
        assert f"<p><strong>Hej</strong> {filled}</p>" in html


@pytest.mark.django_db
def test_a_value_is_escaped_in_html_and_never_becomes_markup():
    key = "corps.application_received"
    context = {
        **_example(key),
        "mentor_name": "<b>Bo</b> & Co",
        "jobcenter_name": 'Jobcenter **Øst** [klik](https://evil.example) "<script>"',
    }
    body = "Hej {fornavn}, velkommen til **{jobcenter}**."
    _subject, text, html = _render(key, {**context, **opening_context(key, context, body=body)})
    assert 'Hej <b>Bo</b>, velkommen til Jobcenter **Øst** [klik](https://evil.example) "<script>".' in text
    assert (
        "<p>Hej &lt;b&gt;Bo&lt;/b&gt;, velkommen til <strong>Jobcenter **Øst** [klik](https://evil.example) "
        "&quot;&lt;script&gt;&quot;</strong>.</p>"
    ) in html
    assert "<b>Bo" not in html and 'href="https://evil' not in html and "<script>" not in html


def test_a_value_of_zero_is_written_and_a_missing_one_is_empty():
    filled = compile_opening("{antal} nye, {dage} dage, {mangler}.").fill({"antal": 0, "dage": None})
    assert filled == {"opening_text": "0 nye,  dage, .", "opening_html": "<p>0 nye,  dage, .</p>"}


@pytest.mark.django_db
@pytest.mark.parametrize("key", [kind.key for kind in kinds.all_kinds() if kind.deferred_context is not None])
def test_fast_rendering_shows_the_opening_as_normal_rendering_does(key):
    kind = kinds.get(key)
    context = {k: v for k, v in kind.example_context().items() if k != "citizen"}
    for body in (None, "Hej {fornavn} <b>&</b>\n\n- uge {fornavn}"):
        full = {**context, **opening_context(key, context, body=body)}
        expected = _render(key, full)
        assert render_fast(kind=kind, context=full) == expected
    assert "Hej Lars &lt;b&gt;&amp;&lt;/b&gt;" in expected[2] and "Hej Lars <b>&</b>" in expected[1]


OPENING = "Hej {fornavn}! Tak, fordi du er med i **{jobcenter}s** mentorordning.\n\n- Ring på [tlf. 89 64 00 00](https://favrskov.dk/kontakt)"


@pytest.mark.django_db
def test_a_sent_receipt_opens_with_its_jobcenters_text_only(world, django_capture_on_commit_callbacks):
    Text.objects.create(jobcenter=world.jobcenter, key=registry.email_key("corps.application_received"), body=OPENING)
    Text.objects.create(jobcenter=world.jobcenter, key=registry.email_key("matching.offer"), body="Andet")
    with django_capture_on_commit_callbacks(execute=True):
        for jobcenter, email in ((world.jobcenter, "a@example.dk"), (world.other_jobcenter, "b@example.dk")):
            corps_services.mentor_apply(
                jobcenter=jobcenter,
                data=application_data(email=email, full_name="Åse Hansen"),
                competences=[],
                languages=[],
            )
    sent = {message.to[0].split("<")[-1].rstrip(">"): message for message in mail.outbox}
    assert set(sent) == {"a@example.dk", "b@example.dk"}, [message.to for message in mail.outbox]
    favrskov, haderslev = sent["a@example.dk"], sent["b@example.dk"]
    text = "Hej Åse! Tak, fordi du er med i Jobcenter Favrskovs mentorordning.\n\n- Ring på tlf. 89 64 00 00"
    html = "<p>Hej Åse! Tak, fordi du er med i <strong>Jobcenter Favrskovs</strong> mentorordning.</p>"
    assert text in favrskov.body and html in favrskov.alternatives[0].content
    assert "Tak for din ansøgning om at blive mentor" not in favrskov.body, "the opening replaces the sentence"
    assert favrskov.body.index("Kære") < favrskov.body.index(text) < favrskov.body.index("En koordinator")
    assert "Tak for din ansøgning om at blive mentor i Jobcenter Haderslev. Vi har modtaget den." in haderslev.body
    assert "Hej Åse" not in haderslev.body and "Hej Åse" not in haderslev.alternatives[0].content
    assert "Andet" not in favrskov.body


@pytest.mark.django_db
def test_a_hand_off_opens_with_its_jobcenters_text_filled_from_the_step(world):
    key = registry.email_key("citizens.handoff.citizen_referred")
    Text.objects.create(jobcenter=world.jobcenter, key=key, body="Kig på {borger_fornavn}, {fornavn}.")
    for jobcenter in (world.jobcenter, world.other_jobcenter):
        citizen = CitizenFactory(jobcenter=jobcenter, name="Ærø & Søn Hansen")
        citizen_handoffs.citizen_referred(citizen=citizen, actor=None)
    with scopes_disabled():
        ours = Message.objects.get(kind="citizens.handoff.citizen_referred", jobcenter=world.jobcenter)
        theirs = Message.objects.get(kind="citizens.handoff.citizen_referred", jobcenter=world.other_jobcenter)
    first = world.coordinator.full_name.split(" ")[0]
    assert f"\n\nKig på Ærø, {first}.\n" in ours.body_text
    assert f"<p>Kig på Ærø, {escape(first)}.</p>" in ours.body_html
    assert "Hansen" not in ours.body_text
    assert "\n\nÆrø er henvist og venter på en mentor.\n" in theirs.body_text


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
        jobcenter=world.jobcenter,
        key=registry.email_key("notifications.weekly_followup"),
        body="Uge {uge}: **{antal}** forløb, {fornavn}.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        weekly_reminders_tick(now=datetime(2026, 11, 23, 7, 0, tzinfo=ZoneInfo("Europe/Copenhagen")))
    with scopes_disabled():
        rows = Message.objects.filter(kind="notifications.weekly_followup")
        recipients = {row.recipient_email.lower(): (row.jobcenter_id, row.recipient_name) for row in rows}
    assert {jobcenter for jobcenter, _name in recipients.values()} == {world.jobcenter.pk, world.other_jobcenter.pk}
    assert len(mail.outbox) == len(recipients)
    for message in mail.outbox:
        jobcenter, name = recipients[message.to[0].split("<")[-1].rstrip(">").lower()]
        first = name.split(" ")[0]
        if jobcenter == world.jobcenter.pk:
            assert f"Uge 48: 1 forløb, {first}." in message.body
            assert f"<p>Uge 48: <strong>1</strong> forløb, {escape(first)}.</p>" in message.alternatives[0].content
            assert "Det er tid til den ugentlige opfølgning" not in message.body
        else:
            assert "Det er tid til den ugentlige opfølgning (uge 48). Du er tilknyttet disse 1 forløb:" in message.body
            assert "Uge 48:" not in message.alternatives[0].content


@pytest.mark.django_db
@time_machine.travel(datetime(2026, 12, 7, 23, 30, tzinfo=ZoneInfo("UTC")), tick=False)
def test_a_date_placeholder_of_a_moment_is_its_day_in_copenhagen(world):
    """Invited at 00.30 on 8 December in Copenhagen (23.30 UTC on the 7th): the link expires at 00.30 on the
    15th, so {dato} is the 15th, as the e-mail's own line about the expiry says, not the UTC day (the 14th)."""
    from companies import services as company_services

    Text.objects.create(
        jobcenter=world.jobcenter,
        key=registry.email_key("companies.leader_invitation"),
        body="Linket virker til {dato}.",
    )
    company_services.leader_invite(
        actor=world.coordinator, company=world.company_a, email="ny.leder@hammel.dk", full_name="Ny Leder"
    )
    with scopes_disabled():
        message = Message.objects.get(kind="companies.leader_invitation")
    assert "Linket udløber 15. december 2026 kl. 00.30." in message.body_text
    assert "Linket virker til 15. december 2026." in message.body_text
