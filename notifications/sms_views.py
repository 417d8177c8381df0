"""The SMS gateway's delivery reports (a webhook the gateway calls; no user session)."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt

from notifications import sms
from notifications.sms_services import sms_delivery_report_record

SIGNATURE_HEADER = "X-Signature"


@login_not_required  # the gateway has no session
@csrf_exempt  # the gateway has no CSRF token: the HMAC-SHA256 of the body with SMS_WEBHOOK_SECRET is the check
def sms_delivery_report(request: HttpRequest) -> HttpResponse:
    # The signature first, for every method: without the shared secret nothing here answers but 401 (the
    # caller is not the gateway; no user role can change that).
    if not sms.delivery_report_is_authentic(request.body, request.headers.get(SIGNATURE_HEADER)):
        return HttpResponse(status=401, headers={"WWW-Authenticate": f'HMAC-SHA256 header="{SIGNATURE_HEADER}"'})
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "POST"})
    try:
        report = sms.parse_delivery_report(request.body)
    except ValueError:
        return HttpResponseBadRequest()
    sms_delivery_report_record(report=report)
    # 204 also for a report about no text of ours: the gateway must not retry it.
    return HttpResponse(status=204)
