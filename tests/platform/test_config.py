"""STORAGE_URL: local files or S3-compatible object storage, and clear errors otherwise."""

import re
from pathlib import Path

import pytest
from storages.backends.s3 import S3Storage

from raadhuis.platform.config import storage_settings


def test_empty_url_keeps_files_in_the_default_directory(tmp_path):
    storages = storage_settings("", tmp_path / "media")
    assert storages["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert storages["default"]["OPTIONS"] == {"location": str(tmp_path / "media")}
    assert (tmp_path / "media").is_dir()


def test_file_url_uses_the_absolute_path(tmp_path):
    storages = storage_settings(f"file://{tmp_path}/docs%20en%20media", tmp_path / "unused")
    assert storages["default"]["OPTIONS"]["location"] == str(tmp_path / "docs en media")
    assert (tmp_path / "docs en media").is_dir()
    assert storages["staticfiles"]["BACKEND"].startswith("whitenoise.")


def test_file_url_must_be_absolute(tmp_path):
    with pytest.raises(ValueError, match="absolute path"):
        storage_settings("file://var/media", tmp_path)


def test_s3_url_with_credentials_endpoint_and_region(tmp_path):
    url = ("s3://AKIAEXAMPLE:se%2Fcr%2Bet@raadhuis-documenten"
           "?endpoint_url=https://minio.example.nl:9000&region_name=eu-west-1")
    storages = storage_settings(url, tmp_path)
    assert storages["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storages["default"]["OPTIONS"] == {
        "bucket_name": "raadhuis-documenten",
        "access_key": "AKIAEXAMPLE",
        "secret_key": "se/cr+et",
        "endpoint_url": "https://minio.example.nl:9000",
        "region_name": "eu-west-1",
        "file_overwrite": False,
        "default_acl": None,
        "querystring_auth": True,
    }


def test_s3_options_are_typed_and_accepted_by_django_storages(tmp_path):
    url = "s3://bucket?querystring_auth=false&querystring_expire=600&location=gemeente-a"
    options = storage_settings(url, tmp_path)["default"]["OPTIONS"]
    assert options["querystring_auth"] is False
    assert options["querystring_expire"] == 600
    assert "access_key" not in options  # boto3 finds credentials itself (env, instance role)
    storage = S3Storage(**options)  # no network: the client is made on first use
    assert storage.location == "gemeente-a"


def test_s3_unknown_option_is_refused(tmp_path):
    with pytest.raises(ValueError, match="'acl' is not supported"):
        storage_settings("s3://k:s@bucket?acl=public-read", tmp_path)


def test_s3_needs_a_bucket(tmp_path):
    with pytest.raises(ValueError, match="needs a bucket"):
        storage_settings("s3://", tmp_path)


def test_unsupported_scheme_is_refused(tmp_path):
    with pytest.raises(ValueError, match="'ftp' is not supported"):
        storage_settings("ftp://files.example.nl/media", tmp_path)


def test_every_environment_variable_of_the_settings_is_documented():
    root = Path(__file__).resolve().parents[2]
    source = (root / "src" / "raadhuis" / "settings.py").read_text()
    names = set(re.findall(r'\benv(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]*)"', source))
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "STORAGE_URL", "METRICS_TOKEN"} <= names
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]*)`", (root / "docs" / "configuration.md")
                                .read_text()))
    assert sorted(names - documented) == []
