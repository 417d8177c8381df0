"""The OIO Basic Privilege Profile as the Context Handler sends it: our roles per municipality CVR."""

import base64

import pytest

from accounts.models import Role
from accounts.saml.privileges import (
    USER_SYSTEM_ROLES,
    Grant,
    PrivilegeError,
    parse_privileges,
    privilege_list_xml,
    role_uri,
    widest_role_per_cvr,
)


def encoded(xml: str) -> str:
    return base64.b64encode(xml.encode()).decode()


def test_every_role_has_one_uri_and_the_uris_are_kombit_user_system_roles():
    assert {role_uri(role) for role in (Role.COORDINATOR, Role.CASEWORKER, Role.JOBCENTER_ADMIN)} == set(
        USER_SYSTEM_ROLES
    )
    assert all(uri.startswith("http://mentorordning.dk/roles/usersystemrole/") for uri in USER_SYSTEM_ROLES)


def test_groups_map_to_grants_and_other_systems_privileges_are_ignored():
    value = privilege_list_xml(
        {
            "29189714": [role_uri(Role.CASEWORKER), "http://sbsys.dk/roles/usersystemrole/sagsbehandler/1"],
            "29189919": [role_uri(Role.JOBCENTER_ADMIN)],
            "11111111": ["http://another-system.dk/roles/usersystemrole/admin/1"],
        }
    )
    assert parse_privileges([value]) == [
        Grant("29189714", Role.CASEWORKER),
        Grant("29189919", Role.JOBCENTER_ADMIN),
    ]


def test_the_older_namespace_and_whitespace_in_base64_are_read():
    xml = (
        '<bpp:PrivilegeList xmlns:bpp="http://itst.dk/oiosaml/basic_privilege_profile">'
        '<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:29189714">'
        f"<Privilege> {role_uri(Role.COORDINATOR)} </Privilege></PrivilegeGroup></bpp:PrivilegeList>"
    )
    wrapped = "\n".join(encoded(xml)[i : i + 64] for i in range(0, len(encoded(xml)), 64))
    assert parse_privileges([wrapped]) == [Grant("29189714", Role.COORDINATOR)]


def test_a_privilege_with_data_constraints_is_never_granted():
    xml = (
        '<bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile">'
        '<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:29189714">'
        f"<Privilege>{role_uri(Role.JOBCENTER_ADMIN)}</Privilege>"
        '<Constraint Name="http://sts.kombit.dk/constraints/KLE/1">15.*</Constraint>'
        "</PrivilegeGroup></bpp:PrivilegeList>"
    )
    assert parse_privileges([encoded(xml)]) == []


def test_the_widest_role_per_municipality_wins():
    grants = [Grant("1", Role.CASEWORKER), Grant("1", Role.JOBCENTER_ADMIN), Grant("1", Role.COORDINATOR)]
    assert widest_role_per_cvr([*grants, Grant("2", Role.CASEWORKER)]) == {
        "1": Role.JOBCENTER_ADMIN,
        "2": Role.CASEWORKER,
    }


@pytest.mark.parametrize(
    "value",
    [
        "ikke base64!",
        encoded("<ikke xml"),
        encoded("<Other/>"),
        encoded(
            '<PrivilegeList><PrivilegeGroup Scope="urn:dk:gov:saml:seNumberIdentifier:29189714">'
            f"<Privilege>{role_uri(Role.COORDINATOR)}</Privilege></PrivilegeGroup></PrivilegeList>"
        ),
        encoded('<!DOCTYPE x [<!ENTITY e "boom">]><PrivilegeList>&e;</PrivilegeList>'),
    ],
    ids=["not-base64", "not-xml", "not-a-privilege-list", "scope-not-a-cvr", "entity-declaration"],
)
def test_an_unreadable_privilege_list_is_an_error(value):
    with pytest.raises(PrivilegeError):
        parse_privileges([value])
