"""No CPR number or sensitive note in any log (database or log file), message or export, except the
person's own art. 15 export."""

import logging

import pytest
from django.urls import reverse

from audit.models import AccessLog, ActivityLog
from audit.tests.people import full_citizen
from notifications.models import Message

pytestmark = pytest.mark.django_db

CPR = "010190-1234"


def test_cpr_and_sensitive_notes_stay_out_of_logs_messages_and_other_exports(world, login, caplog):
    caplog.set_level(logging.DEBUG)
    person = full_citizen(world, "A", CPR)
    citizen = person.obj
    secrets = [CPR, CPR.replace("-", ""), "SENSITIVE-A"]
    client = login(world.coordinator)
    pages = [
        reverse("citizens:detail", kwargs={"pk": citizen.pk}),
        reverse("citizens:update", kwargs={"pk": citizen.pk}),
        reverse("citizens:timeline", kwargs={"pk": citizen.pk}),
        reverse("citizens:sensitive", kwargs={"pk": citizen.pk}),
        reverse("citizens:list") + "?q=Borger",
        reverse("audit:person_access_log", kwargs={"subject": "borger", "pk": citizen.pk}),
        reverse("corps:mentor_export"),
        reverse("companies:export"),
    ]
    bodies = {}
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        bodies[url] = response.content.decode()
    assert client.post(reverse("citizens:cpr_reveal", kwargs={"pk": citizen.pk})).status_code == 200
    assert client.post(reverse("citizens:cpr_search"), {"cpr_number": CPR}).status_code == 302
    client.post(reverse("citizens:sensitive", kwargs={"pk": citizen.pk}), {"kind": "health", "text": "SENSITIVE-A2"})
    secrets.append("SENSITIVE-A2")
    mentor = citizen.agreements.first().mentor
    mentor_export = client.get(reverse("audit:subject_access_json", kwargs={"subject": "mentor", "pk": mentor.pk}))
    bodies["mentor export"] = mentor_export.content.decode()
    own = client.get(reverse("audit:subject_access_json", kwargs={"subject": "borger", "pk": citizen.pk}))
    own_text = own.content.decode()

    stored = []
    for entry in AccessLog.objects.all():
        stored.append(" ".join([entry.path, entry.criterion, entry.purpose, entry.object_repr, entry.actor_label]))
    for entry in ActivityLog.objects.all():
        stored.append(" ".join([entry.action, entry.object_repr, str(entry.data)]))
    for message in Message.objects.all():
        stored.append(" ".join([message.subject, message.body_text, message.body_html, str(message.attachments)]))
    assert len(stored) > 10
    haystacks = {"database logs and outbox": "\n".join(stored), "log output": caplog.text}
    sensitive_page = reverse("citizens:sensitive", kwargs={"pk": citizen.pk})
    haystacks |= {url: body for url, body in bodies.items() if url != sensitive_page}
    for where, text in haystacks.items():
        for secret in secrets:
            assert secret not in text, f"{secret!r} in {where}"
    # The sensitive page shows the notes (it is the place for them), the reveal shows the CPR once;
    # the person's own export holds both.
    assert "SENSITIVE-A" in bodies[sensitive_page]
    for secret in [CPR, "SENSITIVE-A", "SENSITIVE-A2"]:
        assert secret in own_text
