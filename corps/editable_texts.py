"""The corps' text a jobcenter can edit (texts.registry): the introduction on its public "Bliv mentor" page."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from texts.registry import PAGE, EditableText, register

APPLY = "corps.apply"


def apply_default() -> str:
    """The introduction as the product writes it, in the texts' markup (texts.markup)."""
    return "\n\n".join(
        [
            _(
                "Som mentor i jobcentrets mentorkorps støtter du en borger på vejen mod job eller uddannelse: med "
                "sociale færdigheder, overblik over økonomien, eller som bindeled til arbejdsmarkedet. Du er "
                "timeansat og aftaler selv, hvor meget du kan."
            ),
            _(
                "Vi søger mennesker, der er i job, i uddannelse eller har et langt arbejdsliv bag sig; som kender "
                "arbejdsmarkedet og har et netværk; og som har en oprigtig interesse for andre mennesker, er "
                "tålmodige, vedholdende og robuste. Vi vil gerne have bredde i korpset: uddannelse, erhverv, køn, "
                "alder og baggrund."
            ),
        ]
    )


register(
    EditableText(
        key=APPLY,
        label=gettext_lazy("Bliv mentor (den offentlige ansøgningsside)"),
        group=PAGE,
        default=apply_default,
        where=gettext_lazy(
            "Indledningen på jobcentrets offentlige side »Bliv mentor«, over ansøgningsskemaet. "
            "Det første afsnit står med stor skrift."
        ),
    )
)
