"""Danish names for the third-party models that Django admin shows (django-axes' log-in attempts and
lockouts). axes marks its names for translation but ships no Danish catalogue, so the admin printed
"Access attempts" and "Locked Out". The Danish text is in our own catalogue (locale/da, which Django
consults before the apps' own); the msgids are listed here so `make makemessages --no-obsolete` keeps
them. Never imported: makemessages only reads it.
"""

from django.utils.translation import gettext_noop

AXES = [
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("Username"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Path"),
    gettext_noop("Attempt Time"),
    gettext_noop("Access lock out"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Failed Logins"),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("Access Attempt"),
    gettext_noop("Expires At"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Logout Time"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("Not set"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Locked Out"),
    gettext_noop("Meta Data"),
    gettext_noop("Form Data"),
]
