"""A test client logged in past the second factor, without changing the data other benchmarks read.

conftest.login_verified creates a TOTP device on every call: on the shared national data set
(seed_scale gives every user one device) each benchmark run left the user one more, and the next
`TOTPDevice.objects.get(user=...)` failed with MultipleObjectsReturned. Here the user's existing
confirmed device (the oldest) is put in the session; a device is created only for a user who has none,
and then under a fixed name, so a second run finds it instead of adding another.
"""

BENCH_DEVICE_NAME = "bench"


def confirmed_device(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()
    if device is None:
        device, _ = TOTPDevice.objects.get_or_create(user=user, name=BENCH_DEVICE_NAME, defaults={"confirmed": True})
    return device


def verified_client(user, **defaults):
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    client = Client(**defaults)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = confirmed_device(user).persistent_id
    session.save()
    return client
