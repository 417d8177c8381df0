"""The public links in course e-mails (invitation, waiting-list offer, evaluation): signed ids
(mentorship.web's signed links).

A token names one row and what it may do (the purpose); it cannot be forged or turned into another
kind of link, and it stores nothing in the database. Each kind stops working on its own terms: an
invitation after the course started, an offer at its deadline, an evaluation once submitted."""

from mentorship.web import read_signed_id, signed_id

INVITATION = "courses.invitation"
OFFER = "courses.offer"
EVALUATION = "courses.evaluation"
MAX_AGE = 60 * 60 * 24 * 400  # seconds; longer than any course is planned ahead


def make(kind: str, pk: int) -> str:
    return signed_id(pk, purpose=kind)


def read(kind: str, token: str) -> int | None:
    """The row id in a valid token of this kind, else None."""
    return read_signed_id(token, purpose=kind, max_age=MAX_AGE)
