"""Default vocabulary for the corps. Shared by the data migration (with historical models) and by
corps.services.competences_defaults_ensure (new jobcenters), so both seed the same list."""

# (name, description). Danish: these are what coordinators and admins read and edit.
DEFAULT_COMPETENCES: list[tuple[str, str]] = [
    ("Sociale færdigheder", "Træning af sociale færdigheder og relationer."),
    ("Personlig økonomi", "Overblik over økonomi, budget og gæld."),
    ("Dansk sprogstøtte", "Støtte til at forstå og bruge dansk i hverdag og job."),
    ("Psykisk sårbarhed", "Erfaring med borgere med psykisk sårbarhed eller diagnose."),
    ("Misbrug", "Erfaring med borgere med rusmiddelproblemer."),
    ("Unge", "Erfaring med unge under 30."),
    ("Bolig", "Hjælp til boligsituationen."),
    ("Helbred", "Støtte ved sygdom, smerter og kontakt til sundhedsvæsenet."),
    ("Jobsøgning og CV", "Jobsøgning, ansøgninger, CV og jobsamtaler."),
    ("Uddannelsesvejledning", "Valg af og fastholdelse i uddannelse."),
    ("Kultur og integration", "Bindeled mellem kulturer, foreningsliv og integration."),
    ("Struktur i hverdagen", "Døgnrytme, aftaler og fremmøde."),
    ("Kontakt til myndigheder", "Breve, digital post og møder med offentlige myndigheder."),
    ("Netværk og fritid", "Opbygning af netværk og fritidsliv."),
]

# (ISO 639 code, Danish name). Danish first, then the languages most often met at Danish jobcenters.
DEFAULT_LANGUAGES: list[tuple[str, str]] = [
    ("da", "Dansk"),
    ("en", "Engelsk"),
    ("de", "Tysk"),
    ("ar", "Arabisk"),
    ("fa", "Persisk (farsi/dari)"),
    ("ps", "Pashto"),
    ("ti", "Tigrinya"),
    ("so", "Somali"),
    ("tr", "Tyrkisk"),
    ("ku", "Kurdisk"),
    ("ur", "Urdu"),
    ("pl", "Polsk"),
    ("ro", "Rumænsk"),
    ("uk", "Ukrainsk"),
    ("ru", "Russisk"),
    ("bs", "Bosnisk/kroatisk/serbisk"),
    ("es", "Spansk"),
    ("fr", "Fransk"),
    ("vi", "Vietnamesisk"),
    ("th", "Thai"),
    ("tl", "Tagalog"),
    ("sq", "Albansk"),
    ("lt", "Litauisk"),
    ("ta", "Tamil"),
]


def seed_vocabulary(*, jobcenter_model, competence_model, language_model) -> None:
    """Creates what is missing, never changes or removes rows an admin has edited. Idempotent."""
    for position, (code, name) in enumerate(DEFAULT_LANGUAGES):
        language_model.objects.get_or_create(code=code, defaults={"name": name, "position": position})
    for jobcenter in jobcenter_model.objects.all():
        seed_competences(jobcenter=jobcenter, competence_model=competence_model)


def seed_competences(*, jobcenter, competence_model) -> int:
    existing = {
        name.lower() for name in competence_model.objects.filter(jobcenter=jobcenter).values_list("name", flat=True)
    }
    missing = [
        competence_model(jobcenter=jobcenter, name=name, description=description, position=position)
        for position, (name, description) in enumerate(DEFAULT_COMPETENCES)
        if name.lower() not in existing
    ]
    competence_model.objects.bulk_create(missing)
    return len(missing)
