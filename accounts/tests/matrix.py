from tests.permissions import row

MATRIX = {
    # A logged-in user who opens the login page is sent on to their start page.
    "accounts:login": row(302, anonymous=200),
    "accounts:logout": row(405, anonymous=302),
    # Everyone in the walk has a confirmed device, so set-up sends them to the verification page.
    "accounts:two_factor_setup": row(302),
    "accounts:two_factor_verify": row(200, anonymous=302),
    "accounts:password_change": row(200, anonymous=302),
    "accounts:password_change_done": row(200, anonymous=302),
    "accounts:password_reset": row(200),
    "accounts:password_reset_done": row(200),
    "accounts:password_reset_confirm": row(200, kwargs=lambda world: {"uidb64": "MQ", "token": "ugyldig-kode"}),
    "accounts:password_reset_complete": row(200),
}
