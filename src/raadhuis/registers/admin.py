"""The BAG register in the admin, read-only. Persons are deliberately not here: every view of
a person must go through the services, which log the read with its purpose."""

from __future__ import annotations

from django.contrib import admin

from raadhuis.registers.models import Nummeraanduiding, OpenbareRuimte


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OpenbareRuimte)
class OpenbareRuimteAdmin(ReadOnly):
    list_display = ("naam", "identificatie", "woonplaats", "organisation")
    search_fields = ("naam", "identificatie")
    list_select_related = ("woonplaats", "organisation")


@admin.register(Nummeraanduiding)
class NummeraanduidingAdmin(ReadOnly):
    list_display = ("__str__", "postcode", "identificatie", "organisation")
    search_fields = ("postcode", "identificatie", "openbare_ruimte__naam")
    list_select_related = ("openbare_ruimte", "adresseerbaar_object", "organisation")
    readonly_fields = ("adresseerbaar_object",)
