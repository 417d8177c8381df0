"""What the product holds, why, on which legal basis and for how long: the page /privatliv/ shows it.
A category names a RetentionKind when a jobcenter admin sets its period, else a fixed rule in words."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from audit.models import RetentionKind


@dataclass(frozen=True)
class Category:
    title: str
    holds: str
    purpose: str
    basis: str
    retention_kind: str = ""
    retention_text: str = ""


CATEGORIES = [
    Category(
        title=_("Borgere og deres sager"),
        holds=_(
            "Navn, CPR-nummer (krypteret), kontaktoplysninger, henvisning, behov og ønsker, mentoraftaler, "
            "forløb, mål, progressionsvurderinger, opfølgning, tilbud om mentor og oplysninger til matchning."
        ),
        purpose=_("At give borgeren mentorstøtte og følge op på forløbet."),
        basis=_(
            "Databeskyttelsesforordningens art. 6, stk. 1, litra e (myndighedsudøvelse), lov om en aktiv "
            "beskæftigelsesindsats kap. 26 og databeskyttelseslovens § 11 (CPR-nummer)."
        ),
        retention_kind=RetentionKind.CITIZEN_ENDED,
    ),
    Category(
        title=_("Følsomme oplysninger om borgere"),
        holds=_("Notater om helbred, misbrug og sociale forhold."),
        purpose=_("At tilrettelægge en forsvarlig mentorstøtte."),
        basis=_("Databeskyttelsesforordningens art. 9, stk. 2, litra b og h."),
        retention_kind=RetentionKind.CITIZEN_ENDED,
    ),
    Category(
        title=_("Mentorer i mentorkorpset"),
        holds=_(
            "Navn, kontaktoplysninger, fødselsår, køn, erfaring, kompetencer, tilgængelighed, noter, kurser, "
            "timer og løn."
        ),
        purpose=_("At rekruttere, matche og aflønne mentorer."),
        basis=_("Databeskyttelsesforordningens art. 6, stk. 1, litra b (ansættelse) og litra e."),
        retention_text=_("Så længe mentoren er tilknyttet korpset; derefter slettes mentoren på anmodning."),
    ),
    Category(
        title=_("Ansøgninger til mentorkorpset"),
        holds=_("Ansøgerens oplysninger og behandlingen af ansøgningen."),
        purpose=_("At vurdere ansøgningen."),
        basis=_("Databeskyttelsesforordningens art. 6, stk. 1, litra b og samtykke ved ansøgningen."),
        retention_kind=RetentionKind.MENTOR_REJECTED,
    ),
    Category(
        title=_("Virksomhedsmentorer"),
        holds=_("Navn, stilling, kontaktoplysninger, erfaring, kompetencer, timeløn til frikøb og kurser."),
        purpose=_("At samarbejde med virksomheden om borgerens forløb og beregne frikøb."),
        basis=_("Databeskyttelsesforordningens art. 6, stk. 1, litra e."),
        retention_text=_("Så længe mentoren er knyttet til et forløb; derefter slettes mentoren på anmodning."),
    ),
    Category(
        title=_("Adgangslog"),
        holds=_("Hvem der har set, søgt i, udskrevet eller eksporteret personoplysninger, hvornår og hvorfor."),
        purpose=_("Kontrol med adgangen til personoplysninger (datasikkerhed)."),
        basis=_("Databeskyttelsesforordningens art. 32."),
        retention_kind=RetentionKind.ACCESS_LOG,
    ),
    Category(
        title=_("Udbakke (sendte e-mails)"),
        holds=_("Invitationer, påmindelser og beskeder med modtager og indhold."),
        purpose=_("At dokumentere, hvad der er sendt, og sende fejlede beskeder igen."),
        basis=_("Databeskyttelsesforordningens art. 6, stk. 1, litra e."),
        retention_kind=RetentionKind.OUTBOX_MESSAGE,
    ),
]
