from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.models import ReminderSchedule


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
        fields = ["weekday", "hour", "is_active"]
        labels = {"weekday": _("Ugedag for de ugentlige påmindelser")}
        error_messages = {"weekday": {"invalid_choice": _("Vælg en hverdag fra mandag til fredag.")}}
        help_texts = {
            "weekday": _("Falder dagen på en helligdag, sendes påmindelserne næste hverdag."),
            "is_active": _(
                "Slår kun de ugentlige påmindelser fra. Varsler om mentoraftaler, der udløber, sendes stadig."
            ),
        }
