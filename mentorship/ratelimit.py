"""Rate limits on the public pages (the "Bliv mentor" application, the answers from e-mail links).

One counter per client address and scope in the Django cache (Redis in production). A limit guards
against a flood; it must never cost a citizen's or applicant's input. So when the cache cannot be
reached the limiter fails open: the request goes through, and a warning is logged once per outage
(not once per request) so the log still shows that the cache is down.
"""

import hashlib
import logging
import threading

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

_outage = threading.Event()  # set while the cache is failing, so the warning is logged once per outage


def client_address(request) -> str:
    """The client's address. Behind the reverse proxy (DJANGO_BEHIND_PROXY) REMOTE_ADDR is the proxy's, the
    same for everyone, so one counter would turn away every applicant once anyone reached the limit: there
    it is the last X-Forwarded-For entry, which the proxy appended (the entries before it are the client's
    to write, so they are never trusted)."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")


def client_key(request, scope: str) -> str:
    """The cache key for this client address in this scope (the address is hashed, never stored)."""
    address = client_address(request)
    return "ratelimit:" + hashlib.sha256(f"{scope}:{address}".encode()).hexdigest()[:32]


def over_limit(request, scope: str, *, limit: int, window: int) -> bool:
    """Count this request; True once the client has made more than `limit` within `window` seconds.

    False (let it through) when the cache raises: a missing cache must not turn away a real person.
    """
    key = client_key(request, scope)
    try:
        cache.add(key, 0, window)
        try:
            count = cache.incr(key)
        except ValueError:  # the key expired between add and incr
            cache.set(key, 1, window)
            count = 1
    except Exception:  # any backend's failure (redis.ConnectionError, TimeoutError, ...): fail open
        if not _outage.is_set():
            _outage.set()
            logger.warning("Rate limit skipped: the cache cannot be reached.", exc_info=True)
        return False
    if _outage.is_set():
        _outage.clear()
        logger.info("Rate limit: the cache answers again.")
    return count > limit
