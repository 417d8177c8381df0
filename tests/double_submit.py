"""Submitting a form twice at the same moment, the way a double click does: the support for
tests/test_double_submit.py.

A case fetches the page with the create form as its user, fills the form in as a browser would (the
values the page carries, the submission token included, plus the case's own answers), and posts it
from two threads at once, each with its own client and database connection, started together by a
barrier.
"""

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.db import connections
from django.test import Client

from conftest import login_verified
from mentorship.idempotency import SUBMISSION_TOKEN_FIELD

TEXT_INPUTS = {"", "text", "hidden", "date", "email", "number", "tel", "url", "time", "datetime-local", "search"}


@dataclass
class HtmlForm:
    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    selects: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)
    multiple: set[str] = field(default_factory=set)

    def data(self) -> dict[str, Any]:
        """What a browser posts for the form untouched: values, checked boxes, selected (or first) options."""
        data: dict[str, Any] = {}
        for name, value in self.fields:
            data.setdefault(name, []).append(value)
        for name, options in self.selects.items():
            chosen = [value for value, selected in options if selected]
            if not chosen and options and name not in self.multiple:
                chosen = [options[0][0]]
            if chosen:
                data[name] = chosen
        return {name: values if len(values) > 1 else values[0] for name, values in data.items()}


class FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._select: str | None = None
        self._option: tuple[str | None, bool] | None = None
        self._option_text = ""
        self._textarea: str | None = None
        self._textarea_text = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "get").lower() == "post":
            self._form = HtmlForm(action=attributes.get("action") or "")
            self.forms.append(self._form)
        if self._form is None or attributes.get("disabled") is not None:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = (attributes.get("type") or "").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attributes:
                    self._form.fields.append((name, attributes.get("value") or "on"))
            elif kind in TEXT_INPUTS:
                self._form.fields.append((name, attributes.get("value") or ""))
        elif tag == "select" and name:
            self._select = name
            self._form.selects[name] = []
            if "multiple" in attributes:
                self._form.multiple.add(name)
        elif tag == "option" and self._select:
            self._option = (attributes.get("value"), "selected" in attributes)
            self._option_text = ""
        elif tag == "textarea" and name:
            self._textarea, self._textarea_text = name, ""

    def handle_data(self, data):
        if self._option is not None:
            self._option_text += data
        if self._textarea is not None:
            self._textarea_text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "option" and self._select and self._option is not None and self._form is not None:
            value, selected = self._option
            self._form.selects[self._select].append((value if value is not None else self._option_text, selected))
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form.fields.append((self._textarea, self._textarea_text.lstrip("\n")))
            self._textarea = None


def create_form(html: str, *, action: str) -> HtmlForm:
    """The POST form on the page that carries a submission token and posts to `action`."""
    parser = FormParser()
    parser.feed(html)
    for form in parser.forms:
        names = {name for name, _value in form.fields}
        if SUBMISSION_TOKEN_FIELD in names and form.action in ("", action):
            return form
    raise AssertionError(f"No create form with a {SUBMISSION_TOKEN_FIELD} posting to {action} on the page")


def form_errors(html: str) -> list[str]:
    """The error texts next to the fields and on top of the form (DKFDS markup)."""
    found = []
    # A class list may hold more than the marker: non-field errors sit in <ul class="alert-text nobullet-list">.
    for match in re.finditer(r'class="(?:[^"]*\s)?(?:form-error-message|alert-text|error-message)(?:\s[^"]*)?"', html):
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[match.end() : match.end() + 400].split("</p>")[0]))
        found.append(text.strip(' >"')[:160])
    return found


@dataclass
class Submission:
    """One create form: who submits it, where it is shown and posted, what they fill in, what it creates."""

    user: Any
    url: str
    rows: Callable[[], int]
    answers: dict[str, Any] = field(default_factory=dict)
    page: str | None = None  # the page that shows the form, when it is not `url`
    files: Callable[[], dict[str, Any]] | None = None


@dataclass
class Outcome:
    statuses: list[int]
    locations: list[str]
    pages: list[str]
    before: int
    after: int
    errors: list[BaseException]


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        login_verified(client, user)
    return client


def double_submit(submission: Submission, *, token: bool = True) -> Outcome:
    """Posts the form from two threads at once; `token=False` posts it without its submission token, as
    two tabs with the same answers would, so that only the database's constraints stand in the way."""
    page = client_for(submission.user).get(submission.page or submission.url)
    assert page.status_code == 200, page.status_code
    form = create_form(page.content.decode(), action=submission.url)
    data = {**form.data(), **submission.answers}
    if not token:
        del data[SUBMISSION_TOKEN_FIELD]
    clients = [client_for(submission.user), client_for(submission.user)]
    before = submission.rows()
    barrier = threading.Barrier(2, timeout=30)
    responses: list[Any] = [None, None]
    errors: list[BaseException] = []

    def post(index: int) -> None:
        try:
            payload = dict(data)
            if submission.files:
                payload.update(submission.files())
            barrier.wait()
            responses[index] = clients[index].post(submission.url, payload)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    done = [response for response in responses if response is not None]
    return Outcome(
        statuses=[response.status_code for response in done],
        locations=[response.get("Location", "") for response in done],
        pages=[response.content.decode() for response in done if response.status_code == 200],
        before=before,
        after=submission.rows(),
        errors=errors,
    )


def single_submit_errors(submission: Submission) -> list[str]:
    """Posts the form once; the form's errors if it did not save (for a readable failure)."""
    client = client_for(submission.user)
    page = client.get(submission.page or submission.url)
    form = create_form(page.content.decode(), action=submission.url)
    payload = {**form.data(), **submission.answers}
    if submission.files:
        payload.update(submission.files())
    response = client.post(submission.url, payload)
    return form_errors(response.content.decode()) if response.status_code == 200 else []
