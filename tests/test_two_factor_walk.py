"""A caseworker or a company leader who has given the password but not the second factor reaches no page
with personal data (issue 23).

Walks every URL of the permission matrix (tests/matrix.py and each app's tests/matrix.py) as a caseworker
and as leader A, logged in with the password only (no OTP device in the session), once without a TOTP
device (first login: set-up) and once with one (later logins: the code). Every URL that needs a login,
read (GET) and written (POST), must redirect to the two-factor page, carrying the page asked for as
`next`, before its view runs: no page answers, and no table changes (no access-log row, nothing saved).
Only the two-factor pages, logging out and the public pages (those the matrix lets anonymous users see)
are left out.
"""

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import TOTPDeviceFactory
from tests.database_state import changed_tables, table_fingerprints
from tests.test_permission_matrix import MATRIX, MAY_CHANGE_WHEN_REFUSED

pytestmark = pytest.mark.django_db

# Pages a logged-in user reaches before the second factor (besides the public pages): the second factor
# itself, and the way out.
BEFORE_SECOND_FACTOR = frozenset({"accounts:two_factor_setup", "accounts:two_factor_verify", "accounts:logout"})

# The public pages: the matrix lets an anonymous user see them (anything but the login redirect).
PUBLIC = frozenset(name for name, row in MATRIX.items() if row.status("anonymous") != 302)

PASSWORD_ONLY_ROLES = ("caseworker", "leader_a")


def password_only_client(user) -> Client:
    """Logged in as after the password step of the login form: no OTP device in the session."""
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("has_device", [False, True], ids=["first-login", "with-device"])
@pytest.mark.parametrize("role", PASSWORD_ONLY_ROLES)
def test_a_password_alone_reaches_no_page_with_personal_data(role, has_device, world):
    user = {"caseworker": world.caseworker, "leader_a": world.leader_a}[role]
    if has_device:
        TOTPDeviceFactory(user=user)
    target = reverse("accounts:two_factor_verify" if has_device else "accounts:two_factor_setup")
    urls = {}
    for name, row in sorted(MATRIX.items()):
        if name in PUBLIC or name in BEFORE_SECOND_FACTOR:
            continue
        kwargs = row.kwargs(world) if row.kwargs else {}
        urls[name] = reverse(name, kwargs=kwargs) + (f"?{row.query}" if row.query else "")
    # The walk covers the pages that matter most: a citizen's record and the portal's placements.
    assert {"citizens:detail", "portal:placement_detail", "portal:home", "home"} <= set(urls)
    client = password_only_client(user)

    before = table_fingerprints(MAY_CHANGE_WHEN_REFUSED)
    wrong = []
    for name, url in urls.items():
        for method in ("GET", "POST"):
            response = getattr(client, method.lower())(url)
            expected = f"{target}?{urlencode({'next': url})}"
            if response.status_code != 302 or response["Location"] != expected:
                where = response.get("Location", "")
                wrong.append(f"{method} {name} ({url}): {response.status_code} {where}".rstrip())
    changed = changed_tables(before, table_fingerprints(MAY_CHANGE_WHEN_REFUSED))

    assert not wrong, f"As {role} with a password only, not sent to {target}:\n" + "\n".join(wrong)
    assert not changed, f"Tables changed by requests without a second factor: {', '.join(changed)}"


@pytest.mark.parametrize("role", PASSWORD_ONLY_ROLES)
def test_the_second_factor_then_opens_the_pages(role, world):
    """The same user, once the code is given, gets the page they asked for (the walk above is no 'always
    redirect' artefact)."""
    from accounts.tests.test_authentication import token_for

    user = {"caseworker": world.caseworker, "leader_a": world.leader_a}[role]
    device = TOTPDeviceFactory(user=user)
    client = password_only_client(user)
    home = reverse("home")
    assert client.get(home)["Location"] == f"{reverse('accounts:two_factor_verify')}?{urlencode({'next': home})}"
    verified = client.post(reverse("accounts:two_factor_verify"), {"token": token_for(device), "next": home})
    assert verified.status_code == 302 and verified["Location"] == home
    assert client.get(home).status_code == 200
