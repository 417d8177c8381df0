"""The side navigation marks exactly one item current: the one whose URL is the longest prefix of the path."""

from types import SimpleNamespace

import pytest
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import Role
from mentorship.navigation import items_for


def current_labels(path: str, role: str = Role.COORDINATOR) -> list[str]:
    request = RequestFactory().get(path)
    request.membership = SimpleNamespace(role=role)
    return [str(item["label"]) for item in items_for(request) if item["current"]]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (lambda: reverse("home"), ["Forside"]),
        (lambda: reverse("corps:mentor_list"), ["Mentorkorps"]),
        (lambda: reverse("corps:mentor_detail", kwargs={"pk": 7}), ["Mentorkorps"]),
        (lambda: reverse("corps:hours_list"), ["Timer og løn"]),
        (lambda: reverse("corps:hours_add"), ["Timer og løn"]),
        (lambda: reverse("citizens:list"), ["Borgere"]),
        (lambda: "/findes-ikke/", []),
    ],
)
def test_exactly_the_longest_matching_item_is_current(path, expected):
    assert current_labels(path()) == expected


def test_no_membership_no_items():
    request = RequestFactory().get("/")
    request.membership = None
    assert items_for(request) == []
