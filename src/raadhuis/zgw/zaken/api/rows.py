"""The Zaak resource of a list page from plain rows (ADR 0022).

A page of 100 zaken through ``ZaakSerializer`` and the camelCase renderer costs most of a
list request's CPU. Here a page is read as ``.values()`` of the columns the resource shows
(the zaaktype's uuid, not its wide row), the related records come from children.by_zaak
(one query for the page), URLs from the request's UrlBuilder templates, and the keys are
written in camelCase at once, so the renderer passes the page as it is (``CamelCased``).
The output is the serializer's to the byte (tests/zgw/zaken/test_list_rows.py); a read with
``expand`` or ``fields`` keeps the serializer path.
"""

from __future__ import annotations

from djangorestframework_camel_case.util import camelize, underscoreize
from rest_framework import serializers

from raadhuis.zgw.zaken import children
from raadhuis.zgw.zaken.constants import Betalingsindicatie
from raadhuis.zgw.zaken.models import Zaak
from raadhuis.zgw.zaken.refs import UrlBuilder

COLUMNS = (
    "id", "uuid", "identificatie", "bronorganisatie", "omschrijving", "toelichting", "zaaktype__uuid",
    "registratiedatum", "verantwoordelijke_organisatie", "startdatum", "einddatum", "einddatum_gepland",
    "uiterlijke_einddatum_afdoening", "publicatiedatum", "communicatiekanaal", "producten_of_diensten",
    "vertrouwelijkheidaanduiding", "betalingsindicatie", "laatste_betaaldatum", "zaakgeometrie",
    "verlenging_reden", "verlenging_duur", "opschorting_indicatie", "opschorting_reden",
    "selectielijstklasse", "hoofdzaak__uuid", "archiefnominatie", "archiefstatus", "archiefactiedatum",
    "opdrachtgevende_organisatie", "processobjectaard", "startdatum_bewaartermijn",
    "processobject_datumkenmerk", "processobject_identificatie", "processobject_objecttype",
    "processobject_registratie",
)
_OWN_FIELDS = {name: Zaak._meta.get_field(name) for name in COLUMNS if "__" not in name}
BETALINGSINDICATIES = dict(Betalingsindicatie.choices)
DATETIME = serializers.DateTimeField()  # the serializer's own format and time zone


class CamelCased(list):
    """Resources whose keys are already as the API writes them: ZakenRenderer sends them as
    they are, without its camelCase pass."""


def represent(rows: list[dict], urls: UrlBuilder) -> CamelCased:
    """The Zaak resources of ``rows`` (dicts of COLUMNS), in their order."""
    related = children.by_zaak([row["id"] for row in rows])
    page = _Page(urls)
    return CamelCased(_zaak(row, related[row["id"]], page) for row in rows)


def represent_created(zaak, nested: dict, urls: UrlBuilder) -> dict:
    """A zaak just saved, as ZaakSerializer shows it (snake_case, the audit trail's spelling),
    from memory: nothing lies under a new zaak yet but the kenmerken and relevante andere
    zaken it came with (``nested``), so nothing is read back."""
    # As the database gives them back: a service caller may have passed "2026-01-05" for a date.
    row = {name: _OWN_FIELDS[name].to_python(getattr(zaak, name)) for name in _OWN_FIELDS}
    row["zaaktype__uuid"] = zaak.zaaktype.uuid
    row["hoofdzaak__uuid"] = zaak.hoofdzaak.uuid if zaak.hoofdzaak_id else None
    related = {
        "kenmerken": [children.Row(None, item["kenmerk"], item["bron"])
                      for item in nested.get("kenmerken", ())],
        "relevante_andere_zaken": [children.Row(None, item["url"], item["aard_relatie"])
                                   for item in nested.get("relevante_andere_zaken", ())],
    }
    return underscoreize(_zaak(row, related, _Page(urls)), **_renderer().json_underscoreize)


class _Page:
    """What every zaak of a page shares: the URL templates, looked up once."""

    def __init__(self, urls: UrlBuilder):
        self.zaak = urls.template("zaken:zaak-detail") or ""
        self.zaaktype = urls.catalogi("zaaktypen", "{}")
        self.urls = urls

    def links(self, kind: str, related: dict, zaak_uuid) -> list[str]:
        found = related.get(kind)
        if not found:
            return []
        child = children.CHILDREN.get(kind)
        if child is None:  # the sub-resource is not installed
            return []
        extra = {"zaak_uuid": zaak_uuid} if child.nested else {}
        template = self.urls.template(child.url_name, **extra)
        return [template.format(r.uuid) if template else "" for r in found]

    def link(self, kind: str, related: dict, zaak_uuid) -> str | None:
        found = self.links(kind, related, zaak_uuid)
        return found[0] if found else None


def _zaak(row: dict, related: dict, page: _Page) -> dict:
    uuid = row["uuid"]
    links, link = page.links, page.link
    hoofdzaak = row["hoofdzaak__uuid"]
    betalingsindicatie = row["betalingsindicatie"]
    return {
        "url": page.zaak.format(uuid),
        "uuid": str(uuid),
        "identificatie": row["identificatie"],
        "bronorganisatie": row["bronorganisatie"],
        "omschrijving": row["omschrijving"],
        "toelichting": row["toelichting"],
        "zaaktype": page.zaaktype.format(row["zaaktype__uuid"]),
        "registratiedatum": _date(row["registratiedatum"]),
        "verantwoordelijkeOrganisatie": row["verantwoordelijke_organisatie"],
        "startdatum": _date(row["startdatum"]),
        "einddatum": _date(row["einddatum"]),
        "einddatumGepland": _date(row["einddatum_gepland"]),
        "uiterlijkeEinddatumAfdoening": _date(row["uiterlijke_einddatum_afdoening"]),
        "publicatiedatum": _date(row["publicatiedatum"]),
        "communicatiekanaal": row["communicatiekanaal"],
        "productenOfDiensten": row["producten_of_diensten"],
        "vertrouwelijkheidaanduiding": row["vertrouwelijkheidaanduiding"],
        "betalingsindicatie": betalingsindicatie or "",
        "betalingsindicatieWeergave": (str(BETALINGSINDICATIES.get(betalingsindicatie, betalingsindicatie))
                                       if betalingsindicatie else ""),
        "laatsteBetaaldatum": (DATETIME.to_representation(row["laatste_betaaldatum"])
                               if row["laatste_betaaldatum"] else None),
        "zaakgeometrie": _geometrie(row["zaakgeometrie"]),
        "verlenging": ({"reden": row["verlenging_reden"], "duur": row["verlenging_duur"]}
                       if row["verlenging_duur"] else None),
        "opschorting": {"indicatie": row["opschorting_indicatie"], "reden": row["opschorting_reden"]},
        "selectielijstklasse": row["selectielijstklasse"],
        "hoofdzaak": page.zaak.format(hoofdzaak) if hoofdzaak else None,
        "deelzaken": links("deelzaken", related, uuid),
        "relevanteAndereZaken": [{"url": r.a, "aardRelatie": r.b}
                                 for r in related.get("relevante_andere_zaken", ())],
        "eigenschappen": links("eigenschappen", related, uuid),
        "rollen": links("rollen", related, uuid),
        "status": link("status", related, uuid),
        "zaakinformatieobjecten": links("zaakinformatieobjecten", related, uuid),
        "zaakobjecten": links("zaakobjecten", related, uuid),
        "kenmerken": [{"kenmerk": r.a, "bron": r.b} for r in related.get("kenmerken", ())],
        "archiefnominatie": row["archiefnominatie"] or None,
        "archiefstatus": row["archiefstatus"],
        "archiefactiedatum": _date(row["archiefactiedatum"]),
        "resultaat": link("resultaat", related, uuid),
        "opdrachtgevendeOrganisatie": row["opdrachtgevende_organisatie"],
        "processobjectaard": row["processobjectaard"],
        "startdatumBewaartermijn": _date(row["startdatum_bewaartermijn"]),
        "processobject": _processobject(row),
    }


def _geometrie(value):
    """GeoJSON as the renderer writes it (it camelizes every key in the response)."""
    if value is None:
        return None
    return camelize(value, **_renderer().json_underscoreize)


def _renderer():
    from raadhuis.zgw.zaken.api.viewsets.base import ZakenRenderer  # the renderer imports this module

    return ZakenRenderer


def _date(value) -> str | None:
    return value.isoformat() if value else None


PROCESSOBJECT = {name: f"processobject_{name}" for name in ("datumkenmerk", "identificatie", "objecttype",
                                                          "registratie")}


def _processobject(row: dict) -> dict | None:
    values = {name: row[column] for name, column in PROCESSOBJECT.items()}
    return values if any(values.values()) else None
