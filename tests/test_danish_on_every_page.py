"""Keep it Danish (issue 21): every page of the permission matrix, rendered as each role that may see it,
has no English word from a list, no optional field marked twice ("(valgfri) (frivilligt)"), no date in a
format other than the Danish ones (no ISO date, no English month), and no number outside Danish notation
(a decimal point before "timer" or "kr.", "57629,50" without its thousands dots) in its visible text."""

import re

import pytest
from django.urls import reverse

from accounts.tests.factories import TOTPDeviceFactory
from tests.permissions import ROLES
from tests.test_permission_matrix import MATRIX, client_for

pytestmark = pytest.mark.django_db

# Words that have turned up on screen untranslated (choice codes, django-filter and Django admin labels,
# Python values) and common English interface words. Matched as whole words, case-sensitive.
ENGLISH = [
    "None", "True", "False", "hourly", "full_time", "Name", "Capacity", "Created", "Access attempts",
    "Locked Out", "Attempt Time", "Page", "of", "Submit", "Search", "Next", "Previous", "Choose", "optional",
    "required", "This field", "January", "February", "March", "April", "June", "July", "October",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Yes", "No",
]  # fmt: skip
ENGLISH_RE = re.compile(r"(?<![\w/.-])(?:" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![\w/.-])")
DOUBLED = re.compile(r"\((?:valgfri|frivilligt)\)\s*(?:<[^>]+>\s*)*\((?:valgfri|frivilligt)\)")
ISO_DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])")
# Numbers outside Danish notation (mentorship.numbers: 57.629,50 kr., 40,0 timer): a decimal point before an
# amount or hours ("40.0 timer", "57629.50 kr."), an English thousands comma ("57,629.50"), or a decimal number
# of 1.000 or more without its thousands dots ("57629,50"). A Danish date (25.10.2026) or time (kl. 10.00) is
# neither: the number must stand alone.
NOT_DANISH_NUMBER = re.compile(
    r"(?<![\w.,])\d+\.\d+(?![\w.,])\s*(?:timer|time|t\.|kr\.?|kroner)(?!\w)"
    r"|(?<![\w.,])\d{1,3}(?:,\d{3})+\.\d+(?![\w.,])"
    r"|(?<![\w.,])\d{4,},\d+(?![\w.,])"
)


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style|svg|textarea)\b.*?</\1>", " ", html, flags=re.S | re.I)
    html = re.sub(r"<!--.*?-->", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def problems_in(html: str) -> list[str]:
    text = visible_text(html)
    found = [f"English {match.group(0)!r}" for match in ENGLISH_RE.finditer(text)]
    found += [f"marked twice: {match.group(0)!r}" for match in DOUBLED.finditer(html)]
    found += [f"ISO date {match.group(0)!r}" for match in ISO_DATE.finditer(text)]
    found += [f"number not in Danish notation {match.group(0)!r}" for match in NOT_DANISH_NUMBER.finditer(text)]
    return found


def test_the_checks_find_what_they_look_for():
    assert problems_in("<p>Sortér efter <option>Name</option></p>")
    assert problems_in('<label>Kommentar (valgfri)<span class="weight-normal"> (frivilligt)</span></label>')
    assert problems_in("<td>2026-03-01</td>")
    for english_number in ("40.0 timer", "7.5 t.", "57629.50 kr.", "12.50 kr", "57,629.50 kr.", "57629,50 kr."):
        assert problems_in(f"<td>{english_number}</td>"), english_number
    assert problems_in("<td>I alt 1234,5</td>")
    danish = "<td>57.629,50 kr.</td><td>40,0 timer</td><td>25.10.2026</td><td>kl. 10.00</td><td>1.234,5 t.</td>"
    assert problems_in(danish + "<td>8450 Hammel</td><td>CVR 12345678</td><td>2,25 timer</td>") == []
    assert problems_in("<td>Timeansat</td><td>1. marts 2026</td><a href='/x/?next=None'>x</a>") == []


@pytest.mark.parametrize("role", [role for role in ROLES if role != "superuser"])
def test_every_page_reads_danish(role, world):
    client = client_for(role, world)
    found, checked = [], 0
    for name, row in sorted(MATRIX.items()):
        if "GET" not in row.methods or row.expected(role, "GET") != 200 or row.ends_session:
            continue
        url = reverse(name, kwargs=row.kwargs(world) if row.kwargs else {}) + (f"?{row.query}" if row.query else "")
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        found += [f"{name} ({url}): {problem}" for problem in problems_in(response.content.decode())]
    assert checked >= (20 if role in ("coordinator", "jobcenter_admin", "caseworker", "leader_a") else 1), checked
    assert found == [], "\n".join(found)


# Django admin's own English, and third-party apps' names that ship no Danish (django-otp's "TOTP devices",
# "static devices"; django-axes' "Access attempts"): set Danish in mentorship/apps.py and locale/da.
ADMIN_ENGLISH = re.compile(
    r"(?<!\w)(?:TOTP|OTP|[Dd]evices?|[Ss]tatic|Access|[Aa]ttempts?|Axes|Groups|Users|Authentication|Recent actions"
    r"|My actions|View site|Log out|Change password|Add|Change|Site administration)(?!\w)"
)


@pytest.mark.parametrize("role", ["superuser", "jobcenter_admin"])
def test_the_admin_index_reads_danish(role, world):
    client = client_for(role, world)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    page = response.content.decode()
    text = visible_text(page)
    found = problems_in(page) + [f"English {match.group(0)!r}" for match in ADMIN_ENGLISH.finditer(text)]
    assert found == [], "\n".join(found)
    if role == "superuser":
        assert "Godkendelsesapps" in text and "Tofaktor (godkendelsesapps)" in text


# django-otp's admin for authenticator apps: its field names, help texts, fieldset titles, columns and filters
# are not marked for translation (mentorship/admin/otp.py gives them in Danish).
OTP_ENGLISH = re.compile(
    r"(?<!\w)(?:Key|Step|T0|Digits|Tolerance|Drift|Last t|Throttling|Created at|Last used at|Name|User|Confirmed"
    r"|Identity|Timestamps|Configuration|State|QR Code|qrcode|Install|[Dd]evices?|human-readable|[Tt]he |"
    r"Search by|By [a-z])(?!\w)"
)


def test_the_authenticator_app_admin_reads_danish(world, settings):
    # Every page django-otp's admin can show, the secret key and the QR code included (hidden by default).
    settings.OTP_ADMIN_HIDE_SENSITIVE_DATA = False
    device = TOTPDeviceFactory(user=world.caseworker)
    client = client_for("superuser", world)
    pages = {
        "changelist": reverse("admin:otp_totp_totpdevice_changelist"),
        "add": reverse("admin:otp_totp_totpdevice_add"),
        "change": reverse("admin:otp_totp_totpdevice_change", args=[device.pk]),
        "QR code": reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk}),
    }
    found, texts = [], {}
    for page_name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, page_name
        page = response.content.decode()
        texts[page_name] = visible_text(page)
        found += [f"{page_name}: {problem}" for problem in problems_in(page)]
        found += [f"{page_name}: English {match.group(0)!r}" for match in OTP_ENGLISH.finditer(texts[page_name])]
    assert found == [], "\n".join(found)
    for heading in ("Identitet", "Tidspunkter", "Opsætning", "Tilstand", "Forkerte koder", "Tidsinterval"):
        assert heading in texts["change"], heading
    for column in ("Bruger", "Oprettet", "Sidst brugt", "Bekræftet", "Vis QR-kode"):
        assert column in texts["changelist"], column
    assert "Nøgle" in texts["add"] and "Tilladt forskydning" in texts["add"]


def test_the_first_meeting_plan_admin_reads_danish(world):
    from datetime import timedelta

    from django.utils import timezone

    from citizens.models import FirstMeetingPlan
    from citizens.tests.factories import AgreementFactory, CitizenFactory

    starts = timezone.now() + timedelta(days=3)
    plan = FirstMeetingPlan.objects.create(
        jobcenter=world.jobcenter,
        agreement=AgreementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter)),
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        place="Jobcentret",
        caseworker=world.caseworker,
    )
    client = client_for("jobcenter_admin", world)
    found, texts = [], {}
    for page_name, url in {
        "changelist": reverse("admin:citizens_firstmeetingplan_changelist"),
        "change": reverse("admin:citizens_firstmeetingplan_change", args=[plan.pk]),
    }.items():
        response = client.get(url)
        assert response.status_code == 200, page_name
        page = response.content.decode()
        texts[page_name] = visible_text(page)
        found += [f"{page_name}: {problem}" for problem in problems_in(page)]
        found += [f"{page_name}: English {match.group(0)!r}" for match in ADMIN_ENGLISH.finditer(texts[page_name])]
    assert found == [], "\n".join(found)
    for column in ("Mentoraftale", "Status", "Starter", "Slutter", "Sagsbehandler eller kontaktperson"):
        assert column in texts["changelist"], column
    assert "Planlagte opstartsmøder" in texts["changelist"] or "planlagte opstartsmøder" in texts["changelist"]
