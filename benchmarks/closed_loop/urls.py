"""The product's URLs and the floor page: one indexed query for 50 rows through the same middleware stack.

The floor is what a page costs in this gunicorn at the least (WSGI, middleware, one query, a response),
so a page's p95 is compared with the floor's in the same run on the same machine load.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import include, path
from django.utils.html import escape
from django.views.decorators.http import require_GET
from django_scopes import scopes_disabled

from corps.models import Mentor


@login_not_required
@require_GET
def floor(request):
    # Read through (jobcenter_id, full_name, id), mentor_jc_name: one index range scan, 50 rows.
    with scopes_disabled():
        mentors = Mentor.objects.filter(jobcenter_id=1).order_by("full_name", "id")
        rows = list(mentors.values_list("id", "full_name")[:50])
    items = "".join(f"<li>{pk} {escape(name)}</li>" for pk, name in rows)
    return HttpResponse(f"<!doctype html><title>floor</title><ul>{items}</ul>")


urlpatterns = [path("__floor__/", floor), path("", include("mentorship.urls"))]
