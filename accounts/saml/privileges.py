"""The OIO Basic Privilege Profile as KOMBIT's Context Handler sends it, and what its privileges mean here.

The assertion carries a base64-encoded XML `PrivilegeList`; each `PrivilegeGroup` has a `Scope`
(`urn:dk:gov:saml:cvrNumberIdentifier:<the municipality's CVR>`) and `Privilege` elements whose text is the
entity ID of a user-system role the municipality granted in KOMBIT's administration module. Our roles are
USER_SYSTEM_ROLES; privileges of other systems are ignored. A privilege with data constraints (`Constraint`)
is not ours to interpret (our roles have none) and is never granted.
"""

import base64
import binascii
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException

from accounts.models import Role

# The assertion attributes that may carry the privilege list: OIOSAML 3 and the Context Handler's older name.
PRIVILEGE_ATTRIBUTES = (
    "https://data.gov.dk/model/core/eid/privilegesIntermediate",
    "dk:gov:saml:attribute:Privileges_intermediate",
)
CVR_SCOPE_PREFIX = "urn:dk:gov:saml:cvrNumberIdentifier:"

# The user-system roles to create in KOMBIT's administration module (README: "Staff sign-in"), by entity ID.
USER_SYSTEM_ROLES: dict[str, Role] = {
    "http://mentorordning.dk/roles/usersystemrole/koordinator/1": Role.COORDINATOR,
    "http://mentorordning.dk/roles/usersystemrole/sagsbehandler/1": Role.CASEWORKER,
    "http://mentorordning.dk/roles/usersystemrole/jobcenteradministrator/1": Role.JOBCENTER_ADMIN,
}
# A person granted more than one of our roles in one municipality works with the widest (one membership per
# jobcenter).
ROLE_RANK = {Role.CASEWORKER: 1, Role.COORDINATOR: 2, Role.JOBCENTER_ADMIN: 3}


class PrivilegeError(ValueError):
    """The privilege attribute is not a readable OIO Basic Privilege Profile document."""


@dataclass(frozen=True)
class Grant:
    cvr: str
    role: Role


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def parse_privileges(values: list[str]) -> list[Grant]:
    """Our roles per municipality CVR in the attribute's values (each a base64 PrivilegeList).

    Raises PrivilegeError for a value that is not base64, not XML, not a PrivilegeList, or a group of ours
    whose scope is not a CVR number."""
    grants: list[Grant] = []
    for value in values:
        try:
            document = base64.b64decode("".join(value.split()), validate=True)
            root = SafeElementTree.fromstring(document)
        except (binascii.Error, ValueError, SafeElementTree.ParseError, DefusedXmlException) as error:
            raise PrivilegeError(f"unreadable privilege list: {error}") from None
        if _local(root.tag) != "PrivilegeList":
            raise PrivilegeError(f"expected a PrivilegeList, got {_local(root.tag)}")
        for group in _children(root, "PrivilegeGroup"):
            ours = [
                USER_SYSTEM_ROLES[(privilege.text or "").strip()]
                for privilege in _children(group, "Privilege")
                if (privilege.text or "").strip() in USER_SYSTEM_ROLES
            ]
            if not ours or _children(group, "Constraint"):
                continue
            scope = (group.get("Scope") or "").strip()
            cvr = scope.removeprefix(CVR_SCOPE_PREFIX)
            if not scope.startswith(CVR_SCOPE_PREFIX) or not (len(cvr) == 8 and cvr.isdigit()):
                raise PrivilegeError(f"privilege scope is not a CVR number: {scope!r}")
            grants.extend(Grant(cvr=cvr, role=role) for role in ours)
    return grants


def widest_role_per_cvr(grants: list[Grant]) -> dict[str, Role]:
    """{CVR: the widest of our roles granted there}."""
    widest: dict[str, Role] = {}
    for grant in grants:
        if grant.cvr not in widest or ROLE_RANK[grant.role] > ROLE_RANK[widest[grant.cvr]]:
            widest[grant.cvr] = grant.role
    return widest


def privilege_list_xml(groups: dict[str, list[str]]) -> str:
    """A PrivilegeList document ({scope CVR: [privilege URIs]}), base64-encoded as the Context Handler sends it.
    Used by the test identity provider (tests and `manage.py saml_test_idp`)."""
    from xml.sax.saxutils import escape, quoteattr

    body = "".join(
        f"<PrivilegeGroup Scope={quoteattr(CVR_SCOPE_PREFIX + cvr)}>"
        + "".join(f"<Privilege>{escape(uri)}</Privilege>" for uri in uris)
        + "</PrivilegeGroup>"
        for cvr, uris in groups.items()
    )
    xml = f'<bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile">{body}</bpp:PrivilegeList>'
    return base64.b64encode(xml.encode()).decode("ascii")


def role_uri(role: Role) -> str:
    return next(uri for uri, granted in USER_SYSTEM_ROLES.items() if granted == role)
