"""Demo data for MitID Erhverv: the demo leader is bound to the person the local test provider
(`make mitid-erhverv`) shows for the leader's company, so a new user can sign in with it at once."""

import uuid

from django.utils import timezone

from accounts.models import Membership, Role
from accounts.oidc.models import ProfessionalBinding


def demo_persistent_id(cvr: str) -> str:
    """The persistent professional ID the test provider gives the demo person of the company with this CVR
    number: the same from run to run, like the real one."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'mentorordning-demo/{cvr}')}"


def demo_binding_ensure(*, email: str) -> None:
    """Binds the demo leader's membership (idempotent). Only one leader per company: a persistent ID is one
    person."""
    membership = (
        Membership.objects.filter(user__email=email, role=Role.COMPANY_LEADER).select_related("company").first()
    )
    if membership is None or membership.company is None:
        return
    cvr = membership.company.cvr
    ProfessionalBinding.unscoped.update_or_create(
        membership=membership,
        defaults={"persistent_id": demo_persistent_id(cvr), "cvr": cvr, "last_sign_in_at": timezone.now()},
    )
