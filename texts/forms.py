from django import forms
from django.utils.translation import gettext_lazy as _

from texts import markup


class TextForm(forms.Form):
    """The text itself; the service validates it (texts.services.text_validate) and puts errors here. Every
    text is required (`required`): to go back to the product's wording, restore the default."""

    body = forms.CharField(
        label=_("Tekst"),
        required=False,
        strip=False,
        max_length=markup.MAX_LENGTH * 2,  # the service names the real limit in its error
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Tom linje: nyt afsnit. »## « først på en linje: overskrift. »- « eller »1. « først på linjerne: liste. "
            "**fed** giver fed skrift, [tekst](https://adresse.dk) et link (https://, http:// eller mailto:)."
        ),
    )

    def __init__(self, *args, required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["body"]
        field.required = required
        field.error_messages["required"] = _("Skriv en tekst, eller gendan standardteksten.")
