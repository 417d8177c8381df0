"""Default vocabulary for citizens and placements. Shared by the data migration (historical models)
and by citizens.services.vocabulary_defaults_ensure (new jobcenters), so both seed the same lists.

The lists follow the law and the practice of 2026 (LAB); when the law changes, jobcenter admins edit
their rows in Django admin. `code` is a stable key that reports and demo data refer to."""

# (code, name)
DEFAULT_TARGET_GROUPS: list[tuple[str, str]] = [
    ("jobparat", "Jobparat"),
    ("aktivitetsparat", "Aktivitetsparat"),
    ("ressourceforloeb", "Ressourceforløb"),
    ("sygedagpenge", "Sygedagpenge"),
    ("uddannelsesparat", "Uddannelsesparat"),
    ("aktivitetsparat_unge", "Aktivitetsparat uddannelseshjælpsmodtager"),
    ("fleksjob_visiteret", "Fleksjobvisiteret (ledig)"),
    ("jobafklaring", "Jobafklaringsforløb"),
]

DEFAULT_PLACEMENT_TYPES: list[tuple[str, str]] = [
    ("virksomhedspraktik", "Virksomhedspraktik"),
    ("loentilskud", "Løntilskud"),
    ("fleksjob", "Fleksjob"),
    ("udviklingspraktik", "Udviklingspraktik"),
    ("ordinaert_job", "Ordinært job med mentor"),
]

# MENTOR's competence cards (progressionsværktøjet).
DEFAULT_PROGRESS_DIMENSIONS: list[tuple[str, str]] = [
    ("adfaerd", "Adfærd"),
    ("engagement", "Engagement"),
    ("fleksibilitet", "Fleksibilitet"),
    ("laerevillighed", "Lærevillighed"),
    ("moedestabilitet", "Mødestabilitet"),
]

COMPLAINT_GUIDANCE = (
    "Klagevejledning: Du kan klage over jobcentrets afgørelse om mentorstøtte efter lov om en aktiv "
    "beskæftigelsesindsats (LAB) kapitel 26. Klagen sendes til jobcentret inden 4 uger efter, at du har "
    "modtaget afgørelsen. Jobcentret genvurderer sagen, og fastholder jobcentret afgørelsen, sendes klagen "
    "videre til Ankestyrelsen. Du kan klage skriftligt eller mundtligt, og du kan få hjælp til at klage ved "
    "at kontakte jobcentret."
)


def seed_vocabulary(*, jobcenter_model, target_group_model, placement_type_model, dimension_model) -> None:
    """Creates what is missing for every jobcenter; never changes or removes rows an admin edited."""
    for jobcenter in jobcenter_model.objects.all():
        seed_for_jobcenter(
            jobcenter=jobcenter,
            target_group_model=target_group_model,
            placement_type_model=placement_type_model,
            dimension_model=dimension_model,
        )


def seed_for_jobcenter(*, jobcenter, target_group_model, placement_type_model, dimension_model) -> int:
    created = 0
    for model, rows in (
        (target_group_model, DEFAULT_TARGET_GROUPS),
        (placement_type_model, DEFAULT_PLACEMENT_TYPES),
        (dimension_model, DEFAULT_PROGRESS_DIMENSIONS),
    ):
        existing = set(model.objects.filter(jobcenter=jobcenter).values_list("code", flat=True))
        missing = [
            model(jobcenter=jobcenter, code=code, name=name, position=position)
            for position, (code, name) in enumerate(rows)
            if code not in existing
        ]
        model.objects.bulk_create(missing)
        created += len(missing)
    return created
