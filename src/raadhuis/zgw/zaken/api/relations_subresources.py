"""How the sub-resources join the zaak's read side: the URL lists of the Zaak resource
(``rollen``, ``zaakobjecten``, ``eigenschappen``, ``zaakinformatieobjecten``, loaded for a
whole page in the zaak's one UNION query) and the relations that ``expand`` can follow."""

from __future__ import annotations

import uuid as uuidlib
from collections import defaultdict

from raadhuis.zgw.zaken import children
from raadhuis.zgw.zaken.api import expand
from raadhuis.zgw.zaken.api.expand import Relation
from raadhuis.zgw.zaken.models import Rol, Status, ZaakEigenschap, ZaakInformatieObject, ZaakObject


def _register_children() -> None:
    for kind, model, url_name, nested in (
        ("rollen", Rol, "zaken:rol-detail", False),
        ("zaakobjecten", ZaakObject, "zaken:zaakobject-detail", False),
        ("eigenschappen", ZaakEigenschap, "zaken:zaakeigenschap-detail", True),
        ("zaakinformatieobjecten", ZaakInformatieObject, "zaken:zaakinformatieobject-detail", False),
    ):
        children.register(children.Child(kind, _rows(model, kind), url_name, nested))


def _rows(model, kind: str):
    return lambda ids: children.part(model.objects.filter(zaak_id__any_of=ids), kind)


# --- expand loaders: (records, expander) -> {record.pk: target | [targets]} -----------------

def _zaak_of(records, expander):
    """The records' zaken, through the client's visibility (zrc-006)."""
    zaken = {z.pk: z for z in expander.visible_zaken.filter(pk__in={r.zaak_id for r in records})
             .select_related("zaaktype", "hoofdzaak")}
    return {r.pk: zaken.get(r.zaak_id) for r in records}


def _under_zaak(model, *related):
    def load(zaken, expander):
        grouped = defaultdict(list)
        for record in model.objects.filter(zaak_id__in=[z.pk for z in zaken]).select_related(
                "zaak", *related).order_by("pk"):
            grouped[record.zaak_id].append(record)
        return grouped
    return load


def _by_pk(attribute: str):
    return lambda records, expander: {r.pk: getattr(r, attribute) for r in records}


def _uuid_at_end(url: str) -> uuidlib.UUID | None:
    try:
        return uuidlib.UUID(url.rstrip("/").rsplit("/", 1)[-1])
    except ValueError:
        return None


def _gezetdoor(statussen, expander):
    """Status.gezetdoor is the URL of a rol of the same zaak."""
    wanted = {s.pk: _uuid_at_end(s.gezetdoor) for s in statussen if s.gezetdoor}
    rollen = {r.uuid: r for r in Rol.objects.filter(uuid__in=[u for u in wanted.values() if u])
              .select_related("zaak")}
    return {pk: rollen.get(uuid) for pk, uuid in wanted.items()}


def _statussen_of_rol(rollen, expander):
    by_uuid = {r.uuid: r.pk for r in rollen}
    grouped = defaultdict(list)
    found = Status.objects.filter(zaak_id__in={r.zaak_id for r in rollen}).exclude(gezetdoor="")
    for status in found.select_related("zaak", "statustype").order_by("pk"):
        rol_pk = by_uuid.get(_uuid_at_end(status.gezetdoor))
        if rol_pk is not None:
            grouped[rol_pk].append(status)
    return grouped


def _zios_of_status(statussen, expander):
    grouped = defaultdict(list)
    found = ZaakInformatieObject.objects.filter(status_id__in=[s.pk for s in statussen])
    for zio in found.select_related("zaak", "status").order_by("pk"):
        grouped[zio.status_id].append(zio)
    return grouped


def _register_expand() -> None:
    relations = {
        "zaak": {
            "rollen": Relation("rol", True, _under_zaak(Rol, "roltype")),
            "zaakobjecten": Relation("zaakobject", True, _under_zaak(ZaakObject, "zaakobjecttype")),
            "eigenschappen": Relation("zaakeigenschap", True, _under_zaak(ZaakEigenschap, "eigenschap")),
            "zaakinformatieobjecten": Relation("zaakinformatieobject", True,
                                               _under_zaak(ZaakInformatieObject, "status")),
        },
        "status": {
            "gezetdoor": Relation("rol", False, _gezetdoor),
            "zaakinformatieobjecten": Relation("zaakinformatieobject", True, _zios_of_status),
        },
        "rol": {
            "zaak": Relation("zaak", False, _zaak_of),
            "roltype": Relation("roltype", False, _by_pk("roltype")),
            "statussen": Relation("status", True, _statussen_of_rol),
        },
        "zaakobject": {
            "zaak": Relation("zaak", False, _zaak_of),
            "zaakobjecttype": Relation("zaakobjecttype", False, _by_pk("zaakobjecttype")),
        },
        "zaakeigenschap": {
            "zaak": Relation("zaak", False, _zaak_of),
            "eigenschap": Relation("eigenschap", False, _by_pk("eigenschap")),
        },
        "zaakinformatieobject": {
            "zaak": Relation("zaak", False, _zaak_of),
            "status": Relation("status", False, _by_pk("status")),
        },
    }
    for resource, attributes in relations.items():
        for attribute, relation in attributes.items():
            expand.register(resource, attribute, relation)
    # Attributes that point outside the Zaken and Catalogi APIs (zrc-025).
    for resource, attribute in (("rol", "betrokkene"), ("zaakobject", "object"), ("zaakbesluit", "besluit")):
        expand.EXTERNAL.setdefault(resource, set()).add(attribute)


_register_children()
_register_expand()
