"""The portal's text a jobcenter can edit (texts.registry): the page about the mentor scheme for company leaders."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from texts.registry import PAGE, EditableText, register

SCHEME = "portal.scheme"


def scheme_default() -> str:
    """The page as the product writes it, in the texts' markup (texts.markup)."""
    gains = [
        (
            _("Hurtigere indslusning"),
            _("Det tager kortere tid, før en nyansat er parat til at yde en optimal indsats."),
        ),
        (
            _("Større mangfoldighed"),
            _(
                "I kan tage det første skridt mod en kultur, hvor forskellighed blandt medarbejderne er et aktiv, "
                "og hvor respekt og den personlige relation vægtes."
            ),
        ),
        (
            _("Tryghed og trivsel"),
            _(
                "Ordningen kan øge trivslen, ikke mindst for mentor og mentee. Det giver tryghed at vide, at "
                "virksomheden vil støtte sine medarbejdere, hvis de bliver ramt af problemer."
            ),
        ),
        (
            _("Videndeling"),
            _(
                "Ordningen signalerer, at det er vigtigt at lære af hinandens erfaringer: den erfarne lærer fra "
                "sig til den mindre erfarne og omvendt."
            ),
        ),
        (_("Økonomisk bidrag"), _("Der ydes et økonomisk vederlag for den tid, mentor anslås at bruge på sin mentee.")),
    ]
    tasks = [
        _("udvælge mentor,"),
        _("følge op på mentorforløbet,"),
        _("skabe opbakning på virksomheden, fx ved at gøre mentorens arbejde synligt og anerkendt,"),
        _("sikre, at mentor har tid og luft til at løse opgaven."),
    ]
    steps = [
        _("Tilføj den medarbejder, der skal være mentor, under Mentorer."),
        _(
            "Indstil mentoren til et mentorkursus, så vedkommende er klædt på til opgaven. En ny mentor kan også "
            "følge en erfaren mentor i en periode."
        ),
        _("Svar på jobcentrets forslag om forløb, og vælg mentoren for hver borger."),
        _("Følg op sammen med jobcentret undervejs, og skriv vurderinger af borgerens udvikling."),
    ]
    blocks = [
        _("Mentorordningen er en af de muligheder, I som virksomhed har, for at skabe en mere rummelig arbejdsplads."),
        _(
            "Mentorordningen indebærer, at en medarbejder i virksomheden får den særlige opgave at være mentor med "
            "ansvar for at introducere, vejlede og oplære en ny kollega i at arbejde på jeres virksomhed. Opgaven "
            "med at integrere den nye medarbejder er større end den, der normalt kræves af en virksomhed. Derfor "
            "frikøbes en medarbejder som udgangspunkt til opgaven som mentor."
        ),
        _(
            "Mentoren er en slags rollemodel og særlig hjælper for den nye kollega, mentee. Ordningen handler om "
            "faglig oplæring, men også om støtte på det sociale område: at lære at begå sig blandt kolleger, at "
            "møde til tiden og så videre."
        ),
        "## " + _("Hvad får virksomheden ud af en mentorordning?"),
        "\n".join(f"- **{title}**: {text}" for title, text in gains),
        "## " + _("Lederens rolle og opgave"),
        _("Lederen er en nøgleperson i mentorordningen. Som den, der har det øverste ansvar, er det din opgave at:"),
        "\n".join(f"- {task}" for task in tasks),
        _(
            "At være mentor betyder, at der går tid fra andre opgaver i en periode. Derfor kompenseres "
            "virksomheden økonomisk."
        ),
        "## " + _("Kompensation for mentorens tid (frikøb)"),
        _(
            "Virksomheden kan hver måned søge om kompensation for de timer, mentoren har brugt på mentoropgaven for "
            "hver borger: timerne gange mentorens faktiske timeløn, plus feriepenge, pension og arbejdsgiverbidrag "
            "efter jobcentrets satser. Transporttid, rejseudgifter og løn under sygdom kompenseres ikke."
        ),
        "## " + _("Sådan kommer I i gang"),
        "\n".join(f"{number}. {step}" for number, step in enumerate(steps, start=1)),
    ]
    return "\n\n".join(blocks)


register(
    EditableText(
        key=SCHEME,
        label=gettext_lazy("Om mentorordningen (portalen)"),
        group=PAGE,
        default=scheme_default,
        where=gettext_lazy(
            "Siden »Om mentorordningen« i virksomhedsportalen: orientering til lederen og arbejdsgiveren. "
            "Knappen »Søg om frikøb« står under teksten."
        ),
    )
)
