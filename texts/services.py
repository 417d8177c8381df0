"""Writes of the jobcenter's texts. Only an edited text is stored: saving the product's own text, or restoring
the default, removes the jobcenter's row, so the text follows the product again."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import activity_record
from notifications.rendering import contains_cpr
from texts import markup, placeholders, registry
from texts.models import Text


def normalised(body: str) -> str:
    """Line breaks as \\n, no trailing spaces on a line, no blank lines at either end."""
    lines = (body or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def text_validate(text: registry.EditableText, body: str) -> None:
    """Danish errors at the field `body`: empty, too long, HTML, a link that is not https://, http:// or
    mailto:, something like a CPR number, and in an e-mail's opening a placeholder the e-mail does not have
    or a curly brace that is not part of one (texts.placeholders)."""
    errors = []
    if text.required and not body.strip():
        errors.append(_("Skriv en tekst, eller gendan standardteksten."))
    if len(body) > markup.MAX_LENGTH:
        errors.append(
            _("Teksten må højst være %(max)s tegn lang; den er %(length)s.")
            % {"max": markup.MAX_LENGTH, "length": len(body)}
        )
    if markup.HTML_TAG.search(body):
        errors.append(_("HTML kan ikke bruges. Skriv **fed**, lister med »- « og links som [tekst](https://…)."))
    bad_links = [address for address in markup.links(body) if not markup.is_allowed_link(address)]
    if bad_links and bad_links[0]:
        errors.append(
            _("Et link skal begynde med https://, http:// eller mailto: (ikke %(address)s).")
            % {"address": bad_links[0]}
        )
    elif bad_links:
        errors.append(_("Et link skal begynde med https://, http:// eller mailto:."))
    if contains_cpr(body):
        errors.append(_("Teksten må ikke indeholde et CPR-nummer."))
    if text.opening is not None:
        errors.extend(placeholders.problems(body, text.opening.names()))
    if errors:
        raise ValidationError({"body": errors})


def _text_for(key: str) -> registry.EditableText:
    text = registry.get(key)
    if text is None:
        raise ValidationError({"body": _("Teksten findes ikke.")})
    return text


@transaction.atomic
def text_save(*, actor, jobcenter, key: str, body: str) -> bool:
    """Stores the jobcenter's wording of `key` (validated, see text_validate); the product's own text removes
    the row instead. Returns True when the text now differs from the default. Logs the change."""
    text = _text_for(key)
    body = normalised(body)
    text_validate(text, body)
    row = Text.objects.select_for_update().filter(jobcenter=jobcenter, key=key).first()
    if body == normalised(text.default()):
        if row is not None:
            row.delete()
            activity_record(actor=actor, action="texts.text.reset", jobcenter=jobcenter, data={"key": key})
        return False
    if row is not None and row.body == body:
        return True
    if row is None:
        Text.objects.create(jobcenter=jobcenter, key=key, body=body)
    else:
        row.body = body
        row.save(update_fields=["body", "updated_at"])
    activity_record(actor=actor, action="texts.text.updated", jobcenter=jobcenter, data={"key": key})
    return True


@transaction.atomic
def text_reset(*, actor, jobcenter, key: str) -> None:
    """Restores the product's text for `key`: removes the jobcenter's wording, if any. Logs the change."""
    _text_for(key)
    deleted, _rows = Text.objects.filter(jobcenter=jobcenter, key=key).delete()
    if deleted:
        activity_record(actor=actor, action="texts.text.reset", jobcenter=jobcenter, data={"key": key})
