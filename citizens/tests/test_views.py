import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import MembershipFactory, UserFactory
from audit.models import AccessLog
from citizens.models import Citizen
from citizens.selectors import FOLLOW_UP_DUE_DAYS
from citizens.tests.factories import (
    AgreementFactory,
    CitizenFactory,
    FollowUpFactory,
    PlacementFactory,
    ProgressAssessmentFactory,
    ProgressDimensionFactory,
    ProgressScoreFactory,
    SensitiveNoteFactory,
    TargetGroupFactory,
    today,
)
from corps.tests.factories import MentorFactory
from matching.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def _no_cpr_anywhere():
    for entry in AccessLog.objects.all():
        text = f"{entry.criterion} {entry.path} {entry.object_repr} {entry.purpose}"
        assert "0101901234" not in text and "010190-1234" not in text


def test_create_citizen_with_bad_cpr_shows_danish_error_and_saves_nothing(world, login):
    client = login(world.caseworker)
    group = TargetGroupFactory(jobcenter=world.jobcenter)
    response = client.post(
        reverse("citizens:create"),
        {
            "name": "Ali Hassan",
            "postcode": "8450",
            "target_group": group.pk,
            "cpr_number": "310290-1234",
            "referred_on": today().isoformat(),
        },
    )
    assert response.status_code == 200
    assert "gyldig fødselsdato" in response.content.decode()
    assert Citizen.objects.count() == 0
    response = client.post(
        reverse("citizens:create"),
        {
            "name": "Ali Hassan",
            "postcode": "8450",
            "target_group": group.pk,
            "cpr_number": "010190-1234",
            "referred_on": today().isoformat(),
        },
    )
    assert response.status_code == 302
    citizen = Citizen.objects.get()
    assert citizen.has_cpr


def test_search_by_cpr_is_a_post_finds_exactly_and_logs_without_the_number(world, login):
    wanted = CitizenFactory(jobcenter=world.jobcenter, cpr_number="010190-1234", name="Søgt Person")
    CitizenFactory(jobcenter=world.jobcenter, cpr_number="020290-1234", name="Anden Person")
    client = login(world.coordinator)
    response = client.post(reverse("citizens:cpr_search"), {"cpr_number": "010190-1234"})
    assert response["Location"] == reverse("citizens:detail", args=[wanted.pk])
    entry = AccessLog.objects.get(action="search")
    assert entry.criterion == "cpr=(skjult)" and entry.object_id == str(wanted.pk)
    _no_cpr_anywhere()
    response = client.post(reverse("citizens:cpr_search"), {"cpr_number": "030390-1234"}, follow=True)
    assert "ingen borger med det CPR-nummer" in response.content.decode()
    response = client.post(reverse("citizens:cpr_search"), {"cpr_number": "999999-1234"}, follow=True)
    assert "gyldig fødselsdato" in response.content.decode()


def test_cpr_in_the_name_search_is_never_used_or_logged(world, login):
    CitizenFactory(jobcenter=world.jobcenter, cpr_number="010190-1234")
    response = login(world.coordinator).get(reverse("citizens:list"), {"q": "0101901234"})
    assert response.status_code == 302 and "0101901234" not in response["Location"]
    assert not AccessLog.objects.exists()


def test_name_search_is_logged(world, login):
    CitizenFactory(jobcenter=world.jobcenter, name="Karen Blixen")
    CitizenFactory(jobcenter=world.jobcenter, name="Niels Bohr")
    page = login(world.coordinator).get(reverse("citizens:list"), {"q": "blix"}).content.decode()
    assert "Karen Blixen" in page and "Niels Bohr" not in page
    assert AccessLog.objects.get(action="search").criterion == "navn=blix"


def test_detail_is_logged_and_masks_cpr(world, login):
    citizen = CitizenFactory(jobcenter=world.jobcenter, cpr_number="010190-1234")
    page = login(world.caseworker).get(reverse("citizens:detail", args=[citizen.pk])).content.decode()
    assert "010190-XXXX" in page and "010190-1234" not in page
    assert AccessLog.objects.filter(action="view", object_id=str(citizen.pk)).count() == 1


def test_reveal_is_a_logged_post(world, login):
    citizen = CitizenFactory(jobcenter=world.jobcenter, cpr_number="010190-1234")
    client = login(world.coordinator)
    url = reverse("citizens:cpr_reveal", args=[citizen.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, HTTP_HX_REQUEST="true")
    assert "010190-1234" in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert AccessLog.objects.filter(action="reveal", object_id=str(citizen.pk)).count() == 1
    _no_cpr_anywhere()
    other = CitizenFactory(jobcenter=world.other_jobcenter, cpr_number="010190-1234")
    assert client.post(reverse("citizens:cpr_reveal", args=[other.pk])).status_code == 404


def test_sensitive_notes_only_for_coordinators_and_own_caseworker(world, login, client):
    citizen = CitizenFactory(jobcenter=world.jobcenter, caseworker=world.caseworker)
    SensitiveNoteFactory(citizen=citizen, text="Diagnose: depression")
    url = reverse("citizens:sensitive", args=[citizen.pk])
    assert "Diagnose" in login(world.caseworker).get(url).content.decode()
    other_caseworker = UserFactory()
    MembershipFactory(user=other_caseworker, jobcenter=world.jobcenter, role=Role.CASEWORKER)
    assert login(other_caseworker).get(url).status_code == 403
    assert "Diagnose" in login(world.coordinator).get(url).content.decode()
    assert AccessLog.objects.filter(action="view", purpose="Følsomme oplysninger").count() == 2
    # The citizen page never shows the note, and the link is hidden from those who may not read it.
    detail = login(other_caseworker).get(reverse("citizens:detail", args=[citizen.pk])).content.decode()
    assert "Diagnose" not in detail and url not in detail


def test_sensitive_note_post(world, login):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    client = login(world.coordinator)
    url = reverse("citizens:sensitive", args=[citizen.pk])
    assert "Skriv notatet" in client.post(url, {"kind": "health", "text": ""}).content.decode()
    assert client.post(url, {"kind": "substance", "text": "Alkohol"}).status_code == 302
    assert citizen.sensitive_notes.get().text == "Alkohol"


def test_agreement_form_refuses_seven_months(world, login):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    mentor = MentorFactory(jobcenter=world.jobcenter)
    start = today()
    response = login(world.coordinator).post(
        reverse("citizens:agreement_create", args=[citizen.pk]),
        {
            "mentor": mentor.pk,
            "goal": "Job",
            "mentor_tasks": "Samtaler",
            "starts_on": start.isoformat(),
            "ends_on": (start + datetime.timedelta(days=215)).isoformat(),
            "hours_total": "40",
        },
    )
    assert response.status_code == 200
    assert "højst gælde i 6 måneder" in response.content.decode()
    assert not citizen.agreements.exists()


def test_agreement_print_and_pdf_are_logged_and_danish(world, login):
    citizen = CitizenFactory(jobcenter=world.jobcenter, cpr_number="010190-1234")
    agreement = AgreementFactory(citizen=citizen, mentor=MentorFactory(jobcenter=world.jobcenter))
    client = login(world.coordinator)
    page = client.get(reverse("citizens:agreement_print", args=[agreement.pk])).content.decode()
    assert "kapitel 26" in page and "Klagevejledning" in page and "Ankestyrelsen" in page
    # Danish numbers, as the PDF writes them too (the same sections): never "40.00 timer".
    assert "40,0 timer i alt, ca. 2,0 timer om ugen" in page
    assert "010190-1234" not in page and "style=" not in page
    response = client.get(reverse("citizens:agreement_pdf", args=[agreement.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AccessLog.objects.filter(action="print").count() == 2


def test_activate_and_end_agreement_through_views(world, login):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    agreement = AgreementFactory(citizen=citizen, mentor=MentorFactory(jobcenter=world.jobcenter))
    client = login(world.coordinator)
    client.post(reverse("citizens:agreement_activate", args=[agreement.pk]))
    agreement.refresh_from_db()
    assert agreement.status == "active"
    client.post(reverse("citizens:agreement_end", args=[agreement.pk]), {"ended_on": today().isoformat()})
    agreement.refresh_from_db()
    assert agreement.status == "ended"


def test_placement_detail_has_accessible_chart_with_table(world, login):
    placement = PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), company=world.company_a)
    dimension = ProgressDimensionFactory(jobcenter=world.jobcenter, name="Mødestabilitet")
    ProgressScoreFactory(
        assessment__placement=placement,
        dimension=dimension,
        score=2,
        assessment__assessed_on=today() - datetime.timedelta(days=10),
    )
    ProgressScoreFactory(assessment__placement=placement, dimension=dimension, score=4)
    page = login(world.coordinator).get(reverse("citizens:placement_detail", args=[placement.pk])).content.decode()
    assert '<svg viewBox="0 0 640 280" role="img"' in page
    assert '<title id="chart-title">' in page
    assert re.search(r"<td class=\"text-align-right\">2", page) and re.search(r"<td class=\"text-align-right\">4", page)
    assert "style=" not in page


SVG_NUMBER_ATTRIBUTE = re.compile(r'\b(?:x|y|x1|x2|y1|y2|cx|cy|points)="([^"]*)"')


def svg_attributes_with_a_comma_decimal(page: str) -> list[str]:
    """Values of SVG coordinate attributes in the chart that hold a decimal comma ("123,4"); a
    polyline's points are "x,y x,y", so a comma is only wrong there when a pair has more than two."""
    svg = page[page.index("<svg viewBox") : page.index("</svg>")]
    wrong = []
    for name_value in SVG_NUMBER_ATTRIBUTE.finditer(svg):
        value = name_value.group(1)
        if name_value.group(0).startswith("points"):
            if any(pair.count(",") != 1 for pair in value.split()):
                wrong.append(value)
        elif "," in value:
            wrong.append(value)
    return wrong


def test_chart_coordinates_use_a_decimal_point_under_the_danish_locale(world, login):
    """Three assessments 7 and 10 days apart put points at fractional x and y (a 1-5 score over 224 px
    is 56 px a step, the x-axis 576 px over 17 days); Danish formatting must not turn 123.4 into 123,4,
    which the browser rejects (no line and a console error)."""
    placement = PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), company=world.company_a)
    dimension = ProgressDimensionFactory(jobcenter=world.jobcenter, name="Mødestabilitet")
    for days_ago, score in [(17, 1), (10, 3), (0, 4)]:
        ProgressScoreFactory(
            assessment__placement=placement,
            dimension=dimension,
            score=score,
            assessment__assessed_on=today() - datetime.timedelta(days=days_ago),
        )
    page = login(world.coordinator).get(reverse("citizens:placement_detail", args=[placement.pk])).content.decode()
    assert re.search(r'cx="\d+\.\d"', page), "the data must give a fractional coordinate"
    assert svg_attributes_with_a_comma_decimal(page) == []


def test_assessment_form_requires_a_score(world, login):
    placement = PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter))
    dimension = ProgressDimensionFactory(jobcenter=world.jobcenter)
    client = login(world.coordinator)
    url = reverse("citizens:assessment_create", args=[placement.pk])
    response = client.post(url, {"assessed_on": today().isoformat(), "assessor_kind": "jobcenter"})
    assert "Giv mindst én score" in response.content.decode()
    response = client.post(
        url, {"assessed_on": today().isoformat(), "assessor_kind": "company", f"score_{dimension.pk}": "5"}
    )
    assert response.status_code == 302
    assert placement.assessments.get().scores.get().score == 5


def test_follow_up_overdue_and_unconfirmed_hours_pages(world, login):
    days = FOLLOW_UP_DUE_DAYS  # the reminders' OVERDUE_DAYS
    stale = PlacementFactory(
        citizen=CitizenFactory(jobcenter=world.jobcenter, name="Gammel Opfølgning"),
        last_follow_up_on=today() - datetime.timedelta(days=days),
    )
    PlacementFactory(
        citizen=CitizenFactory(jobcenter=world.jobcenter, name="Frisk Opfølgning"),
        last_follow_up_on=today() - datetime.timedelta(days=days - 1),
    )
    FollowUpFactory(citizen=stale.citizen, mentor_hours=3)
    client = login(world.coordinator)
    page = client.get(reverse("citizens:follow_up_overdue")).content.decode()
    assert "Gammel Opfølgning" in page and "Frisk Opfølgning" not in page
    assert f"Forløb uden opfølgning i {days} dage eller mere" in page
    page = client.get(reverse("citizens:hours")).content.decode()
    assert "Gammel Opfølgning" in page and ">3,0</td>" in page  # hours as the product writes them: 3,0


def test_timeline_shows_the_citizens_assessments_and_no_one_elses(world, login):
    """Assessments of the citizen's placements and of their mentor agreements are on the timeline, by the ids
    of the citizen's own placements and agreements; another citizen's are not."""
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    placement = PlacementFactory(citizen=citizen)
    agreement = AgreementFactory(citizen=citizen)
    dimension = ProgressDimensionFactory(jobcenter=world.jobcenter, name="Mødestabilitet")
    ProgressScoreFactory(assessment=ProgressAssessmentFactory(placement=placement), dimension=dimension, score=2)
    ProgressScoreFactory(
        assessment=ProgressAssessmentFactory(placement=None, agreement=agreement), dimension=dimension, score=4
    )
    other = CitizenFactory(jobcenter=world.jobcenter)
    ProgressScoreFactory(
        assessment=ProgressAssessmentFactory(placement=PlacementFactory(citizen=other)), dimension=dimension, score=5
    )
    ProgressScoreFactory(
        assessment=ProgressAssessmentFactory(placement=None, agreement=AgreementFactory(citizen=other)),
        dimension=dimension,
        score=1,
    )
    page = login(world.caseworker).get(reverse("citizens:timeline", args=[citizen.pk])).content.decode()
    assert page.count("Progressionsvurdering") == 2
    assert "Mødestabilitet 2" in page and "Mødestabilitet 4" in page
    assert "Mødestabilitet 5" not in page and "Mødestabilitet 1" not in page
    bare = CitizenFactory(jobcenter=world.jobcenter)  # no placement, no agreement: no assessment query to go wrong
    page = login(world.caseworker).get(reverse("citizens:timeline", args=[bare.pk])).content.decode()
    assert "Progressionsvurdering" not in page


def test_timeline_says_who_wrote_each_follow_up_its_kind_hours_and_next_step(world, login):
    """A follow-up's lines on the timeline: its kind, the author by name (by e-mail when they have none), or who
    recorded it when the author is gone; the mentor hours as Danish numbers with their confirmation; the next
    step."""
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    named = UserFactory(full_name="Birgit Holm")
    unnamed = UserFactory(full_name="", email="uden.navn@favrskov.dk")
    FollowUpFactory(citizen=citizen, author=named, kind="phone", notes="Ringede", next_action="Besøg i uge 44")
    FollowUpFactory(
        citizen=citizen,
        author=unnamed,
        notes="Mødtes",
        mentor_hours="2.50",
        hours_confirmed_by="citizen",
        hours_confirmed_at=timezone.now(),
    )
    FollowUpFactory(citizen=citizen, author=None, recorded_as="company", notes="Skrev selv")
    page = login(world.caseworker).get(reverse("citizens:timeline", args=[citizen.pk])).content.decode()
    assert "Opfølgning: Telefonopkald" in page and "Af Birgit Holm" in page and "Næste skridt: Besøg i uge 44" in page
    assert "Af uden.navn@favrskov.dk" in page and "Mentortimer: 2,5 (Bekræftet af borgeren)" in page
    assert "Af Virksomheden" in page


def test_timeline_shows_everything_in_order(world, login):
    citizen = CitizenFactory(jobcenter=world.jobcenter, referred_on=today() - datetime.timedelta(days=60))
    AgreementFactory(citizen=citizen, starts_on=today() - datetime.timedelta(days=50))
    placement = PlacementFactory(citizen=citizen, starts_on=today() - datetime.timedelta(days=40))
    FollowUpFactory(
        citizen=citizen, placement=placement, notes="Første besøg", occurred_on=today() - datetime.timedelta(days=30)
    )
    FollowUpFactory(
        citizen=citizen, placement=placement, notes="Andet besøg", occurred_on=today() - datetime.timedelta(days=2)
    )
    mentor = MentorFactory(jobcenter=world.jobcenter, full_name="Aster Tesfay")
    OfferFactory(
        citizen=citizen,
        mentor=mentor,
        offered_at=timezone.now() - datetime.timedelta(days=55),
        answered_at=timezone.now() - datetime.timedelta(days=54),
        status="declined",
        decline_reason="Har ikke tid før til sommer",
    )
    page = login(world.caseworker).get(reverse("citizens:timeline", args=[citizen.pk])).content.decode()
    order = [
        page.index(text)
        for text in (
            "Andet besøg",
            "Første besøg",
            "Virksomhedspraktik",
            "Mentoraftale",
            "Aster Tesfay sagde nej",
            "Har ikke tid før til sommer",
            "Tilbud til mentor Aster Tesfay",
            "Henvist",
        )
    ]
    assert order == sorted(order)


def test_the_citizen_page_leads_coordinators_to_matching(world, login):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    page = login(world.coordinator).get(reverse("citizens:detail", args=[citizen.pk])).content.decode()
    assert reverse("matching:citizen", args=[citizen.pk]) in page
    assert reverse("matching:placement_suggestions", args=[citizen.pk]) in page
    # The caseworker cannot use the matching pages, so is not sent there.
    page = login(world.caseworker).get(reverse("citizens:detail", args=[citizen.pk])).content.decode()
    assert reverse("matching:citizen", args=[citizen.pk]) not in page


def test_a_jobcenter_assessment_is_not_attributed_to_the_company_mentor(world, login):
    """It read "Jobcentret (Jens Kristensen)": the company mentor's name belongs to the company's own."""
    from companies.tests.factories import CompanyMentorFactory

    placement = PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), company=world.company_a)
    mentor = CompanyMentorFactory(company=world.company_a, full_name="Jens Kristensen")
    dimension = ProgressDimensionFactory(jobcenter=world.jobcenter)
    ProgressScoreFactory(
        assessment__placement=placement,
        assessment__assessor_kind="jobcenter",
        assessment__company_mentor=mentor,
        dimension=dimension,
        score=3,
    )
    page = login(world.coordinator).get(reverse("citizens:placement_detail", args=[placement.pk])).content.decode()
    assert "Jobcentret (Jens Kristensen)" not in page and "<td>Jobcentret</td>" in page


def test_the_placement_form_offers_the_chosen_companys_mentors_only(world, login, django_assert_max_num_queries):
    """Not every company mentor of the jobcenter (a thousand at the largest, most of a page's cost): the chosen
    company's, once it is chosen (htmx fetches the form with ?company=; an edit starts from the placement's)."""
    from companies.tests.factories import CompanyMentorFactory

    CompanyMentorFactory(company=world.company_a, full_name="Anna Fra A")
    CompanyMentorFactory(company=world.company_b, full_name="Bent Fra B")
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    client = login(world.coordinator)
    url = reverse("citizens:placement_create", kwargs={"pk": citizen.pk})
    page = client.get(url).content.decode()
    assert "Vælg virksomheden først" in page and "Anna Fra A" not in page and "Bent Fra B" not in page
    assert f'hx-get="{url}"' in page and 'hx-select="#div_id_company_mentor"' in page
    with django_assert_max_num_queries(8):
        page = client.get(f"{url}?company={world.company_a.pk}", headers={"HX-Request": "true"}).content.decode()
    assert 'name="company_mentor"' in page and "Anna Fra A" in page and "Bent Fra B" not in page
    placement = PlacementFactory(citizen=citizen, company=world.company_b)
    edit = reverse("citizens:placement_update", kwargs={"pk": placement.pk})
    page = client.get(edit).content.decode()
    assert "Bent Fra B" in page and "Anna Fra A" not in page
    assert "Anna Fra A" in client.get(f"{edit}?company={world.company_a.pk}").content.decode()
    emptied = client.get(f"{edit}?company=").content.decode()  # the company set back to none: no mentors
    assert "Anna Fra A" not in emptied and "Bent Fra B" not in emptied


def test_editing_a_placement_keeps_its_mentor_who_is_no_longer_active(world, login):
    """The mentor list offers active mentors, and the placement's own: an edit of the tasks must not drop a
    mentor who has left (nor refuse the edit of an active placement for want of one)."""
    from companies.tests.factories import CompanyMentorFactory

    mentor = CompanyMentorFactory(company=world.company_a, full_name="Gitte Gået")
    placement = PlacementFactory(
        citizen=CitizenFactory(jobcenter=world.jobcenter),
        company=world.company_a,
        company_mentor=mentor,
        responsible=world.coordinator,
    )
    mentor.is_active = False
    mentor.save()
    client = login(world.coordinator)
    url = reverse("citizens:placement_update", kwargs={"pk": placement.pk})
    form = client.get(url).context["form"]
    assert list(form.fields["company_mentor"].queryset) == [mentor]
    data = {name: value for name, value in form.initial.items() if value is not None and name in form.fields}
    data |= {"tasks": "Nye opgaver på lageret", "starts_on": placement.starts_on.isoformat()}
    if placement.ends_on:
        data["ends_on"] = placement.ends_on.isoformat()
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    placement.refresh_from_db()
    assert (placement.tasks, placement.company_mentor_id) == ("Nye opgaver på lageret", mentor.pk)


def test_a_placement_with_another_companys_mentor_is_refused_at_the_field(world, login):
    from companies.tests.factories import CompanyMentorFactory

    theirs = CompanyMentorFactory(company=world.company_b)
    placement = PlacementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), company=world.company_a)
    before = placement.company_mentor_id
    response = login(world.coordinator).post(
        reverse("citizens:placement_update", kwargs={"pk": placement.pk}),
        {
            "company": world.company_a.pk,
            "company_mentor": theirs.pk,
            "placement_type": placement.placement_type_id,
            "responsible": placement.responsible_id,
            "starts_on": placement.starts_on.isoformat(),
            "tasks": "Lager",
            "hours_per_week": "10",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["company_mentor"] == [
        "Virksomhedsmentoren skal være ansat i den valgte virksomhed."
    ]
    placement.refresh_from_db()
    assert placement.company_mentor_id == before != theirs.pk
