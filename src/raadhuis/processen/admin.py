from django.contrib import admin

from raadhuis.processen.models import Procesdefinitie, Procesinstantie, Stap


@admin.register(Procesdefinitie)
class ProcesdefinitieAdmin(admin.ModelAdmin):
    list_display = ("naam", "zaaktype_identificatie", "versie", "begin_geldigheid", "actief", "organisation")
    list_filter = ("actief", "zaaktype_identificatie")
    readonly_fields = ("versie", "bpmn", "dmn", "proces_id", "organisation", "zaaktype_identificatie")
    fields = ("naam", "actief", "begin_geldigheid", *readonly_fields)

    def has_add_permission(self, request):
        return False  # new versions are loaded with `raadhuis processen_laden`, which checks them


@admin.register(Procesinstantie)
class ProcesinstantieAdmin(admin.ModelAdmin):
    list_display = ("zaak_uuid", "definitie", "status", "bijgewerkt")
    list_filter = ("status",)
    search_fields = ("zaak_uuid", "fout")
    readonly_fields = (
        "zaak_uuid",
        "definitie",
        "status",
        "fout",
        "geparkeerde_taak",
        "toestand",
        "organisation",
    )

    def has_add_permission(self, request):
        return False


@admin.register(Stap)
class StapAdmin(admin.ModelAdmin):
    list_display = ("zaak_uuid", "taak", "soort", "regel", "geautomatiseerd_besluit", "tijdstip")
    list_filter = ("soort", "geautomatiseerd_besluit")
    search_fields = ("zaak_uuid", "taak", "regel")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
