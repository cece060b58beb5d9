"""Raadhuis settings, read from the environment (12-factor).

Every variable is documented in docs/configuration.md. Without any configuration Raadhuis
runs in *embedded* mode: SQLite and files under ``var/``, tasks in-process, a generated
secret key kept in ``var/``. ``RAADHUIS_MODE=production`` makes the unsafe defaults errors.
"""

import secrets
from pathlib import Path

import environ

from raadhuis.platform.config import storage_settings

BASE_DIR = Path(__file__).resolve().parent
env = environ.Env()

VAR_DIR = Path(env.str("RAADHUIS_VAR_DIR", default=str(Path.cwd() / "var"))).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)

MODE = env.str("RAADHUIS_MODE", default="embedded")
if MODE not in ("embedded", "production"):
    raise environ.ImproperlyConfigured("RAADHUIS_MODE must be 'embedded' or 'production'")
PRODUCTION = MODE == "production"


def _embedded_secret_key() -> str:
    """Generate the secret once and keep it, so sessions survive restarts."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")  # required: raises ImproperlyConfigured when missing
else:
    SECRET_KEY = env.str("SECRET_KEY", default="") or _embedded_secret_key()

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "raadhuis.platform.accounts.apps.RaadhuisAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "axes",
    "mozilla_django_oidc",
    "django_prometheus",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "raadhuis.platform",
    "raadhuis.zgw.autorisaties",
    "raadhuis.zgw.catalogi",
    "raadhuis.zgw.documenten",
    "raadhuis.zgw.zaken",
    "raadhuis.zgw.besluiten",
    "raadhuis.zgw.notificaties",
    "raadhuis.woo",
    "raadhuis.portal",
    "raadhuis.registers",
    "raadhuis.objecten",
    "django_htmx",
    "raadhuis.werkplek",
    "raadhuis.processen",
    "raadhuis.sensoren",
    "raadhuis.wegen",
    "raadhuis.klantcontact",
    "raadhuis.inzicht",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "raadhuis.platform.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "raadhuis.platform.accounts.middleware.EmployeeTwoFactorMiddleware",
    "raadhuis.platform.middleware.UserContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "raadhuis.urls"
WSGI_APPLICATION = "raadhuis.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'raadhuis.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the in-process dispatcher work beside a writer.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
         "transaction_mode": "IMMEDIATE", "timeout": 20}
    )
    # A file, not memory, so that worker processes started by tests share the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
    # Covering indexes (INCLUDE) are a PostgreSQL speed-up; SQLite builds them without the extra
    # columns, which is all the embedded default needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -----------------------------------------------------------------------------
AUTH_USER_MODEL = "platform.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # must be first: it refuses locked-out logins
    "django.contrib.auth.backends.ModelBackend",
    "raadhuis.platform.roles.RolePermissionBackend",
]
OIDC_ENABLED = bool(env.str("OIDC_RP_CLIENT_ID", default=""))
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("raadhuis.platform.accounts.oidc.EmployeeOIDCBackend")
    OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
    OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
    OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile")
    OIDC_ORGANISATION_CLAIM = env.str("OIDC_ORGANISATION_CLAIM", default="organisation")
    OIDC_ROLES_CLAIM = env.str("OIDC_ROLES_CLAIM", default="roles")
    OIDC_USERNAME_ALGO = "raadhuis.platform.accounts.oidc.generate_username"
    # The IdP enforces MFA, so an OIDC login satisfies the second factor; off: local TOTP too.
    OIDC_TRUST_MFA = env.bool("OIDC_TRUST_MFA", default=True)
    LOGIN_REDIRECT_URL_FAILURE = "/account/login/"

LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
TWO_FACTOR_PATCH_ADMIN = False  # the admin site is replaced by an OTP-requiring one in urls
# two_factor precedes raadhuis.platform in INSTALLED_APPS; listing the platform templates here
# lets its two_factor/ overrides (Raadhuis layout, no inline code for the CSP) win anyway.
TEMPLATES[0]["DIRS"].append(BASE_DIR / "platform" / "templates")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Brute-force protection: lock a username+address pair after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_MINUTES", default=15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "platform/lockout.html"
AXES_PASSWORD_FORM_FIELD = "auth-password"  # two_factor's field name; masked in AccessAttempt
AXES_IPWARE_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0) or None

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static and media files ---------------------------------------------------------------
STATIC_URL = "/static/"
# Images put it outside VAR_DIR: static files belong to the release, VAR_DIR holds data.
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
WHITENOISE_USE_FINDERS = not PRODUCTION  # embedded mode serves static without collectstatic
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # else WhiteNoise warns on every start
STORAGES = storage_settings(env.str("STORAGE_URL", default=""), VAR_DIR / "media")
MEDIA_URL = "/media/"

# --- E-mail -------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="noreply@raadhuis.localhost")

# --- Background tasks and the event outbox ------------------------------------------------
BROKER_URL = env.str("BROKER_URL", default="")
CELERY_BROKER_URL = BROKER_URL or "memory://"
CELERY_TASK_ACKS_LATE = True  # a killed worker's task is redelivered
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Several installations (or test runs) can share a broker, each on its own queue.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="celery")
# The schedule lives in these settings: an in-memory beat needs no file that a killed
# worker could leave corrupt.
CELERY_BEAT_SCHEDULER = "celery.beat:Scheduler"
# 60 attempts with backoff capped at an hour: about two days, so a receiver down over a
# weekend night is caught up without anyone pressing retry.
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=60)
# Processen: attempts of an automatic process step before it is parked for a person (ADR 0011).
PROCESSEN_MAX_POGINGEN = env.int("PROCESSEN_MAX_POGINGEN", default=5)
# Klantcontact: days a chat conversation (its klantcontacten) is kept before the purge.
KLANTCONTACT_RETENTION_DAYS = env.int("KLANTCONTACT_RETENTION_DAYS", default=365)
OUTBOX_BACKOFF_SECONDS = env.float("OUTBOX_BACKOFF_SECONDS", default=2.0)
OUTBOX_BACKOFF_MAX_SECONDS = env.float("OUTBOX_BACKOFF_MAX_SECONDS", default=3600.0)
OUTBOX_LEASE_SECONDS = env.float("OUTBOX_LEASE_SECONDS", default=60.0)
OUTBOX_POLL_SECONDS = env.float("OUTBOX_POLL_SECONDS", default=5.0)
# Deliveries of one pass made side by side, so many subscribers of one event wait less.
OUTBOX_DISPATCH_THREADS = env.int("OUTBOX_DISPATCH_THREADS", default=4)
OUTBOX_IN_PROCESS = env.bool("OUTBOX_IN_PROCESS", default=not BROKER_URL)
# Delivered events (with their delivery logs) are deleted this many days after their last
# delivery; pending and parked ones stay. 0: keep everything.
OUTBOX_RETENTION_DAYS = env.int("OUTBOX_RETENTION_DAYS", default=30)

# --- REST framework -----------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "raadhuis.platform.api.errors.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "raadhuis.platform.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Raadhuis",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.contrib.djangorestframework_camel_case.camelize_serializer_fields",
        "drf_spectacular.hooks.postprocess_schema_enums",
    ],
}

# --- ZGW APIs -----------------------------------------------------------------------------
# API paths authenticate clients by JWT: a browser session there is not an employee screen.
API_PREFIXES = ("/autorisaties/", "/catalogi/", "/zaken/", "/besluiten/", "/documenten/",
                "/notificaties/", "/objecttypes/", "/objects/", "/haalcentraal/")
# Base of resource URLs outside a request (notifications from background work, the portal).
RAADHUIS_BASE_URL = env.str("RAADHUIS_BASE_URL", default="http://localhost:8000")
ZGW_JWT_EXPIRY_SECONDS = env.int("ZGW_JWT_EXPIRY_SECONDS", default=3600)
ZGW_JWT_LEEWAY_SECONDS = env.int("ZGW_JWT_LEEWAY_SECONDS", default=5)

# --- Notificaties: where webhooks may go, and how long a call may take --------------------
# Callbacks reach public addresses, and private ones only in these networks (SSRF guard).
NOTIFICATIES_ALLOWED_CALLBACK_NETWORKS = env.list("NOTIFICATIES_ALLOWED_CALLBACK_NETWORKS", default=[])
NOTIFICATIES_ALLOWED_CALLBACK_HOSTS = env.list("NOTIFICATIES_ALLOWED_CALLBACK_HOSTS", default=[])
NOTIFICATIES_ALLOW_PUBLIC_CALLBACKS = env.bool("NOTIFICATIES_ALLOW_PUBLIC_CALLBACKS", default=True)
NOTIFICATIES_VERIFY_CALLBACK = env.bool("NOTIFICATIES_VERIFY_CALLBACK", default=True)
NOTIFICATIES_REQUIRE_CALLBACK_AUTH = env.bool("NOTIFICATIES_REQUIRE_CALLBACK_AUTH", default=True)
NOTIFICATIES_CONNECT_TIMEOUT = env.float("NOTIFICATIES_CONNECT_TIMEOUT", default=5.0)
NOTIFICATIES_READ_TIMEOUT = env.float("NOTIFICATIES_READ_TIMEOUT", default=10.0)
# Documenten API: size of the parts a large file is uploaded in, and the virus scanner.
DOCUMENTEN_UPLOAD_CHUNK_SIZE = env.int("DOCUMENTEN_UPLOAD_CHUNK_SIZE", default=100 * 1024 * 1024)
CLAMD_URL = env.str("CLAMD_URL", default="")

# --- Base registries: the local BRP/BAG, or a real Haal Centraal BRP API ---------------------
BRP_API_URL = env.str("BRP_API_URL", default="")
BRP_API_KEY = env.str("BRP_API_KEY", default="")
BRP_API_CLIENT_CERT = env.str("BRP_API_CLIENT_CERT", default="")
BRP_API_CLIENT_KEY = env.str("BRP_API_CLIENT_KEY", default="")
BRP_API_CA_BUNDLE = env.str("BRP_API_CA_BUNDLE", default="")
BRP_API_TIMEOUT = env.float("BRP_API_TIMEOUT", default=10.0)

# --- Resident portal "Mijn gemeente" (docs/modules/portal.md) -------------------------------
# The DigiD/eHerkenning simulator: never in production mode, whatever this says.
PORTAL_SIMULATOR_ENABLED = env.bool("PORTAL_SIMULATOR_ENABLED", default=True)
PORTAL_DEFAULT_ORGANISATION = env.str("PORTAL_DEFAULT_ORGANISATION", default="")
PORTAL_PAYMENT_PROVIDER = env.str("PORTAL_PAYMENT_PROVIDER", default="raadhuis.portal.payments.TestProvider")
# Front-end packages installed by npm (make install), served under /static/vendor/.
PORTAL_NODE_MODULES = env.str("PORTAL_NODE_MODULES", default=str(BASE_DIR.parent.parent / "node_modules"))
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "raadhuis.portal.staticfiles.NodeModulesFinder",
]
# An OIDC broker for DigiD and eHerkenning (off while PORTAL_OIDC_CLIENT_ID is empty).
PORTAL_OIDC_CLIENT_ID = env.str("PORTAL_OIDC_CLIENT_ID", default="")
PORTAL_OIDC_CLIENT_SECRET = env.str("PORTAL_OIDC_CLIENT_SECRET", default="")
PORTAL_OIDC_AUTHORIZATION_ENDPOINT = env.str("PORTAL_OIDC_AUTHORIZATION_ENDPOINT", default="")
PORTAL_OIDC_TOKEN_ENDPOINT = env.str("PORTAL_OIDC_TOKEN_ENDPOINT", default="")
PORTAL_OIDC_USER_ENDPOINT = env.str("PORTAL_OIDC_USER_ENDPOINT", default="")
PORTAL_OIDC_JWKS_ENDPOINT = env.str("PORTAL_OIDC_JWKS_ENDPOINT", default="")
PORTAL_OIDC_SIGN_ALGO = env.str("PORTAL_OIDC_SIGN_ALGO", default="RS256")
PORTAL_OIDC_DIGID_SCOPES = env.str("PORTAL_OIDC_DIGID_SCOPES", default="openid bsn")
PORTAL_OIDC_EHERKENNING_SCOPES = env.str("PORTAL_OIDC_EHERKENNING_SCOPES", default="openid kvk")
PORTAL_OIDC_BSN_CLAIM = env.str("PORTAL_OIDC_BSN_CLAIM", default="bsn")
PORTAL_OIDC_KVK_CLAIM = env.str("PORTAL_OIDC_KVK_CLAIM", default="kvk")
PORTAL_OIDC_LOA_CLAIM = env.str("PORTAL_OIDC_LOA_CLAIM", default="acr")

# --- Security -----------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=PRODUCTION)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^health/", r"^metrics$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
# Preloading binds the domain to HTTPS in browsers for months: a choice per municipality.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if env.bool("BEHIND_TLS_PROXY", default=PRODUCTION):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# A strict policy: nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
PERMISSIONS_POLICY = {
    "camera": [], "microphone": [], "geolocation": ["self"], "payment": [], "usb": [],
}

# --- Observability ------------------------------------------------------------------------
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOG_FORMAT = env.str("LOG_FORMAT", default="json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "raadhuis.platform.observability.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
    },
}
# Celery keeps the logging configured here (JSON with request ids) instead of its own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
PROMETHEUS_EXPORT_MIGRATIONS = False
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
METRICS_ALLOWED_NETWORKS = env.list("METRICS_ALLOWED_NETWORKS", default=["127.0.0.0/8", "::1/128"])
HEALTH_CHECK_TIMEOUT = env.float("HEALTH_CHECK_TIMEOUT", default=3.0)
# Probes are answered before host validation, sessions and two-factor (see health.py).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "raadhuis.platform.health.ProbeMiddleware",
)
CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {"task": "raadhuis.platform.deliver_outbox", "schedule": OUTBOX_POLL_SECONDS},
    "outbox-purge": {"task": "raadhuis.platform.purge_outbox", "schedule": 3600.0},
}

# Sensoren (SensorThings API, MQTT): see docs/modules/sensoren.md.
MQTT_URL = env.str("MQTT_URL", default="")  # empty: no MQTT, the HTTP interface works alone
SENSORTHINGS_PAGE_SIZE = env.int("SENSORTHINGS_PAGE_SIZE", default=100)
SENSORTHINGS_MAX_TOP = env.int("SENSORTHINGS_MAX_TOP", default=10000)
SENSORTHINGS_MAX_BATCH = env.int("SENSORTHINGS_MAX_BATCH", default=1000)
# Pages of Observations written as JSON by PostgreSQL (ADR 0039); False: always by Python.
SENSORTHINGS_SQL_JSON = env.bool("SENSORTHINGS_SQL_JSON", default=True)
SENSOR_RAW_RETENTION_MONTHS = env.int("SENSOR_RAW_RETENTION_MONTHS", default=13)
CELERY_BEAT_SCHEDULE["sensoren-maintenance"] = {"task": "raadhuis.sensoren.maintenance", "schedule": 3600.0}
# Wegen: streamed trips whose vehicle went quiet are analysed by this sweep (docs/modules/wegen.md).
CELERY_BEAT_SCHEDULE["wegen-streams"] = {"task": "raadhuis.wegen.process_streams", "schedule": 60.0}

# Woo: detection uses deduce (Dutch de-identification) besides the own recognizers.
WOO_DEDUCE = env.bool("WOO_DEDUCE", default=True)
# Woo: Office files are printed to PDF by LibreOffice (program name or path; empty: text only).
WOO_LIBREOFFICE = env.str("WOO_LIBREOFFICE", default="soffice")

# iNzicht (KPIs, dashboards, open data): see docs/modules/inzicht.md.
INZICHT_MIN_CEL = env.int("INZICHT_MIN_CEL", default=10)  # open data: no published cell below this count
INZICHT_MELDING_ZAAKTYPEN = env.list("INZICHT_MELDING_ZAAKTYPEN", default=["MOR"])
INZICHT_BEZWAAR_ZAAKTYPEN = env.list("INZICHT_BEZWAAR_ZAAKTYPEN", default=["BEZWAAR"])
CELERY_BEAT_SCHEDULE["inzicht-verversen"] = {"task": "raadhuis.inzicht.verversen", "schedule": 60.0}
CELERY_BEAT_SCHEDULE["inzicht-bronnen"] = {"task": "raadhuis.inzicht.bronnen", "schedule": 900.0}
