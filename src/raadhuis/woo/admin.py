"""Functional administrators keep the list of public officials and the organisation's own
contact details that detection leaves public."""

from django.contrib import admin

from raadhuis.platform import services as platform
from raadhuis.woo.models import PublicTerm


@admin.register(PublicTerm)
class PublicTermAdmin(admin.ModelAdmin):
    list_display = ("waarde", "functie", "soort", "organisation")
    list_filter = ("soort",)
    search_fields = ("waarde", "functie")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = db_field.related_model.objects.filter(
                pk__in=[o.pk for o in platform.organisations_in_scope()])
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
