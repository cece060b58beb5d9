"""The kanalen of Raadhuis's own components, registered at every ``migrate``.

The standard: "Elke bron … MOET hun kanaal registreren bij de NRC indien dit nog niet
bestaat." Our sources live in this installation, so the NRC registers them for them, with
the kenmerken their official OAS documents (camelCase, as they appear in notifications).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

DOCS = "https://vng-realisatie.github.io/gemma-zaken/standaard/"


@dataclass(frozen=True)
class BuiltinKanaal:
    naam: str
    filters: tuple[str, ...]
    documentatie_link: str


BUILTIN = (
    BuiltinKanaal("autorisaties", (), DOCS + "autorisaties/"),
    BuiltinKanaal("zaken", ("bronorganisatie", "zaaktype", "vertrouwelijkheidaanduiding"), DOCS + "zaken/"),
    BuiltinKanaal("documenten", ("bronorganisatie", "informatieobjecttype", "vertrouwelijkheidaanduiding"),
                  DOCS + "documenten/"),
    BuiltinKanaal("besluiten", ("verantwoordelijkeOrganisatie", "besluittype"), DOCS + "besluiten/"),
    BuiltinKanaal("zaaktypen", ("catalogus",), DOCS + "catalogi/"),
    BuiltinKanaal("besluittypen", ("catalogus",), DOCS + "catalogi/"),
    BuiltinKanaal("informatieobjecttypen", ("catalogus",), DOCS + "catalogi/"),
)

# Our components outside the ZGW standards that publish notifications too.
OBJECTS_DOCS = "https://objects-and-objecttypes-api.readthedocs.io/"
KLANTINTERACTIES_DOCS = "https://open-klant.readthedocs.io/"
OTHER_SOURCES = (
    BuiltinKanaal("objecten", ("objectType",), OBJECTS_DOCS),
    BuiltinKanaal("objecttypen", (), OBJECTS_DOCS),
    # The kenmerken of Open Klant's Klantinteracties OAS (klantcontact.services.KANALEN).
    BuiltinKanaal("partijen", ("nummer", "interneNotitie", "soortPartij"), KLANTINTERACTIES_DOCS),
    BuiltinKanaal("internetaken", ("nummer", "gevraagdeHandeling", "toelichting", "status"),
                  KLANTINTERACTIES_DOCS),
)


def register_builtin() -> int:
    """Create or correct the built-in kanalen; idempotent. Returns how many changed."""
    from raadhuis.zgw.notificaties.models import Kanaal

    changed = 0
    with transaction.atomic():
        for builtin in BUILTIN + OTHER_SOURCES:
            values = {"filters": list(builtin.filters), "documentatie_link": builtin.documentatie_link,
                      "ingebouwd": True}
            kanaal, created = Kanaal.objects.get_or_create(naam=builtin.naam, defaults=values)
            if created or _differs(kanaal, values):
                Kanaal.objects.filter(pk=kanaal.pk).update(**values)
                changed += 1
    return changed


def _differs(kanaal, values: dict) -> bool:
    return any(getattr(kanaal, name) != value for name, value in values.items())


def register_after_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate receiver: also runs after a test database is flushed."""
    from django.db import connections

    from raadhuis.zgw.notificaties.models import Kanaal

    if Kanaal._meta.db_table in connections[using].introspection.table_names():
        register_builtin()
