"""Query parameters of the zaak's sub-resources, named exactly as the OAS names them."""

from __future__ import annotations

from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from raadhuis.zgw.zaken.api.filters import CatalogiURLFilter, LocalURLFilter
from raadhuis.zgw.zaken.constants_subresources import (
    BetrokkeneType,
    NotitieStatus,
    NotitieType,
    ObjectType,
    RolOmschrijving,
)
from raadhuis.zgw.zaken.models import (
    KlantContact,
    Rol,
    ZaakContactMoment,
    ZaakInformatieObject,
    ZaakNotitie,
    ZaakObject,
    ZaakVerzoek,
)

# betrokkeneIdentificatie__<type>__<key> → the rol's indexed search column and betrokkeneType.
# Also the lookups of the zaak list's rol__betrokkeneIdentificatie__… parameters.
BETROKKENE_IDENTIFICATIE = {
    "betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": (BetrokkeneType.NATUURLIJK_PERSOON, "inp_bsn"),
    "betrokkeneIdentificatie__natuurlijkPersoon__anpIdentificatie": (
        BetrokkeneType.NATUURLIJK_PERSOON, "anp_identificatie"),
    "betrokkeneIdentificatie__natuurlijkPersoon__inpA_nummer": (
        BetrokkeneType.NATUURLIJK_PERSOON, "inp_a_nummer"),
    "betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId": (
        BetrokkeneType.NIET_NATUURLIJK_PERSOON, "inn_nnp_id"),
    "betrokkeneIdentificatie__nietNatuurlijkPersoon__annIdentificatie": (
        BetrokkeneType.NIET_NATUURLIJK_PERSOON, "ann_identificatie"),
    "betrokkeneIdentificatie__vestiging__vestigingsNummer": (BetrokkeneType.VESTIGING, "vestigings_nummer"),
    "betrokkeneIdentificatie__organisatorischeEenheid__identificatie": (
        BetrokkeneType.ORGANISATORISCHE_EENHEID, "identificatie"),
    "betrokkeneIdentificatie__medewerker__identificatie": (BetrokkeneType.MEDEWERKER, "identificatie"),
}


def betrokkene_lookups(parameter: str, value: str) -> dict:
    """Rol lookups for one betrokkeneIdentificatie parameter (without a ``rol__`` prefix):
    the indexed column, restricted to the betrokkeneType the parameter names."""
    betrokkene_type, column = BETROKKENE_IDENTIFICATIE[parameter]
    return {"betrokkene_type": betrokkene_type, column: value}


@extend_schema_field(OpenApiTypes.URI)
class ExactURLFilter(filters.CharFilter):
    """A URL elsewhere (an object, a document), compared as given."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 1000)
        super().__init__(**kwargs)


class BetrokkeneIdentificatieFilter(filters.CharFilter):
    def filter(self, qs, value):
        return qs.filter(**betrokkene_lookups(self.field_name, value)) if value else qs


class RolFilter(filters.FilterSet):
    zaak = LocalURLFilter(field_name="zaak", help_text="URL-referentie naar de ZAAK.")
    betrokkene = ExactURLFilter(help_text="URL-referentie naar een betrokkene gerelateerd aan de ZAAK.")
    betrokkeneType = filters.ChoiceFilter(  # noqa: N815 - the standard's parameter name
        field_name="betrokkene_type", choices=BetrokkeneType.choices, help_text="Type van de `betrokkene`.")
    roltype = CatalogiURLFilter("roltypen", field_name="roltype",
                                help_text="URL-referentie naar een roltype binnen het ZAAKTYPE van de ZAAK.")
    omschrijving = filters.CharFilter(max_length=100, help_text=(
        "Omschrijving van de aard van de ROL, afgeleid uit het ROLTYPE."))
    omschrijvingGeneriek = filters.ChoiceFilter(  # noqa: N815
        field_name="omschrijving_generiek", choices=RolOmschrijving.choices,
        help_text="Algemeen gehanteerde benaming van de aard van de ROL, afgeleid uit het ROLTYPE.")

    class Meta:
        model = Rol
        fields = []


def _add_betrokkene_filters() -> None:
    # The parameter names hold "__", which cannot be class attributes of a FilterSet.
    for name in BETROKKENE_IDENTIFICATIE:
        RolFilter.base_filters[name] = BetrokkeneIdentificatieFilter(field_name=name, max_length=254)


_add_betrokkene_filters()


class ZaakObjectFilter(filters.FilterSet):
    zaak = LocalURLFilter(field_name="zaak", help_text="URL-referentie naar de ZAAK.")
    object = ExactURLFilter(help_text="URL-referentie naar de resource die het OBJECT beschrijft.")
    objectType = filters.ChoiceFilter(field_name="object_type", choices=ObjectType.choices)  # noqa: N815

    class Meta:
        model = ZaakObject
        fields = []


class ZaakInformatieObjectFilter(filters.FilterSet):
    zaak = LocalURLFilter(field_name="zaak", help_text="URL-referentie naar de ZAAK.")
    informatieobject = ExactURLFilter(help_text=(
        "URL-referentie naar het INFORMATIEOBJECT (in de Documenten API), waar ook de "
        "relatieinformatie opgevraagd kan worden."))

    class Meta:
        model = ZaakInformatieObject
        fields = []


class KlantContactFilter(filters.FilterSet):
    zaak = LocalURLFilter(field_name="zaak", help_text="URL-referentie naar de ZAAK.")

    class Meta:
        model = KlantContact
        fields = []


class ZaakContactMomentFilter(filters.FilterSet):
    zaak = LocalURLFilter(field_name="zaak", help_text="URL-referentie naar de ZAAK.")
    contactmoment = ExactURLFilter(
        help_text="URL-referentie naar het CONTACTMOMENT (in de Klantinteractie API)")

    class Meta:
        model = ZaakContactMoment
        fields = []


class ZaakVerzoekFilter(filters.FilterSet):
    zaak = LocalURLFilter(field_name="zaak", help_text="URL-referentie naar de ZAAK.")
    verzoek = ExactURLFilter(help_text="URL-referentie naar het VERZOEK (in de Klantinteractie API)")

    class Meta:
        model = ZaakVerzoek
        fields = []


def _moments(prefix: str, field: str, help_text: str) -> dict:
    found = {prefix: filters.IsoDateTimeFilter(field_name=field, help_text=help_text)}
    for lookup in ("gt", "gte", "lt", "lte"):
        found[f"{prefix}__{lookup}"] = filters.IsoDateTimeFilter(field_name=field, lookup_expr=lookup,
                                                                 help_text=help_text)
    return found


class ZaakNotitieFilter(filters.FilterSet):
    aangemaaktDoor = filters.CharFilter(field_name="aangemaakt_door")  # noqa: N815
    onderwerp = filters.CharFilter()
    tekst = filters.CharFilter()
    # The OAS types gerelateerdAan as an integer but describes it as the zaak's URL; Raadhuis
    # has no integer identifiers for zaken, so it takes the URL (docs/modules/zaken.md).
    gerelateerdAan = LocalURLFilter(field_name="zaak", help_text="URL-referentie naar de ZAAK.")  # noqa: N815
    notitieType = filters.ChoiceFilter(field_name="notitie_type", choices=NotitieType.choices)  # noqa: N815
    status = filters.ChoiceFilter(choices=NotitieStatus.choices)

    class Meta:
        model = ZaakNotitie
        fields = []


def _add_notitie_filters() -> None:
    extra = {
        "aangemaaktDoor__icontains": filters.CharFilter(field_name="aangemaakt_door",
                                                        lookup_expr="icontains"),
        "onderwerp__icontains": filters.CharFilter(field_name="onderwerp", lookup_expr="icontains"),
        "tekst__icontains": filters.CharFilter(field_name="tekst", lookup_expr="icontains"),
        **_moments("aanmaakdatum", "aanmaakdatum", "De datum waarop de handeling is gedaan."),
        **_moments("wijzigingsdatum", "wijzigingsdatum",
                   "Datum en tijd waarop de notitie voor het laatst is gewijzigd"),
    }
    ZaakNotitieFilter.base_filters.update(extra)


_add_notitie_filters()
