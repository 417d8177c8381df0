from tests.permissions import GET_ONLY, GET_POST, POST_ONLY, staff_only
from texts.models import Text


def _edited_text(world):
    """A text the jobcenter has changed (the other jobcenter's admin never reaches it: the key names a text of
    the admin's own jobcenter)."""
    text, _created = Text.objects.get_or_create(
        jobcenter=world.jobcenter, key="portal.scheme", defaults={"body": "Vores egen tekst."}
    )
    return {"key": text.key}


def admins_only(*, kwargs=None, methods=GET_ONLY):
    return staff_only(coordinator=403, caseworker=403, other_jobcenter=403, kwargs=kwargs, methods=methods)


MATRIX = {
    "texts:list": admins_only(),
    "texts:edit": admins_only(kwargs=_edited_text, methods=GET_POST),
    "texts:reset": admins_only(kwargs=_edited_text, methods=POST_ONLY),
}
