"""Request helpers every app needs: the one rule for following a return address (`next`), and the one
rule for control characters in what a client sends."""

import re

from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, fallback: str, *, field: str = "next") -> str:
    """The return address the request names in `field` (POST first, then GET) when it stays on this site,
    else `fallback` (a URL or a URL name).

    Refuses another host (`https://evil.example`, `//evil.example`, `/\\evil.example`), a scheme other than
    http(s) (`javascript:`), and plain http from a page served over https. Every view that follows a `next`
    goes through here, so an open redirect cannot come back one view at a time.
    """
    candidate = request.POST.get(field) or request.GET.get(field) or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(fallback) if fallback else ""


# C0 control characters and DEL, except tab, line feed and carriage return: PostgreSQL refuses NUL in text,
# and no search term, filter value or log line means any of them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def without_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)
