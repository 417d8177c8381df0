"""The jobcenter admin's text pages, and the pages that show the texts: each jobcenter sees and edits only its
own wording, the product's text is the default, and no HTML a user writes ever reaches a page."""

from html import escape

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from audit.models import ActivityLog
from corps.editable_texts import APPLY, apply_default
from portal.editable_texts import SCHEME
from texts import registry
from texts.models import Text

pytestmark = pytest.mark.django_db

EDIT = reverse("texts:edit", kwargs={"key": SCHEME})


def stored(jobcenter, key=SCHEME):
    with scopes_disabled():
        row = Text.objects.filter(jobcenter=jobcenter, key=key).first()
    return row.body if row else None


def other_admin(world):
    from accounts.models import Role
    from accounts.tests.factories import MembershipFactory, UserFactory

    return MembershipFactory(jobcenter=world.other_jobcenter, role=Role.JOBCENTER_ADMIN, user=UserFactory()).user


def test_the_list_shows_every_text_changed_or_standard_in_few_queries(world, login, django_assert_max_num_queries):
    Text.objects.create(jobcenter=world.jobcenter, key=SCHEME, body="Vores egen tekst.")
    Text.objects.create(jobcenter=world.other_jobcenter, key=APPLY, body="Haderslevs egen tekst.")
    client = login(world.jobcenter_admin)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("texts:list"))
    body = response.content.decode()
    assert response.status_code == 200
    for text in registry.all_texts():
        assert reverse("texts:edit", kwargs={"key": text.key}) in body
    assert body.count(">ændret<") == 1  # only this jobcenter's change; the other jobcenter's is not counted
    assert body.count(">standard<") == len(registry.all_texts()) - 1
    assert "Indledning i e-mails" in body and "Kvittering for ansøgning til mentorkorpset" in body


def test_the_edit_page_starts_from_the_products_text(world, login, django_assert_max_num_queries):
    client = login(world.jobcenter_admin)
    with django_assert_max_num_queries(8):
        response = client.get(EDIT)
    body = response.content.decode()
    assert response.context["form"]["body"].value().startswith("Mentorordningen er en af de muligheder")
    assert "<h2>Lederens rolle og opgave</h2>" in body  # the preview of the default
    assert "Gendan standard" not in body  # nothing to restore


def test_preview_shows_the_text_and_saves_nothing(world, login):
    client = login(world.jobcenter_admin)
    response = client.post(EDIT, {"body": "Hej **ledere**\n\n- [Læs mere](https://favrskov.dk)", "preview": "1"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<p>Hej <strong>ledere</strong></p>" in body
    assert '<li><a href="https://favrskov.dk">Læs mere</a></li>' in body
    assert stored(world.jobcenter) is None
    assert not ActivityLog.objects.filter(action__startswith="texts.").exists()


def test_save_then_restore_the_default(world, login):
    client = login(world.jobcenter_admin)
    response = client.post(EDIT, {"body": "Vores **egen** tekst.\r\n\r\nAndet afsnit.  \r\n", "save": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("texts:list")
    assert stored(world.jobcenter) == "Vores **egen** tekst.\n\nAndet afsnit."
    page = client.get(EDIT).content.decode()
    assert "Gendan standard" in page and ">ændret<" in page

    response = client.post(reverse("texts:reset", kwargs={"key": SCHEME}))
    assert response.status_code == 302
    assert stored(world.jobcenter) is None
    actions = list(ActivityLog.objects.order_by("pk").values_list("action", "data"))
    assert actions == [("texts.text.updated", {"key": SCHEME}), ("texts.text.reset", {"key": SCHEME})]


def test_saving_the_products_own_text_stores_nothing(world, login):
    client = login(world.jobcenter_admin)
    key = APPLY
    with_trailing_space = apply_default().replace("\n\n", "  \n\n") + "\n"
    response = client.post(reverse("texts:edit", kwargs={"key": key}), {"body": with_trailing_space})
    assert response.status_code == 302
    assert stored(world.jobcenter, key) is None


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("", "Skriv en tekst, eller gendan standardteksten."),
        ("Klik [her](javascript:alert(1))", "Et link skal begynde med https://, http:// eller mailto:"),
        (
            "Klik [her](javascript:alert)",
            "Et link skal begynde med https://, http:// eller mailto: (ikke javascript:alert)",
        ),
        ("<script>alert(1)</script>", "HTML kan ikke bruges."),
        ("Ring om 010190-1234", "Teksten må ikke indeholde et CPR-nummer."),
        ("x" * 6001, "Teksten må højst være 6000 tegn lang; den er 6001."),
    ],
)
@pytest.mark.parametrize("button", ["save", "preview"])
def test_bad_text_gets_a_danish_error_at_the_field_and_nothing_is_saved(world, login, body, error, button):
    Text.objects.create(jobcenter=world.jobcenter, key=SCHEME, body="Den gamle tekst.")
    client = login(world.jobcenter_admin)
    response = client.post(EDIT, {"body": body, button: "1"})
    assert response.status_code == 200
    assert any(error in message for message in response.context["form"].errors["body"])
    assert error.split(" (")[0].split("<")[0] in response.content.decode().replace("&#x27;", "'")
    assert stored(world.jobcenter) == "Den gamle tekst."
    assert "preview_html" not in response.context
    assert not ActivityLog.objects.filter(action__startswith="texts.").exists()


RECEIPT = registry.email_key("corps.application_received")
RECEIPT_EDIT = reverse("texts:edit", kwargs={"key": RECEIPT})


def test_an_e_mail_opening_round_trip(world, login, django_assert_max_num_queries):
    client = login(world.jobcenter_admin)
    with django_assert_max_num_queries(8):
        page = client.get(RECEIPT_EDIT)
    body = page.content.decode()
    # The field starts from the e-mail's own sentence; the placeholders are listed next to it; the preview fills
    # the examples in.
    default = "Tak for din ansøgning om at blive mentor i {jobcenter}. Vi har modtaget den."
    assert page.context["form"]["body"].value() == default
    assert "<code>{fornavn}</code>" in body and "<code>{jobcenter}</code>" in body and "modtagerens fornavn" in body
    assert "<p>Tak for din ansøgning om at blive mentor i Jobcenter Favrskov. Vi har modtaget den.</p>" in body

    edited = "Kære **{fornavn}**, tak fra {jobcenter}!\r\n\r\n- Ring til os"
    preview = client.post(RECEIPT_EDIT, {"body": edited, "preview": "1"})
    assert "<p>Kære <strong>Lars</strong>, tak fra Jobcenter Favrskov!</p>" in preview.content.decode()
    assert preview.context["preview_text"] == "Kære Lars, tak fra Jobcenter Favrskov!\n\n- Ring til os"
    assert stored(world.jobcenter, RECEIPT) is None

    response = client.post(RECEIPT_EDIT, {"body": edited, "save": "1"})
    assert response.status_code == 302
    assert stored(world.jobcenter, RECEIPT) == "Kære **{fornavn}**, tak fra {jobcenter}!\n\n- Ring til os"
    again = client.get(RECEIPT_EDIT)
    assert again.context["form"]["body"].value() == stored(world.jobcenter, RECEIPT)
    assert "<p>Kære <strong>Lars</strong>, tak fra Jobcenter Favrskov!</p>" in again.content.decode()

    # Saving the product's sentence again stores nothing: the e-mail follows the product.
    assert client.post(RECEIPT_EDIT, {"body": default, "save": "1"}).status_code == 302
    assert stored(world.jobcenter, RECEIPT) is None


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("Hej {navn}", "Ukendt pladsholder: {navn}. Du kan bruge: {fornavn}, {jobcenter}."),
        ("Hej {fornavn} og {cpr} og {helbred}", "Ukendt pladsholder: {cpr}, {helbred}."),
        ("Hej {fornavn", "En krøllet parentes står alene."),
        ("Hej fornavn}", "En krøllet parentes står alene."),
        ("Hej {Fornavn}", "En krøllet parentes står alene."),
        ("Hej {{fornavn}}", "En krøllet parentes står alene."),
        # A value put into a link's address would choose where the link leads.
        ("Se [siden](https://{jobcenter}/log-ind)", "En pladsholder kan ikke stå i et links adresse."),
        ("[Skriv](mailto:{fornavn}@jobcenter.dk)", "En pladsholder kan ikke stå i et links adresse."),
        ("<b>Hej</b> {fornavn}", "HTML kan ikke bruges."),
        ("Hej {fornavn}, dit CPR 010190-1234", "Teksten må ikke indeholde et CPR-nummer."),
        ("", "Skriv en tekst, eller gendan standardteksten."),
    ],
)
@pytest.mark.parametrize("button", ["save", "preview"])
def test_a_bad_e_mail_opening_gets_a_danish_error_at_the_field_and_nothing_is_saved(world, login, body, error, button):
    Text.objects.create(jobcenter=world.jobcenter, key=RECEIPT, body="Den gamle tekst, {fornavn}.")
    client = login(world.jobcenter_admin)
    response = client.post(RECEIPT_EDIT, {"body": body, button: "1"})
    assert response.status_code == 200
    errors = response.context["form"].errors["body"]
    assert any(error.split(" Du kan")[0] in message for message in errors), errors
    page = response.content.decode().replace("&#x27;", "'")
    # At the field: in its error message, between its label and the text area.
    at_field = page[page.index('id="id_body_error"') : page.index("<textarea")]
    assert escape(error.split(" Du kan")[0]) in at_field
    assert stored(world.jobcenter, RECEIPT) == "Den gamle tekst, {fornavn}."
    assert "preview_html" not in response.context
    assert not ActivityLog.objects.filter(action__startswith="texts.").exists()


def test_an_unknown_key_is_not_found(world, login):
    client = login(world.jobcenter_admin)
    assert client.get(reverse("texts:edit", kwargs={"key": "portal.findes_ikke"})).status_code == 404
    assert client.post(reverse("texts:reset", kwargs={"key": "email.findes.ikke"})).status_code == 404


def test_one_jobcenters_admin_never_sees_or_changes_anothers_text(world, login):
    Text.objects.create(jobcenter=world.jobcenter, key=SCHEME, body="Favrskovs egen tekst.")
    client = login(other_admin(world))
    page = client.get(EDIT).content.decode()
    assert "Favrskovs egen tekst" not in page and "Gendan standard" not in page
    assert "Favrskovs" not in client.get(reverse("texts:list")).content.decode()

    assert client.post(EDIT, {"body": "Haderslevs egen tekst."}).status_code == 302
    assert client.post(reverse("texts:reset", kwargs={"key": SCHEME})).status_code == 302
    assert stored(world.jobcenter) == "Favrskovs egen tekst."
    assert stored(world.other_jobcenter) is None


def test_the_portal_page_shows_the_jobcenters_text(world, login, django_assert_max_num_queries):
    url = reverse("portal:scheme")
    client = login(world.leader_a)
    default = client.get(url).content.decode()
    assert "<h2>Hvad får virksomheden ud af en mentorordning?</h2>" in default
    assert "<li><strong>Hurtigere indslusning</strong>: Det tager kortere tid" in default
    assert "Søg om frikøb" in default

    Text.objects.create(
        jobcenter=world.jobcenter, key=SCHEME, body="Ring til **Favrskov**.\n\n<script>alert(1)</script>"
    )
    Text.objects.create(jobcenter=world.other_jobcenter, key=SCHEME, body="Haderslevs egen tekst.")
    with django_assert_max_num_queries(10):
        edited = client.get(url).content.decode()
    assert "<p>Ring til <strong>Favrskov</strong>.</p>" in edited
    assert "<script>alert(1)</script>" not in edited and "&lt;script&gt;alert(1)&lt;/script&gt;" in edited
    assert "Hurtigere indslusning" not in edited and "Haderslevs" not in edited
    assert "Søg om frikøb" in edited


def test_the_bliv_mentor_page_shows_each_jobcenters_text(world, client, django_assert_max_num_queries):
    Text.objects.create(
        jobcenter=world.jobcenter, key=APPLY, body="Bliv mentor i **Favrskov**: [læs mere](javascript:alert(1))"
    )
    with django_assert_max_num_queries(10):
        favrskov = client.get(reverse("corps_public:apply", kwargs={"jobcenter_slug": "favrskov"})).content.decode()
    haderslev = client.get(reverse("corps_public:apply", kwargs={"jobcenter_slug": "haderslev"})).content.decode()
    assert (
        '<p class="font-lead">Bliv mentor i <strong>Favrskov</strong>: [læs mere](javascript:alert(1))</p>' in favrskov
    )
    assert "javascript:alert" not in favrskov.replace("[læs mere](javascript:alert(1))", "")
    assert "Som mentor i jobcentrets mentorkorps" not in favrskov
    assert '<p class="font-lead">Som mentor i jobcentrets mentorkorps støtter du' in haderslev
    assert "Favrskov**" not in haderslev and "Bliv mentor i <strong>" not in haderslev
