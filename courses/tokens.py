"""Signed tokens for the public links in course e-mails (invitation, waiting-list offer, evaluation).

A token names one row and what it may do (the salt); it cannot be forged or turned into another
kind of link, and it stores nothing in the database. Each kind stops working on its own terms: an
invitation after the course started, an offer at its deadline, an evaluation once submitted."""

from django.core import signing

INVITATION = "courses.invitation"
OFFER = "courses.offer"
EVALUATION = "courses.evaluation"
MAX_AGE = 60 * 60 * 24 * 400  # seconds; longer than any course is planned ahead


def make(kind: str, pk: int) -> str:
    return signing.dumps(pk, salt=kind, compress=False)


def read(kind: str, token: str) -> int | None:
    """The row id in a valid token of this kind, else None."""
    try:
        value = signing.loads(token, salt=kind, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None
