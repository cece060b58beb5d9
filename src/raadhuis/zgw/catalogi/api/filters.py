"""Query parameters of the Catalogi API list operations, exactly as the OAS names them.

Invalid values are a 400 (the strict ZGW filter backend); a well-formed URL that names
nothing (or another organisation's record) simply matches nothing.
"""

from __future__ import annotations

from datetime import date

from django.core.validators import RegexValidator
from django.db.models import Q
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from raadhuis.zgw.catalogi import constants
from raadhuis.zgw.catalogi.models import (
    Besluittype,
    Catalogus,
    Eigenschap,
    Informatieobjecttype,
    Resultaattype,
    Roltype,
    Statustype,
    Zaakobjecttype,
    Zaaktype,
    ZaaktypeInformatieobjecttype,
    geldig_op,
)
from raadhuis.zgw.common.urls import resolve_path
from raadhuis.zgw.common.validators import validate_http_url

STATUS_HELP = ("filter objects depending on their concept status:\n"
               "* `alles`: Toon objecten waarvan het attribuut `concept` true of false is.\n"
               "* `concept`: Toon objecten waarvan het attribuut `concept` true is.\n"
               "* `definitief`: Toon objecten waarvan het attribuut `concept` false is (standaard).")
NOTHING = Q(pk__in=[])


def _uuid_of(url: str, view: str):
    """The uuid of a URL of this API's ``view``; None when it is not one."""
    match = resolve_path(url)
    if match is None or match.url_name != f"{view}-detail" or "uuid" not in match.kwargs:
        return None
    return match.kwargs["uuid"]


@extend_schema_field(OpenApiTypes.URI)
class URLFilter(filters.CharFilter):
    """A reference by URL: ``catalogus=<url>`` filters on the catalogus with that uuid."""

    def __init__(self, view: str, *args, **kwargs):
        self.view = view
        kwargs.setdefault("validators", [validate_http_url])
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        uuid = _uuid_of(value, self.view)
        return qs.filter(**{f"{self.field_name}__uuid": uuid}) if uuid else qs.none()


class StringURLFilter(URLFilter):
    """The same, where the OAS types the parameter as a plain string."""


extend_schema_field(OpenApiTypes.STR)(StringURLFilter)


@extend_schema_field(OpenApiTypes.URI)
class URIExactFilter(filters.CharFilter):
    """An external URL compared as given (objecttype)."""


class StatusFilter(filters.CharFilter):
    """``status=alles|concept|definitief`` on a concept flag; ``definitief`` when absent."""

    choices = {"alles": None, "concept": True, "definitief": False}

    def __init__(self, field_name="concept", **kwargs):
        super().__init__(field_name=field_name, help_text=STATUS_HELP, validators=[RegexValidator(
            r"^(alles|concept|definitief)$", "Kies uit alles, concept of definitief.", "invalid_choice")],
            **kwargs)

    def filter(self, qs, value):
        concept = self.choices[value or "definitief"]
        return qs if concept is None else qs.filter(**{self.field_name: concept})


class DateFilter(filters.DateFilter):
    """A date (YYYY-MM-DD); the OAS types it as a plain string."""

    def parse(self, value: date) -> date:
        return value


class GeldigheidFilter(DateFilter):
    """``datumGeldigheid``: versions valid on the day (begin ≤ day ≤ einde, open end)."""

    def __init__(self, prefix: str = "", **kwargs):
        self.prefix = prefix
        super().__init__(help_text="filter objecten op hun geldigheids datum.", **kwargs)

    def filter(self, qs, value):
        return qs.filter(geldig_op(self.parse(value), self.prefix)) if value else qs


class ExactDateFilter(DateFilter):
    def filter(self, qs, value):
        return qs.filter(**{self.field_name: self.parse(value)}) if value else qs


class CommaFilter(filters.CharFilter):
    """``domein__in=a,b``, typed as a string in the OAS."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": [v.strip() for v in value.split(",") if v.strip()]})


class BooleanTextFilter(filters.CharFilter):
    """true/false, typed as a string in the OAS."""

    def __init__(self, **kwargs):
        super().__init__(validators=[RegexValidator(r"^(true|false)$", "Kies true of false.")], **kwargs)

    def filter(self, qs, value):
        return qs.filter(**{self.field_name: value == "true"}) if value else qs


class ListHasAllFilter(filters.BaseCSVFilter, filters.CharFilter):
    """``trefwoorden=a,b``: records whose list holds every given value."""

    def filter(self, qs, value):
        for item in value or []:
            qs = qs.filter(**{f"{self.field_name}__has": item})
        return qs


class CatalogusFilter(filters.FilterSet):
    domein = filters.CharFilter()
    domein__in = CommaFilter(field_name="domein")
    rsin = filters.CharFilter()
    rsin__in = CommaFilter(field_name="rsin")

    class Meta:
        model = Catalogus
        fields = []


class ZaaktypeFilter(filters.FilterSet):
    catalogus = URLFilter("catalogus")
    identificatie = filters.CharFilter()
    trefwoorden = ListHasAllFilter(help_text="Multiple values may be separated by commas.")
    status = StatusFilter()
    datumGeldigheid = GeldigheidFilter()  # noqa: N815 - the standard's parameter name

    class Meta:
        model = Zaaktype
        fields = []


class InformatieobjecttypeFilter(filters.FilterSet):
    catalogus = URLFilter("catalogus")
    status = StatusFilter()
    datumGeldigheid = GeldigheidFilter()  # noqa: N815
    omschrijving = filters.CharFilter()

    class Meta:
        model = Informatieobjecttype
        fields = []


class NamedByFilter(filters.CharFilter):
    """Besluittypen named by a zaaktype (``zaaktypen=<url>``) or naming an
    informatieobjecttype (``informatieobjecttypen=<url>``): the version-independent links."""

    def __init__(self, view: str, model, **kwargs):
        self.view, self.target = view, model  # not ``model``: django-filter sets that
        super().__init__(validators=[validate_http_url], **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        uuid = _uuid_of(value, self.view)
        record = self.target.objects.filter(uuid=uuid).first() if uuid else None
        if record is None:
            return qs.none()
        qs = qs.filter(catalogus_id=record.catalogus_id)
        if self.target is Zaaktype:
            return qs.filter(omschrijving__in=record.besluittype_omschrijving)
        return qs.filter(informatieobjecttype_omschrijvingen__has=record.omschrijving)


class BesluittypeFilter(filters.FilterSet):
    catalogus = URLFilter("catalogus")
    zaaktypen = NamedByFilter("zaaktype", Zaaktype,
                              help_text="ZAAKTYPE met ZAAKen die relevant kunnen zijn voor dit BESLUITTYPE")
    informatieobjecttypen = NamedByFilter(
        "informatieobjecttype", Informatieobjecttype,
        help_text="Het INFORMATIEOBJECTTYPE van informatieobjecten waarin besluiten van dit BESLUITTYPE "
                  "worden vastgelegd.")
    status = StatusFilter()
    omschrijving = filters.CharFilter()
    datumGeldigheid = GeldigheidFilter()  # noqa: N815

    class Meta:
        model = Besluittype
        fields = []


def in_zaaktype_filterset(model, **extra):
    """Filters of the types under a zaaktype: zaaktype, zaaktypeIdentificatie, status (of the
    zaaktype), datumGeldigheid (the zaaktype's validity), and ``extra``."""
    attrs = {
        "zaaktype": URLFilter("zaaktype"),
        "zaaktypeIdentificatie": filters.CharFilter(field_name="zaaktype__identificatie"),
        "status": StatusFilter(field_name="zaaktype__concept"),
        "datumGeldigheid": GeldigheidFilter(prefix="zaaktype__"),
        **extra,
        "Meta": type("Meta", (), {"model": model, "fields": []}),
    }
    return type(f"{model.__name__}Filter", (filters.FilterSet,), attrs)


StatustypeFilter = in_zaaktype_filterset(Statustype)
EigenschapFilter = in_zaaktype_filterset(Eigenschap)
RoltypeFilter = in_zaaktype_filterset(Roltype, omschrijvingGeneriek=filters.ChoiceFilter(
    field_name="omschrijving_generiek", choices=constants.RolOmschrijving.choices))
ResultaattypeFilter = in_zaaktype_filterset(
    Resultaattype,
    zaaktype=StringURLFilter("zaaktype"),
    zaaktype_identificatie=filters.CharFilter(field_name="zaaktype__identificatie"),
    datum_geldigheid=GeldigheidFilter(prefix="zaaktype__"),
)


class ZaakobjecttypeFilter(filters.FilterSet):
    anderObjecttype = BooleanTextFilter(field_name="ander_objecttype")  # noqa: N815
    catalogus = URLFilter("catalogus", field_name="zaaktype__catalogus")
    datumBeginGeldigheid = ExactDateFilter(field_name="begin_geldigheid")  # noqa: N815
    datumEindeGeldigheid = ExactDateFilter(field_name="einde_geldigheid")  # noqa: N815
    datumGeldigheid = GeldigheidFilter(prefix="zaaktype__")  # noqa: N815
    objecttype = URIExactFilter()
    relatieOmschrijving = filters.CharFilter(field_name="relatie_omschrijving")  # noqa: N815
    zaaktype = URLFilter("zaaktype")
    zaaktypeIdentificatie = filters.CharFilter(field_name="zaaktype__identificatie")  # noqa: N815

    class Meta:
        model = Zaakobjecttype
        fields = []


class InformatieobjecttypeNameFilter(filters.CharFilter):
    """``informatieobjecttype``: its omschrijving, or the URL of one of its versions."""

    def filter(self, qs, value):
        if not value:
            return qs
        if value.startswith(("http://", "https://")):
            uuid = _uuid_of(value, "informatieobjecttype")
            iot = Informatieobjecttype.objects.filter(uuid=uuid).first() if uuid else None
            if iot is None:
                return qs.none()
            return qs.filter(informatieobjecttype=iot.omschrijving, zaaktype__catalogus_id=iot.catalogus_id)
        return qs.filter(informatieobjecttype=value)


class ZaaktypeInformatieobjecttypeFilter(filters.FilterSet):
    zaaktype = URLFilter("zaaktype")
    informatieobjecttype = InformatieobjecttypeNameFilter()
    richting = filters.ChoiceFilter(choices=constants.Richting.choices)
    status = StatusFilter(field_name="zaaktype__concept")

    class Meta:
        model = ZaaktypeInformatieobjecttype
        fields = []
