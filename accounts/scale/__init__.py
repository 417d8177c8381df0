"""A national data set for load tests and benchmarks: `python manage.py seed_scale`.

98 jobcenters whose sizes follow a Zipf-like curve (the largest holds about 12 % of the country,
like Copenhagen), with 10,000 corps mentors, 5,000 companies with 8,000 company mentors, 100,000
citizens, 60,000 placements, 1,000,000 follow-ups, 300,000 progress assessments (with a score per
dimension) and 2,000 courses with 40,000 registrations, plus the staff, memberships, agreements,
goals, offers, hours, claims and vocabulary the pages show. `--scale` builds a fraction of it.

Known logins (for the load test): in the LOGIN_JOBCENTERS largest jobcenters, the coordinator
`koordinator1@<slug>.skala.test` and the leader of the jobcenter's first company
`leder1@<slug>.skala.test`, all with SCALE_PASSWORD. Every generated user (each role logs in with a
second factor) has a confirmed TOTP device whose key is `totp_key_hex(email)`, so a client can compute
the current code.
"""

import hashlib
import hmac
import struct
import time

SCALE_PASSWORD = "mentor-skala-2026"  # noqa: S105 (a published test password for generated data)
LOGIN_JOBCENTERS = 8
EMAIL_DOMAIN = "skala.test"

FULL = {
    "jobcenters": 98,
    "mentors": 10_000,
    "companies": 5_000,
    "company_mentors": 8_000,
    "citizens": 100_000,
    "placements": 60_000,
    "follow_ups": 1_000_000,
    "assessments": 300_000,
    "courses": 2_000,
    "registrations": 40_000,
}


def totp_key_hex(email: str) -> str:
    """The TOTP key (hex, 20 bytes) of a generated user: derived from the e-mail, so it can be recomputed."""
    return hashlib.sha256(f"mentorordning-scale:{email}".encode()).hexdigest()[:40]


def totp_token(email: str, at: float | None = None) -> str:
    """The six-digit code an authenticator app with the user's key shows (RFC 6238, 30 s, SHA-1)."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(bytes.fromhex(totp_key_hex(email)), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


def jobcenter_slug(index: int) -> str:
    return f"jc{index + 1:03d}"


def coordinator_email(slug: str, n: int = 1) -> str:
    return f"koordinator{n}@{slug}.{EMAIL_DOMAIN}"


def leader_email(slug: str, n: int = 1) -> str:
    return f"leder{n}@{slug}.{EMAIL_DOMAIN}"
