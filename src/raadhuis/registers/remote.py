"""A client of a real Haal Centraal BRP Personen 2.x API (the national BRP, or a supplier's).

Switched on with ``BRP_API_URL``; authenticated with an API key (``BRP_API_KEY``, sent as
``X-API-Key``) and/or mutual TLS (``BRP_API_CLIENT_CERT`` + ``BRP_API_CLIENT_KEY``). The
purpose of every request travels along in the ``x-doelbinding``/``x-verwerking`` headers,
as Haal Centraal gateways expect. The remote API minimises the fields itself; we minimise
again, so a generous remote cannot widen what Raadhuis passes on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import requests
from django.conf import settings

from raadhuis.platform import services as platform
from raadhuis.registers import fields as field_paths
from raadhuis.registers import query as q
from raadhuis.registers.local import Found

logger = logging.getLogger(__name__)


class BrpUnavailable(RuntimeError):
    """The remote BRP did not answer usefully (down, timeout, 5xx, or not JSON)."""


@dataclass(frozen=True)
class Purpose:
    doelbinding: str
    verwerking: str
    grondslag: str
    gebruiker: str = ""


@dataclass
class RemoteBrp:
    url: str
    api_key: str = ""
    timeout: float = 10.0
    client_cert: tuple[str, str] | None = None
    ca_bundle: str | bool = True

    @classmethod
    def from_settings(cls) -> RemoteBrp:
        cert = None
        if settings.BRP_API_CLIENT_CERT:
            cert = (settings.BRP_API_CLIENT_CERT, settings.BRP_API_CLIENT_KEY)
        return cls(url=settings.BRP_API_URL.rstrip("/"), api_key=settings.BRP_API_KEY,
                   timeout=settings.BRP_API_TIMEOUT, client_cert=cert,
                   ca_bundle=settings.BRP_API_CA_BUNDLE or True)

    def _headers(self, purpose: Purpose) -> dict:
        headers = {"Accept": "application/json", "Content-Type": "application/json; charset=utf-8",
                   "x-doelbinding": purpose.doelbinding, "x-verwerking": purpose.verwerking}
        if purpose.gebruiker:
            headers["x-gebruiker"] = purpose.gebruiker
        if self.api_key:
            headers["X-API-Key"] = self.api_key
        return headers

    def personen(self, query: q.PersonenQuery, purpose: Purpose) -> list[Found]:
        body = query.body()
        # Always ask the BSN too: the processing log needs it, even when the caller did not.
        body["fields"] = list(dict.fromkeys([*query.fields, "burgerservicenummer"]))
        try:
            response = requests.post(f"{self.url}/personen", json=body, headers=self._headers(purpose),
                                     timeout=self.timeout, cert=self.client_cert, verify=self.ca_bundle)
        except requests.RequestException as error:
            logger.warning("BRP API unreachable: %s", error)
            raise BrpUnavailable("De BRP is niet bereikbaar.") from error
        body = _json(response)
        if response.status_code == 400 and isinstance(body, dict):
            raise q.InvalidQuery(body.get("invalidParams") or [], title=body.get("title") or "")
        if response.status_code != 200 or not isinstance(body, dict) or not isinstance(
                body.get("personen", []), list):
            logger.warning("BRP API answered %s", response.status_code)
            raise BrpUnavailable(f"De BRP antwoordde met status {response.status_code}.")
        organisations = _organisations_by_gemeentecode()
        found = []
        for persoon in body.get("personen", []):
            if not isinstance(persoon, dict):
                continue
            bsn = str(persoon.get("burgerservicenummer", ""))
            code = (persoon.get("gemeenteVanInschrijving") or {}).get("code", "")
            organisation = organisations.get(code) or organisations.get("")
            found.append(Found(organisation, bsn, field_paths.minimise(persoon, query.fields, query.schema)))
        return found


def _json(response: requests.Response):
    try:
        return response.json()
    except ValueError:
        return None


def _organisations_by_gemeentecode() -> dict:
    """Which organisation logs a read: the person's municipality when it is in the scope,
    else the first organisation of the scope (``""``)."""
    organisations = sorted(platform.organisations_in_scope(), key=lambda o: o.pk)
    by_code = {o.gemeentecode: o for o in organisations if o.gemeentecode}
    if organisations:
        by_code[""] = organisations[0]
    return by_code
