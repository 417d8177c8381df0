from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from mentorship import views

urlpatterns = [
    path("", views.home, name="home"),
    path("tilgaengelighed/", views.accessibility_statement, name="accessibility"),
    path("healthz/", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("konto/", include("accounts.urls")),
    path("saml/", include("accounts.saml.urls")),
    path("virksomheder/", include("companies.urls")),
    path("portal/", include("portal.urls")),
    path("mentorer/", include("corps.urls")),
    path("kurser/", include("courses.urls")),
    path("borgere/", include("citizens.urls")),
    path("beskeder/", include("notifications.urls")),
    path("indbakke/", include("inbox.urls")),
    path("matchning/", include("matching.urls")),
    path("rapporter/", include("reports.urls")),
    path("privatliv/", include("audit.urls")),
    path("tekster/", include("texts.urls")),
    path("bliv-mentor/", include("corps.public_urls")),
    path(settings.ADMIN_URL_PATH, admin.site.urls),
]

handler403 = "mentorship.views.permission_denied"
handler404 = "mentorship.views.page_not_found"
handler500 = "mentorship.views.server_error"
