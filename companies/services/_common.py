"""What several of the companies' service modules share: setting the allowed fields and the check that
vocabulary belongs to the company's jobcenter."""


def _apply(obj, data: dict, allowed: tuple[str, ...]) -> list[str]:
    """Sets the allowed fields that changed; returns their names (for update_fields and the audit log)."""
    changed = []
    for name, value in data.items():
        if name not in allowed:
            raise ValueError(f"Field {name!r} may not be set here.")
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _check_same_jobcenter(jobcenter, *, placement_types=(), competences=()) -> None:
    for item in [*placement_types, *competences]:
        if item.jobcenter_id != jobcenter.pk:
            raise ValueError("Vocabulary from another jobcenter.")
