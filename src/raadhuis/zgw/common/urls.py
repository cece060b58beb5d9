"""Absolute URLs of ZGW resources, and resolving URLs given by clients to local records."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve, reverse


def absolute_url(view_name: str, request=None, **kwargs) -> str:
    """The resource's URL: from the request's host when there is one, else RAADHUIS_BASE_URL."""
    path = reverse(view_name, kwargs=kwargs)
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.RAADHUIS_BASE_URL.rstrip("/") + path


def resolve_path(url: str):
    """The Django resolver match of a URL's path, or None. Hosts are not compared: one
    installation may be reached under several names (internal and public)."""
    try:
        return resolve(urlsplit(url).path)
    except (Resolver404, ValueError):
        return None
