"""The toolkit every app's views use, once: the return address (`next`), control characters in what a
client sends, pages of a list and their pager (`templates/includes/pager.html`), the query string without
the page, a service's ValidationError on a form, the form → service → message → redirect shape, and signed
links in e-mails. Danish numbers are in `mentorship.numbers` (templates, PDFs and exports use them too).
An app's views import these, never another app's views."""

import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Page as DjangoPage
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

T = TypeVar("T")


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


# --- Pages of a list ------------------------------------------------------------------------------

PAGE_PARAMETER = "side"
PAGE_SIZE = 50
MAX_PAGE = 10_000


@dataclass
class Page:
    """One page of a list without COUNT(*): one row more than shown is fetched to know whether there is a
    next page. `templates/includes/pager.html` draws it."""

    rows: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def page_number(request: HttpRequest) -> int:
    """The page the request asks for (`?side=`), from 1 to MAX_PAGE; anything else is page 1."""
    try:
        return max(1, min(int(request.GET.get(PAGE_PARAMETER, 1)), MAX_PAGE))
    except ValueError:
        return 1


def paginate(queryset, request: HttpRequest, size: int = PAGE_SIZE) -> Page:
    """The requested page of `queryset`, with one query and no COUNT(*)."""
    number = page_number(request)
    offset = (number - 1) * size
    rows = list(queryset[offset : offset + size + 1])
    return Page(rows=rows[:size], number=number, has_next=len(rows) > size)


def counted_page(queryset, request: HttpRequest, size: int = PAGE_SIZE, count: int | None = None) -> DjangoPage:
    """The requested page through Django's Paginator, for the lists that show their total and page numbers
    ("Side 2 af 7"); it costs a COUNT(*), unless the caller has counted the same rows already (`count`). The
    same `?side=` parameter and pager template as `paginate`."""
    paginator = Paginator(queryset, size)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached_property: this is its value, and no COUNT(*) runs.
    return paginator.get_page(request.GET.get(PAGE_PARAMETER))


def query_without(request: HttpRequest, *names: str) -> str:
    """The request's query string without `names` (by default the page number), for links that keep the
    filters: `?{{ query }}&side=2`."""
    query = request.GET.copy()
    for name in names or (PAGE_PARAMETER,):
        query.pop(name, None)
    return query.urlencode()


# --- Forms and services ---------------------------------------------------------------------------


def chosen_id(form: forms.BaseForm, name: str) -> int | None:
    """The id chosen in a form's select `name`, for a field narrowed by it (a company's mentors, a mentor's
    citizens): the posted value, else the initial one (?name= or the instance's); None when there is none."""
    value = form.data.get(name) if form.is_bound else form.initial.get(name)
    value = str(getattr(value, "pk", value) or "")
    return int(value) if value.isdigit() and len(value) < 19 else None


def chosen_in_query(request: HttpRequest, name: str) -> dict:
    """A form's initial data for the select `name` from ?name= (the page fetched again when it changes): its id,
    None when it was set back to empty (so the dependent field lists nothing), nothing when it is not in the query."""
    if name not in request.GET:
        return {}
    value = request.GET[name]
    return {name: value if value.isdigit() else None}


def refresh_field_attributes(url: str, dependent: str) -> dict[str, str]:
    """htmx attributes for a select that narrows another field: on change, fetch `url` with ?<its name>=<value>
    (the form's page, whose view puts the value in the form's initial data) and swap in the dependent field's
    group only (`div_id_<dependent>`, templates/dkfds/field.html)."""
    target = f"#div_id_{dependent}"
    return {"hx-get": url, "hx-trigger": "change", "hx-target": target, "hx-select": target, "hx-swap": "outerHTML"}


def form_errors_from(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's ValidationError shown on the form: at the field it names when the form has that field,
    else on top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def form_submit(
    request: HttpRequest,
    form: forms.BaseForm,
    service_call: Callable[[], T],
    *,
    success_message: str | Callable[[T], str] | None,
    redirect_to: str | Callable[[T], str],
) -> HttpResponse | None:
    """The one shape of a form that writes: on a POST whose form is valid, run `service_call()` (which reads
    `form.cleaned_data`); when the service refuses with a ValidationError, put its messages on the form and
    answer None, so the view renders the form again; else add `success_message` and redirect.

    `success_message` and `redirect_to` may be functions of what the service returned (the new row). A
    redirect target is a URL or a URL name. A GET, or an invalid form, also answers None:

        response = web.form_submit(request, form, create, success_message=..., redirect_to=...)
        return response or render(request, "app/form.html", {"form": form})
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = service_call()
    except ValidationError as error:
        form_errors_from(form, error)
        return None
    message = success_message(result) if callable(success_message) else success_message
    if message:
        messages.success(request, message)
    return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)


def action_submit(
    request: HttpRequest, service_call: Callable[[], T], *, success_message: str | Callable[[T], str] | None
) -> T | None:
    """A button without a form of its own (activate, approve, withdraw): run the service and tell the user
    what happened as a message (`success_message` may be a function of what the service returned); a
    ValidationError becomes one error message. Answers what the service returned, or None when it
    refused. The view redirects either way."""
    try:
        result = service_call()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    message = success_message(result) if callable(success_message) else success_message
    if message:
        messages.success(request, message)
    return result


def form_errors_message(form: forms.BaseForm) -> str:
    """Every error of a small form that has no page of its own (a button row), as one message."""
    return " ".join(str(message) for errors in form.errors.values() for message in errors)


# --- Signed links ---------------------------------------------------------------------------------
# Links in e-mails that work without a login. The purpose (a salt) ties a token to one kind of link, so a
# token cannot be turned into another kind. Two kinds of token:
# - a signed id (`signed_id`/`read_signed_id`): nothing stored; the link stops on the row's own terms
#   (courses: an invitation after the course started, an evaluation once given);
# - a single-use token (`link_token`/`link_token_hash`): random and signed; only its hash is stored on
#   the row, so the database never holds a working link; the row says when it was used.


def signed_id(pk: int, *, purpose: str) -> str:
    return signing.dumps(pk, salt=purpose, compress=False)


def read_signed_id(token: str, *, purpose: str, max_age: int) -> int | None:
    """The row id in a valid, unexpired token of this purpose, else None."""
    try:
        value = signing.loads(token, salt=purpose, max_age=max_age)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def link_token(*, purpose: str) -> str:
    """A new random single-use token, signed so that a mangled link is refused before any lookup."""
    return signing.Signer(salt=purpose).sign(secrets.token_urlsafe(24))


def link_token_is_signed(token: str, *, purpose: str) -> bool:
    try:
        signing.Signer(salt=purpose).unsign(token)
    except signing.BadSignature:
        return False
    return True


def link_token_hash(token: str) -> str:
    """What the row stores of a single-use token (and looks it up by)."""
    return hashlib.sha256(token.encode()).hexdigest()
