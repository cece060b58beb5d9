"""Alert rules and their cases in the admin (functional administrators); the sensor
entities themselves are managed through the SensorThings API."""

from __future__ import annotations

from django.contrib import admin

from raadhuis.sensoren.models import AlertCase, AlertRule


@admin.register(AlertRule)
class AlertRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "threshold", "duration_minutes", "zaaktype_identificatie", "active",
                    "organisation")
    list_filter = ("kind", "active")
    search_fields = ("name", "zaaktype_identificatie")
    raw_id_fields = ("datastream", "observed_property")


@admin.register(AlertCase)
class AlertCaseAdmin(admin.ModelAdmin):
    list_display = ("rule", "thing", "zaak_uuid", "opened_at", "last_value", "closed_at")
    list_filter = ("closed_at",)
    readonly_fields = ("rule", "thing", "zaak_uuid", "opened_at", "last_value", "closed_at", "organisation")

    def has_add_permission(self, request):
        return False
