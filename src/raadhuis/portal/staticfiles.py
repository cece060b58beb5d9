"""Serve the front-end packages installed by npm (``make install``) as static files.

Only the listed files of ``node_modules`` are exposed, under ``vendor/``: the NL Design
System CSS, the example theme tokens, Leaflet, and axe-core (used by the browser tests).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Warning as CheckWarning
from django.core.files.storage import FileSystemStorage

FILES = {
    "vendor/utrecht/index.css": "@utrecht/component-library-css/dist/index.css",
    "vendor/voorbeeld-design-tokens/theme.css": (
        "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css"),
    "vendor/leaflet/leaflet.js": "leaflet/dist/leaflet.js",
    "vendor/leaflet/leaflet.css": "leaflet/dist/leaflet.css",
    "vendor/leaflet/images/marker-icon.png": "leaflet/dist/images/marker-icon.png",
    "vendor/leaflet/images/marker-icon-2x.png": "leaflet/dist/images/marker-icon-2x.png",
    "vendor/leaflet/images/marker-shadow.png": "leaflet/dist/images/marker-shadow.png",
    "vendor/axe-core/axe.min.js": "axe-core/axe.min.js",
}


def node_modules() -> Path:
    return Path(settings.PORTAL_NODE_MODULES)


class NodeModulesFinder(BaseFinder):
    def check(self, **kwargs):
        missing = [f for f in FILES.values() if not (node_modules() / f).exists()]
        if missing:
            return [
                CheckWarning(
                    f"Front-end packages missing in {node_modules()} (run `make install`): "
                    f"{', '.join(missing[:3])}…",
                    id="portal.W001",
                )
            ]
        return []

    def find(self, path, find_all=False, **kwargs):
        target = FILES.get(path)
        if target is None or not (node_modules() / target).exists():
            return [] if find_all else None
        found = str(node_modules() / target)
        return [found] if find_all else found

    def list(self, ignore_patterns):
        # Public names keep the package file's base name, so prefix + name is the public path.
        for public, target in FILES.items():
            source = node_modules() / target
            if source.exists():
                storage = FileSystemStorage(location=str(source.parent))
                storage.prefix = str(Path(public).parent)
                yield source.name, storage
