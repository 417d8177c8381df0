import pytest
from django.core.cache import cache

from accounts.oidc.config import MitIDErhvervSettings
from accounts.oidc.testprovider import TestProvider


@pytest.fixture
def provider(settings):
    """A running local OpenID Connect provider, and the site configured to sign in through it."""
    with TestProvider() as running:
        settings.MITID_ERHVERV = MitIDErhvervSettings(
            discovery_url=running.discovery_url, client_id=running.client_id, client_secret=running.client_secret
        )
        yield running


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Each test starts with no sign-in attempts counted (mentorship.ratelimit counts in the cache)."""
    cache.clear()
    yield
    cache.clear()
