"""What a log-in costs around its password hash (issue 24, benchmarks/login_storm.py)."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbSessionStore
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import MembershipFactory, TOTPDeviceFactory
from accounts.tests.test_authentication import HOME, post_login, token_for

pytestmark = pytest.mark.django_db


def test_a_log_in_records_its_time_without_a_change_history_record(client):
    user = MembershipFactory(role="coordinator").user
    device = TOTPDeviceFactory(user=user)
    records = user.history.count()
    before = timezone.now()
    assert post_login(client, user.email).status_code == 302
    assert client.post(reverse("accounts:two_factor_verify"), {"token": token_for(device)})["Location"] == HOME
    user.refresh_from_db()
    assert user.last_login is not None and user.last_login >= before
    # Nothing the history tracks changed: the log-in is axes' access log's to record, not a new version.
    assert user.history.count() == records


def test_a_changed_name_still_gets_its_history_record():
    user = MembershipFactory(role="coordinator").user
    records = user.history.count()
    user.full_name = "Ny Navn"
    user.save(update_fields=["full_name"])
    assert user.history.count() == records + 1
    assert User.history.filter(id=user.pk).latest("history_date").full_name == "Ny Navn"


@pytest.mark.redis
def test_with_redis_sessions_are_read_from_the_cache_and_a_log_out_ends_them_everywhere(client):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    user = MembershipFactory(role="coordinator").user
    device = TOTPDeviceFactory(user=user)
    post_login(client, user.email)
    client.post(reverse("accounts:two_factor_verify"), {"token": token_for(device)})
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert cache.get(CachedDbSessionStore.cache_key_prefix + key) is not None
    assert client.get(HOME).status_code == 200

    client.post(reverse("accounts:logout"))
    # The session is gone from the cache and the database: the old cookie opens nothing.
    assert cache.get(CachedDbSessionStore.cache_key_prefix + key) is None
    assert not CachedDbSessionStore().exists(key)
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    assert client.get(HOME).status_code == 302
