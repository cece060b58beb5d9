"""The committed OpenAPI document of the wegen REST API (``wegen/openapi.yaml``), generated the
one way the ZGW components generate theirs (``zgw.common.oas``)."""

from __future__ import annotations

from pathlib import Path

from raadhuis.zgw.common import oas

COMPONENT = oas.Component("wegen", "raadhuis.wegen.api_urls", official="")
COMMITTED = Path(__file__).resolve().parent / "openapi.yaml"


def generate_schema() -> dict:
    return oas.generate(COMPONENT)


def text() -> str:
    return oas.render(generate_schema())
