"""The jobcenter admin's pages for the jobcenter's own texts: the list, one text with a preview, and
restoring the product's text. A jobcenter admin only ever reads and writes their own jobcenter's texts: the
key in the URL names a text, and the jobcenter comes from the request (accounts.tenancy)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import ADMINS, role_required
from mentorship.web import form_errors_from, form_submit
from texts import markup, placeholders, registry, selectors, services
from texts.forms import TextForm


@role_required(*ADMINS)
@require_GET
def text_list(request):
    entries = selectors.text_list(jobcenter=request.jobcenter)
    pages = [entry for entry in entries if entry.text.group == registry.PAGE]
    emails = [entry for entry in entries if entry.text.group == registry.EMAIL]
    groups = [
        {"title": _("Sider"), "entries": pages},
        {"title": _("Indledning i e-mails"), "entries": emails},
    ]
    return render(request, "texts/text_list.html", {"groups": groups})


def _preview(text: registry.EditableText, body: str) -> dict:
    """The text as it will look; an e-mail's opening with its placeholders filled with example values."""
    if text.opening is not None:
        html, plain = placeholders.preview(body, text.opening)
        return {"preview_html": html, "preview_text": plain}
    return {"preview_html": markup.to_html(body), "preview_text": markup.to_text(body)}


@role_required(*ADMINS)
@require_http_methods(["GET", "POST"])
def text_edit(request, key: str):
    entry = selectors.text_get(jobcenter=request.jobcenter, key=key)
    form = TextForm(request.POST or None, initial={"body": entry.body}, required=entry.text.required)
    body = entry.body
    if request.method == "POST" and "preview" in request.POST:
        # Shows the text as it would look, without saving it; the same checks as saving.
        if form.is_valid():
            body = services.normalised(form.cleaned_data["body"])
            try:
                services.text_validate(entry.text, body)
            except ValidationError as error:
                form_errors_from(form, error)
    else:
        response = form_submit(
            request,
            form,
            lambda: services.text_save(
                actor=request.user, jobcenter=request.jobcenter, key=key, body=form.cleaned_data["body"]
            ),
            success_message=lambda changed: _("Teksten er gemt.") if changed else _("Teksten er standardteksten."),
            redirect_to="texts:list",
        )
        if response:
            return response
    context = {
        "entry": entry,
        "form": form,
        "is_email": entry.text.group == registry.EMAIL,
        "placeholders": entry.text.opening.placeholders if entry.text.opening else (),
    }
    if not form.errors:
        context.update(_preview(entry.text, body))
    return render(request, "texts/text_edit.html", context)


@role_required(*ADMINS)
@require_POST
def text_reset(request, key: str):
    selectors.text_get(jobcenter=request.jobcenter, key=key)  # 404 for a key that is no text
    services.text_reset(actor=request.user, jobcenter=request.jobcenter, key=key)
    messages.success(request, _("Standardteksten er gendannet."))
    return redirect("texts:list")
