from django import forms
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from raadhuis.zgw.besluiten.models import Besluit, BesluitInformatieObject
from raadhuis.zgw.common.urls import resolve_path
from raadhuis.zgw.common.validators import validate_http_url


class URLFormField(forms.CharField):
    default_validators = [validate_http_url]


@extend_schema_field(OpenApiTypes.URI)
class URLFilter(filters.CharFilter):
    """Filter by a plain URL (a document in another component): a malformed one is a 400."""

    field_class = URLFormField


class ResourceURLFilter(URLFilter):
    """Filter on a resource by its URL, matched on the uuid in it (hosts are not compared, as
    in ResourceURLField). A well-formed URL of no such resource matches nothing."""

    def __init__(self, *args, url_name: str, **kwargs):
        self.url_name = url_name
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        match = resolve_path(value)
        if match is None or match.url_name != self.url_name or "uuid" not in match.kwargs:
            return qs.none()
        return qs.filter(**{self.field_name: match.kwargs["uuid"]})


class BesluitFilter(filters.FilterSet):
    identificatie = filters.CharFilter(
        help_text="Identificatie van het besluit binnen de organisatie die het besluit heeft vastgesteld.")
    verantwoordelijkeOrganisatie = filters.CharFilter(  # noqa: N815 - the standard's parameter name
        field_name="verantwoordelijke_organisatie",
        help_text="Het RSIN van de niet-natuurlijk persoon zijnde de organisatie die het besluit heeft "
                  "vastgesteld.")
    besluittype = ResourceURLFilter(field_name="besluittype__uuid", url_name="besluittype-detail",
                                    help_text="URL-referentie naar het BESLUITTYPE (in de Catalogi API).")
    zaak = ResourceURLFilter(field_name="zaak__uuid", url_name="zaak-detail",
                             help_text="URL-referentie naar de ZAAK (in de Zaken API) waarvan dit besluit "
                                       "uitkomst is.")

    class Meta:
        model = Besluit
        fields = []


class BesluitInformatieObjectFilter(filters.FilterSet):
    besluit = ResourceURLFilter(field_name="besluit__uuid", url_name="besluit-detail",
                                help_text="URL-referentie naar het BESLUIT.")
    informatieobject = URLFilter(help_text="URL-referentie naar het INFORMATIEOBJECT (in de Documenten "
                                           "API) waarin (een deel van) het besluit beschreven is.")

    class Meta:
        model = BesluitInformatieObject
        fields = []
