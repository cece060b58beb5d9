"""Parsing of configuration values that django-environ does not know."""

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

STATICFILES_BACKEND = {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}


def storage_settings(storage_url: str, default_media_root: Path) -> dict:
    """Build Django's STORAGES from STORAGE_URL.

    ``""`` or ``file:///path`` keeps files on local disk; ``s3://KEY:SECRET@BUCKET?endpoint_url=…
    &region_name=…`` uses S3-compatible object storage (MinIO, Ceph, AWS) via django-storages.
    """
    if not storage_url:
        return _local(default_media_root)
    parts = urlsplit(storage_url)
    if parts.scheme == "file":
        return _local(Path(unquote(parts.path)))
    if parts.scheme == "s3":
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        options = {
            "bucket_name": parts.hostname,
            "access_key": unquote(parts.username or ""),
            "secret_key": unquote(parts.password or ""),
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
            **query,
        }
        return {
            "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
            "staticfiles": STATICFILES_BACKEND,
        }
    raise ValueError(f"STORAGE_URL scheme {parts.scheme!r} is not supported (use file:// or s3://)")


def _local(root: Path) -> dict:
    root.mkdir(parents=True, exist_ok=True)
    return {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
        "staticfiles": STATICFILES_BACKEND,
    }
