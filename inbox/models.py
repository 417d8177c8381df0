"""The inbox in the product: what has been handed to a signed-in user (notifications.handoffs writes it).

An item belongs to one user in one jobcenter, and a company leader's items to their company too: the inbox
shows a user only the items of the membership they are working in. Its title names no person (a company, a
month, a cohort), so the list shows no citizen's data; the object is behind the item's link, whose page
checks access (and logs the read) as always.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class InboxItem(models.Model):
    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="+", verbose_name=_("jobcenter"), db_index=False
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_items", verbose_name=_("modtager")
    )
    # A leader's items belong to their company: another company's leader never sees them.
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("virksomhed"),
    )
    event = models.CharField(_("hændelse"), max_length=60)
    title = models.CharField(_("titel"), max_length=300)
    link = models.CharField(_("link"), max_length=500)
    about_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("handler om (type)")
    )
    about_id = models.PositiveBigIntegerField(_("handler om (id)"))
    # The outbox message's idempotency key: one item per message, however often the step is repeated.
    key = models.CharField(_("entydig nøgle"), max_length=255)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    read_at = models.DateTimeField(_("læst"), null=True, blank=True)

    objects = ScopedManager(jobcenter="jobcenter")

    class Meta:
        verbose_name = _("besked i indbakken")
        verbose_name_plural = _("beskeder i indbakken")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["jobcenter", "recipient", "key"], name="inbox_item_once"),
            models.CheckConstraint(condition=~Q(link=""), name="inbox_item_has_link"),
        ]
        indexes = [
            models.Index(fields=["recipient", "jobcenter", "-created_at"], name="inbox_item_list_idx"),
            # The header's unread count.
            models.Index(
                fields=["recipient", "jobcenter"], condition=Q(read_at__isnull=True), name="inbox_item_unread_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
