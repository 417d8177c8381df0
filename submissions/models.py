"""One row per submitted create form: the token the form carried and where the first submission led.

The unique constraint on the token is what makes a create idempotent: a second POST of the same form
(a double click, a reload, a retry) waits on the index until the first commits, then finds its row and
is sent to the same result instead of creating a second object. See mentorship/idempotency.py.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SubmissionToken(models.Model):
    token = models.UUIDField(_("formular-id"), editable=False)
    # The token answers only to the user who submitted it (None for the public application form).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+", editable=False
    )
    path = models.CharField(_("adresse"), max_length=500, editable=False)
    result_url = models.CharField(_("resultat"), max_length=2000, blank=True, editable=False)
    created_at = models.DateTimeField(_("sendt"), default=timezone.now, db_index=True, editable=False)

    class Meta:
        verbose_name = _("formularindsendelse")
        verbose_name_plural = _("formularindsendelser")
        constraints = [models.UniqueConstraint(fields=["token"], name="submission_token_unique")]

    def __str__(self) -> str:
        return f"{self.path} ({timezone.localtime(self.created_at):%d.%m.%Y %H.%M})"
