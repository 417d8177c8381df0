"""Project-wide middleware: what every request and response gets, whichever app answers it."""

from urllib.parse import urlencode

from django.http import QueryDict

from mentorship.web import CONTROL_CHARACTERS, without_control_characters


class QueryControlCharactersMiddleware:
    """Drops control characters from the query string's names and values before any view, filter set or
    Django admin's search reads them: a NUL pasted into a search (`?q=%00`) otherwise reached PostgreSQL,
    in the search and in the access log's record of it, and answered 500. Posted forms are left to the
    forms, whose text fields refuse a NUL with a message next to the field."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pairs = [(key, value) for key, values in request.GET.lists() for value in values]
        if any(CONTROL_CHARACTERS.search(key + value) for key, value in pairs):
            cleaned = [(without_control_characters(key), without_control_characters(value)) for key, value in pairs]
            request.GET = QueryDict(urlencode(cleaned), encoding=request.GET.encoding)
        return self.get_response(request)


class NoStoreMiddleware:
    """Every page the product's views answer is sent with `Cache-Control: no-store`, unless the view set its
    own cache policy: the pages show personal data (a citizen's case, a mentor's profile, the portal's
    placements) or carry a form with a CSRF token, and neither belongs in a browser's or proxy's cache, nor
    in the back/forward cache of a shared jobcenter PC after logout. Static files are answered by WhiteNoise
    before this middleware and keep their long cache lifetimes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response


class DebugErrorPagesMiddleware:
    """With DEBUG on (`make run`), a page that is not found or fails shows the product's own Danish 404 and
    500 pages, as in production, instead of Django's technical pages in English: the demo is what users
    see. The 500's traceback still goes to the console (the `django.request` logger). Set
    DJANGO_TECHNICAL_ERROR_PAGES=true to get Django's technical pages back while debugging. Without DEBUG
    it does nothing: Django already uses the handlers in mentorship/urls.py."""

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def active() -> bool:
        from django.conf import settings

        return settings.DEBUG and not getattr(settings, "TECHNICAL_ERROR_PAGES", False)

    def __call__(self, request):
        if self.active():
            from django.urls import Resolver404, get_resolver

            try:
                get_resolver(getattr(request, "urlconf", None)).resolve(request.path_info)
            except Resolver404 as exc:
                return self._not_found(request, exc)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not self.active():
            return None
        from django.core.exceptions import PermissionDenied
        from django.http import Http404

        if isinstance(exception, Http404):
            return self._not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return None  # Django answers it with the product's 403 page, DEBUG or not
        import logging

        from mentorship.views import server_error

        logging.getLogger("django.request").error(
            "Internal Server Error: %s", request.path, exc_info=exception, extra={"status_code": 500}
        )
        return server_error(request)

    @staticmethod
    def _not_found(request, exception):
        from mentorship.views import page_not_found

        response = page_not_found(request, exception)
        if hasattr(response, "render"):
            response.render()
        return response
