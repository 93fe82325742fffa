"""Linija settings, read from the environment.

No variable set gives the embedded default: SQLite under ``var/``, the in-memory channel layer
and Huey on SQLite. ``DATABASE_URL`` and ``REDIS_URL`` switch to PostgreSQL and Redis.
``LINIJA_MODE=production`` refuses to start without ``SECRET_KEY`` and ``ALLOWED_HOSTS``.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("LINIJA_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_choice(name: str, choices: dict[str, int], default: str) -> str:
    value = os.environ.get(name, "").strip().lower() or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of: {', '.join(choices)}.")
    return value


LINIJA_MODE = os.environ.get("LINIJA_MODE", "development")
if LINIJA_MODE not in {"development", "production"}:
    raise ImproperlyConfigured("LINIJA_MODE must be 'development' or 'production'.")
PRODUCTION = LINIJA_MODE == "production"

if PRODUCTION:
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("Production needs SECRET_KEY (at least 50 characters).")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Production needs ALLOWED_HOSTS (comma-separated).")
    DEBUG = False
else:
    SECRET_KEY = os.environ.get(
        "SECRET_KEY", "linija-development-key-not-for-production-use-0123456789"
    )
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
    DEBUG = env_flag("LINIJA_DEBUG", True)

# The keyed pseudonyms of phone numbers and e-mail addresses (privacy: no clear identities).
PSEUDONYM_KEY = os.environ.get("LINIJA_PSEUDONYM_KEY", SECRET_KEY)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "linija.accounts.apps.AxesConfig",
    "huey.contrib.djhuey",
    "channels",
    "linija.accounts",
    "linija.hours",
    "linija.site",
    "linija.consultations",
    "linija.privacy",
    "linija.inbox",
    "linija.chat",
    "linija.mail",
    "linija.phone",
    "linija.knowledge",
    "linija.reports",
    "linija.backups",
    "linija.health",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "linija.privacy.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "linija.errors.ErrorPageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "linija.accounts.middleware.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "linija.privacy.middleware.StaffIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "linija.urls"
ASGI_APPLICATION = "linija.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "linija" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "linija.hours.context_processors.line_status",
                "linija.site.context_processors.site",
                "linija.accounts.context_processors.staff",
            ],
        },
    },
]

# `make run` (scripts/serve.sh) sets this: every page then says it is a development server.
LINIJA_DEV_MODE = env_flag("LINIJA_DEV_MODE", False)

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
SQLITE_OPTIONS = {
    # mmap_size: the pages are read from the memory-mapped file, not by one system call each
    # (the reports read a year's index pages at once: twice as fast on a million records).
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
        "PRAGMA mmap_size=1073741824;"
    ),
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if DATABASE_URL and not DATABASE_URL.startswith("sqlite:"):
    # conn_max_age=0: under ASGI every request runs in a thread of its own, and persistent
    # connections would pile up. JIT off: it costs the short report queries more than it saves.
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
else:
    sqlite_file = dj_database_url.parse(DATABASE_URL)["NAME"] if DATABASE_URL else None
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": sqlite_file or VAR_DIR / "linija.sqlite3",
            "OPTIONS": SQLITE_OPTIONS,
            # Kept open: the sockets' database thread reuses its connection instead of opening
            # one (and registering SQLite's functions) for every chat message. Requests close
            # theirs when they end (``ChatConfig.ready``).
            "CONN_MAX_AGE": None,
            # A file, not memory, so that a test's ASGI server process shares the test database.
            "TEST": {"NAME": str(VAR_DIR / "test.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The covering indexes name the id as an included column for PostgreSQL's index-only scans;
# SQLite ignores it (its rowid is in every index already) and would warn about it.
SILENCED_SYSTEM_CHECKS = (
    ["models.W040"] if DATABASES["default"]["ENGINE"].endswith("sqlite3") else []
)

# --- Redis: channel layer and Huey ----------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # redis-py's default 5 s read timeout equals channels-redis's 5 s blocking pop:
            # give the socket more time than the pop, or idle receivers time out.
            "CONFIG": {
                "hosts": [{"address": REDIS_URL, "socket_timeout": 15}],
                # Installations (and test runs) sharing one Redis keep their groups apart.
                "prefix": os.environ.get("LINIJA_CHANNEL_PREFIX", "linija"),
            },
        }
    }
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "linija",
        "url": REDIS_URL,
        "immediate": False,
        "utc": True,
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "linija.chat.layers.ThrottledInMemoryChannelLayer"}}
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "linija",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": False,
        "utc": True,
    }
# Rate limits and other short-lived counters: shared by every process in production.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "linija"}
    )
    # Installations sharing one Redis keep their counters apart.
    | {"KEY_PREFIX": os.environ.get("LINIJA_CACHE_PREFIX", "linija")}
}
# Three threads: the mail fetch waits in IMAP IDLE for most of each minute in one of them.
HUEY["consumer"] = {"workers": 3, "worker_type": "thread", "periodic": True}
# The worker's locks (``health.locks``) run out this long after their holder stopped renewing
# them, e.g. a worker killed mid-task; a live holder renews every third of it.
LINIJA_WORKER_LOCK_SECONDS = float(os.environ.get("LINIJA_WORKER_LOCK_SECONDS", "60"))
# Background work (the worker's heartbeat, the mail fetch in opening hours, the outbox) silent
# for longer than this shows as stalled on the health page and the supervisors' dashboard.
LINIJA_STALL_MINUTES = int(os.environ.get("LINIJA_STALL_MINUTES", "15"))
# Rate limits on the public endpoints (``privacy.limits``): "requests/seconds" per client
# address, per exchange token (CTI) or per chat (a visitor's messages); each can be set from
# the environment, e.g. LINIJA_RATE_LIMIT_CTI=6000/60.
LINIJA_RATE_LIMITS = {
    scope: os.environ.get(f"LINIJA_RATE_LIMIT_{scope.upper().replace('-', '_')}", default)
    for scope, default in {
        "contact": "5/3600",  # contact form messages stored (and the chat's offline message)
        "callback": "5/3600",  # callback requests (the form and the chat's offline request)
        "chat-start": "20/3600",  # chats started
        "chat-message": "20/10",  # a visitor's messages in one chat
        "cti": "6000/60",  # webhook events of one exchange token
        "cti-unknown": "30/600",  # webhook posts with a token no exchange has
        "login-address": "20/900",  # failed staff logins from one address, any user names
    }.items()
}

# --- Accounts, 2FA, lockout -----------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "inbox:index"
LOGOUT_REDIRECT_URL = "site:home"
LINIJA_REQUIRE_2FA = env_flag("LINIJA_REQUIRE_2FA", PRODUCTION)
OTP_TOTP_ISSUER = "Linija"
AXES_FAILURE_LIMIT = int(os.environ.get("LINIJA_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("LINIJA_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("LINIJA_PROXY_COUNT", "0"))
SESSION_COOKIE_AGE = int(os.environ.get("LINIJA_STAFF_SESSION_SECONDS", str(8 * 3600)))
# Not saved on every request: the idle check writes the session when it records activity, at
# most once a minute (``privacy.sessions.TOUCH_SECONDS``), which also moves its expiry on.
SESSION_SAVE_EVERY_REQUEST = False
LINIJA_STAFF_IDLE_MINUTES = int(os.environ.get("LINIJA_STAFF_IDLE_MINUTES", "30"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "lt"
LANGUAGES = [("lt", _("Lithuanian")), ("en", _("English"))]
# The project's catalog, then the packages' strings translated by hand (never `make messages`).
LOCALE_PATHS = [BASE_DIR / "linija" / "locale", BASE_DIR / "linija" / "packages_locale"]
FORMAT_MODULE_PATH = ["linija.formats"]
TIME_ZONE = "Europe/Vilnius"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "linija" / "static"]
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("LINIJA_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Backups and the erasure journal -------------------------------------------------------
# Where `manage.py backup` writes its archives by default.
LINIJA_BACKUP_DIR = Path(os.environ.get("LINIJA_BACKUP_DIR", VAR_DIR / "backups"))
# Every data-subject erase is appended here (kind, pseudonym, time — never the address), so a
# restore of an older backup can erase again what was erased after it. Keep a copy off-site.
LINIJA_ERASURE_JOURNAL = Path(
    os.environ.get("LINIJA_ERASURE_JOURNAL", VAR_DIR / "private" / "erasures.jsonl")
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Mail -----------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "LINIJA_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("LINIJA_FROM_EMAIL", "linija@pastoge.lt")
# The e-mail channel's mailbox (IMAP, inbound): an empty host turns fetching off. Fetched
# letters are marked seen and stay, or are moved to the processed folder when one is named.
IMAP_PORTS = {"tls": 993, "starttls": 143, "plain": 143}
LINIJA_IMAP_HOST = os.environ.get("LINIJA_IMAP_HOST", "")
LINIJA_IMAP_SECURITY = env_choice("LINIJA_IMAP_SECURITY", IMAP_PORTS, "tls")
LINIJA_IMAP_PORT = env_int("LINIJA_IMAP_PORT", IMAP_PORTS[LINIJA_IMAP_SECURITY])
LINIJA_IMAP_USER = os.environ.get("LINIJA_IMAP_USER", "")
LINIJA_IMAP_PASSWORD = os.environ.get("LINIJA_IMAP_PASSWORD", "")
LINIJA_IMAP_FOLDER = os.environ.get("LINIJA_IMAP_FOLDER", "") or "INBOX"
LINIJA_IMAP_PROCESSED_FOLDER = os.environ.get("LINIJA_IMAP_PROCESSED_FOLDER", "")
LINIJA_IMAP_TIMEOUT = env_int("LINIJA_IMAP_TIMEOUT", 60)
# How long each run of the worker waits in IMAP IDLE for new letters (0: it fetches once).
LINIJA_IMAP_WATCH_SECONDS = max(env_int("LINIJA_IMAP_WATCH_SECONDS", 55), 0)
# The outgoing server (SMTP) of the outbox worker: an empty host sends through EMAIL_BACKEND.
SMTP_PORTS = {"tls": 465, "starttls": 587, "none": 25}
LINIJA_SMTP_HOST = os.environ.get("LINIJA_SMTP_HOST", "")
LINIJA_SMTP_TLS = env_choice("LINIJA_SMTP_TLS", SMTP_PORTS, "starttls")
LINIJA_SMTP_PORT = env_int("LINIJA_SMTP_PORT", SMTP_PORTS[LINIJA_SMTP_TLS])
LINIJA_SMTP_USER = os.environ.get("LINIJA_SMTP_USER", "")
LINIJA_SMTP_PASSWORD = os.environ.get("LINIJA_SMTP_PASSWORD", "")
LINIJA_SMTP_TIMEOUT = env_int("LINIJA_SMTP_TIMEOUT", 30)
# Raw letters and attachments: no URL leads there, never under MEDIA_ROOT.
LINIJA_MAIL_PRIVATE_DIR = os.environ.get("LINIJA_MAIL_PRIVATE_DIR", "") or str(
    VAR_DIR / "private" / "mail"
)
LINIJA_MAIL_ATTACHMENT_MAX_BYTES = env_int("LINIJA_MAIL_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
# The longest message of the contact form.
LINIJA_MAIL_TEXT_MAX_CHARS = env_int("LINIJA_MAIL_TEXT_MAX_CHARS", 10000)
LINIJA_MAIL_FROM_NAME = os.environ.get("LINIJA_MAIL_FROM_NAME", "") or "Įvaikinimo ir globos linija"
# The outbox (not from the environment): a failed send is tried again after 1, 2, 4 … minutes,
# at most six hours apart, and given up after this many attempts; a message left "sending"
# this long (the worker died mid-send) is queued again.
LINIJA_OUTBOX_MAX_ATTEMPTS = 12
LINIJA_OUTBOX_MAX_DELAY_MINUTES = 6 * 60
LINIJA_OUTBOX_STALE_MINUTES = 15
# A letter of the mailbox that fails to be stored this many times goes to the quarantine
# (``mail.QuarantinedLetter``), so that it neither blocks the mailbox nor is tried for ever.
LINIJA_MAIL_QUARANTINE_TRIES = int(os.environ.get("LINIJA_MAIL_QUARANTINE_TRIES", "3"))

# --- Chat -----------------------------------------------------------------------------------
# How long after the specialist ended a chat (or after the visitor's socket left a waiting or
# active chat) the visitor's token still opens it; a visitor who ends or quick-exits the chat
# takes the token's right with them at once.
LINIJA_CHAT_RESUME_MINUTES = env_int("LINIJA_CHAT_RESUME_MINUTES", 30)
# A specialist's chats at once unless their own limit says otherwise.
LINIJA_CHAT_MAX_CHATS = env_int("LINIJA_CHAT_MAX_CHATS", 3)
# A console not heard from for this many seconds no longer counts (it pings every 25 s).
LINIJA_CHAT_PRESENCE_TIMEOUT = env_int("LINIJA_CHAT_PRESENCE_TIMEOUT", 90)
# Whether the chat opens only in the line's hours, or whenever a specialist is present (the
# default in development, so a demo works in the evening too).
LINIJA_CHAT_FOLLOW_HOURS = env_flag("LINIJA_CHAT_FOLLOW_HOURS", PRODUCTION)
# The other sites that may show the chat in a frame (the widget), e.g. https://www.globoscentrai.lt
LINIJA_CHAT_ALLOWED_ORIGINS = [
    origin.rstrip("/") for origin in env_list("LINIJA_CHAT_ALLOWED_ORIGINS")
]
# The chat's fixed limits (not from the environment): the longest message, nickname, survey
# comment and note; the transcripts one chat may send by e-mail (a typo may need a second try);
# a chat whose specialist's console is silent this long (a closed console, a crashed server)
# goes back to the queue, so a reload or a short outage keeps it; the estimated wait is the
# median of this many recent waits, or the default when there are none.
LINIJA_CHAT_MAX_MESSAGE_LENGTH = 4000
LINIJA_CHAT_MAX_NICKNAME_LENGTH = 40
LINIJA_CHAT_MAX_COMMENT_LENGTH = 1000
LINIJA_CHAT_MAX_NOTE_LENGTH = 1000
LINIJA_CHAT_MAX_TRANSCRIPTS = 3
LINIJA_CHAT_SPECIALIST_GONE_MINUTES = 5
LINIJA_CHAT_RECENT_WAITS = 20
LINIJA_CHAT_DEFAULT_WAIT_SECONDS = 90

# --- The line's public facts ----------------------------------------------------------------
LINIJA_PHONE = os.environ.get("LINIJA_PHONE", "8 800 20 300")
# The line's address is the sender of every letter Linija sends; empty, DEFAULT_FROM_EMAIL is.
LINIJA_EMAIL = os.environ.get("LINIJA_EMAIL", "linija@pastoge.lt") or DEFAULT_FROM_EMAIL
# The address people reach Linija at, for links in e-mails (no trailing slash).
LINIJA_BASE_URL = os.environ.get("LINIJA_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Knowledge-base articles not checked for this many days are flagged to their owners.
LINIJA_KB_STALE_DAYS = env_int("LINIJA_KB_STALE_DAYS", 183)
# A call ringing or going on this long without a hangup is ended by the worker.
LINIJA_PHONE_CALL_TIMEOUT_MINUTES = int(os.environ.get("LINIJA_PHONE_CALL_TIMEOUT_MINUTES", "120"))
LINIJA_QUICK_EXIT_URL = os.environ.get("LINIJA_QUICK_EXIT_URL", "https://www.google.com/")

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "linija.errors.csrf_failure_view"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_flag("LINIJA_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the proxy asks over plain HTTP
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every record passes the secret filter: no token or caller's number in any log line.
    "filters": {"secrets": {"()": "linija.privacy.logfilter.SecretFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["secrets"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LINIJA_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own handlers (console in debug, the development server's) are replaced: its
        # records reach the root's filtered handler.
        "django": {"level": "INFO", "propagate": True},
        "django.server": {"level": "INFO", "propagate": True},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
