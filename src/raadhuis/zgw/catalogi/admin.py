"""Catalogue building in the admin: a catalogus, its types and the types under a zaaktype.

Every save, delete and publish goes through ``services`` (rules, audit, notification): the
forms run the same rules first and show their errors by field. Published types are changed
in the admin as in the API: only by a new version (or eindeGeldigheid).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError as APIValidationError

from raadhuis.platform import services as platform
from raadhuis.zgw.catalogi import services
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

DERIVED = ("organisation",)


class ServiceForm(forms.ModelForm):
    """Runs the catalogue rules of ``services`` as form validation."""

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        model = type(self.instance)
        original = model.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        attrs = changed_attrs(self, original)
        if model in services.IN_ZAAKTYPE and "zaaktype" not in attrs:
            zaaktype = getattr(self.instance, "zaaktype", None)
            if zaaktype is None or zaaktype.pk is None:
                return  # a new zaaktype with its types: the rules run when it is saved
            attrs["zaaktype"] = zaaktype
        try:
            services.validate(model, original, attrs)
        except APIValidationError as error:
            for name, messages_ in _flatten(error.detail).items():
                field = name if name in self.fields else None
                for message in messages_:
                    self.add_error(field, message)


def changed_attrs(form, original) -> dict:
    names = form.changed_data if original is not None else list(form.cleaned_data)
    return {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}


def _flatten(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {str(name).split(".")[0]: [str(m) for m in (v if isinstance(v, list) else [v])]
                for name, v in detail.items()}
    return {"__all__": [str(m) for m in (detail if isinstance(detail, list) else [detail])]}


class ServiceAdmin(admin.ModelAdmin):
    form = ServiceForm
    exclude = DERIVED

    def save_model(self, request, obj, form, change):
        model = type(obj)
        original = model.objects.get(pk=obj.pk) if change else None
        organisation = obj.organisation if model is Catalogus and not change else None
        saved = services.save(model, original, changed_attrs(form, original), organisation=organisation)
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.delete(obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                services.delete(obj)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if not inline_form.has_changed() or inline_form in formset.deleted_forms:
                continue
            obj = inline_form.instance
            original = type(obj).objects.filter(pk=obj.pk).first() if obj.pk else None
            attrs = changed_attrs(inline_form, original)
            attrs[formset.fk.name] = form.instance
            attrs.pop("id", None)
            attrs.pop("DELETE", None)
            if isinstance(obj, ZaaktypenRelatie):  # part of the zaaktype, saved with it
                obj.zaaktype = form.instance
                obj.save()
                continue
            services.save(type(obj), original, attrs)
        for obj in formset.deleted_objects:
            obj.delete() if isinstance(obj, ZaaktypenRelatie) else services.delete(obj)


class CatalogusAdmin(ServiceAdmin):
    list_display = ("__str__", "domein", "rsin", "organisation")
    search_fields = ("naam", "domein", "rsin")
    exclude = ()

    def get_readonly_fields(self, request, obj=None):
        return ("organisation",) if obj is not None else ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":  # only the administrator's own organisations
            ids = [o.pk for o in platform.organisations_in_scope()]
            kwargs["queryset"] = db_field.remote_field.model.objects.filter(pk__in=ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class InZaaktypeInline(admin.TabularInline):
    form = ServiceForm
    extra = 0
    exclude = (*DERIVED, "begin_geldigheid", "einde_geldigheid", "begin_object", "einde_object")


class StatustypeInline(InZaaktypeInline):
    model = Statustype
    fields = ("volgnummer", "omschrijving", "statustekst", "informeren", "doorlooptijd")
    exclude = None
    ordering = ("volgnummer",)


class RoltypeInline(InZaaktypeInline):
    model = Roltype
    fields = ("omschrijving", "omschrijving_generiek")
    exclude = None


class ResultaattypeInline(admin.StackedInline):
    model = Resultaattype
    form = ServiceForm
    extra = 0
    fields = ("omschrijving", "resultaattypeomschrijving", "omschrijving_generiek", "selectielijstklasse",
              "archiefnominatie", "archiefactietermijn", "brondatum_archiefprocedure_afleidingswijze",
              "brondatum_archiefprocedure_datumkenmerk", "brondatum_archiefprocedure_objecttype",
              "brondatum_archiefprocedure_registratie", "brondatum_archiefprocedure_procestermijn",
              "besluittype_omschrijving", "informatieobjecttype_omschrijving")


class EigenschapInline(InZaaktypeInline):
    model = Eigenschap
    fields = ("naam", "definitie", "specificatie_formaat", "specificatie_lengte",
              "specificatie_kardinaliteit", "specificatie_waardenverzameling", "statustype")
    exclude = None


class ZaaktypeInformatieobjecttypeInline(InZaaktypeInline):
    model = ZaaktypeInformatieobjecttype
    fields = ("volgnummer", "informatieobjecttype", "richting", "statustype")
    exclude = None


class ZaakobjecttypeInline(InZaaktypeInline):
    model = Zaakobjecttype
    fields = ("objecttype", "ander_objecttype", "relatie_omschrijving")
    exclude = None


class ZaaktypenRelatieInline(admin.TabularInline):
    model = ZaaktypenRelatie
    extra = 0
    exclude = DERIVED


@admin.action(description=_("Publiceren (concept → definitief)"))
def publish(modeladmin, request, queryset):
    published, failed = 0, []
    for obj in queryset:
        try:
            services.publish(obj)
            published += 1
        except APIValidationError as error:
            failed.append(f"{obj}: {'; '.join(m for ms in _flatten(error.detail).values() for m in ms)}")
    if published:
        modeladmin.message_user(request, _("%d gepubliceerd.") % published, messages.SUCCESS)
    for message in failed:
        modeladmin.message_user(request, message, messages.ERROR)


class VersionedAdmin(ServiceAdmin):
    actions = [publish]
    list_filter = ("concept", "catalogus")
    readonly_fields = ("concept",)


class ZaaktypeAdmin(VersionedAdmin):
    list_display = ("omschrijving", "identificatie", "versiedatum", "begin_geldigheid", "einde_geldigheid",
                    "concept")
    search_fields = ("identificatie", "omschrijving")
    inlines = [StatustypeInline, RoltypeInline, ResultaattypeInline, EigenschapInline,
               ZaaktypeInformatieobjecttypeInline, ZaakobjecttypeInline, ZaaktypenRelatieInline]


class InformatieobjecttypeAdmin(VersionedAdmin):
    list_display = ("omschrijving", "vertrouwelijkheidaanduiding", "begin_geldigheid", "einde_geldigheid",
                    "concept")
    search_fields = ("omschrijving",)


class BesluittypeAdmin(VersionedAdmin):
    list_display = ("omschrijving", "begin_geldigheid", "einde_geldigheid", "concept")
    search_fields = ("omschrijving",)


admin.site.register(Catalogus, CatalogusAdmin)
admin.site.register(Zaaktype, ZaaktypeAdmin)
admin.site.register(Informatieobjecttype, InformatieobjecttypeAdmin)
admin.site.register(Besluittype, BesluittypeAdmin)
