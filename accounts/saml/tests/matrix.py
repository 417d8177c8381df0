"""Permission-matrix rows of staff sign-in through KOMBIT (merged into accounts/tests/matrix.py).

The walk runs without federation configured, as `make run` does, so every federation URL answers 404 to
everyone (the method check comes first: 405 for a method the view does not take). The same URLs with federation
configured are walked per role in accounts/saml/tests/test_matrix_configured.py. The local-passwords switch is the
jobcenter admin's page whether federation is configured or not.
"""

from tests.permissions import GET_POST, POST_ONLY, row

MATRIX = {
    "saml:metadata": row(404),
    "saml:login": row(404),
    "saml:acs": row(404, methods=POST_ONLY),
    "saml:slo": row(404, methods=GET_POST),
    "saml:logout": row(404, anonymous=302, methods=POST_ONLY),
    "saml:logged_out": row(404),
    "saml:local_passwords": row(403, anonymous=302, jobcenter_admin=200, methods=GET_POST),
}
