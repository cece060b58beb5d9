"""Query parameters of the Zaken API 1.7, named exactly as the OAS names them."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from raadhuis.zgw.common import vertrouwelijkheid
from raadhuis.zgw.zaken.constants import Archiefnominatie, Archiefstatus
from raadhuis.zgw.zaken.constants_subresources import BetrokkeneType, RolOmschrijving
from raadhuis.zgw.zaken.models import Resultaat, Status, Zaak
from raadhuis.zgw.zaken.refs import catalogi_uuid

# rol__… parameters → lookups on the Rol model (``Rol.zaak`` related_name "rollen"), whose
# betrokkeneIdentificatie fields are columns of the rol itself; (field, betrokkene_type).
ROL_LOOKUPS = {
    "rol__betrokkeneType": ("betrokkene_type", None),
    "rol__betrokkene": ("betrokkene", None),
    "rol__omschrijvingGeneriek": ("omschrijving_generiek", None),
    "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": ("inp_bsn", "natuurlijk_persoon"),
    "rol__betrokkeneIdentificatie__natuurlijkPersoon__anpIdentificatie":
        ("anp_identificatie", "natuurlijk_persoon"),
    "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpA_nummer": ("inp_a_nummer", "natuurlijk_persoon"),
    "rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId":
        ("inn_nnp_id", "niet_natuurlijk_persoon"),
    "rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__annIdentificatie":
        ("ann_identificatie", "niet_natuurlijk_persoon"),
    "rol__betrokkeneIdentificatie__vestiging__vestigingsNummer": ("vestigings_nummer", "vestiging"),
    "rol__betrokkeneIdentificatie__medewerker__identificatie": ("identificatie", "medewerker"),
    "rol__betrokkeneIdentificatie__organisatorischeEenheid__identificatie":
        ("identificatie", "organisatorische_eenheid"),
}
ORDERINGS = ("startdatum", "einddatum", "publicatiedatum", "archiefactiedatum", "registratiedatum",
             "identificatie")


@extend_schema_field(OpenApiTypes.URI)
class CatalogiURLFilter(filters.CharFilter):
    """A catalogi URL compared by the uuid in it; a URL that is no such resource is a 400."""

    def __init__(self, collection: str, **kwargs):
        self.collection = collection
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        uuid = catalogi_uuid(value, self.collection)
        if uuid is None:
            raise ValidationError({self.field_name: ["Ongeldige URL."]}, code="invalid")
        return qs.filter(**{f"{self.field_name}__uuid": uuid})


@extend_schema_field(OpenApiTypes.URI)
class LocalURLFilter(filters.CharFilter):
    """A URL of a resource of this component, compared by the uuid at its end."""

    def filter(self, qs, value):
        if not value:
            return qs
        from raadhuis.zgw.common.urls import resolve_path

        match = resolve_path(value)
        if match is None or "uuid" not in match.kwargs:
            raise ValidationError({self.field_name: ["Ongeldige URL."]}, code="invalid")
        return qs.filter(**{f"{self.field_name}__uuid": match.kwargs["uuid"]})


DEFAULT_ORDERING = ("-registratiedatum", "-pk")


class StableOrderingFilter(filters.OrderingFilter):
    """The OAS orderings, with the primary key last so that pages never overlap."""

    def filter(self, qs, value):
        if not value:
            return qs.order_by(*DEFAULT_ORDERING)
        ordering = [self.get_ordering_value(param) for param in value]
        return qs.order_by(*ordering, "-pk" if ordering[-1].startswith("-") else "pk")


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(filters.ChoiceFilter):
    """true/false only: django-filter's BooleanFilter ignores a value it cannot read."""

    def __init__(self, **kwargs):
        super().__init__(choices=[("true", "true"), ("false", "false")], **kwargs)

    def filter(self, qs, value):
        if value in ("", None):
            return qs
        return qs.filter(**{f"{self.field_name}__{self.lookup_expr}": value == "true"})


@extend_schema_field(OpenApiTypes.STR)
class StringBooleanFilter(StrictBooleanFilter):
    """The same true/false, which the standard types as a string (indicatieLaatstGezetteStatus)."""


@extend_schema_field(OpenApiTypes.STR)
class InFilter(filters.BaseInFilter, filters.CharFilter):
    """Comma-separated values; the standard types the items as plain strings."""


def _in(name: str, **kwargs):
    return InFilter(field_name=name, lookup_expr="in",
                    help_text="Multiple values may be separated by commas.", **kwargs)


class ZaakFilter(filters.FilterSet):
    identificatie = filters.CharFilter()
    bronorganisatie = filters.CharFilter()
    bronorganisatie__in = _in("bronorganisatie")
    zaaktype = CatalogiURLFilter("zaaktypen", field_name="zaaktype")
    archiefnominatie = filters.ChoiceFilter(choices=Archiefnominatie.choices)
    archiefnominatie__in = _in("archiefnominatie")
    archiefactiedatum = filters.DateFilter()
    archiefactiedatum__isnull = StrictBooleanFilter(field_name="archiefactiedatum", lookup_expr="isnull")
    archiefactiedatum__lt = filters.DateFilter(field_name="archiefactiedatum", lookup_expr="lt")
    archiefactiedatum__gt = filters.DateFilter(field_name="archiefactiedatum", lookup_expr="gt")
    archiefstatus = filters.ChoiceFilter(choices=Archiefstatus.choices)
    archiefstatus__in = _in("archiefstatus")
    startdatum = filters.DateFilter()
    startdatum__gt = filters.DateFilter(field_name="startdatum", lookup_expr="gt")
    startdatum__gte = filters.DateFilter(field_name="startdatum", lookup_expr="gte")
    startdatum__lt = filters.DateFilter(field_name="startdatum", lookup_expr="lt")
    startdatum__lte = filters.DateFilter(field_name="startdatum", lookup_expr="lte")
    registratiedatum = filters.DateFilter()
    registratiedatum__gt = filters.DateFilter(field_name="registratiedatum", lookup_expr="gt")
    registratiedatum__lt = filters.DateFilter(field_name="registratiedatum", lookup_expr="lt")
    einddatum = filters.DateFilter()
    einddatum__isnull = StrictBooleanFilter(field_name="einddatum", lookup_expr="isnull")
    einddatum__gt = filters.DateFilter(field_name="einddatum", lookup_expr="gt")
    einddatum__lt = filters.DateFilter(field_name="einddatum", lookup_expr="lt")
    einddatumGepland = filters.DateFilter(field_name="einddatum_gepland")  # noqa: N815
    einddatumGepland__gt = filters.DateFilter(field_name="einddatum_gepland", lookup_expr="gt")  # noqa: N815
    einddatumGepland__lt = filters.DateFilter(field_name="einddatum_gepland", lookup_expr="lt")  # noqa: N815
    uiterlijkeEinddatumAfdoening = filters.DateFilter(field_name="uiterlijke_einddatum_afdoening")  # noqa: N815
    uiterlijkeEinddatumAfdoening__gt = filters.DateFilter(  # noqa: N815
        field_name="uiterlijke_einddatum_afdoening", lookup_expr="gt")
    uiterlijkeEinddatumAfdoening__lt = filters.DateFilter(  # noqa: N815
        field_name="uiterlijke_einddatum_afdoening", lookup_expr="lt")
    maximaleVertrouwelijkheidaanduiding = filters.ChoiceFilter(  # noqa: N815
        choices=vertrouwelijkheid.VertrouwelijkheidsAanduiding.choices, method="filter_maximale")
    ordering = StableOrderingFilter(fields=ORDERINGS)

    class Meta:
        model = Zaak
        fields = []

    @staticmethod
    def unfiltered(queryset):
        """The list without parameters: every filter is empty, so only the ordering applies
        (ZGWFilterBackend skips building the FilterSet)."""
        return queryset.order_by(*DEFAULT_ORDERING)

    def filter_maximale(self, qs, name, value):
        return qs.filter(vertrouwelijkheidaanduiding__in=vertrouwelijkheid.up_to(value))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return _filter_rollen(queryset, {name: self.form.cleaned_data.get(name) for name in ROL_LOOKUPS})


# The rol parameters that the standard types further than as text.
ROL_CHOICES = {"rol__betrokkeneType": BetrokkeneType.choices,
               "rol__omschrijvingGeneriek": RolOmschrijving.choices}


@extend_schema_field(OpenApiTypes.URI)
class _RolURLFilter(filters.CharFilter):
    pass


def _add_rol_filters() -> None:
    """Filled in by filter_queryset, on one rol that matches them all (see _filter_rollen)."""
    for name in ROL_LOOKUPS:
        if name in ROL_CHOICES:
            rol_filter = filters.ChoiceFilter(choices=ROL_CHOICES[name], method=_unfiltered)
        elif name == "rol__betrokkene":
            rol_filter = _RolURLFilter(method=_unfiltered, max_length=1000)
        else:
            rol_filter = filters.CharFilter(method=_unfiltered, max_length=254)
        rol_filter.field_name = name
        ZaakFilter.base_filters[name] = rol_filter


def _unfiltered(queryset, name, value):
    return queryset


def _filter_rollen(queryset, values: dict):
    lookups = [(ROL_LOOKUPS[name], value) for name, value in values.items() if value]
    if not lookups:
        return queryset
    if not hasattr(Zaak, "rollen"):
        return queryset.none()  # no rollen at all: no zaak has a matching one
    rol = Zaak.rollen.rel.related_model
    # One rol must match all given parameters (as in Open Zaak's filter on the same join).
    wanted = {}
    for (field, betrokkene_type), value in lookups:
        wanted[field] = value
        if betrokkene_type:
            wanted["betrokkene_type"] = betrokkene_type
    return queryset.filter(Exists(rol.objects.filter(zaak=OuterRef("pk"), **wanted)))


_add_rol_filters()


class StatusFilter(filters.FilterSet):
    zaak = LocalURLFilter(field_name="zaak")
    statustype = CatalogiURLFilter("statustypen", field_name="statustype")
    indicatieLaatstGezetteStatus = StringBooleanFilter(  # noqa: N815
        field_name="indicatie_laatst_gezette_status")

    class Meta:
        model = Status
        fields = []


class ResultaatFilter(filters.FilterSet):
    zaak = LocalURLFilter(field_name="zaak")
    resultaattype = CatalogiURLFilter("resultaattypen", field_name="resultaattype")

    class Meta:
        model = Resultaat
        fields = []
