"""The default course types every jobcenter starts with (seeds 000-002). Used by the data migration
and by `courses.services.course_types_defaults_ensure`; plain data so the migration can import it."""

# (name, category, default_days, hours_per_day, audience bits, requires (name or None), description)
DEFAULT_COURSE_TYPES = [
    (
        "Mentorkursus – grundforløb",
        "base_course",
        2,
        "6.5",
        0b00111,
        None,
        "To dage om mentorrollen, konkrete værktøjer og redskaber, at sætte mål og holde samtaler med sin "
        "mentee. To jobkonsulenter deltager altid.",
    ),
    (
        "Specialmodul: utilpassede unge",
        "module",
        1,
        "3.5",
        0b00111,
        "Mentorkursus – grundforløb",
        "Specialmodul oven på grundforløbet om at være mentor for unge, der har svært ved at finde fodfæste.",
    ),
    (
        "Specialmodul: kommunikation og sprogproblemer",
        "module",
        1,
        "3.5",
        0b00111,
        "Mentorkursus – grundforløb",
        "Specialmodul oven på grundforløbet om kommunikation med borgere med sproglige udfordringer.",
    ),
    (
        "Netværksmøde",
        "network_meeting",
        1,
        "3",
        0b11111,
        None,
        "For tidligere kursusdeltagere: ny viden og erfaringsudveksling om mentorgerningen, med skiftende temaer.",
    ),
    (
        "Fyraftensmøde",
        "after_work",
        1,
        "2.5",
        0b11111,
        None,
        "Kort møde efter arbejdstid, så små virksomheder også kan deltage.",
    ),
]


def seed_course_types(*, jobcenter, course_type_model) -> int:
    """Adds the missing default types for one jobcenter (matched by name). Returns how many were added."""
    existing = {
        name.lower(): pk for pk, name in course_type_model.objects.filter(jobcenter=jobcenter).values_list("pk", "name")
    }
    added = 0
    by_name = {}
    for position, (name, category, days, hours, audience, requires, description) in enumerate(DEFAULT_COURSE_TYPES):
        if name.lower() in existing:
            by_name[name] = existing[name.lower()]
            continue
        row = course_type_model.objects.create(
            jobcenter=jobcenter,
            name=name,
            category=category,
            default_days=days,
            default_hours_per_day=hours,
            audience=audience,
            requires_id=by_name.get(requires) if requires else None,
            description=description,
            position=position * 10,
        )
        by_name[name] = row.pk
        added += 1
    return added
