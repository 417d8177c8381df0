"""The Django admin: the platform superuser sees everything; a jobcenter admin sees their jobcenter.

One tenancy rule for every admin page, kept here in the base classes (RoleAwareAdmin, JobcenterScopedAdmin)
so that every registered ModelAdmin gets it (tests/test_admin_matrix.py fails for one that does not):

- An object belongs to a jobcenter admin when it is in the admin's queryset (`get_queryset`). Every view
  that takes an object id (change, delete, history, history detail, password) answers 404 for any other
  object, exactly as for an absent one, and the object-level permissions say the same.
- Change history (django-simple-history) is read-only for everyone but the platform superuser, who may
  revert only what they may change. History rows are scoped like the objects.
- Choices: a foreign key or many-to-many to a user offers only the jobcenter's active members; one to a
  tenant model offers only what the admin of that model shows. The autocomplete view follows the same rule.
- Filters: only the changelist's declared filters (and its date hierarchy) are accepted as lookups, so a
  hidden field cannot be probed through the URL.
- Reads of personal data (a citizen, a corps mentor, a company mentor, or a row about one) are written to
  the access log, as the app's own pages do.

A package by sub-domain (site, users, access_log, base, autocomplete); this module re-exports every
public name, so `from mentorship.admin import JobcenterScopedAdmin` and the admin site's dotted path work as
before.
"""

from mentorship.admin.access_log import (
    CPR_IN_TEXT,
    PERSON_MODELS,
    holds_personal_data,
    log_admin_list,
    log_admin_read,
    persons_of,
)
from mentorship.admin.autocomplete import (
    TenantAutocompleteJsonView,
)
from mentorship.admin.base import (
    JobcenterScopedAdmin,
    RoleAwareAdmin,
    has_simple_history,
    tenant_form,
)
from mentorship.admin.site import (
    MentorshipAdminSite,
)
from mentorship.admin.users import (
    is_jobcenter_admin,
    jobcenter_members,
    jobcenter_own_users,
)

__all__ = [
    "CPR_IN_TEXT",
    "PERSON_MODELS",
    "JobcenterScopedAdmin",
    "MentorshipAdminSite",
    "RoleAwareAdmin",
    "TenantAutocompleteJsonView",
    "has_simple_history",
    "holds_personal_data",
    "is_jobcenter_admin",
    "jobcenter_members",
    "jobcenter_own_users",
    "log_admin_list",
    "log_admin_read",
    "persons_of",
    "tenant_form",
]
