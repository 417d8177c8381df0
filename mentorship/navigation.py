"""The side navigation: one list, filtered by the request's role. Apps add their entries here."""

from dataclasses import dataclass
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from accounts.permissions import ADMINS, COORDINATORS, LEADERS, STAFF


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: tuple[str, ...]
    # Highlight the item on every URL under its own (e.g. a mentor's page under the mentor list).
    prefix_match: bool = True
    # Django admin also needs the user's staff flag (MentorshipAdminSite.has_permission): a jobcenter
    # admin without it is not offered a link that answers 403.
    staff_flag: bool = False


ITEMS = [
    NavItem(_("Forside"), "home", STAFF + LEADERS, prefix_match=False),
    NavItem(_("Borgere"), "citizens:list", STAFF),
    NavItem(_("Virksomheder"), "companies:list", STAFF),
    NavItem(_("Opfølgning mangler"), "citizens:follow_up_overdue", COORDINATORS),
    NavItem(_("Aftaler der udløber"), "citizens:agreements_ending", COORDINATORS),
    NavItem(_("Mentorkorps"), "corps:mentor_list", COORDINATORS),
    NavItem(_("Kurser og netværksmøder"), "courses:list", STAFF),
    NavItem(_("Timer og løn"), "corps:hours_list", COORDINATORS),
    NavItem(_("Frikøb"), "companies:claim_list", COORDINATORS),
    NavItem(_("Tilbud til mentorer"), "matching:offer_list", COORDINATORS),
    NavItem(_("Hold"), "matching:cohort_list", COORDINATORS),
    NavItem(_("Udbakke"), "notifications:outbox", COORDINATORS),
    NavItem(_("Rapporter"), "reports:index", COORDINATORS),
    NavItem(_("Privatliv og slettefrister"), "audit:overview", STAFF),
    NavItem(_("Log ind med adgangskode"), "saml:local_passwords", ADMINS),
    NavItem(_("Tekster"), "texts:list", ADMINS),
    NavItem(_("Administration"), "admin:index", ADMINS, staff_flag=True),
    NavItem(_("Forløb"), "portal:placements", LEADERS),
    NavItem(_("Mentorer"), "portal:mentors", LEADERS),
    NavItem(_("Kurser og netværksmøder"), "portal:courses", LEADERS),
    NavItem(_("Frikøb"), "portal:claims", LEADERS),
    NavItem(_("Virksomhedens oplysninger"), "portal:company", LEADERS),
    NavItem(_("Om mentorordningen"), "portal:scheme", LEADERS),
]


@lru_cache(maxsize=256)
def _url(url_name: str, script_prefix: str, urlconf) -> str:
    """The item's URL, reversed once per script prefix and URLconf (what reverse() depends on) rather than
    on every page: the navigation's 10-14 reverse() calls were about a tenth of a short page's CPU."""
    return reverse(url_name, urlconf=urlconf)


@receiver(setting_changed)
def _forget_urls(**kwargs):
    _url.cache_clear()  # a test that changes ROOT_URLCONF (Django clears its own URL caches then too)


def items_for(request) -> list[dict]:
    membership = getattr(request, "membership", None)
    if membership is None:
        return []
    result = []
    for item in ITEMS:
        if membership.role not in item.roles:
            continue
        if item.staff_flag and not getattr(getattr(request, "user", None), "is_staff", False):
            continue
        url = _url(item.url_name, get_script_prefix(), get_urlconf())
        matches = request.path == url or (item.prefix_match and url != "/" and request.path.startswith(url))
        result.append({"label": item.label, "url": url, "current": False, "_match": len(url) if matches else -1})
    # One item is current: the longest matching URL wins (/mentorer/timer/ is "Timer og løn", not
    # "Mentorkorps" at /mentorer/).
    best = max(result, key=lambda entry: entry["_match"], default=None)
    for entry in result:
        entry["current"] = entry is best and entry["_match"] >= 0
        del entry["_match"]
    return result
