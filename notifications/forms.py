from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.models import DeliveryChannel, ReminderSchedule


class ReminderScheduleForm(forms.ModelForm):
    hour = forms.TypedChoiceField(
        label=_("Klokkeslæt"),
        choices=[(hour, f"{hour:02d}:00") for hour in range(6, 19)],
        coerce=int,
        error_messages={"invalid_choice": _("Vælg et klokkeslæt mellem 06:00 og 18:00.")},
        help_text=_("Dansk tid. Påmindelser og daglige beskeder sendes fra dette klokkeslæt."),
    )

    class Meta:
        model = ReminderSchedule
        fields = ["weekday", "hour", "is_active", "allow_digest", "allow_inbox_only", "digest_on_weekends"]
        labels = {"weekday": _("Ugedag for de ugentlige påmindelser")}
        error_messages = {"weekday": {"invalid_choice": _("Vælg en hverdag fra mandag til fredag.")}}
        help_texts = {
            "weekday": _("Falder dagen på en helligdag, sendes påmindelserne næste hverdag."),
            "is_active": _(
                "Slår kun de ugentlige påmindelser fra. Varsler om mentoraftaler, der udløber, sendes stadig."
            ),
            "allow_digest": _(
                "Medarbejdere og virksomhedsledere kan vælge at få beskeder om overdragelser samlet i én e-mail "
                "om dagen, sendt fra klokkeslættet ovenfor."
            ),
            "allow_inbox_only": _(
                "Medarbejdere og virksomhedsledere kan vælge kun at se beskeder om overdragelser i indbakken."
            ),
            "digest_on_weekends": _(
                "Ellers samler mandagens e-mail alt fra weekenden. Hver person får højst én samlet e-mail om dagen."
            ),
        }


class DeliveryPreferencesForm(forms.Form):
    """One choice per group of hand-off messages the member receives, among the channels the jobcenter allows."""

    def __init__(self, *args, groups: list, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        allowed = {value for value, _label in choices}
        for group, chosen in groups:
            self.fields[group.key] = forms.ChoiceField(
                label=group.label,
                choices=choices,
                initial=chosen if chosen in allowed else DeliveryChannel.EMAIL.value,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Vælg, hvordan du vil have disse beskeder."),
                    "invalid_choice": _("Vælg en af de muligheder, jobcentret tillader."),
                },
            )
