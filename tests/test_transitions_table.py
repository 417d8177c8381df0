"""mentorship.transitions: a table must declare every status of its enum, and require() refuses an
undeclared move with one code and a Danish message naming both statuses."""

import pytest
from django.core.exceptions import ValidationError

from citizens.models import AgreementStatus
from mentorship.transitions import Transitions


def test_a_table_must_declare_every_status_and_only_the_enums():
    with pytest.raises(ValueError, match="undeclared"):
        Transitions(AgreementStatus, {AgreementStatus.DRAFT: {AgreementStatus.ACTIVE}})
    with pytest.raises(ValueError, match="unknown"):
        Transitions(AgreementStatus, {**{status: set() for status in AgreementStatus.values}, "draft": {"lost"}})


def test_require_refuses_an_undeclared_move_with_the_code_and_both_labels():
    table = Transitions(AgreementStatus, {**{status: set() for status in AgreementStatus.values}, "draft": {"active"}})
    table.require(AgreementStatus.DRAFT, AgreementStatus.ACTIVE)
    assert table.pairs() == [("draft", "active")]
    with pytest.raises(ValidationError) as error:
        table.require(AgreementStatus.ACTIVE, AgreementStatus.DRAFT)
    assert error.value.code == "illegal_transition"
    assert error.value.messages == ["Status “Aktiv” kan ikke ændres til “Kladde”."]
    with pytest.raises(ValidationError) as error:
        table.require(AgreementStatus.ENDED, AgreementStatus.ACTIVE, message="Kun en kladde kan sættes i kraft.")
    assert (error.value.code, error.value.messages) == ("illegal_transition", ["Kun en kladde kan sættes i kraft."])
