"""Serializers of the Catalogi API 1.3.

Responses use the *read* serializers (one per resource, with ``_expand``); requests use the
*write* serializers where the standard's request schema differs (names instead of URLs for
the version-independent references of the 1.3 history model). Write serializers only check
and shape input: the rules and the write itself are in ``services``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from raadhuis.zgw.catalogi import constants
from raadhuis.zgw.catalogi.api.fields import (
    STRING_LIST,
    URI_LIST,
    BlankForNull,
    Computed,
    DurationField,
    Group,
    LenientListField,
    NameOrURLField,
    NameRefField,
    drop_blank_formatted,
)
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
)
from raadhuis.zgw.catalogi.resolve import Resolver
from raadhuis.zgw.common.fields import ResourceURLField, URLField
from raadhuis.zgw.common.urls import absolute_url
from raadhuis.zgw.common.vertrouwelijkheid import VertrouwelijkheidsAanduiding

VIEWS = {
    Catalogus: "catalogus", Zaaktype: "zaaktype", Informatieobjecttype: "informatieobjecttype",
    Besluittype: "besluittype", Statustype: "statustype", Roltype: "roltype", Eigenschap: "eigenschap",
    Resultaattype: "resultaattype", Zaakobjecttype: "zaakobjecttype",
    ZaaktypeInformatieobjecttype: "zaaktypeinformatieobjecttype",
}


def view_name(model) -> str:
    return f"catalogi:{VIEWS[model]}-detail"


def url_of(record, context) -> str | None:
    if record is None:
        return None
    return absolute_url(view_name(type(record)), context.get("request"), uuid=record.uuid)


def urls_of(records, context) -> list[str]:
    return [url_of(record, context) for record in records]


def resolver(context) -> Resolver:
    if "resolver" not in context:
        context["resolver"] = Resolver()
    return context["resolver"]


def ref(model, **kwargs) -> ResourceURLField:
    """A URL reference to a catalogue resource; writable ones look up within the tenant."""
    if not kwargs.get("read_only"):
        kwargs.setdefault("queryset", model.objects.all())
    return ResourceURLField(view_name(model), **kwargs)


def self_url(model) -> ResourceURLField:
    return ref(model, read_only=True, source="*")


# --- _expand ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Expansion:
    """What ``expand=<name>`` embeds: the records of another resource (component name)."""

    component: str
    many: bool
    get: Callable


def parse_expand(value: str) -> dict:
    """``catalogus,statustypen.eigenschappen`` → {"catalogus": {}, "statustypen": {"eigenschappen": {}}}"""
    from djangorestframework_camel_case.util import camel_to_underscore

    tree: dict = {}
    for path in filter(None, (part.strip() for part in (value or "").split(","))):
        level = tree
        for name in path.split("."):
            level = level.setdefault(camel_to_underscore(name), {})
    return tree


class ReadSerializer(serializers.Serializer):
    """Base of the response serializers: ``_expand`` embeds related resources on request."""

    expansions: dict[str, Expansion] = {}

    def get_fields(self):
        fields = super().get_fields()
        if self.expansions:
            fields["_expand"] = Computed(lambda instance, context: None, self._expand_schema(),
                                        required=False)
        return fields

    @classmethod
    def _expand_schema(cls) -> dict:
        properties = {}
        for name, expansion in cls.expansions.items():
            target = {"$ref": f"#/components/schemas/{expansion.component}"}
            properties[_camel(name)] = ({"type": "array", "items": target} if expansion.many
                                        else {"oneOf": [target, {"type": "object"}]})
        # Present only when the client asks for it (expand), hence experimental elsewhere.
        return {"type": "object", "properties": properties, "x-experimental": True}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data.pop("_expand", None)
        for name, field in self.fields.items():
            # An empty group that the standard does not allow to be null is left out.
            if isinstance(field, Group) and not field.allow_null and data.get(name, ...) is None:
                del data[name]
        drop_blank_formatted(data, self.fields)
        tree = self.context.get("expand") or {}
        if tree and self.expansions:
            data["_expand"] = self._expanded(instance, tree)
        return data

    def _expanded(self, instance, tree: dict) -> dict:
        unknown = sorted(set(tree) - set(self.expansions))
        if unknown:
            raise ValidationError({"expand": [serializers.ErrorDetail(
                f"Kan niet worden uitgebreid: {', '.join(map(_camel, unknown))}.", code="invalid")]})
        embedded = {}
        for name, subtree in tree.items():
            expansion = self.expansions[name]
            value = expansion.get(instance, self.context)
            serializer = READ[expansion.component]
            context = {**self.context, "expand": subtree}
            if expansion.many:
                embedded[name] = [serializer(item, context=context).data for item in value]
            else:
                embedded[name] = serializer(value, context=context).data if value is not None else {}
        return embedded


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


# --- Catalogus ----------------------------------------------------------------------------

class CatalogusSerializer(ReadSerializer):
    url = self_url(Catalogus)
    domein = serializers.CharField(max_length=5)
    rsin = serializers.CharField(max_length=9)
    contactpersoon_beheer_naam = serializers.CharField(max_length=40)
    contactpersoon_beheer_telefoonnummer = serializers.CharField(max_length=20, required=False,
                                                                 allow_blank=True)
    contactpersoon_beheer_emailadres = serializers.EmailField(max_length=254, required=False,
                                                              allow_blank=True)
    zaaktypen = ref(Zaaktype, many=True, read_only=True, source="zaaktype_set")
    besluittypen = ref(Besluittype, many=True, read_only=True, source="besluittype_set")
    besluittype_omschrijving = Computed(
        lambda c, ctx: _distinct(b.omschrijving for b in c.besluittype_set.all()), STRING_LIST,
        read_only=True)
    informatieobjecttypen = ref(Informatieobjecttype, many=True, read_only=True,
                                source="informatieobjecttype_set")
    informatieobjecttype_omschrijving = Computed(
        lambda c, ctx: _distinct(i.omschrijving for i in c.informatieobjecttype_set.all()), STRING_LIST,
        read_only=True)
    naam = BlankForNull(max_length=200, required=False, allow_null=True, allow_blank=True)
    versie = BlankForNull(max_length=20, required=False, allow_null=True, allow_blank=True)
    begindatum_versie = serializers.DateField(required=False, allow_null=True)

    expansions = {
        "zaaktypen": Expansion("ZaakType", True, lambda c, ctx: c.zaaktype_set.all()),
        "besluittypen": Expansion("BesluitType", True, lambda c, ctx: c.besluittype_set.all()),
        "informatieobjecttypen": Expansion("InformatieObjectType", True,
                                           lambda c, ctx: c.informatieobjecttype_set.all()),
    }

    def validate_rsin(self, value):
        from raadhuis.platform.validators import passes_elfproef

        if not passes_elfproef(value):
            raise ValidationError("Ongeldig RSIN: 9 cijfers die voldoen aan de 11-proef.", code="invalid")
        return value


def _distinct(values) -> list[str]:
    return list(dict.fromkeys(values))


# --- Zaaktype -----------------------------------------------------------------------------

class ReferentieprocesSerializer(Group):
    naam = serializers.CharField(max_length=80, source="referentieproces_naam")
    link = URLField(max_length=200, required=False, allow_blank=True, source="referentieproces_link")


class BronCatalogusSerializer(Group):
    url = URLField(max_length=200, source="broncatalogus_url")
    domein = serializers.CharField(max_length=5, source="broncatalogus_domein")
    rsin = serializers.CharField(max_length=9, source="broncatalogus_rsin")

    def to_representation(self, instance):
        return super().to_representation(instance) if instance.broncatalogus_url else None


class BronZaaktypeSerializer(Group):
    url = URLField(max_length=200, source="bronzaaktype_url")
    identificatie = serializers.CharField(max_length=50, source="bronzaaktype_identificatie")
    omschrijving = serializers.CharField(max_length=80, source="bronzaaktype_omschrijving")

    def to_representation(self, instance):
        return super().to_representation(instance) if instance.bronzaaktype_url else None


def _gerelateerd_url(relatie, context) -> str:
    """An external zaaktype is kept as its URL; a local one by identificatie."""
    value = relatie.gerelateerd_zaaktype
    if value.startswith(("http://", "https://")):
        return value
    found = resolver(context).zaaktypen(relatie.zaaktype.catalogus_id, [value])
    return url_of(found[0], context) if found else value


def _gerelateerd_identificatie(relatie, context) -> str:
    value = relatie.gerelateerd_zaaktype
    if not value.startswith(("http://", "https://")):
        return value
    from raadhuis.zgw.common.urls import resolve_path

    match = resolve_path(value)
    local = Zaaktype.objects.filter(uuid=match.kwargs["uuid"]).first() if match and \
        "uuid" in match.kwargs else None
    return local.identificatie if local else ""


class ZaaktypenRelatieSerializer(serializers.Serializer):
    zaaktype = Computed(_gerelateerd_url, {"type": "string", "format": "uri"})
    zaaktype_identificatie = Computed(_gerelateerd_identificatie, {"type": "string"}, read_only=True)
    aard_relatie = serializers.ChoiceField(choices=constants.AardRelatie.choices)
    toelichting = serializers.CharField(max_length=255, required=False, allow_blank=True)


def _ziot_names(zaaktype) -> list[str]:
    return [x.informatieobjecttype for x in zaaktype.zaaktypeinformatieobjecttypen.all()]


def _zaaktype_iots(zaaktype, context):
    return resolver(context).informatieobjecttypen(zaaktype.catalogus_id, _ziot_names(zaaktype))


def _zaaktype_besluittypen(zaaktype, context):
    return resolver(context).besluittypen(zaaktype.catalogus_id, zaaktype.besluittype_omschrijving)


def _deelzaaktypen(zaaktype, context):
    return resolver(context).zaaktypen(zaaktype.catalogus_id, zaaktype.deelzaaktype_identificaties)


def _gerelateerde(zaaktype, context):
    identificaties = [r.gerelateerd_zaaktype for r in zaaktype.gerelateerde_zaaktypen.all()]
    return resolver(context).zaaktypen(zaaktype.catalogus_id, identificaties)


class ZaaktypeFieldsMixin(serializers.Serializer):
    """Fields that requests and responses of a zaaktype share."""

    identificatie = serializers.CharField(max_length=50)
    omschrijving = serializers.CharField(max_length=80)
    omschrijving_generiek = serializers.CharField(max_length=80, required=False, allow_blank=True)
    vertrouwelijkheidaanduiding = serializers.ChoiceField(choices=VertrouwelijkheidsAanduiding.choices)
    doel = serializers.CharField()
    aanleiding = serializers.CharField()
    toelichting = serializers.CharField(required=False, allow_blank=True)
    indicatie_intern_of_extern = serializers.ChoiceField(choices=constants.IndicatieInternOfExtern.choices)
    handeling_initiator = serializers.CharField(max_length=20)
    onderwerp = serializers.CharField(max_length=80)
    handeling_behandelaar = serializers.CharField(max_length=20)
    doorlooptijd = DurationField(source="doorlooptijd_behandeling")
    servicenorm = DurationField(source="servicenorm_behandeling", required=False, allow_null=True)
    opschorting_en_aanhouding_mogelijk = serializers.BooleanField()
    verlenging_mogelijk = serializers.BooleanField()
    verlengingstermijn = DurationField(required=False, allow_null=True)
    trefwoorden = serializers.ListField(child=serializers.CharField(max_length=30), required=False)
    publicatie_indicatie = serializers.BooleanField()
    publicatietekst = serializers.CharField(required=False, allow_blank=True)
    verantwoordingsrelatie = serializers.ListField(child=serializers.CharField(max_length=40),
                                                   required=False)
    producten_of_diensten = serializers.ListField(child=URLField(max_length=1000))
    selectielijst_procestype = URLField(max_length=200, required=False, allow_blank=True)
    referentieproces = ReferentieprocesSerializer()
    verantwoordelijke = serializers.CharField(max_length=50)
    broncatalogus = BronCatalogusSerializer(required=False)
    bronzaaktype = BronZaaktypeSerializer(required=False)
    catalogus = ref(Catalogus)
    begin_geldigheid = serializers.DateField()
    einde_geldigheid = serializers.DateField(required=False, allow_null=True)
    begin_object = serializers.DateField(required=False, allow_null=True)
    einde_object = serializers.DateField(required=False, allow_null=True)
    versiedatum = serializers.DateField(required=False)


class ZaaktypeSerializer(ZaaktypeFieldsMixin, ReadSerializer):
    url = self_url(Zaaktype)
    zaakobjecttypen = ref(Zaakobjecttype, many=True, read_only=True)
    statustypen = ref(Statustype, many=True, read_only=True)
    resultaattypen = ref(Resultaattype, many=True, read_only=True)
    eigenschappen = ref(Eigenschap, many=True, read_only=True)
    informatieobjecttypen = Computed(lambda z, ctx: urls_of(_zaaktype_iots(z, ctx), ctx), URI_LIST,
                                     read_only=True)
    informatieobjecttype_omschrijving = Computed(lambda z, ctx: _distinct(_ziot_names(z)), STRING_LIST,
                                                 read_only=True)
    roltypen = ref(Roltype, many=True, read_only=True)
    # The OAS lists resultaattypeOmschrijving as required without defining it: given here
    # (the omschrijvingen of the resultaattypen), so responses validate against the standard.
    resultaattype_omschrijving = Computed(lambda z, ctx: [r.omschrijving for r in z.resultaattypen.all()],
                                          {**STRING_LIST, "x-experimental": True}, read_only=True)
    besluittypen = Computed(lambda z, ctx: urls_of(_zaaktype_besluittypen(z, ctx), ctx), URI_LIST)
    besluittype_omschrijving = serializers.ListField(child=serializers.CharField(), read_only=True)
    deelzaaktypen = Computed(
        lambda z, ctx: urls_of(_deelzaaktypen(z, ctx), ctx),
        {"type": "array", "items": {"type": "string", "format": "uri", "nullable": True}})
    deelzaaktype_identificaties = serializers.ListField(child=serializers.CharField(read_only=True))
    gerelateerde_zaaktypen = ZaaktypenRelatieSerializer(many=True)
    concept = serializers.BooleanField(read_only=True)

    expansions = {
        "zaakobjecttypen": Expansion("ZaakObjectType", True, lambda z, ctx: z.zaakobjecttypen.all()),
        "catalogus": Expansion("Catalogus", False, lambda z, ctx: z.catalogus),
        "statustypen": Expansion("StatusType", True, lambda z, ctx: z.statustypen.all()),
        "resultaattypen": Expansion("ResultaatType", True, lambda z, ctx: z.resultaattypen.all()),
        "eigenschappen": Expansion("Eigenschap", True, lambda z, ctx: z.eigenschappen.all()),
        "informatieobjecttypen": Expansion("InformatieObjectType", True, _zaaktype_iots),
        "roltypen": Expansion("RolType", True, lambda z, ctx: z.roltypen.all()),
        "besluittypen": Expansion("BesluitType", True, _zaaktype_besluittypen),
        "deelzaaktypen": Expansion("ZaakType", True, _deelzaaktypen),
        "gerelateerde_zaaktypen": Expansion("ZaakType", True, _gerelateerde),
    }


class ZaaktypenRelatieCreateSerializer(serializers.Serializer):
    zaaktype = serializers.CharField(max_length=200, source="gerelateerd_zaaktype")
    aard_relatie = serializers.ChoiceField(choices=constants.AardRelatie.choices)
    toelichting = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class ZaaktypeCreateSerializer(ZaaktypeFieldsMixin):
    """ZaakTypeCreate: besluittypen by omschrijving, deelzaaktypen by identificatie."""

    besluittypen = serializers.ListField(child=NameRefField(Besluittype), source="besluittype_omschrijving")
    deelzaaktypen = serializers.ListField(child=NameRefField(Zaaktype, "identificatie"), required=False,
                                          source="deelzaaktype_identificaties")
    gerelateerde_zaaktypen = ZaaktypenRelatieCreateSerializer(many=True)


class ZaaktypeUpdateSerializer(ZaaktypeCreateSerializer):
    deelzaaktypen = serializers.ListField(child=NameRefField(Zaaktype, "identificatie"),
                                          source="deelzaaktype_identificaties")


# --- Informatieobjecttype -----------------------------------------------------------------

class OmschrijvingGeneriekSerializer(Group):
    informatieobjecttype_omschrijving_generiek = serializers.CharField(
        max_length=80, source="omschrijving_generiek_informatieobjecttype")
    definitie_informatieobjecttype_omschrijving_generiek = serializers.CharField(
        max_length=255, source="omschrijving_generiek_definitie")
    herkomst_informatieobjecttype_omschrijving_generiek = serializers.CharField(
        max_length=12, source="omschrijving_generiek_herkomst")
    hierarchie_informatieobjecttype_omschrijving_generiek = serializers.CharField(
        max_length=80, source="omschrijving_generiek_hierarchie")
    opmerking_informatieobjecttype_omschrijving_generiek = BlankForNull(
        max_length=255, required=False, allow_null=True, allow_blank=True,
        source="omschrijving_generiek_opmerking")

    def to_representation(self, instance):
        return super().to_representation(instance) if instance.omschrijving_generiek_informatieobjecttype \
            else None


def _iot_zaaktypen(iot, context):
    return resolver(context).zaaktypen_with_iot(iot)


def _iot_besluittypen(iot, context):
    return resolver(context).besluittypen_with_iot(iot)


class InformatieobjecttypeSerializer(ReadSerializer):
    """One schema for request and response (InformatieObjectType)."""

    url = self_url(Informatieobjecttype)
    catalogus = ref(Catalogus)
    omschrijving = serializers.CharField(max_length=80)
    vertrouwelijkheidaanduiding = serializers.ChoiceField(choices=VertrouwelijkheidsAanduiding.choices)
    begin_geldigheid = serializers.DateField()
    einde_geldigheid = serializers.DateField(required=False, allow_null=True)
    begin_object = serializers.DateField(required=False, allow_null=True)
    einde_object = serializers.DateField(required=False, allow_null=True)
    concept = serializers.BooleanField(read_only=True)
    zaaktypen = Computed(lambda i, ctx: urls_of(_iot_zaaktypen(i, ctx), ctx), URI_LIST, read_only=True)
    # Derived; accepted in requests (the standard lists it there) and ignored.
    zaaktype_identificaties = LenientListField(child=serializers.CharField(read_only=True))
    besluittypen = Computed(lambda i, ctx: urls_of(_iot_besluittypen(i, ctx), ctx), URI_LIST,
                            read_only=True)
    besluittype_omschrijving = Computed(
        lambda i, ctx: _distinct(b.omschrijving for b in _iot_besluittypen(i, ctx)), STRING_LIST,
        read_only=True)
    informatieobjectcategorie = serializers.CharField(max_length=80)
    trefwoord = serializers.ListField(child=serializers.CharField(max_length=30), required=False)
    omschrijving_generiek = OmschrijvingGeneriekSerializer(required=False)

    expansions = {
        "catalogus": Expansion("Catalogus", False, lambda i, ctx: i.catalogus),
        "zaaktypen": Expansion("ZaakType", True, _iot_zaaktypen),
        "besluittypen": Expansion("BesluitType", True, _iot_besluittypen),
    }

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["zaaktype_identificaties"] = _distinct(z.identificatie for z in _iot_zaaktypen(instance,
                                                                                            self.context))
        return data

    def to_internal_value(self, data):
        attrs = super().to_internal_value(data)
        attrs.pop("zaaktype_identificaties", None)
        return attrs


# --- Besluittype --------------------------------------------------------------------------

def _besluittype_iots(besluittype, context):
    return resolver(context).informatieobjecttypen(besluittype.catalogus_id,
                                                   besluittype.informatieobjecttype_omschrijvingen)


def _besluittype_zaaktypen(besluittype, context):
    return resolver(context).zaaktypen_with_besluittype(besluittype)


def _besluittype_resultaattypen(besluittype, context):
    return resolver(context).resultaattypen_with_besluittype(besluittype)


class BesluittypeFieldsMixin(serializers.Serializer):
    catalogus = ref(Catalogus)
    omschrijving = serializers.CharField(max_length=80, required=False, allow_blank=True)
    omschrijving_generiek = serializers.CharField(max_length=80, required=False, allow_blank=True)
    besluitcategorie = serializers.CharField(max_length=40, required=False, allow_blank=True)
    reactietermijn = DurationField(required=False, allow_null=True)
    publicatie_indicatie = serializers.BooleanField()
    publicatietekst = serializers.CharField(required=False, allow_blank=True)
    publicatietermijn = DurationField(required=False, allow_null=True)
    toelichting = serializers.CharField(required=False, allow_blank=True)
    begin_geldigheid = serializers.DateField()
    einde_geldigheid = serializers.DateField(required=False, allow_null=True)
    begin_object = serializers.DateField(required=False, allow_null=True)
    einde_object = serializers.DateField(required=False, allow_null=True)


class BesluittypeSerializer(BesluittypeFieldsMixin, ReadSerializer):
    url = self_url(Besluittype)
    zaaktypen = Computed(lambda b, ctx: urls_of(_besluittype_zaaktypen(b, ctx), ctx), URI_LIST,
                         read_only=True)
    zaaktype_identificaties = Computed(
        lambda b, ctx: _distinct(z.identificatie for z in _besluittype_zaaktypen(b, ctx)), STRING_LIST,
        read_only=True)
    informatieobjecttypen = Computed(lambda b, ctx: urls_of(_besluittype_iots(b, ctx), ctx), URI_LIST)
    informatieobjecttype_omschrijvingen = serializers.ListField(child=serializers.CharField(),
                                                                read_only=True)
    concept = serializers.BooleanField(read_only=True)
    resultaattypen = Computed(lambda b, ctx: urls_of(_besluittype_resultaattypen(b, ctx), ctx), URI_LIST,
                              read_only=True)
    resultaattypen_omschrijving = Computed(
        lambda b, ctx: _distinct(r.omschrijving for r in _besluittype_resultaattypen(b, ctx)), STRING_LIST,
        read_only=True)
    vastgelegd_in = Computed(lambda b, ctx: list(b.informatieobjecttype_omschrijvingen), STRING_LIST,
                             read_only=True)

    expansions = {
        "catalogus": Expansion("Catalogus", False, lambda b, ctx: b.catalogus),
        "zaaktypen": Expansion("ZaakType", True, _besluittype_zaaktypen),
        "informatieobjecttypen": Expansion("InformatieObjectType", True, _besluittype_iots),
        "resultaattypen": Expansion("ResultaatType", True, _besluittype_resultaattypen),
    }


class BesluittypeCreatedSerializer(BesluittypeSerializer):
    """BesluitTypePostResponse: the response of a create also names the omschrijvingen here."""

    informatieobjecttype_omschrijving = serializers.ListField(
        child=serializers.CharField(), read_only=True, source="informatieobjecttype_omschrijvingen")


class BesluittypeWriteSerializer(BesluittypeFieldsMixin):
    """BesluitTypeCreate/BesluitTypeUpdate: informatieobjecttypen by omschrijving."""

    informatieobjecttypen = serializers.ListField(child=NameRefField(Informatieobjecttype),
                                                  source="informatieobjecttype_omschrijvingen")


# --- Types under a zaaktype ---------------------------------------------------------------

class InZaaktypeBase(serializers.Serializer):
    zaaktype = ref(Zaaktype)
    zaaktype_identificatie = serializers.CharField(source="zaaktype.identificatie", read_only=True)


class InZaaktypeMixin(InZaaktypeBase):
    """Types under a zaaktype state its validity (derived values, see the standard)."""

    begin_geldigheid = serializers.DateField(required=False, allow_null=True)
    einde_geldigheid = serializers.DateField(required=False, allow_null=True)
    begin_object = serializers.DateField(required=False, allow_null=True)
    einde_object = serializers.DateField(required=False, allow_null=True)


class CheckListItemSerializer(serializers.Serializer):
    itemnaam = serializers.CharField(max_length=30)
    toelichting = serializers.CharField(max_length=1000, required=False, allow_null=True, allow_blank=True)
    vraagstelling = serializers.CharField(max_length=255)
    verplicht = serializers.BooleanField(required=False, default=False)


class StatustypeSerializer(InZaaktypeMixin, ReadSerializer):
    url = self_url(Statustype)
    omschrijving = serializers.CharField(max_length=80)
    omschrijving_generiek = serializers.CharField(max_length=80, required=False, allow_blank=True)
    statustekst = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    catalogus = ref(Catalogus, read_only=True)
    volgnummer = serializers.IntegerField(min_value=1, max_value=9999)
    is_eindstatus = Computed(lambda s, ctx: _is_eindstatus(s), {"type": "boolean"}, read_only=True)
    informeren = serializers.BooleanField(required=False)
    doorlooptijd = DurationField(required=False, allow_null=True)
    toelichting = BlankForNull(max_length=1000, required=False, allow_null=True, allow_blank=True)
    checklistitem_statustype = CheckListItemSerializer(many=True, required=False)
    eigenschappen = ref(Eigenschap, many=True, required=False, allow_null=True)

    expansions = {
        "catalogus": Expansion("Catalogus", False, lambda s, ctx: s.zaaktype.catalogus),
        "zaaktype": Expansion("ZaakType", False, lambda s, ctx: s.zaaktype),
        "eigenschappen": Expansion("Eigenschap", True, lambda s, ctx: s.eigenschappen.all()),
    }

    def validate_eigenschappen(self, value):
        return [eigenschap for eigenschap in value if eigenschap is not None]


def _is_eindstatus(statustype) -> bool:
    last = getattr(statustype, "laatste_volgnummer", None)  # annotated by the list query
    return statustype.volgnummer == last if last is not None else statustype.is_eindstatus()


class RoltypeSerializer(InZaaktypeMixin, ReadSerializer):
    url = self_url(Roltype)
    omschrijving = serializers.CharField(max_length=100)
    omschrijving_generiek = serializers.ChoiceField(choices=constants.RolOmschrijving.choices)
    catalogus = ref(Catalogus, required=False, allow_null=True)

    expansions = {
        "catalogus": Expansion("Catalogus", False, lambda r, ctx: r.zaaktype.catalogus),
        "zaaktype": Expansion("ZaakType", False, lambda r, ctx: r.zaaktype),
    }


class SpecificatieSerializer(Group):
    groep = serializers.CharField(max_length=32, required=False, allow_blank=True,
                                  source="specificatie_groep")
    formaat = serializers.ChoiceField(choices=constants.FormaatEigenschap.choices,
                                      source="specificatie_formaat")
    lengte = serializers.CharField(max_length=14, source="specificatie_lengte")
    kardinaliteit = serializers.CharField(max_length=3, source="specificatie_kardinaliteit")
    waardenverzameling = serializers.ListField(child=serializers.CharField(max_length=100), required=False,
                                               source="specificatie_waardenverzameling")


class EigenschapSerializer(InZaaktypeMixin, ReadSerializer):
    url = self_url(Eigenschap)
    naam = serializers.CharField(max_length=20)
    catalogus = ref(Catalogus, read_only=True)
    definitie = serializers.CharField(max_length=255)
    specificatie = SpecificatieSerializer()
    toelichting = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    statustype = ref(Statustype, required=False, allow_null=True)

    expansions = {
        "catalogus": Expansion("Catalogus", False, lambda e, ctx: e.zaaktype.catalogus),
        "zaaktype": Expansion("ZaakType", False, lambda e, ctx: e.zaaktype),
        "statustype": Expansion("StatusType", False, lambda e, ctx: e.statustype),
    }


class BrondatumArchiefprocedureSerializer(Group):
    afleidingswijze = serializers.ChoiceField(choices=constants.Afleidingswijze.choices,
                                              source="brondatum_archiefprocedure_afleidingswijze")
    datumkenmerk = serializers.CharField(max_length=80, required=False, allow_blank=True, default="",
                                         source="brondatum_archiefprocedure_datumkenmerk")
    einddatum_bekend = serializers.BooleanField(required=False, default=False,
                                                source="brondatum_archiefprocedure_einddatum_bekend")
    objecttype = serializers.ChoiceField(choices=constants.ObjecttypeArchief.choices, required=False,
                                         allow_blank=True, default="",
                                         source="brondatum_archiefprocedure_objecttype")
    registratie = serializers.CharField(max_length=80, required=False, allow_blank=True, default="",
                                        source="brondatum_archiefprocedure_registratie")
    procestermijn = DurationField(required=False, allow_null=True, default="",
                                  source="brondatum_archiefprocedure_procestermijn")

    def to_representation(self, instance):
        if not instance.brondatum_archiefprocedure_afleidingswijze:
            return None
        return super().to_representation(instance)


def _resultaattype_besluittypen(resultaattype, context):
    return resolver(context).besluittypen(resultaattype.zaaktype.catalogus_id,
                                          resultaattype.besluittype_omschrijving)


def _resultaattype_iots(resultaattype, context):
    return resolver(context).informatieobjecttypen(resultaattype.zaaktype.catalogus_id,
                                                   resultaattype.informatieobjecttype_omschrijving)


NULLABLE_URI_LIST = {"type": "array", "items": {"type": "string", "format": "uri", "nullable": True}}


class ResultaattypeFieldsMixin(InZaaktypeMixin):
    omschrijving = serializers.CharField(max_length=30)
    resultaattypeomschrijving = URLField(max_length=1000)
    omschrijving_generiek = serializers.CharField(read_only=True)
    selectielijstklasse = URLField(max_length=1000)
    toelichting = serializers.CharField(required=False, allow_blank=True)
    archiefnominatie = serializers.ChoiceField(choices=constants.Archiefnominatie.choices, required=False,
                                               allow_blank=True)
    archiefactietermijn = DurationField(required=False, allow_null=True)
    brondatum_archiefprocedure = BrondatumArchiefprocedureSerializer(required=False, allow_null=True)
    procesobjectaard = BlankForNull(max_length=200, required=False, allow_null=True, allow_blank=True)
    catalogus = ref(Catalogus, required=False, allow_null=True)
    indicatie_specifiek = serializers.BooleanField(required=False, allow_null=True)
    procestermijn = DurationField(required=False, allow_null=True)


class ResultaattypeSerializer(ResultaattypeFieldsMixin, ReadSerializer):
    url = self_url(Resultaattype)
    besluittypen = Computed(lambda r, ctx: urls_of(_resultaattype_besluittypen(r, ctx), ctx),
                            NULLABLE_URI_LIST)
    besluittype_omschrijving = serializers.ListField(child=serializers.CharField(), read_only=True)
    informatieobjecttypen = Computed(lambda r, ctx: urls_of(_resultaattype_iots(r, ctx), ctx),
                                     NULLABLE_URI_LIST)
    informatieobjecttype_omschrijving = serializers.ListField(child=serializers.CharField(),
                                                              read_only=True)

    expansions = {
        "catalogus": Expansion("Catalogus", False, lambda r, ctx: r.zaaktype.catalogus),
        "zaaktype": Expansion("ZaakType", False, lambda r, ctx: r.zaaktype),
        "besluittypen": Expansion("BesluitType", True, _resultaattype_besluittypen),
        "informatieobjecttypen": Expansion("InformatieObjectType", True, _resultaattype_iots),
    }


class ResultaattypeUpdatedSerializer(ResultaattypeSerializer):
    """ResultaatTypeUpdate, the response of a PUT: besluittypen typed as plain strings."""

    besluittypen = Computed(lambda r, ctx: urls_of(_resultaattype_besluittypen(r, ctx), ctx), STRING_LIST)


class ResultaattypeWriteSerializer(ResultaattypeFieldsMixin):
    """ResultaatTypeCreate (POST and PUT): besluittypen and informatieobjecttypen by omschrijving."""

    besluittypen = serializers.ListField(child=NameRefField(Besluittype), required=False,
                                         source="besluittype_omschrijving")
    informatieobjecttypen = serializers.ListField(child=NameRefField(Informatieobjecttype), required=False,
                                                  source="informatieobjecttype_omschrijving")


class ResultaattypePatchSerializer(ResultaattypeFieldsMixin):
    """PatchedResultaatType: the standard types the references as URLs here; names are
    accepted too."""

    besluittypen = serializers.ListField(
        child=NameOrURLField(Besluittype, allow_null=True), required=False, source="besluittype_omschrijving")
    informatieobjecttypen = serializers.ListField(
        child=NameOrURLField(Informatieobjecttype, allow_null=True), required=False,
        source="informatieobjecttype_omschrijving")

    def validate_besluittypen(self, value):
        return [name for name in value if name]

    def validate_informatieobjecttypen(self, value):
        return [name for name in value if name]


class ZaakobjecttypeSerializer(InZaaktypeMixin, ReadSerializer):
    url = self_url(Zaakobjecttype)
    ander_objecttype = serializers.BooleanField()
    begin_geldigheid = serializers.DateField(required=False)
    objecttype = URLField(max_length=200)
    relatie_omschrijving = serializers.CharField(max_length=80)
    resultaattypen = ref(Resultaattype, many=True, read_only=True)
    resultaattype_omschrijving = Computed(lambda z, ctx: [r.omschrijving for r in z.resultaattypen.all()],
                                          STRING_LIST, read_only=True)
    statustypen = ref(Statustype, many=True, read_only=True)
    catalogus = ref(Catalogus)

    expansions = {
        "zaaktype": Expansion("ZaakType", False, lambda z, ctx: z.zaaktype),
        "resultaattypen": Expansion("ResultaatType", True, lambda z, ctx: z.resultaattypen.all()),
        "statustypen": Expansion("StatusType", True, lambda z, ctx: z.statustypen.all()),
        "catalogus": Expansion("Catalogus", False, lambda z, ctx: z.zaaktype.catalogus),
    }


def _ziot_iot(ziot, context):
    return resolver(context).informatieobjecttype_of(ziot)


class ZaaktypeInformatieobjecttypeSerializer(InZaaktypeBase, ReadSerializer):
    url = self_url(ZaaktypeInformatieobjecttype)
    catalogus = ref(Catalogus, read_only=True)
    # Written as the informatieobjecttype's omschrijving (history model); read as the URL of
    # its valid version, as the standard's rule for GET responses says.
    informatieobjecttype = NameRefField(Informatieobjecttype, max_length=100)
    volgnummer = serializers.IntegerField(min_value=1, max_value=999)
    richting = serializers.ChoiceField(choices=constants.Richting.choices)
    statustype = ref(Statustype, required=False, allow_null=True)

    expansions = {
        "zaaktype": Expansion("ZaakType", False, lambda x, ctx: x.zaaktype),
        "catalogus": Expansion("Catalogus", False, lambda x, ctx: x.zaaktype.catalogus),
        "informatieobjecttype": Expansion("InformatieObjectType", False, _ziot_iot),
        "statustype": Expansion("StatusType", False, lambda x, ctx: x.statustype),
    }

    def to_representation(self, instance):
        data = super().to_representation(instance)
        iot = _ziot_iot(instance, self.context)
        data["informatieobjecttype"] = url_of(iot, self.context) if iot else instance.informatieobjecttype
        return data


READ = {
    "Catalogus": CatalogusSerializer,
    "ZaakType": ZaaktypeSerializer,
    "InformatieObjectType": InformatieobjecttypeSerializer,
    "BesluitType": BesluittypeSerializer,
    "StatusType": StatustypeSerializer,
    "RolType": RoltypeSerializer,
    "Eigenschap": EigenschapSerializer,
    "ResultaatType": ResultaattypeSerializer,
    "ZaakObjectType": ZaakobjecttypeSerializer,
    "ZaakTypeInformatieObjectType": ZaaktypeInformatieobjecttypeSerializer,
}
_BY_MODEL = {
    Catalogus: CatalogusSerializer, Zaaktype: ZaaktypeSerializer,
    Informatieobjecttype: InformatieobjecttypeSerializer, Besluittype: BesluittypeSerializer,
    Statustype: StatustypeSerializer, Roltype: RoltypeSerializer, Eigenschap: EigenschapSerializer,
    Resultaattype: ResultaattypeSerializer, Zaakobjecttype: ZaakobjecttypeSerializer,
    ZaaktypeInformatieobjecttype: ZaaktypeInformatieobjecttypeSerializer,
}


def read_serializer(model) -> type[ReadSerializer]:
    return _BY_MODEL[model]


# OpenAPI component names as the standard has them (the ``_expand`` schemas refer to them).
for _name, _serializer in [*READ.items(), ("ResultaatTypeUpdate", ResultaattypeUpdatedSerializer),
                           ("BesluitTypePostResponse", BesluittypeCreatedSerializer)]:
    extend_schema_serializer(component_name=_name)(_serializer)
