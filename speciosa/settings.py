"""One settings file, driven by environment variables (documented in docs/settings.md).

SQLite in a per-user data directory is the default; DATABASE_URL chooses another database.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
import platformdirs
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


DATA_DIR = Path(os.environ.get("SPECIOSA_DATA_DIR") or platformdirs.user_data_dir("speciosa"))
DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)  # health data: the owner's eyes only


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("SPECIOSA_DEBUG", False)
#: The address people open, e.g. https://journal.example.org (docs/deploy.md); empty: this computer only.
PUBLIC_URL = os.environ.get("SPECIOSA_PUBLIC_URL", "").rstrip("/")
#: Set by `speciosa serve` when it listens on an address other devices can reach.
SERVED_BEYOND_LOOPBACK = False
ALLOWED_HOSTS = os.environ.get("SPECIOSA_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("SPECIOSA_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
#: How long browsers remember to use only HTTPS for PUBLIC_URL's host: one year.
HSTS_SECONDS = env_int("SPECIOSA_HSTS_SECONDS", 365 * 24 * 60 * 60)
HSTS_INCLUDE_SUBDOMAINS = env_bool("SPECIOSA_HSTS_INCLUDE_SUBDOMAINS", False)


def served_at(
    public_url: str,
    *,
    allowed_hosts: list[str],
    csrf_trusted_origins: list[str],
    hsts_seconds: int,
    hsts_include_subdomains: bool,
) -> dict[str, Any]:
    """The settings that serving at `public_url` changes: its host and origin join the lists, and over
    https come secure cookies, HSTS and a redirect to https. The proxy in front ends TLS and says so in
    X-Forwarded-Proto. Empty `public_url`: nothing changes."""
    if not public_url:
        return {}
    parts = urlsplit(public_url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" and not (parts.scheme == "http" and _is_loopback(host)):
        raise ImproperlyConfigured(
            f"SPECIOSA_PUBLIC_URL must start with https:// (plain http only for this computer), "
            f"not {public_url!r}"
        )
    if not host or parts.username or parts.password or parts.path.strip("/") or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            "SPECIOSA_PUBLIC_URL must be a scheme and a host name, with a port if needed, "
            f"like https://journal.example.org, not {public_url!r}"
        )
    shown_host = f"[{host}]" if ":" in host else host
    port = f":{parts.port}" if parts.port else ""
    derived: dict[str, Any] = {
        "ALLOWED_HOSTS": [*allowed_hosts, shown_host],
        "CSRF_TRUSTED_ORIGINS": [*csrf_trusted_origins, f"{parts.scheme}://{shown_host}{port}"],
    }
    if parts.scheme == "https":
        derived |= {
            "SESSION_COOKIE_SECURE": True,
            "CSRF_COOKIE_SECURE": True,
            # Trustworthy because speciosa listens on loopback behind the proxy, which sets this header.
            "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
            "SECURE_SSL_REDIRECT": True,
            "SECURE_HSTS_SECONDS": hsts_seconds,
            "SECURE_HSTS_INCLUDE_SUBDOMAINS": hsts_include_subdomains,
        }
    return derived


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


globals().update(
    served_at(
        PUBLIC_URL,
        allowed_hosts=ALLOWED_HOSTS,
        csrf_trusted_origins=CSRF_TRUSTED_ORIGINS,
        hsts_seconds=HSTS_SECONDS,
        hsts_include_subdomains=HSTS_INCLUDE_SUBDOMAINS,
    )
)
#: includeSubDomains and preload would commit every name under the host to HTTPS (preload: for years, in
#: browsers' built-in lists); only the owner of the whole domain can choose that, so deploy checks do not ask.
SILENCED_SYSTEM_CHECKS = ["security.W021"] + ([] if HSTS_INCLUDE_SUBDOMAINS else ["security.W005"])

#: Whether anyone who can reach the server may create an account: true or false when set; unset, sign-up
#: is open on this computer only and closed once served beyond it (speciosa.journal.accounts.signup_open).
SIGNUP_OPEN: bool | None = (
    env_bool("SPECIOSA_SIGNUP_OPEN", False) if os.environ.get("SPECIOSA_SIGNUP_OPEN") else None
)
#: How many days an invitation link stays usable (docs/security.md).
INVITATION_DAYS = env_int("SPECIOSA_INVITATION_DAYS", 7)
#: Largest import file accepted, in bytes; larger uploads are answered 413.
MAX_IMPORT_BYTES = env_int("SPECIOSA_MAX_IMPORT_BYTES", 50 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_IMPORT_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "axes",
    "speciosa.journal",
    "speciosa.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "speciosa.web.middleware.NoStoreMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "speciosa.web.middleware.UserTimezoneMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a refused sign-in into the 429 page
]

#: Sign-in throttling (django-axes; the policy and its reasons are in docs/security.md): failures are
#: counted per (name, address) and per address, and answered 429 for a short cool-off, never for good.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "speciosa.journal.sign_in_throttle.PairAndAddressHandler"
AXES_FAILURE_LIMIT = 5  # per (name, address); the address's own limit is sign_in_throttle.ADDRESS_LIMIT
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # what a successful sign-in clears: its own pair
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "speciosa.journal.sign_in_throttle.attempted_name"
AXES_CLIENT_IP_CALLABLE = "speciosa.journal.sign_in_throttle.client_address"
AXES_LOCKOUT_CALLABLE = "speciosa.web.views.journal_accounts.sign_in_paused"
AXES_DISABLE_ACCESS_LOG = True  # keep no record of successful sign-ins: only failures, only for the cool-off
AXES_SENSITIVE_PARAMETERS = ["username", "password", "password_again"]

ROOT_URLCONF = "speciosa.urls"
WSGI_APPLICATION = "speciosa.wsgi.application"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:today"
LOGOUT_REDIRECT_URL = "web:login"

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
                "speciosa.web.context.safety",
            ],
        },
    },
]


def _database() -> dict[str, object]:
    url = os.environ.get("DATABASE_URL")
    if url:
        config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
    else:
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DATA_DIR / "speciosa.sqlite3")}
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets pages read while a write is in progress; the timeout is SQLite's busy timeout.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        config.setdefault("TEST", {"NAME": None})
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "speciosa.journal.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"  # WhiteNoise serves from the finders; the folder only has to exist
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

#: Content-Security-Policy (django-csp), sent with every page: scripts, styles, images and connections
#: come from this server only, and nothing inline runs (docs/security.md).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # data: for the stylesheet's small SVG icons (Pico's select arrows)
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "manifest-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SPECIOSA_LOG_LEVEL", "WARNING")},
}
