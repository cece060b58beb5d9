from django.contrib import admin

from raadhuis.inzicht.models import Gebied


@admin.register(Gebied)
class GebiedAdmin(admin.ModelAdmin):
    list_display = ("code", "naam", "soort", "wijk_code", "organisation")
    list_filter = ("soort", "organisation")
    search_fields = ("code", "naam")
    readonly_fields = ("min_x", "min_y", "max_x", "max_y")

    def save_model(self, request, obj, form, change):
        import shapely

        obj.min_x, obj.min_y, obj.max_x, obj.max_y = shapely.geometry.shape(obj.geometrie).bounds
        super().save_model(request, obj, form, change)
