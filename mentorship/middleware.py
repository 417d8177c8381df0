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
