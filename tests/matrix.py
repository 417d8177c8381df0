from tests.permissions import row

MATRIX = {
    "home": row(200, anonymous=302, superuser=302),
    "accessibility": row(200),
    "healthz": row(200),
    "favicon": row(200),
}
