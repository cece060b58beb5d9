"""Object types and client permissions in the admin (functional administrators).

Object type changes go through ``services`` (audit, notification). Schema versions are shown
read-only here: they are made and published through the Objecttypes API or
``services.create_version``/``publish_version``, so that a published schema never changes.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError as APIValidationError

from raadhuis.objecten import services
from raadhuis.objecten.models import ObjectType, ObjectTypePermission, ObjectTypeVersion


class VersionInline(admin.TabularInline):
    model = ObjectTypeVersion
    fields = ("version", "status", "json_schema", "published_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ObjectType)
class ObjectTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "name_plural", "organisation", "data_classification", "is_public")
    list_filter = ("is_public", "data_classification")
    search_fields = ("name", "name_plural", "uuid")
    readonly_fields = ("uuid", "created_at", "modified_at")
    inlines = [VersionInline]
    actions = ["publish_as_open_data", "withdraw_open_data"]

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "organisation") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        values = {
            name: form.cleaned_data[name] for name in form.changed_data if name in services.OBJECTTYPE_FIELDS
        }
        try:
            if change:
                if "name" in form.changed_data:
                    values["name"] = form.cleaned_data["name"]
                saved = services.update_objecttype(ObjectType.objects.get(pk=obj.pk), values)
            else:
                saved = services.create_objecttype(organisation=obj.organisation, name=obj.name, **values)
        except APIValidationError as error:
            self.message_user(request, str(error.detail), messages.ERROR)
            return
        obj.pk = saved.pk

    @admin.action(description=_("Publiceren als open data"))
    def publish_as_open_data(self, request, queryset):
        for objecttype in queryset:
            services.update_objecttype(objecttype, {"is_public": True})

    @admin.action(description=_("Niet meer publiceren als open data"))
    def withdraw_open_data(self, request, queryset):
        for objecttype in queryset:
            services.update_objecttype(objecttype, {"is_public": False})


@admin.register(ObjectTypePermission)
class ObjectTypePermissionAdmin(admin.ModelAdmin):
    list_display = ("applicatie_uuid", "object_type", "mode", "use_fields")
    list_filter = ("mode",)
    search_fields = ("applicatie_uuid", "object_type__name")
