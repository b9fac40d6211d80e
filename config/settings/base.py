"""Production settings: safe by default, configured from the environment only.

Every variable read here is documented in docs/environment.md.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("SIRIUS_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set (see docs/environment.md).")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SIRIUS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "dsfr",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "sirius.audit",
    "sirius.emails",
    "sirius.referentiel",
    "sirius.accounts",
    "sirius.questionnaires",
    "sirius.campaigns",
    "sirius.responses",
    "sirius.moderation",
    "sirius.stats",
    "sirius.api",
    "sirius.www",
    "sirius.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "sirius" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "sirius.www.context_processors.site",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: DATABASE_URL selects it; without it, SQLite in WAL mode under var/.
SQLITE_PATH = VAR_DIR / "sirius.sqlite3"
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if env_bool("SIRIUS_DATABASE_PREPARED_STATEMENTS", True) and DATABASES["default"][
        "ENGINE"
    ].endswith("postgresql"):
        # Parameters sent apart from the SQL, and a statement run 5 times on a connection is
        # prepared there: PostgreSQL stops planning the public pages' queries on every request
        # (planning cost 5 times the execution of the formation read; bench/README.md). Off
        # behind a pooler in transaction mode that cannot keep prepared statements.
        DATABASES["default"]["OPTIONS"] = {
            **DATABASES["default"].get("OPTIONS", {}),
            "server_side_binding": True,
            "prepare_threshold": 5,
        }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "space:dashboard"
LOGOUT_REDIRECT_URL = "public:home"
# Failed logins allowed per email (and ten times that per IP address) within the window.
LOGIN_THROTTLE_MAX_FAILURES = int(os.environ.get("SIRIUS_LOGIN_MAX_FAILURES", "5"))
LOGIN_THROTTLE_WINDOW_SECONDS = int(os.environ.get("SIRIUS_LOGIN_WINDOW_SECONDS", "900"))

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Background work: Django's Tasks API backed by the database (run `manage.py db_worker`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Email: SMTP by default.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Sirius <ne-pas-repondre@sirius.example>")

# Security: HTTPS only, secure cookies, HSTS.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: no inline script or style; scripts carry a nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],  # csp.constants.NONCE, not the string "'nonce'"
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SIRIUS_LOG_LEVEL", "INFO")},
}

# Answering: open-link limits (new responses per hour) and the too-fast flag.
SIRIUS_OPEN_LINK_MAX_PER_ADDRESS_PER_HOUR = int(
    os.environ.get("SIRIUS_OPEN_LINK_MAX_PER_ADDRESS_PER_HOUR", "20")
)
SIRIUS_OPEN_LINK_MAX_PER_CAMPAIGN_PER_HOUR = int(
    os.environ.get("SIRIUS_OPEN_LINK_MAX_PER_CAMPAIGN_PER_HOUR", "2000")
)
SIRIUS_MIN_SECONDS_TO_ANSWER = int(os.environ.get("SIRIUS_MIN_SECONDS_TO_ANSWER", "90"))
# Months after a campaign ends (or a contact's import, if never invited) before the contact's
# personal data and invitation links are purged (`manage.py purge_personal_data`).
SIRIUS_CONTACT_RETENTION_MONTHS = int(os.environ.get("SIRIUS_CONTACT_RETENTION_MONTHS", "12"))

# Service identity shown in the DSFR header and footer.
SIRIUS_SERVICE_NAME = "Sirius"
SIRIUS_SERVICE_TAGLINE = "Les avis des apprentis sur leur formation"

# Privacy by threshold (DESIGN rule 4): nothing about a formation is shown publicly, nor any
# breakdown on a dashboard, below this number of submitted responses.
SIRIUS_PUBLICATION_THRESHOLD = int(os.environ.get("SIRIUS_PUBLICATION_THRESHOLD", "5"))
# The open data file (`manage.py export_opendata`, daily by the scheduler) is written here.
SIRIUS_OPENDATA_DIR = Path(os.environ.get("SIRIUS_OPENDATA_DIR", VAR_DIR / "opendata"))

# Moderation (sirius.moderation): texts the analysis does not flag are published at once unless
# this is off; alerts are emailed to the referents (comma-separated addresses).
SIRIUS_MODERATION_AUTO_PUBLISH = os.environ.get("SIRIUS_MODERATION_AUTO_PUBLISH", "1") == "1"
SIRIUS_ALERT_REFERENTS = [
    address.strip()
    for address in os.environ.get("SIRIUS_ALERT_REFERENTS", "").split(",")
    if address.strip()
]

# Outgoing email (sirius.emails): outbox dispatched by `manage.py email_worker`, unsubscribe links,
# provider webhook. See docs/environment.md.
SIRIUS_EMAIL_RATE_PER_MINUTE = int(os.environ.get("SIRIUS_EMAIL_RATE_PER_MINUTE", "600"))
SIRIUS_EMAIL_BATCH_SIZE = int(os.environ.get("SIRIUS_EMAIL_BATCH_SIZE", "50"))
SIRIUS_EMAIL_MAX_ATTEMPTS = int(os.environ.get("SIRIUS_EMAIL_MAX_ATTEMPTS", "6"))
SIRIUS_EMAIL_RETRY_BASE_SECONDS = int(os.environ.get("SIRIUS_EMAIL_RETRY_BASE_SECONDS", "120"))
SIRIUS_EMAIL_CLAIM_TIMEOUT_SECONDS = int(os.environ.get("SIRIUS_EMAIL_CLAIM_TIMEOUT_SECONDS", 300))
SIRIUS_EMAIL_POLL_SECONDS = float(os.environ.get("SIRIUS_EMAIL_POLL_SECONDS", "2"))
SIRIUS_UNSUBSCRIBE_MAILTO = os.environ.get("SIRIUS_UNSUBSCRIBE_MAILTO", "")
SIRIUS_EMAIL_WEBHOOK_SECRET = os.environ.get("SIRIUS_EMAIL_WEBHOOK_SECRET", "")

# Invitations by email (sirius.campaigns.sending) and the `manage.py scheduler` process.
SIRIUS_REMINDER_DAYS = os.environ.get("SIRIUS_REMINDER_DAYS", "5,12")
SIRIUS_SCHEDULER_INTERVAL_SECONDS = float(os.environ.get("SIRIUS_SCHEDULER_INTERVAL_SECONDS", "60"))

# Public API (sirius.api): requests allowed per client, « N/s », « N/min », « N/h » or « N/day ».
# Anonymous clients are counted per IP address, partners per API key (header X-Api-Key).
SIRIUS_API_ANONYMOUS_RATE = os.environ.get("SIRIUS_API_ANONYMOUS_RATE", "60/min")
SIRIUS_API_KEY_RATE = os.environ.get("SIRIUS_API_KEY_RATE", "1200/min")
# Percent of a limit one web process may count before writing its tally (sirius.api.throttling).
SIRIUS_API_RATE_TOLERANCE = float(os.environ.get("SIRIUS_API_RATE_TOLERANCE", "1"))
