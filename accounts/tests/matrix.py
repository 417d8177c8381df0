from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import Membership
from accounts.saml.tests import matrix as saml_matrix
from tests.permissions import GET_POST, POST_ONLY, ROLES, row


def _reset_link(world):
    """A real user's reset link with a wrong token: the page says the link is invalid, for everyone."""
    return {"uidb64": urlsafe_base64_encode(force_bytes(world.coordinator.pk)), "token": "ugyldig-kode"}


def _coordinators_membership(world):
    """The coordinator's own membership: every other user (of either jobcenter) gets 404 for it."""
    return {"pk": Membership.objects.get(user=world.coordinator).pk}


MATRIX = {
    # A logged-in user who opens the login page is sent on to their start page, whatever the method.
    "accounts:login": row(
        302, anonymous=200, methods=GET_POST, before_method_check=[role for role in ROLES if role != "anonymous"]
    ),
    "accounts:logout": row(200, anonymous=302, methods=POST_ONLY, ends_session=True),
    # Everyone in the walk has a confirmed device, so set-up sends them to the verification page.
    "accounts:two_factor_setup": row(302, methods=GET_POST),
    "accounts:two_factor_verify": row(200, anonymous=302, methods=GET_POST),
    # Switching needs a membership (the superuser has none); only its own user may switch to it.
    "accounts:switch_membership": row(
        404, anonymous=302, coordinator=200, superuser=403, kwargs=_coordinators_membership, methods=POST_ONLY
    ),
    "accounts:password_change": row(200, anonymous=302, methods=GET_POST),
    "accounts:password_change_done": row(200, anonymous=302),
    "accounts:password_reset": row(200, methods=GET_POST),
    "accounts:password_reset_done": row(200),
    # The link is judged first, whatever the method: an invalid one shows "the link does not work".
    "accounts:password_reset_confirm": row(200, kwargs=_reset_link, methods=GET_POST, before_method_check=ROLES),
    "accounts:password_reset_complete": row(200),
}

# MitID Erhverv (accounts/oidc): off unless configured, as in the walk, so every role gets 404; the sign-in
# itself is walked against a running provider in accounts/oidc/tests/test_sign_in.py.
MATRIX.update(
    {
        "accounts:mitid_erhverv:start": row(404),
        "accounts:mitid_erhverv:start_invitation": row(404, kwargs=lambda world: {"token": "ukendt-invitation"}),
        "accounts:mitid_erhverv:callback": row(404),
    }
)

# Staff sign-in through KOMBIT's Context Handler (accounts/saml).
MATRIX.update(saml_matrix.MATRIX)
