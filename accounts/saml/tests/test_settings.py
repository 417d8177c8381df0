"""Federation is configured by environment variables: with them, `check --deploy` stays clean; a half-made
configuration stops start-up with a message naming the variable."""

import pytest

from tests.test_deploy import PRODUCTION_ENV, run_manage


@pytest.fixture
def saml_env(test_idp):
    return {
        **PRODUCTION_ENV,
        "MENTORSHIP_SITE_URL": "https://mentor.favrskov.dk",
        "SAML_IDP_METADATA_FILE": str(test_idp.metadata_file),
        "SAML_SP_KEY_FILE": test_idp.sp_key_file,
        "SAML_SP_CERT_FILE": test_idp.sp_cert_file,
        "SAML_CLOCK_SKEW_SECONDS": "90",
    }


def test_check_deploy_passes_with_federation_configured(saml_env):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=saml_env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_configured_federation_reads_every_variable(saml_env, test_idp):
    code = (
        "from django.conf import settings; s = settings.SAML_FEDERATION; "
        "print(s['entity_id'], s['clock_skew'], s['idp_metadata_file'] is not None)"
    )
    result = run_manage("shell", "--no-imports", "-c", code, env=saml_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["https://mentor.favrskov.dk/saml/metadata/", "90", "True"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"SAML_SP_KEY_FILE": ""}, "SAML_SP_KEY_FILE and SAML_SP_CERT_FILE must be set"),
        (
            {"SAML_SP_CERT_FILE": "/nonexistent/sp.crt"},
            "SAML_SP_CERT_FILE='/nonexistent/sp.crt' is not a readable file",
        ),
        ({"SAML_IDP_METADATA_URL": "https://idp.example/metadata"}, "not both"),
        ({"SAML_CLOCK_SKEW_SECONDS": "3600"}, "SAML_CLOCK_SKEW_SECONDS=3600 is above the maximum 300"),
    ],
)
def test_a_half_made_configuration_stops_start_up(saml_env, change, message):
    result = run_manage("check", env={**saml_env, **change})
    assert result.returncode != 0
    assert message in result.stderr


def test_plain_http_metadata_url_is_refused(saml_env):
    env = {**saml_env, "SAML_IDP_METADATA_FILE": "", "SAML_IDP_METADATA_URL": "http://idp.example/metadata"}
    result = run_manage("check", env=env)
    assert "must be an https:// address" in result.stderr
