"""The one door of the Catalogi component: every write, with its rules, audit and notification.

The API, the admin, the import command and the demo loader save through :func:`save`,
:func:`delete` and :func:`publish`. ``attrs`` are snake_case model values (foreign keys as
records) plus the nested parts named in ``NESTED``; the rules of ``rules.py`` are applied
here, so no door can skip them. Changes to zaaktypen, besluittypen and
informatieobjecttypen are notified on the kanalen the OAS names; all changes are audited.

Other components read through the ``get_*``/``*_for`` functions below, never the models.
"""

from __future__ import annotations

from datetime import date

from django.db import models, transaction
from rest_framework.exceptions import ValidationError

from raadhuis.platform import services as platform
from raadhuis.platform import tenancy
from raadhuis.zgw.catalogi import rules
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
    ZaaktypenRelatie,
)
from raadhuis.zgw.catalogi.resolve import Resolver

BRON = "ZTC"
# Kanalen of the Catalogi API 1.3 OAS ("Deze API publiceert notificaties op het kanaal …").
KANALEN = {Zaaktype: "zaaktypen", Besluittype: "besluittypen", Informatieobjecttype: "informatieobjecttypen"}
VERSIONED = (Zaaktype, Besluittype, Informatieobjecttype)
IN_ZAAKTYPE = (Statustype, Roltype, Eigenschap, Resultaattype, Zaakobjecttype, ZaaktypeInformatieobjecttype)
NESTED = {Zaaktype: ("gerelateerde_zaaktypen",), Statustype: ("eigenschappen",)}


# --- Writes ------------------------------------------------------------------------------

def save(model: type[models.Model], instance, attrs: dict, *, request=None, force: bool = False,
         partial: bool = False, organisation=None):
    """Create (``instance=None``) or update a record. ``force`` is a correction of a published
    type (scope catalogi.geforceerd-schrijven). ``organisation`` names the owner of a new
    catalogus where no client scope does (demo, import); other records take their catalogus's."""
    attrs = dict(attrs)
    if organisation is not None:
        attrs["organisation"] = organisation
    with transaction.atomic():
        VALIDATE[model](instance, attrs, force=force)
        created = instance is None
        oud = None if created else snapshot(instance, request)
        nested = {name: attrs.pop(name) for name in NESTED.get(model, ()) if name in attrs}
        instance = instance or _new(model, attrs)
        for name, value in attrs.items():
            setattr(instance, name, value)
        instance.save()
        _save_nested(instance, nested)
        if isinstance(instance, Zaaktype):
            _cascade_geldigheid(instance)
        actie = "create" if created else "partial_update" if partial else "update"
        _record(instance, actie, oud, snapshot(instance, request), request)
    return instance


def validate(model, instance, attrs: dict, *, force: bool = False) -> None:
    """Apply the rules without writing (the admin's forms show the errors by their fields)."""
    VALIDATE[model](instance, dict(attrs), force=force)


def delete(instance, *, request=None, force: bool = False) -> None:
    """Delete a concept (or, forced, a published one). A type that cases still use stays."""
    with transaction.atomic():
        if isinstance(instance, VERSIONED):
            rules.check_concept_delete(instance, force=force)
        elif isinstance(instance, IN_ZAAKTYPE):
            rules.check_zaaktype_concept(instance.zaaktype, force=force)
        oud = snapshot(instance, request)
        url = resource_url(instance, request)
        try:
            with transaction.atomic():
                instance.delete()
        except models.ProtectedError as error:
            raise ValidationError({rules.NON_FIELD: ["Dit object is in gebruik en kan niet verwijderd "
                                                     "worden."]}, code="in-use") from error
        _record(instance, "destroy", oud, None, request, url=url)


def publish(instance, *, request=None):
    """Make a concept definitive (concept=false). Publishing a published type changes nothing."""
    if not instance.concept:
        return instance
    with transaction.atomic():
        if isinstance(instance, Zaaktype):
            rules.check_zaaktype_publishable(instance)  # ztc-012
        name = "identificatie" if isinstance(instance, Zaaktype) else "omschrijving"
        _check_versions(type(instance), instance, catalogus_id=instance.catalogus_id,  # ztc-016
                        begin=instance.begin_geldigheid, einde=instance.einde_geldigheid,
                        lookup={name: getattr(instance, name)}, published_only=True)
        oud = snapshot(instance, request)
        instance.concept = False
        instance.save(update_fields=["concept"])
        _record(instance, "publish", oud, snapshot(instance, request), request)
    return instance


def _new(model, attrs: dict):
    if model is not Catalogus:
        attrs.pop("organisation", None)  # a type takes its catalogus's organisation on save
        return model()
    if "organisation" not in attrs:
        return Catalogus(organisation_id=owning_organisation_id(attrs.get("rsin", "")))
    return Catalogus()


def owning_organisation_id(rsin: str = "") -> int:
    """The organisation a new catalogus belongs to: the client's only one, or the one whose
    RSIN the catalogus names when the client works for several."""
    scope = tenancy.require_scope()
    ids = scope.organisation_ids
    if len(ids) == 1:
        return next(iter(ids))
    match = [o.pk for o in platform.organisations_in_scope() if o.rsin == rsin]
    if len(match) != 1:
        rules.fail("rsin", "Kies met het rsin voor welke organisatie de catalogus is.", "invalid")
    return match[0]


def _save_nested(instance, nested: dict) -> None:
    if "gerelateerde_zaaktypen" in nested:
        instance.gerelateerde_zaaktypen.all().delete()
        for values in nested["gerelateerde_zaaktypen"]:
            ZaaktypenRelatie(zaaktype=instance, **values).save()
    if "eigenschappen" in nested:
        keep = [e.pk for e in nested["eigenschappen"]]
        instance.eigenschappen.exclude(pk__in=keep).update(statustype=None)
        Eigenschap.objects.filter(pk__in=keep).update(statustype=instance)


def _cascade_geldigheid(zaaktype: Zaaktype) -> None:
    """The types of a zaaktype carry its validity (derived values, per the standard)."""
    for related in ("statustypen", "roltypen", "eigenschappen", "resultaattypen", "zaakobjecttypen",
                    "zaaktypeinformatieobjecttypen"):
        getattr(zaaktype, related).update(begin_geldigheid=zaaktype.begin_geldigheid,
                                          einde_geldigheid=zaaktype.einde_geldigheid)


# --- Rules per model -----------------------------------------------------------------------

def _value(instance, attrs: dict, name: str, default=None):
    return attrs[name] if name in attrs else getattr(instance, name, default)


def _validate_catalogus(instance, attrs, *, force):
    domein, rsin = _value(instance, attrs, "domein"), _value(instance, attrs, "rsin")
    if instance is not None:
        organisation_id = instance.organisation_id
    elif "organisation" in attrs:
        organisation_id = attrs["organisation"].pk
    else:
        organisation_id = owning_organisation_id(rsin)
    taken = Catalogus.objects.filter(organisation_id=organisation_id, domein=domein, rsin=rsin)
    if instance is not None:
        taken = taken.exclude(pk=instance.pk)
    if taken.exists():
        rules.fail(rules.NON_FIELD, "Er is al een catalogus met dit domein en rsin.", "unique")


def _validate_zaaktype(instance, attrs, *, force):
    rules.check_concept_change(instance, set(attrs), force=force)  # ztc-009
    if instance is None:
        attrs.setdefault("versiedatum", attrs.get("begin_geldigheid"))
    catalogus = _value(instance, attrs, "catalogus")
    rules.check_selectielijst_procestype(attrs.get("selectielijst_procestype", ""))  # ztc-001
    rules.check_verlenging(_value(instance, attrs, "verlenging_mogelijk"),
                           _value(instance, attrs, "verlengingstermijn", ""))
    rules.check_names_in_catalogus("besluittypen", Besluittype, catalogus.pk,  # ztc-013
                                   attrs.get("besluittype_omschrijving"))
    rules.check_names_in_catalogus("deelzaaktypen", Zaaktype, catalogus.pk,
                                   attrs.get("deelzaaktype_identificaties"), name_field="identificatie")
    _check_versions_of(Zaaktype, instance, attrs, catalogus.pk, "identificatie")


def _validate_concept_type(model):
    def validate(instance, attrs, *, force):
        rules.check_concept_change(instance, set(attrs), force=force)  # ztc-009
        catalogus = _value(instance, attrs, "catalogus")
        if model is Besluittype:
            rules.check_names_in_catalogus("informatieobjecttypen", Informatieobjecttype, catalogus.pk,
                                           attrs.get("informatieobjecttype_omschrijvingen"))  # ztc-013
        _check_versions_of(model, instance, attrs, catalogus.pk, "omschrijving")
    return validate


def _check_versions(model, instance, *, catalogus_id: int, begin, einde, lookup: dict,
                    field: str = "begin_geldigheid", published_only: bool = False) -> None:
    rules.check_einde_after_begin(begin, einde)
    rules.check_geldigheid(model, instance, catalogus_id=catalogus_id, lookup=lookup, begin=begin,
                           einde=einde, field=field, published_only=published_only)


def _check_versions_of(model, instance, attrs, catalogus_id: int, name: str) -> None:
    """Versions share ``name`` (identificatie or omschrijving) and do not overlap."""
    _check_versions(model, instance, catalogus_id=catalogus_id,
                    begin=_value(instance, attrs, "begin_geldigheid"),
                    einde=_value(instance, attrs, "einde_geldigheid"),
                    lookup={name: _value(instance, attrs, name)},
                    field="einde_geldigheid" if set(attrs) == {"einde_geldigheid"} else "begin_geldigheid")


def _validate_in_zaaktype(model):
    def validate(instance, attrs, *, force):
        zaaktype = _value(instance, attrs, "zaaktype")
        rules.check_zaaktype_concept(zaaktype, force=force,  # ztc-010
                                     current=instance.zaaktype if instance is not None else None)
        if "begin_geldigheid" in attrs or instance is None:
            rules.check_begin_matches_zaaktype(attrs.get("begin_geldigheid"), zaaktype)
        if instance is None or "zaaktype" in attrs:
            attrs.setdefault("begin_geldigheid", zaaktype.begin_geldigheid)
            attrs.setdefault("einde_geldigheid", zaaktype.einde_geldigheid)
        EXTRA[model](instance, attrs, zaaktype)
    return validate


def _unique_volgnummer(model, instance, attrs, zaaktype):
    volgnummer = _value(instance, attrs, "volgnummer")
    taken = model.objects.filter(zaaktype=zaaktype, volgnummer=volgnummer)
    if instance is not None:
        taken = taken.exclude(pk=instance.pk)
    if taken.exists():
        rules.fail("volgnummer", "Dit volgnummer komt al voor binnen het zaaktype.", "unique")


def _same_zaaktype(field: str, zaaktype, others) -> None:
    if any(other is not None and other.zaaktype_id != zaaktype.pk for other in others):
        rules.fail(field, "Het object hoort bij een ander zaaktype.", "relations-incorrect-zaaktype")


def _extra_statustype(instance, attrs, zaaktype):
    _unique_volgnummer(Statustype, instance, attrs, zaaktype)
    _same_zaaktype("eigenschappen", zaaktype, attrs.get("eigenschappen") or ())


def _extra_eigenschap(instance, attrs, zaaktype):
    rules.check_specificatie(_value(instance, attrs, "specificatie_formaat"),  # ztc-015
                             _value(instance, attrs, "specificatie_lengte"),
                             _value(instance, attrs, "specificatie_kardinaliteit"))
    _same_zaaktype("statustype", zaaktype, [attrs.get("statustype")])


def _extra_catalogus_given(instance, attrs, zaaktype):
    """Roltype and zaakobjecttype state a catalogus; it is the zaaktype's (ztc-013)."""
    catalogus = attrs.pop("catalogus", None)
    rules.check_same_catalogus("catalogus", zaaktype.catalogus_id, [catalogus and _Holder(catalogus)])


class _Holder:
    def __init__(self, catalogus):
        self.catalogus = catalogus


def _extra_resultaattype(instance, attrs, zaaktype):
    _extra_catalogus_given(instance, attrs, zaaktype)
    rules.check_resultaattype_references(attrs.get("resultaattypeomschrijving", ""),  # ztc-002
                                         attrs.get("selectielijstklasse", ""))
    procedure = {name: _value(instance, attrs, f"brondatum_archiefprocedure_{name}")
                 for name in rules.AFLEIDINGSWIJZE_FIELDS[rules.Afleidingswijze.AFGEHANDELD]}
    procedure["afleidingswijze"] = _value(instance, attrs, "brondatum_archiefprocedure_afleidingswijze")
    rules.check_brondatum_archiefprocedure(procedure)  # ztc-004 … ztc-008
    from raadhuis.zgw.catalogi import selectielijst

    klasse = selectielijst.resultaat(_value(instance, attrs, "selectielijstklasse", ""))
    if klasse is not None:
        rules.check_afleidingswijze_for_procestermijn(procedure["afleidingswijze"], klasse.procestermijn)
        selectielijst.derive_archiving(attrs, instance, klasse)  # ztc-002
    rules.check_names_in_catalogus("besluittypen", Besluittype, zaaktype.catalogus_id,  # ztc-013
                                   attrs.get("besluittype_omschrijving"))
    rules.check_names_in_catalogus("informatieobjecttypen", Informatieobjecttype, zaaktype.catalogus_id,
                                   attrs.get("informatieobjecttype_omschrijving"))


def _extra_ziot(instance, attrs, zaaktype):
    _unique_volgnummer(ZaaktypeInformatieobjecttype, instance, attrs, zaaktype)
    rules.check_names_in_catalogus("informatieobjecttype", Informatieobjecttype,  # ztc-013
                                   zaaktype.catalogus_id, [_value(instance, attrs, "informatieobjecttype")])
    _same_zaaktype("statustype", zaaktype, [attrs.get("statustype")])


EXTRA = {
    Statustype: _extra_statustype,
    Eigenschap: _extra_eigenschap,
    Roltype: _extra_catalogus_given,
    Zaakobjecttype: _extra_catalogus_given,
    Resultaattype: _extra_resultaattype,
    ZaaktypeInformatieobjecttype: _extra_ziot,
}
VALIDATE = {
    Catalogus: _validate_catalogus,
    Zaaktype: _validate_zaaktype,
    Besluittype: _validate_concept_type(Besluittype),
    Informatieobjecttype: _validate_concept_type(Informatieobjecttype),
    **{model: _validate_in_zaaktype(model) for model in IN_ZAAKTYPE},
}


# --- Audit and notification ----------------------------------------------------------------

def resource_name(instance) -> str:
    return type(instance)._meta.model_name


def resource_url(instance, request=None) -> str:
    from raadhuis.zgw.catalogi.api.serializers import view_name
    from raadhuis.zgw.common.urls import absolute_url

    return absolute_url(view_name(type(instance)), request, uuid=instance.uuid)


def snapshot(instance, request=None) -> dict:
    from raadhuis.zgw.catalogi.api.serializers import read_serializer

    serializer = read_serializer(type(instance))(instance, context={"request": request,
                                                                    "resolver": Resolver()})
    return dict(serializer.data)


def _record(instance, actie: str, oud, nieuw, request, url: str | None = None) -> None:
    from raadhuis.zgw.common import events

    url = url or resource_url(instance, request)
    hoofd = resource_url(instance.zaaktype, request) if isinstance(instance, IN_ZAAKTYPE) else url
    common = {"organisation": instance.organisation, "bron": BRON, "actie": actie,
              "resource": resource_name(instance), "resource_url": url, "hoofd_object": hoofd,
              "oud": oud, "nieuw": nieuw, "resource_weergave": str(instance)[:200]}
    kanaal = KANALEN.get(type(instance))
    if kanaal is None:  # the OAS publishes no kanaal for catalogussen and the types under a zaaktype
        events.audit(**common)
        return
    catalogus_url = resource_url(instance.catalogus, request)
    events.record(kanaal=kanaal, kenmerken={"catalogus": catalogus_url}, **common)


# --- Reads for other components ------------------------------------------------------------

def get_zaaktype(uuid) -> Zaaktype | None:
    return Zaaktype.objects.select_related("catalogus").filter(uuid=uuid).first()


def statustypen_for(zaaktype: Zaaktype) -> list[Statustype]:
    """The statustypen in order; the last one is the eindstatus."""
    return list(zaaktype.statustypen.order_by("volgnummer"))


def besluittypen_for(zaaktype: Zaaktype, day: date | None = None) -> list[Besluittype]:
    return Resolver(day).besluittypen(zaaktype.catalogus_id, zaaktype.besluittype_omschrijving)


def informatieobjecttypen_for(zaaktype: Zaaktype, day: date | None = None) -> list[Informatieobjecttype]:
    names = zaaktype.zaaktypeinformatieobjecttypen.values_list("informatieobjecttype", flat=True)
    return Resolver(day).informatieobjecttypen(zaaktype.catalogus_id, list(names))


# --- For the resident portal and other front offices ---------------------------------------

def current_zaaktype(identificatie: str, day: date | None = None) -> Zaaktype | None:
    """The published version of the zaaktype with this identificatie valid on ``day`` (today),
    in the current scope; the newest when several catalogues hold one."""
    from django.utils import timezone

    from raadhuis.zgw.catalogi.models import geldig_op

    day = day or timezone.localdate()
    return (Zaaktype.objects.select_related("catalogus")
            .filter(geldig_op(day), identificatie=identificatie, concept=False)
            .order_by("-begin_geldigheid", "-pk").first())


def roltype_for(zaaktype: Zaaktype, omschrijving_generiek: str) -> Roltype | None:
    return zaaktype.roltypen.filter(omschrijving_generiek=omschrijving_generiek).order_by("pk").first()


def eigenschappen_for(zaaktype: Zaaktype) -> dict[str, Eigenschap]:
    """The zaaktype's eigenschappen by naam."""
    return {e.naam: e for e in zaaktype.eigenschappen.order_by("pk")}


def published_zaaktypen(organisation=None) -> list[Zaaktype]:
    """The published zaaktypen in scope (of one organisation), newest version first per
    identificatie: what a werkplek or portal offers to start a zaak with."""
    zaaktypen = Zaaktype.objects.filter(concept=False).select_related("catalogus")
    if organisation is not None:
        zaaktypen = zaaktypen.filter(organisation=organisation)
    return list(zaaktypen.order_by("identificatie", "-versiedatum", "-pk"))
