"""Parsing of configuration values that django-environ does not know."""

from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

STATICFILES_BACKEND = {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}


def _boolean(value: str) -> bool:
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{value!r} is not a boolean")


# The django-storages S3Storage options a STORAGE_URL query may set, with their types:
# query values are strings, and "querystring_auth=false" must not become a true value.
S3_QUERY_OPTIONS: dict[str, Callable[[str], object]] = {
    "endpoint_url": str,
    "region_name": str,
    "location": str,
    "custom_domain": str,
    "signature_version": str,
    "addressing_style": str,
    "default_acl": str,
    "querystring_auth": _boolean,
    "querystring_expire": int,
    "file_overwrite": _boolean,
    "use_ssl": _boolean,
}


def storage_settings(storage_url: str, default_media_root: Path) -> dict:
    """Build Django's STORAGES from STORAGE_URL.

    ``""`` keeps files under ``var/media``; ``file:///absolute/path`` on that local path;
    ``s3://KEY:SECRET@BUCKET?endpoint_url=…&region_name=…`` in S3-compatible object storage
    (MinIO, Ceph, AWS) via django-storages. Without KEY:SECRET boto3 finds credentials
    itself (AWS_ACCESS_KEY_ID, an instance role). Raises ValueError on anything else.
    """
    if not storage_url:
        return _local(default_media_root)
    parts = urlsplit(storage_url)
    if parts.scheme == "file":
        return _local(_file_path(parts))
    if parts.scheme == "s3":
        return {
            "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3_options(parts)},
            "staticfiles": STATICFILES_BACKEND,
        }
    raise ValueError(
        f"STORAGE_URL scheme {parts.scheme!r} is not supported (use file:// or s3://)"
    )


def _file_path(parts) -> Path:
    # "file://var/media" would silently mean host "var", path "/media": demand three slashes.
    if parts.netloc not in ("", "localhost") or not parts.path.startswith("/"):
        raise ValueError("STORAGE_URL file:// needs an absolute path: file:///srv/raadhuis/media")
    return Path(unquote(parts.path))


def _s3_options(parts) -> dict:
    if not parts.hostname:
        raise ValueError("STORAGE_URL s3:// needs a bucket: s3://KEY:SECRET@bucket")
    options = {
        "bucket_name": parts.hostname,
        "file_overwrite": False,  # two uploads with one name must not replace each other
        "default_acl": None,  # private objects, served through signed URLs
        "querystring_auth": True,
    }
    if parts.username:
        options["access_key"] = unquote(parts.username)
        options["secret_key"] = unquote(parts.password or "")
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key not in S3_QUERY_OPTIONS:
            raise ValueError(f"STORAGE_URL option {key!r} is not supported; "
                             f"use one of {', '.join(sorted(S3_QUERY_OPTIONS))}")
        options[key] = S3_QUERY_OPTIONS[key](value)
    return options


def _local(root: Path) -> dict:
    root.mkdir(parents=True, exist_ok=True)
    return {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
        "staticfiles": STATICFILES_BACKEND,
    }
