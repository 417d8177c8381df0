"""The outbox: every e-mail the product sends is first a row here, written in the transaction that causes it.

A Celery task claims rows in chunks with SELECT ... FOR UPDATE SKIP LOCKED and a lease (their next attempt
moves past the task's hard time limit), sends them one at a time and marks each sent as soon as the relay has
accepted it. Being sent is therefore a lease, not a status: a crash leaves the rows pending, and they are sent
again when the lease ends. Temporary errors only delay a row; it is failed by a permanent error (a 5xx reply)
and expires, unsent, when it no longer makes sense (`expires_at`, from its kind's lifetime).
No HistoricalRecords here: the outbox is itself the log of what was sent, and a history row per status change
would double the writes of the weekly fan-out.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("Venter")
    SENT = "sent", _("Sendt")
    FAILED = "failed", _("Fejlet")
    EXPIRED = "expired", _("Udløbet")
    # Preferences (notifications.preferences): a hand-off the person takes in the daily digest waits as HELD
    # until the digest that lists it is made (then DIGESTED); one they take in the inbox only is never e-mailed.
    HELD = "held", _("Venter på daglig samling")
    DIGESTED = "digested", _("Med i daglig samling")
    INBOX_ONLY = "inbox", _("Kun i indbakken")


class OutboxChannel(models.TextChoices):
    """How an outbox row reaches its recipient (notifications.channels)."""

    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


# Pending messages delayed by mail errors for longer than this mean the relay is down (or refuses mail for a
# while): the coordinators are told on the start page and the outbox page.
DELAYED_ALERT_AFTER = timedelta(minutes=15)

# The badge each status shows with on the outbox pages (DKFDS badge classes).
STATUS_BADGES: dict[str, str] = {
    MessageStatus.PENDING: "badge-info",
    MessageStatus.SENT: "badge-success",
    MessageStatus.FAILED: "badge-error",
    MessageStatus.EXPIRED: "badge-warning",
}


class Message(models.Model):
    """One e-mail to one recipient. `idempotency_key` makes a second attempt to create it a no-op."""

    # No single-column indexes on the two foreign keys: the composite indexes below start with them, and every
    # extra index is written for each of the hundreds of thousands of rows a weekly fan-out inserts and updates.
    jobcenter = models.ForeignKey(
        "accounts.Jobcenter",
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("jobcenter"),
        db_index=False,
    )
    kind = models.CharField(_("type"), max_length=60)
    status = models.CharField(_("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING)
    recipient_email = models.EmailField(_("modtagerens e-mail"))
    recipient_name = models.CharField(_("modtagerens navn"), max_length=200, blank=True)
    # Rendered at enqueue time. Rows created by a set-based fan-out (weekly reminders) are rendered by the
    # sending task from `about` instead, because SQL cannot render Django templates: is_rendered=False.
    is_rendered = models.BooleanField(_("gengivet"), default=True)
    subject = models.CharField(_("emne"), max_length=300, blank=True)
    body_text = models.TextField(_("tekst"), blank=True)
    body_html = models.TextField(_("HTML"), blank=True)
    # [[filename, content, mimetype], ...], e.g. an iCalendar invitation ("text/calendar; method=REQUEST").
    attachments = models.JSONField(_("vedhæftede filer"), default=list, blank=True)
    about_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handler om (type)"),
        db_index=False,
        # No database-level check either: about_id is a generic id without one, content types are Django's own
        # and never deleted while rows point at them (PROTECT holds in the ORM), and the deferred check was a
        # quarter of the weekly fan-out's INSERT (3.2 of 12.2 s for 200,000 rows).
        db_constraint=False,
    )
    about_id = models.PositiveBigIntegerField(_("handler om (id)"), null=True, blank=True)
    # The objects a message lists, when it is about several (a person's weekly reminder lists their running
    # placements and agreements): [[content type id, object id, audience], ...], written by the set-based
    # fan-out; audience says which app the item's link opens ("s" the coordinator app, "c" the company portal,
    # "m" none: a corps mentor does not log in). Ids only: the text is rendered from them when it is sent.
    items = models.JSONField(_("punkter"), default=list, blank=True)
    period = models.CharField(_("periode"), max_length=20, blank=True, help_text=_("Fx ISO-uge 2026-W48."))
    idempotency_key = models.CharField(_("entydig nøgle"), max_length=255)
    attempts = models.PositiveSmallIntegerField(_("forsøg"), default=0)
    last_error = models.TextField(_("seneste fejl"), blank=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("næste forsøg"), default=timezone.now)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    # After this moment an unsent row expires instead of being sent (notifications.kinds.Lifetime). Empty only
    # on rows sent or failed before expiry existed.
    expires_at = models.DateTimeField(_("udløber"), null=True, blank=True)
    # Times a coordinator has sent the message again; part of its Message-ID, so that a receiving system that
    # drops repeated Message-IDs drops a retry of the same sending, never a deliberate resend.
    resends = models.PositiveSmallIntegerField(_("sendt igen"), default=0, db_default=0)
    # The channel the send task hands the row to (notifications.channels): e-mail, or a text message to
    # recipient_phone through the SMS gateway (notifications.sms). A text's body is body_text; its parts and
    # encoding are counted when it is written, and the gateway's id and delivery report are kept here.
    channel = models.CharField(
        _("kanal"), max_length=5, choices=OutboxChannel.choices, default=OutboxChannel.EMAIL, db_default="email"
    )
    recipient_phone = models.CharField(_("modtagerens mobilnummer"), max_length=12, blank=True, db_default="")
    sms_segments = models.PositiveSmallIntegerField(_("sms-dele"), null=True, blank=True)
    sms_encoding = models.CharField(_("sms-tegnsæt"), max_length=4, blank=True, db_default="")
    gateway_id = models.CharField(_("gatewayens id"), max_length=100, blank=True, db_default="")
    delivery_status = models.CharField(_("leveringsstatus"), max_length=10, blank=True, db_default="")
    delivery_detail = models.CharField(_("leveringsdetalje"), max_length=500, blank=True, db_default="")
    delivered_at = models.DateTimeField(_("leveret"), null=True, blank=True)

    objects = ScopedManager(jobcenter="jobcenter")

    class Meta:
        verbose_name = _("besked")
        verbose_name_plural = _("beskeder")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["jobcenter", "idempotency_key"], name="message_unique_idempotency_key"),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in MessageStatus]), name="message_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=MessageStatus.SENT, sent_at__isnull=False)
                | (~Q(status=MessageStatus.SENT) & Q(sent_at__isnull=True)),
                name="message_sent_at_iff_sent",
            ),
            models.CheckConstraint(
                condition=Q(about_type__isnull=True, about_id__isnull=True)
                | Q(about_type__isnull=False, about_id__isnull=False),
                name="message_about_complete",
            ),
            models.CheckConstraint(
                condition=Q(is_rendered=False) | ~Q(subject=""), name="message_rendered_has_subject"
            ),
            models.CheckConstraint(
                condition=Q(channel=OutboxChannel.EMAIL) | (Q(channel=OutboxChannel.SMS) & ~Q(recipient_phone="")),
                name="message_channel_valid_with_address",
            ),
        ]
        indexes = [
            # The claim and the sweep: pending rows by due time.
            models.Index(fields=["next_attempt_at"], condition=Q(status="pending"), name="message_pending_due_idx"),
            models.Index(fields=["jobcenter", "status", "kind", "period"], name="message_outbox_filter_idx"),
            # The outbox page's list, newest first: without it a sort of every row of the jobcenter's (80 ms at
            # a year's 200,000). It costs the INSERT of a 200,000-row weekly fan-out 1.8 → 2.1 s (BENCHMARKS.md).
            models.Index(fields=["jobcenter", "-created_at", "-id"], name="message_outbox_newest_idx"),
            # Erasure finds the messages about a person's objects. Partial: a person's weekly reminder is about no
            # object, so the weekly fan-out writes no entry here on its insert, its claim or its mark.
            models.Index(
                fields=["about_type", "about_id"],
                condition=Q(about_type__isnull=False),
                name="message_about_partial_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_address} ({self.get_status_display()})"

    @property
    def recipient_address(self) -> str:
        """The e-mail address, or for a text message the mobile number."""
        return self.recipient_phone if self.channel == OutboxChannel.SMS else self.recipient_email

    @property
    def is_sms(self) -> bool:
        return self.channel == OutboxChannel.SMS

    @property
    def delivery_label(self) -> str:
        """A text's delivery report in Danish (notifications.sms.DeliveryState)."""
        labels = {"delivered": _("Leveret"), "failed": _("Ikke leveret"), "pending": _("Undervejs")}
        return str(labels.get(self.delivery_status, _("Ingen leveringsrapport endnu")))

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES.get(self.status, "badge-info")

    @property
    def is_pending(self) -> bool:
        """Not sent yet: it is tried again at next_attempt_at, until it expires."""
        return self.status == MessageStatus.PENDING

    @property
    def is_expired(self) -> bool:
        """Never sent: it no longer made sense after expires_at (expiry_reason says why)."""
        return self.status == MessageStatus.EXPIRED

    @property
    def can_be_resent(self) -> bool:
        return self.status != MessageStatus.PENDING

    @property
    def is_delayed_by_errors(self) -> bool:
        """Pending after a temporary error (the relay was down or answered 4xx): it is retried until it expires."""
        return self.status == MessageStatus.PENDING and bool(self.last_error)

    @property
    def expiry_reason(self) -> str:
        """Why an expired message was not sent, in Danish (its kind's lifetime)."""
        from notifications import kinds

        try:
            return kinds.get(self.kind).lifetime.reason
        except kinds.UnknownMessageKind:
            return kinds.DEFAULT_LIFETIME.reason


class ReminderSchedule(models.Model):
    """When a jobcenter's weekly follow-up reminders go out. No row means the default: Monday 07:00.

    A Danish public holiday on the chosen day moves the reminders to the next working day.
    """

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("mandag")
        TUESDAY = 1, _("tirsdag")
        WEDNESDAY = 2, _("onsdag")
        THURSDAY = 3, _("torsdag")
        FRIDAY = 4, _("fredag")

    jobcenter = models.OneToOneField(
        "accounts.Jobcenter",
        on_delete=models.CASCADE,
        related_name="reminder_schedule",
        verbose_name=_("jobcenter"),
    )
    weekday = models.PositiveSmallIntegerField(_("ugedag"), choices=Weekday.choices, default=Weekday.MONDAY)
    hour = models.PositiveSmallIntegerField(_("klokkeslæt (time)"), default=7)
    is_active = models.BooleanField(_("send ugentlige påmindelser"), default=True)
    # What the jobcenter lets its people choose for their hand-off messages (e-mail at once is always allowed).
    allow_digest = models.BooleanField(_("tillad daglig samlet e-mail"), default=True)
    allow_inbox_only = models.BooleanField(_("tillad kun indbakke"), default=True)
    # The daily digest skips Saturday and Sunday unless the jobcenter wants it then too: Monday's lists the weekend.
    digest_on_weekends = models.BooleanField(_("send den daglige samlede e-mail lørdag og søndag"), default=False)

    objects = ScopedManager(jobcenter="jobcenter")

    class Meta:
        verbose_name = _("tidsplan for påmindelser")
        verbose_name_plural = _("tidsplaner for påmindelser")
        constraints = [
            models.CheckConstraint(condition=Q(weekday__gte=0, weekday__lte=4), name="reminder_schedule_weekday"),
            models.CheckConstraint(condition=Q(hour__gte=0, hour__lte=23), name="reminder_schedule_hour"),
        ]

    def __str__(self) -> str:
        return f"{self.jobcenter}: {self.get_weekday_display()} kl. {self.hour:02d}"


class ReminderRun(models.Model):
    """A fan-out of one kind for one jobcenter and period has been done (the rows themselves are idempotent;
    this row lets the frequent beat tick skip the set-based INSERT once the week is done)."""

    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="reminder_runs", verbose_name=_("jobcenter")
    )
    kind = models.CharField(_("type"), max_length=60)
    period = models.CharField(_("periode"), max_length=20)
    created_count = models.PositiveIntegerField(_("oprettede beskeder"), default=0)
    ran_at = models.DateTimeField(_("kørt"), default=timezone.now)

    objects = ScopedManager(jobcenter="jobcenter")

    class Meta:
        verbose_name = _("kørsel af påmindelser")
        verbose_name_plural = _("kørsler af påmindelser")
        constraints = [
            models.UniqueConstraint(fields=["jobcenter", "kind", "period"], name="reminder_run_once_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.period} – {self.jobcenter}"


class DeliveryChannel(models.TextChoices):
    EMAIL = "email", _("E-mail med det samme")
    DIGEST = "digest", _("Én samlet e-mail om dagen")
    INBOX = "inbox", _("Kun i indbakken")


class DeliveryPreference(models.Model):
    """How one person wants one group of hand-off messages in one jobcenter (notifications.preferences). No row
    means e-mail at once."""

    jobcenter = models.ForeignKey(
        "accounts.Jobcenter", on_delete=models.CASCADE, related_name="delivery_preferences", verbose_name=_("jobcenter")
    )
    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="delivery_preferences", verbose_name=_("bruger")
    )
    group = models.CharField(_("beskedgruppe"), max_length=40)
    channel = models.CharField(_("levering"), max_length=10, choices=DeliveryChannel.choices)

    objects = ScopedManager(jobcenter="jobcenter")

    class Meta:
        verbose_name = _("præference for beskeder")
        verbose_name_plural = _("præferencer for beskeder")
        constraints = [
            models.UniqueConstraint(fields=["jobcenter", "user", "group"], name="delivery_preference_once"),
            models.CheckConstraint(
                condition=Q(channel__in=[c.value for c in DeliveryChannel]), name="delivery_preference_channel"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.group}: {self.get_channel_display()}"
