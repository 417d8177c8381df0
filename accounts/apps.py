from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def last_login_update(sender, user, **kwargs) -> None:
    """Records the log-in time with one UPDATE and no change-history record.

    Django's own receiver (update_last_login) saves the user, and simple_history then writes a
    history record per log-in, identical to the one before (last_login is not a tracked field): an
    INSERT and its Python on every log-in, under the password hash of a log-in storm. The log-ins
    themselves are recorded by axes' access log.
    """
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    user.last_login = timezone.now()
    get_user_model().objects.filter(pk=user.pk).update(last_login=user.last_login)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Brugere og jobcentre")

    def ready(self) -> None:
        from django.contrib.auth.models import update_last_login
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(last_login_update, dispatch_uid="accounts_last_login_update")
