"""The outbox's default idempotency key, in Python and in SQL: one definition, two spellings side by side.

`message_enqueue` builds the key in Python; the weekly fan-out's INSERT ... SELECT computes it in the database
for thousands of rows at once. Both must give the same string for the same message, or a message enqueued one
way would be created again the other way: `notifications/tests/test_keys.py` evaluates the SQL in the database
and compares it with the Python for the same inputs.

The key: `kind:app_label.model:pk:e-mail:period` (e-mail trimmed and lower-cased; `-` when the message is
about no object), cut to the column's 255 characters.
"""

from django.db import models

KEY_LENGTH = 255  # Message.idempotency_key's max_length


def idempotency_key_for(*, kind: str, about: models.Model | None, recipient_email: str, period: str) -> str:
    """The default key: kind + the object it is about + recipient + period."""
    about_part = f"{about._meta.app_label}.{about._meta.model_name}:{about.pk}" if about is not None else "-"
    return f"{kind}:{about_part}:{recipient_email.strip().lower()}:{period}"[:KEY_LENGTH]


def idempotency_key_sql(
    *, kind: str, app_label: str | None, model: str | None, about_id: str | None, email: str, period: str
) -> str:
    """The same key as a SQL expression (PostgreSQL and SQLite) over the given SQL operands: column references
    or `%s` placeholders, which the caller fills in the order kind, app_label, model, about_id, email, period.
    `app_label` and `model` are a content type's columns (its `model` is the model's lower-case name); all three
    None make the key of a message about no object (a person's weekly reminder listing several), Python's `-`.

    Python's `str.strip()` also removes non-space whitespace that SQL's TRIM keeps; an e-mail address that
    Django's EmailValidator accepts contains none, so both agree for every address the product stores."""
    if app_label is None or model is None or about_id is None:
        about = ["'-'"]
    else:
        about = [app_label, "'.'", model, "':'", f"CAST({about_id} AS TEXT)"]
    parts = [
        kind,
        "':'",
        *about,
        "':'",
        f"LOWER(TRIM({email}))",
        "':'",
        period,
    ]
    return f"SUBSTR({' || '.join(parts)}, 1, {KEY_LENGTH})"
