"""Query parameters of the Documenten API 1.7 lists, named exactly as the standard names them."""

from django import forms
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from raadhuis.zgw.common.validators import validate_http_url
from raadhuis.zgw.documenten import rules
from raadhuis.zgw.documenten.constants import AardRelatie, ObjectType
from raadhuis.zgw.documenten.models import (
    EnkelvoudigInformatieObject,
    Gebruiksrechten,
    ObjectInformatieObject,
    Verzending,
)


class URLFormField(forms.CharField):
    default_validators = [validate_http_url]


@extend_schema_field(OpenApiTypes.URI)
class URLFilter(filters.CharFilter):
    """A URL (a malformed one is a 400), compared in its canonical spelling: a zaak is found
    whichever host name the client uses for this installation."""

    field_class = URLFormField

    def filter(self, qs, value):
        return super().filter(qs, rules.canonical(value) if value else value)


@extend_schema_field(OpenApiTypes.URI)
class DocumentFilter(filters.CharFilter):
    """An informatieobject by its URL; a well-formed URL of no informatieobject matches nothing."""

    field_class = URLFormField

    def filter(self, qs, value):
        if not value:
            return qs
        uuid = rules.document_uuid(value)
        return qs.none() if uuid is None else qs.filter(**{self.field_name: uuid})


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class TrefwoordenFilter(filters.CharFilter):
    """``trefwoorden=a,b``: documents that have every one of them."""

    def filter(self, qs, value):
        for word in filter(None, (w.strip() for w in (value or "").split(","))):
            qs = qs.filter(**{f"{self.field_name}__has": word})
        return qs


class EnkelvoudigInformatieObjectFilter(filters.FilterSet):
    identificatie = filters.CharFilter(
        help_text=("Een binnen een gegeven context ondubbelzinnige referentie naar het INFORMATIEOBJECT.")
    )
    bronorganisatie = filters.CharFilter(
        help_text=(
            "Het RSIN van de Niet-natuurlijk persoon zijnde de organisatie die het informatieobject heeft "
            "gecreëerd of heeft ontvangen en als eerste in een samenwerkingsketen heeft vastgelegd."
        )
    )
    objectinformatieobjecten_object = URLFilter(
        field_name="document__relaties__object",
        help_text=("URL-referentie naarhet gerelateerde OBJECT (in deze of andere API)."),
    )
    objectinformatieobjecten_objectType = filters.ChoiceFilter(  # noqa: N815 - the standard's name
        field_name="document__relaties__object_type",
        choices=ObjectType.choices,
        help_text="Het type van het gerelateerde OBJECT.",
    )
    trefwoorden = TrefwoordenFilter(
        field_name="trefwoorden", help_text=("Een lijst van trefwoorden gescheiden door comma's.")
    )

    class Meta:
        model = EnkelvoudigInformatieObject
        fields = []

    def filter_queryset(self, queryset):
        # Two relation filters may match one document twice.
        queryset = super().filter_queryset(queryset)
        relation = {"objectinformatieobjecten_object", "objectinformatieobjecten_objectType"}
        return (
            queryset.distinct()
            if relation & set(k for k, v in self.form.cleaned_data.items() if v)
            else queryset
        )


def _period(field: str, help_text: str) -> dict:
    return {
        f"{field}__{lookup}": filters.IsoDateTimeFilter(
            field_name=field, lookup_expr=lookup, help_text=help_text
        )
        for lookup in ("lt", "lte", "gt", "gte")
    }


_START = (
    "Begindatum van de periode waarin de gebruiksrechtvoorwaarden van toepassing zijn. Doorgaans is de "
    "datum van creatie van het informatieobject de startdatum."
)
_EIND = "Einddatum van de periode waarin de gebruiksrechtvoorwaarden van toepassing zijn."


class GebruiksrechtenFilter(filters.FilterSet):
    informatieobject = DocumentFilter(
        field_name="document__uuid", help_text="URL-referentie naar het INFORMATIEOBJECT."
    )
    locals().update(_period("startdatum", _START))
    locals().update(_period("einddatum", _EIND))

    class Meta:
        model = Gebruiksrechten
        fields = []


class ObjectInformatieObjectFilter(filters.FilterSet):
    object = URLFilter(help_text="URL-referentie naar het gerelateerde OBJECT (in deze of een andere API).")
    informatieobject = DocumentFilter(
        field_name="document__uuid", help_text="URL-referentie naar het INFORMATIEOBJECT."
    )

    class Meta:
        model = ObjectInformatieObject
        fields = []


class VerzendingFilter(filters.FilterSet):
    aardRelatie = filters.ChoiceFilter(  # noqa: N815 - the standard's name
        field_name="aard_relatie",
        choices=AardRelatie.choices,
        help_text="Omschrijving van de aard van de relatie van de BETROKKENE tot het INFORMATIEOBJECT.",
    )
    informatieobject = DocumentFilter(
        field_name="document__uuid",
        help_text=("URL-referentie naar het informatieobject dat is ontvangen of verzonden."),
    )
    betrokkene = URLFilter(
        help_text=(
            "URL-referentie naar de betrokkene waarvan het informatieobject is ontvangen of waaraan dit is "
            "verzonden."
        )
    )

    class Meta:
        model = Verzending
        fields = []
