"""What staff sign-in through KOMBIT's Context Handler keeps: who a federated person is, which assertions were
already used, and which sessions an IdP may end. Part of the accounts app (imported by accounts.models)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FederatedIdentity(models.Model):
    """A person as the IdP names them (issuer and persistent NameID), bound to one user. Later sign-ins find
    the user by this pair, never by e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="federated_identities",
        verbose_name=_("bruger"),
    )
    issuer = models.CharField(_("identitetsudbyder"), max_length=500)
    subject = models.CharField(_("vedvarende identifikator"), max_length=500)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    last_login_at = models.DateTimeField(_("seneste login"), null=True, blank=True)

    class Meta:
        app_label = "accounts"
        verbose_name = _("fødereret identitet")
        verbose_name_plural = _("fødererede identiteter")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="federated_identity_unique_subject"),
            models.UniqueConstraint(fields=["user", "issuer"], name="federated_identity_one_per_user_and_issuer"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.issuer})"


class SeenAssertion(models.Model):
    """An assertion ID that signed someone in, kept until the assertion expires: the same ID again is a
    replay. The primary key makes the check and the insert one atomic step."""

    assertion_id = models.CharField(max_length=256, primary_key=True)
    issuer = models.CharField(max_length=500)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        app_label = "accounts"

    def __str__(self) -> str:
        return self.assertion_id


class FederatedSession(models.Model):
    """A Django session opened by a federated sign-in, with the IdP's name for it, so a logout request from
    the IdP ends exactly the sessions it names (also when the browser does not send our cookie)."""

    session_key = models.CharField(max_length=40, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    issuer = models.CharField(max_length=500)
    name_id = models.TextField()
    session_index = models.CharField(max_length=256, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "accounts"
        indexes = [models.Index(fields=["issuer", "name_id"], name="federated_session_subject")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.session_key[:6]}…"
