"""Settings read from the environment (12-factor).

Development: `make run` sets DEBUG=True. Production: DEBUG unset (False), SECRET_KEY and
ALLOWED_HOSTS required, DATABASE_URL pointing at PostgreSQL.
"""

import sys
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()


def env_bool(name: str, default: bool) -> bool:
    """A boolean setting: only True/False (any case), 1/0; anything else is a mistake."""
    raw = env.str(name, default=None)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise ImproperlyConfigured(f"{name} must be True or False, not {raw!r}")


DEBUG = env_bool("DEBUG", False)

if DEBUG:
    # Development only: a fixed key so sessions survive restarts of `make run`.
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
else:
    # No fallback: config/wsgi.py refuses to serve without both (config/serving.py),
    # while commands that serve nothing (migrations, checks) still run.
    SECRET_KEY = env.str("SECRET_KEY", default="")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])


INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "config.apps.AxesConfig",
    "csp",
    "django_tasks",
    "config.apps.TasksDatabaseConfig",
    "accounts",
    "initiatives",
    "glossary",
    "experiences",
    "grid",
    "clusters",
    "plans",
    "network",
    "guide",
    "reports",
    "strategy",
    "consultation",
    "bilans",
    "workspace",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's LocaleMiddleware, with a logged-in person's saved language first.
    "accounts.middleware.AccountLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.PrivateNoStore",
    "csp.middleware.CSPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # A lock or a statement that timed out: « réessayez », in JSON to the page's scripts.
    "config.middleware.DatabaseBusy",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Content Security Policy (django-csp): every script and style comes from the site's own files;
# no inline script, no inline style, nothing from elsewhere. Images may be data: URIs (Bootstrap's
# icons, the PDF's radars in the browser's viewer do not count: they are inside the PDF).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "workspace.context_processors.links",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# PostgreSQL gives up on a row lock held longer than DB_LOCK_TIMEOUT seconds, and on a statement
# running longer than DB_STATEMENT_TIMEOUT, so that no request waits on another for the 30 s of
# gunicorn's timeout: the person is asked to try again (config.middleware.DatabaseBusy) and the
# transaction is rolled back. The web and the task worker keep these bounds; other management
# commands (migrations, data loads, cluster_report) run without them unless
# DB_COMMAND_LOCK_TIMEOUT / DB_COMMAND_STATEMENT_TIMEOUT say otherwise (0: no bound).
DB_LOCK_TIMEOUT = env.float("DB_LOCK_TIMEOUT", default=3)
DB_STATEMENT_TIMEOUT = env.float("DB_STATEMENT_TIMEOUT", default=5)
_COMMAND = sys.argv[1] if Path(sys.argv[0]).name == "manage.py" and len(sys.argv) > 1 else None
if _COMMAND not in (None, "runserver", "db_worker"):
    DB_LOCK_TIMEOUT = env.float("DB_COMMAND_LOCK_TIMEOUT", default=0)
    DB_STATEMENT_TIMEOUT = env.float("DB_COMMAND_STATEMENT_TIMEOUT", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c lock_timeout={round(DB_LOCK_TIMEOUT * 1000)} "
        f"-c statement_timeout={round(DB_STATEMENT_TIMEOUT * 1000)}"
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Every transaction takes SQLite's write lock when it begins, so that writers queue as row
    # locks make them queue on PostgreSQL (select_for_update is a no-op on SQLite).
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (django-tasks, the backport of Django 6's django.tasks): PDF reports are
# rendered outside the request. « database » in production, run by `manage.py db_worker` beside
# gunicorn; « immediate » (inside the request, no worker) in development and tests.
TASKS_BACKEND = env.str("TASKS_BACKEND", default="immediate" if DEBUG else "database")
if TASKS_BACKEND not in ("immediate", "database"):
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be immediate or database, not {TASKS_BACKEND!r}")
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if TASKS_BACKEND == "immediate" else "django_tasks_db.DatabaseBackend",
    },
}

# Mail: EMAIL_URL (django-environ), e.g. smtp+tls://user:password@smtp.example.org:587; without
# it, development writes each mail as a file in var/mails/ (README) and production uses the
# local SMTP server. Mails leave after the commit through the task queue (accounts.mail).
if "EMAIL_URL" in env:
    globals().update(env.email_url("EMAIL_URL"))
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = BASE_DIR / "var" / "mails"
# A mail server that hangs must not hold a worker for long: the mail is retried later.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL",
                             default="Développement durable des pôles <ne-pas-repondre@localhost>")
# The address of the site as mails link to it (a mail has no request to build URLs from).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out account or address before any password is hashed.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins for one username from
# one address, logins of that username from that address are refused for AXES_COOLOFF_MINUTES;
# a success clears them. Neither the username nor the address alone locks: failures for an
# account from elsewhere never lock its owner out, and failures from one address (an office's,
# a proxy's) never lock the others who log in from it. Unlock earlier:
# `manage.py axes_reset_username <username>`, accounts.services.login_lock_lift(user), or delete
# the attempts in the admin (« Tentatives d'accès »).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.views.locked_out"
# The number of reverse proxies in front of gunicorn, each appending to X-Forwarded-For (the
# README's deployment: one TLS proxy, TRUSTED_PROXIES=1). With 0, only the connection's address
# counts: a forged header can neither spread failures over invented addresses nor borrow
# someone's (accounts.locks.client_address).
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)
if TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES must be 0 or more, not {TRUSTED_PROXIES}")
AXES_CLIENT_IP_CALLABLE = "accounts.locks.client_address"
AXES_USERNAME_CALLABLE = "accounts.locks.username"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
# Each language is named in itself, so the switch reads the same whatever the page's language.
LANGUAGES = [("fr", "Français"), ("en", "English")]
# The language switch's cookie lasts a year; a logged-in user's choice is also kept on the account.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
# English dates and numbers as European partners read them (1 December 2026, 24-hour clock).
FORMAT_MODULE_PATH = ["config.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# Bodies are bounded before they are read: form fields (the whole grid with every comment at its
# longest, URL-encoded, is about 300 KB) and multipart uploads (a 1 MB JSON file, a 512 KB logo).
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
MAX_REQUEST_BODY_BYTES = 2 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "config.uploads.BodySizeLimit",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Each process's memory, as Django's default, with room for the grid page's fragments: several
# hundred a version and language (templates/grid/includes/_question.html); the default keeps 300.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}

STATIC_URL = "/static/"
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
# static/plotly/plotly.min.js is a partial Plotly bundle built by `make plotly` (no CDN).
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Evidence attached to answers (grid.storage): served only by a view that checks membership,
# never under MEDIA_URL. The local disk by default (var/evidence/, outside git); with
# EVIDENCE_S3_BUCKET set, any S3-compatible storage through django-storages (README).
EVIDENCE_S3_BUCKET = env.str("EVIDENCE_S3_BUCKET", default="")
if EVIDENCE_S3_BUCKET:
    STORAGES["evidence"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": EVIDENCE_S3_BUCKET,
            "endpoint_url": env.str("EVIDENCE_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("EVIDENCE_S3_REGION", default=None),
            # Unset: boto3's own chain (instance role, AWS_* variables).
            "access_key": env.str("EVIDENCE_S3_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("EVIDENCE_S3_SECRET_ACCESS_KEY", default=None),
            "location": env.str("EVIDENCE_S3_PREFIX", default=""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    STORAGES["evidence"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env.path("EVIDENCE_ROOT", default=str(BASE_DIR / "var" / "evidence")),
        },
    }
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"  # what the person has to do (workspace.views.home)
LOGOUT_REDIRECT_URL = "home"
# An assessment's results (a URL name taking the cluster's slug and the year), where grid sends a
# person after a workflow step: reports serves the page, which grid may not name
# (tests/test_layers.py), as Django's auth names none of the pages above.
ASSESSMENT_RESULTS_URL = "reports:results"
# The strategic axes an action of the plan may serve (plans.axes): strategy, above plans, knows
# them; a callable (cluster, also) returning plans.axes.PlanAxis rows.
PLAN_AXES = "strategy.selectors.plan_axes"

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
