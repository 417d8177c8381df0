"""Creating and editing companies, by the jobcenter and by the company's leader in the portal."""

from django.db import transaction

from audit.services import activity_record
from companies.models import Company
from companies.services._common import _apply, _check_same_jobcenter
from mentorship.constraints import constraint_errors

COMPANY_FIELDS = (
    "name",
    "cvr",
    "p_number",
    "address",
    "postcode",
    "city",
    "industry",
    "size_band",
    "sector",
    "contact_name",
    "contact_email",
    "contact_phone",
    "capacity",
    "status",
    "notes",
)
# What a company leader may change in the portal: not the status, the notes or the CVR number.
LEADER_COMPANY_FIELDS = (
    "name",
    "p_number",
    "address",
    "postcode",
    "city",
    "industry",
    "size_band",
    "contact_name",
    "contact_email",
    "contact_phone",
    "capacity",
)


# --- Companies ------------------------------------------------------------------------------------


@constraint_errors
@transaction.atomic
def company_create(*, actor, jobcenter, data: dict, placement_types=()) -> Company:
    """Creates a company in `jobcenter`. The CVR number must be valid and unique in the jobcenter
    (validated by the model; a duplicate raises ValidationError naming the field)."""
    _check_same_jobcenter(jobcenter, placement_types=placement_types)
    company = Company(jobcenter=jobcenter)
    _apply(company, data, COMPANY_FIELDS)
    company.full_clean()
    company.save()
    company.placement_types.set(placement_types)
    activity_record(actor=actor, action="companies.company.created", obj=company, data={"cvr": company.cvr})
    return company


@constraint_errors
@transaction.atomic
def company_update(*, actor, company: Company, data: dict, placement_types=None, leader: bool = False) -> Company:
    """Updates the given fields. A leader (portal) may only change LEADER_COMPANY_FIELDS.

    Compares with the row re-read (and locked) here, never with the caller's instance, which a bound
    ModelForm may already have changed in memory (then nothing would look changed, and nothing saved)."""
    company = Company.objects.select_for_update().get(pk=company.pk)
    allowed = LEADER_COMPANY_FIELDS if leader else COMPANY_FIELDS
    changed = _apply(company, data, allowed)
    company.full_clean()
    if changed:
        company.save(update_fields=changed)
    if placement_types is not None:
        _check_same_jobcenter(company.jobcenter, placement_types=placement_types)
        before = set(company.placement_types.values_list("pk", flat=True))
        after = {p.pk for p in placement_types}
        if before != after:
            company.placement_types.set(placement_types)
            changed.append("placement_types")
    if changed:
        activity_record(
            actor=actor,
            action="companies.company.updated",
            obj=company,
            data={"fields": changed, "by_leader": leader},
        )
    return company
