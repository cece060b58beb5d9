"""Absolute URLs of ZGW resources, and resolving URLs given by clients to local records.

One installation may be reached under several host names (internal and public), and work
done outside a request (jobs, the werkplek) has only RAADHUIS_BASE_URL. So a URL of our own
resources is compared by its path, never by its host: :func:`canonical_url` spells it with
RAADHUIS_BASE_URL, and what is filed by URL (the audit trail's hoofdObject) is filed in that
spelling, so that a lookup with either spelling finds it on the index.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse


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


def canonical_url(url: str) -> str:
    """A URL of one of this installation's resources spelled with RAADHUIS_BASE_URL, whichever
    host name it came with; any other URL (another API's, or no resource) as it is."""
    match = resolve_path(url) if isinstance(url, str) and url else None
    if match is None or not match.namespace or not match.kwargs:
        return url
    try:
        return absolute_url(f"{match.namespace}:{match.url_name}", **match.kwargs)
    except NoReverseMatch:  # a path we cannot rebuild is kept as given
        return url


def same_resource(url: str, other: str) -> bool:
    """Whether two URLs name the same resource of ours (the same path under any host)."""
    return url == other or canonical_url(url) == canonical_url(other)
