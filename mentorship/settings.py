"""Settings for Mentorordning, read from environment variables (see the README's configuration table).

Parsing is strict: a malformed value stops start-up with a message naming the variable.
"""

import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from accounts.oidc.config import settings_from_env as mitid_erhverv_settings_from_env
from mentorship.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("MENTORSHIP_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", False)
# With DEBUG, errors show the product's own 404/500 pages (mentorship.middleware.DebugErrorPagesMiddleware)
# unless this asks for Django's technical pages.
TECHNICAL_ERROR_PAGES = env_bool("DJANGO_TECHNICAL_ERROR_PAGES", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY", None)
if SECRET_KEY is None:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-with-DJANGO_DEBUG"  # noqa: S105
elif len(SECRET_KEY) < 50 and not DEBUG:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 characters long.")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
ADMIN_URL_PATH = env_str("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"
SITE_URL = env_str("MENTORSHIP_SITE_URL", "http://localhost:8000").rstrip("/")

# --- Applications --------------------------------------------------------------------------------
INSTALLED_APPS = [
    "mentorship.apps.MentorshipAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "crispy_forms",
    "django_filters",
    "django_htmx",
    "simple_history",
    "accounts",
    "accounts.oidc.apps.MitIDErhvervConfig",
    "audit",
    "notifications",
    "companies",
    "corps",
    "courses",
    "citizens",
    "matching",
    "portal",
    "reports",
    "submissions",
    "inbox",
    "texts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "mentorship.middleware.QueryControlCharactersMiddleware",
    "mentorship.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "accounts.middleware.IdleTimeoutSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.middleware.TenantMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so the 404 page it renders has the user, membership and messages: DEBUG only (make run).
    "mentorship.middleware.DebugErrorPagesMiddleware",
]

ROOT_URLCONF = "mentorship.urls"
WSGI_APPLICATION = "mentorship.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.tenant",
                "inbox.context_processors.inbox",
            ],
            # The project's own library (mentorship isn't an app): Danish dates and choice labels,
            # remembered, under their own names; templates `{% load dk %}` on purpose.
            "libraries": {
                "dk": "mentorship.templatetags.dk",
                "dkfds_choices": "mentorship.templatetags.dkfds_choices",
            },
        },
    },
]

# --- Database ------------------------------------------------------------------------------------
# SQLite under var/ is the embedded default; production and CI set DATABASE_URL (PostgreSQL).
_database_url = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
# Persistent connections only where they are bounded: gunicorn's fixed workers (and threads) each keep at
# most one, so under gunicorn a connection lives 60 seconds by default. The development server starts a
# thread, and so a connection, per request, and kept ones used up PostgreSQL's connections: elsewhere the
# default is 0 (a connection per request), and debug mode and `manage.py runserver` always use 0.
_development_server = DEBUG or sys.argv[1:2] == ["runserver"]
_under_gunicorn = "gunicorn" in Path(sys.argv[0]).parts[-2:]
_conn_max_age = 0 if _development_server else env_int("DATABASE_CONN_MAX_AGE", 60 if _under_gunicorn else 0, minimum=0)
try:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=_conn_max_age)}
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {error}") from None
# A persistent connection that the server has closed (a PostgreSQL restart, a terminated backend) is found
# by a cheap check before a request's first query and replaced, instead of failing that request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
SILENCED_SYSTEM_CHECKS = []
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    # Covering indexes (INCLUDE columns) are a PostgreSQL speed-up; SQLite builds the same index on its key
    # columns, which is all the embedded default needs, and would otherwise warn on every migrate.
    SILENCED_SYSTEM_CHECKS.append("models.W040")
DATABASES["default"]["TEST"] = {"NAME": env_str("DATABASE_TEST_NAME", None)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ---------------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", None)
if REDIS_URL:
    # Short socket timeouts: a Redis that is down or unreachable must cost a request a moment, not hang it
    # (the rate limiter then fails open, mentorship.ratelimit).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # Sessions are read from Redis (no PostgreSQL query per request) and written to both, so the database
    # stays the record and a Redis restart only costs each session one database read. Only with Redis:
    # the local-memory cache is per process, and a session ended in one gunicorn worker would live on
    # in another's copy.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts, authentication, sessions ----------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend that reads the user and their memberships in one query per request (issue 24).
    "accounts.backends.ModelWithMembershipsBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT_HOURS", 2, minimum=1, maximum=72) * 3600

# Idle timeout: every request pushes the expiry forward, so a session ends after this much inactivity.
SESSION_IDLE_TIMEOUT_MINUTES = env_int("SESSION_IDLE_TIMEOUT_MINUTES", 30, minimum=5, maximum=24 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT_MINUTES * 60
# The idle timeout moves forward when a request uses the session, at most once a minute (a write per page
# view otherwise): accounts.middleware.IdleTimeoutSessionMiddleware.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60
# Absolute lifetime: a login ends this many hours after it began, however active the user has been
# (accounts.middleware.IdleTimeoutSessionMiddleware).
SESSION_ABSOLUTE_LIFETIME_HOURS = env_int("SESSION_ABSOLUTE_LIFETIME_HOURS", 12, minimum=1, maximum=24 * 7)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Each app's defaults for a new jobcenter, called by accounts.services.jobcenter_defaults_ensure.
JOBCENTER_DEFAULTS = [
    "corps.services.competences_defaults_ensure",
    "citizens.services.vocabulary_defaults_ensure",
    "courses.services.course_types_defaults_ensure",
    "matching.services.weights_defaults_ensure",
    "audit.services.retention_defaults_ensure",
]

OTP_TOTP_ISSUER = "Mentorordning"
# Django admin never shows an authenticator's secret key or its QR code once the device exists: whoever reads
# them could produce the user's codes. A lost phone is handled by deleting the device (a new one is set up at
# the next sign-in).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Staff sign-in through KOMBIT's Context Handler (SAML 2.0, OIOSAML 3): None, and so off, unless
# SAML_IDP_METADATA_FILE or SAML_IDP_METADATA_URL is set (README: "Staff sign-in through KOMBIT").
from accounts.saml.conf import federation_from_environment  # noqa: E402

SAML_FEDERATION = federation_from_environment(site_url=SITE_URL)

# MitID Erhverv for company people (accounts/oidc): None, and the sign-in off, unless
# MITID_ERHVERV_OIDC_DISCOVERY_URL is set (README: "MitID Erhverv for company people").
MITID_ERHVERV = mitid_erhverv_settings_from_env()

# --- CPR numbers (citizens app) ------------------------------------------------------------------
# MENTORSHIP_CPR_KEY: Fernet key(s) that encrypt stored CPR numbers; comma-separated to rotate (the first
# encrypts, all decrypt). MENTORSHIP_CPR_HASH_KEY: the HMAC-SHA256 secret behind the exact-match search
# hash (changing it makes existing numbers unsearchable). Both are required unless debug, where
# development keys are derived from SECRET_KEY.
CPR_ENCRYPTION_KEYS = env_list("MENTORSHIP_CPR_KEY", [])
CPR_HASH_KEY = env_str("MENTORSHIP_CPR_HASH_KEY", None)
if not CPR_ENCRYPTION_KEYS or CPR_HASH_KEY is None:
    if not DEBUG:
        raise ImproperlyConfigured(
            "MENTORSHIP_CPR_KEY and MENTORSHIP_CPR_HASH_KEY must be set when DJANGO_DEBUG is off."
        )
    import base64
    import hashlib

    CPR_ENCRYPTION_KEYS = CPR_ENCRYPTION_KEYS or [
        base64.urlsafe_b64encode(hashlib.sha256(f"cpr-fernet:{SECRET_KEY}".encode()).digest()).decode()
    ]
    CPR_HASH_KEY = CPR_HASH_KEY or hashlib.sha256(f"cpr-hmac:{SECRET_KEY}".encode()).hexdigest()

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30, minimum=1))
# Each account, and each client address, is locked on its own after AXES_FAILURE_LIMIT failures.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"  # the login form posts the e-mail as "username"
AXES_USERNAME_CALLABLE = "accounts.tenancy.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
# The client's address by the same rule as the rate limits: behind the reverse proxy REMOTE_ADDR is the proxy's,
# and locking it after five failed logins would lock every user out of the product.
AXES_CLIENT_IP_CALLABLE = "mentorship.ratelimit.client_address"

# --- Security ------------------------------------------------------------------------------------
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("DJANGO_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Behind the reverse proxy every request arrives from the proxy's address: the proxy says the scheme, and the
# client's address is the last X-Forwarded-For entry, the one the proxy appended (mentorship.ratelimit).
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# --- Internationalisation ------------------------------------------------------------------------
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("Engelsk"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# --- Static files --------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

CRISPY_ALLOWED_TEMPLATE_PACKS = ["dkfds"]
CRISPY_TEMPLATE_PACK = "dkfds"
CRISPY_FAIL_SILENTLY = not DEBUG

# --- E-mail --------------------------------------------------------------------------------------
_EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}
EMAIL_BACKEND = _EMAIL_BACKENDS[env_choice("EMAIL_BACKEND", "file" if DEBUG else "smtp", set(_EMAIL_BACKENDS))]
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT_SECONDS", 20, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Mentorordning <noreply@mentorordning.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery --------------------------------------------------------------------------------------
# With no REDIS_URL the broker is kombu's filesystem transport under var/, so that `make run` runs
# tasks and schedules for real without a Redis server.
BROKER_DIR = VAR_DIR / "broker"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300, minimum=1)
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "accounts.tasks.clear_expired_sessions",
        "schedule": timedelta(hours=1),
    },
    # Notifications: the tick creates each jobcenter's weekly reminders once they are due (its own weekday and
    # hour); the sweep re-queues outbox rows no task picked up.
    "notifications-weekly-followup": {
        "task": "notifications.tasks.weekly_followup_reminders",
        "schedule": timedelta(minutes=15),
    },
    # Each person's daily digest of the hand-offs they chose to get that way, from the jobcenter's hour.
    "notifications-daily-digests": {
        "task": "notifications.tasks.daily_digests",
        "schedule": timedelta(hours=1),
    },
    "notifications-sweep-outbox": {
        "task": "notifications.tasks.sweep_outbox",
        "schedule": timedelta(minutes=1),
    },
    "notifications-overdue-followup": {
        "task": "notifications.tasks.overdue_followup_reminders",
        "schedule": timedelta(hours=1),
    },
    # Agreements running out in 4 weeks, offers waiting for an answer, applications waiting for screening.
    "notifications-daily-notices": {
        "task": "notifications.tasks.daily_notices",
        "schedule": timedelta(hours=1),
    },
    # Courses: lapsed waiting-list offers pass to the next in line; reminders N days before (idempotent).
    "courses-expire-offers": {
        "task": "courses.tasks.expire_offers",
        "schedule": timedelta(minutes=10),
    },
    "courses-reminders": {
        "task": "courses.tasks.send_reminders",
        "schedule": timedelta(hours=1),
    },
    # Corps: paused mentors whose pause has ended become active again (idempotent; hourly catches up).
    "corps-resume-paused-mentors": {
        "task": "corps.tasks.mentors_resume_due",
        "schedule": timedelta(hours=1),
    },
    "matching-expire-offers": {
        "task": "matching.tasks.expire_offers",
        "schedule": timedelta(minutes=10),
    },
    # Create forms: forget submission tokens past their lifetime (mentorship/idempotency.py).
    "submissions-expire-tokens": {
        "task": "submissions.tasks.expire_submission_tokens",
        "schedule": timedelta(hours=1),
    },
    # Inbox: read items older than INBOX_READ_RETENTION_DAYS are deleted (idempotent).
    "inbox-delete-old-read-items": {
        "task": "inbox.tasks.delete_old_read_items",
        "schedule": timedelta(days=1),
    },
    # Privacy: deletes what has passed each jobcenter's retention periods (idempotent).
    "audit-retention": {
        "task": "audit.tasks.retention_run",
        "schedule": timedelta(days=1),
    },
}

# --- Notifications (the outbox) -------------------------------------------------------------------
# Temporary errors never give a message up: it is retried by backoff (base, doubling, up to the ceiling) until
# it expires (its kind's lifetime, notifications.kinds). Only a permanent (5xx) error fails it.
NOTIFICATIONS_RETRY_BASE_SECONDS = env_int("NOTIFICATIONS_RETRY_BASE_SECONDS", 60, minimum=1)
NOTIFICATIONS_RETRY_CEILING_SECONDS = env_int("NOTIFICATIONS_RETRY_CEILING_SECONDS", 3600, minimum=1)
NOTIFICATIONS_BATCH_SIZE = env_int("NOTIFICATIONS_BATCH_SIZE", 500, minimum=1)
# Rows claimed, loaded and marked sent at a time while sending (a lease that outlasts the task); each accepted
# message is first written to the process's sent journal, so a killed worker sends at most the one message in
# flight twice (notifications.journal, one directory per database under NOTIFICATIONS_JOURNAL_DIR).
NOTIFICATIONS_SEND_CHUNK = env_int("NOTIFICATIONS_SEND_CHUNK", 500, minimum=1)
NOTIFICATIONS_JOURNAL_DIR = Path(env_str("NOTIFICATIONS_JOURNAL_DIR", str(VAR_DIR / "outbox-journal")))
NOTIFICATIONS_SWEEP_AFTER_SECONDS = env_int("NOTIFICATIONS_SWEEP_AFTER_SECONDS", 300, minimum=10)
# A claim outlasts the send task that made it by this much beyond the task's hard time limit: the time a killed
# pool process takes to die and the clocks of worker and database to differ. Only then may another worker send
# the rows (the fault tests shorten it, so a killed worker's rows come back within their run).
NOTIFICATIONS_LEASE_MARGIN_SECONDS = env_int("NOTIFICATIONS_LEASE_MARGIN_SECONDS", 30, minimum=1)

# --- Inbox ---------------------------------------------------------------------------------------
# A read inbox item is deleted this many days after it was written (unread items are kept).
INBOX_READ_RETENTION_DAYS = env_int("INBOX_READ_RETENTION_DAYS", 180, minimum=1)

# --- Text messages (SMS) ---------------------------------------------------------------------------
# The outbox's second channel (notifications.sms): off unless SMS_GATEWAY_URL is set. The gateway takes a JSON
# POST with a bearer token and calls /beskeder/sms/leveringsrapport/ with delivery reports signed by
# HMAC-SHA256 of the body with SMS_WEBHOOK_SECRET (header X-Signature).
SMS_GATEWAY_URL = env_str("SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = env_str("SMS_GATEWAY_TOKEN", "")
SMS_SENDER = env_str("SMS_SENDER", "Jobcenter")
SMS_GATEWAY_TIMEOUT_SECONDS = env_int("SMS_GATEWAY_TIMEOUT_SECONDS", 10, minimum=1)
SMS_WEBHOOK_SECRET = env_str("SMS_WEBHOOK_SECRET", "")

# --- Logging -------------------------------------------------------------------------------------
LOG_LEVEL = env_choice("DJANGO_LOG_LEVEL", "INFO", {"DEBUG", "INFO", "WARNING", "ERROR"})
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # fpdf2 subsets the embedded fonts with fontTools, which logs every table it touches at INFO.
        "fontTools": {"level": "WARNING"},
        # pysaml2 loads the SAML schemas with xmlschema, which logs each one at INFO.
        "xmlschema": {"level": "WARNING"},
    },
}
