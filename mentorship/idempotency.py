"""Every create form is idempotent per submission: a double click, a reload or a retry saves once.

How it works:
- A view that creates something is decorated with `@idempotent_create`. Each time it runs, it gives
  the page a fresh token (`request.submission_token`), which `templates/includes/submission_token.html`
  renders as a hidden field. The crispy template pack (`dkfds/whole_uni_form.html`) includes it in every
  POST form it renders; a template that renders `{{ form|crispy }}` inside its own `<form>` includes it
  next to `{% csrf_token %}`. A page with several create forms gives each its `part` (`{% include
  "includes/submission_token.html" with part=... %}`), so each form is a submission of its own.
- On a POST with a token, the decorator opens a transaction and inserts the token's row *first*. A
  second POST with the same token blocks on the unique index until the first commits, then fails to
  insert, reads the first's row and redirects to where the first one led (the object it created),
  with a message saying that the form was saved once. If the first submission did not succeed (form
  errors, an exception), its row is gone with it and the second is handled as a new submission.
- Only a redirect counts as a result (every create view redirects after saving). The row remembers it
  for SUBMISSION_TOKEN_TTL; `submission_tokens_expire` (hourly Celery beat) forgets older rows.

A POST without a (well-formed) token is handled as before, without the guarantee: tests and scripts
post without one, and a browser always sends the one its page carried.
"""

import uuid
from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _

SUBMISSION_TOKEN_FIELD = "submission_token"  # noqa: S105 - a form field name, not a secret
SUBMISSION_TOKEN_PART_FIELD = "submission_token_part"  # noqa: S105 - a form field name, not a secret
SUBMISSION_TOKEN_TTL = timedelta(hours=24)
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


def new_submission_token() -> str:
    return uuid.uuid4().hex


def posted_submission_token(request) -> uuid.UUID | None:
    """The posted token; a page with several create forms (one offer form per suggested mentor) sends
    each form's part with it, so that each form is its own submission."""
    value = request.POST.get(SUBMISSION_TOKEN_FIELD, "")
    try:
        token = uuid.UUID(value) if value else None
    except ValueError:
        return None
    part = request.POST.get(SUBMISSION_TOKEN_PART_FIELD, "")
    return uuid.uuid5(token, part[:100]) if token and part else token


def _replay(request, token: uuid.UUID):
    """The answer to a repeated submission: where the first one led, if it was this user's."""
    from submissions.models import SubmissionToken

    first = SubmissionToken.objects.filter(token=token).first()
    user_id = request.user.pk if request.user.is_authenticated else None
    if first is not None and first.user_id != user_id:
        # Someone else's token (a forged form) tells nothing about their submission.
        raise PermissionDenied
    messages.info(request, _("Formularen var allerede sendt. Den er kun gemt én gang."))
    # Without a row (expired between the insert and this read) the form itself is the safe answer.
    return HttpResponseRedirect(first.result_url if first is not None and first.result_url else request.path)


def idempotent_create(view):
    """Function-view decorator for a view that creates something on POST (see the module docstring).

    Put it innermost, below the permission and method decorators, so that a refused request never
    writes a row. The view must redirect after a successful create.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.submission_token = new_submission_token()
        token = posted_submission_token(request) if request.method == "POST" else None
        if token is None:
            return view(request, *args, **kwargs)

        from submissions.models import SubmissionToken

        user = request.user if request.user.is_authenticated else None
        with transaction.atomic():
            try:
                with transaction.atomic():
                    row = SubmissionToken.objects.create(token=token, user=user, path=request.path[:500])
            except IntegrityError:
                # Inserted by an earlier (committed) submission of the same form: we waited for it.
                return _replay(request, token)
            response = view(request, *args, **kwargs)
            if response.status_code in REDIRECT_CODES and response.has_header("Location"):
                row.result_url = response["Location"][:2000]
                row.save(update_fields=["result_url"])
            else:
                # Nothing was created (the form is shown again with its errors): the token is free again.
                row.delete()
            return response

    wrapper.idempotent_create = True
    return wrapper


def submission_token_page(view):
    """For a page that holds a create form posting to another (idempotent) view: gives it its token."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.submission_token = new_submission_token()
        return view(request, *args, **kwargs)

    return wrapper


def is_idempotent_create(view) -> bool:
    return bool(getattr(view, "idempotent_create", False))


def submission_tokens_expire(*, now=None) -> int:
    """Deletes tokens older than SUBMISSION_TOKEN_TTL; a form sent again after that saves again."""
    from submissions.models import SubmissionToken

    before = (now or timezone.now()) - SUBMISSION_TOKEN_TTL
    deleted, _detail = SubmissionToken.objects.filter(created_at__lt=before).delete()
    return deleted
