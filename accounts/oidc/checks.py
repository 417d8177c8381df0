"""System checks for MitID Erhverv's settings (run by `manage.py check`, the deploy ones by `check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def mitid_erhverv_over_https(app_configs, **kwargs):
    config = getattr(settings, "MITID_ERHVERV", None)
    if config is None or config.discovery_url.startswith("https://"):
        return []
    return [
        Warning(
            "MITID_ERHVERV_OIDC_DISCOVERY_URL is not an https:// address.",
            hint="Only the local test provider (manage.py mitid_erhverv_test_provider) runs on plain http.",
            id="mitid_erhverv.W001",
        )
    ]
