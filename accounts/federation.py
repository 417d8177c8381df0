"""A sign-in through a national identity federation counts as the second factor.

MitID Erhverv (accounts.oidc) signs a person in at NSIS level "Substantial" or "High": MitID itself is
multi-factor, so asking for a TOTP code afterwards would add nothing. The sign-in marks the session with the
level the identity provider vouched for; TwoFactorRequiredMiddleware accepts such a session as verified. The
mark is set only after the provider's signed answer was checked, lives in the server-side session (never in a
cookie value), and goes with the session: `login()` gives the session a new key before it is set.
"""

from django.http import HttpRequest

SESSION_KEY = "federated_sign_in"

# NSIS levels of assurance that count as a second factor (the same words NemLog-in sends, any case).
SECOND_FACTOR_LEVELS = frozenset({"substantial", "high"})


def level_counts_as_second_factor(level: str | None) -> bool:
    """True for NSIS "Substantial" or "High", also written as a URI ending in it (`.../nsis/Substantial`)."""
    if not level:
        return False
    return level.rstrip("/").rsplit("/", 1)[-1].lower() in SECOND_FACTOR_LEVELS


def federated_sign_in_mark(request: HttpRequest, *, method: str, level: str, subject: str) -> None:
    """Records in the (already cycled) session that this user signed in through `method` at `level`."""
    request.session[SESSION_KEY] = {"method": method, "level": level, "subject": subject}


def federated_second_factor(request: HttpRequest) -> bool:
    """True when this session's sign-in came through a federation at NSIS Substantial or higher."""
    session = getattr(request, "session", None)
    mark = session.get(SESSION_KEY) if session is not None else None
    return isinstance(mark, dict) and level_counts_as_second_factor(mark.get("level"))
