"""MitID Erhverv's configuration: environment variables only, off without them, `check --deploy` clean with
them, and a clear message for a half-done or unsafe one."""

import pytest

from tests.test_deploy import PRODUCTION_ENV, run_manage

MITID_ERHVERV_ENV = {
    "MITID_ERHVERV_OIDC_DISCOVERY_URL": "https://broker.example.dk/.well-known/openid-configuration",
    "MITID_ERHVERV_OIDC_CLIENT_ID": "mentorordning-favrskov",
    "MITID_ERHVERV_OIDC_CLIENT_SECRET": "en-lang-hemmelighed-fra-brokeren-0123456789",
    "MITID_ERHVERV_OIDC_SCOPES": "openid nemlogin",
}


def test_check_deploy_is_clean_with_mitid_erhverv_configured():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION_ENV, **MITID_ERHVERV_ENV})
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_warns_about_a_provider_over_plain_http():
    env = {**PRODUCTION_ENV, **MITID_ERHVERV_ENV, "MITID_ERHVERV_OIDC_DISCOVERY_URL": "http://broker.example.dk/x"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "mitid_erhverv.W001" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"MITID_ERHVERV_OIDC_CLIENT_SECRET": ""}, "MITID_ERHVERV_OIDC_CLIENT_ID and MITID_ERHVERV_OIDC_CLIENT_SECRET"),
        ({"MITID_ERHVERV_OIDC_SCOPES": "nemlogin"}, "must include openid"),
        ({"MITID_ERHVERV_OIDC_TOKEN_AUTH": "private_key_jwt"}, "must be client_secret_basic or client_secret_post"),
        ({"MITID_ERHVERV_OIDC_DISCOVERY_URL": "broker.example.dk"}, "must be an https:// address"),
    ],
)
def test_a_half_done_configuration_stops_start_up_with_a_clear_message(changes, message):
    result = run_manage("check", env={**PRODUCTION_ENV, **MITID_ERHVERV_ENV, **changes})
    assert result.returncode != 0
    assert message in result.stderr
