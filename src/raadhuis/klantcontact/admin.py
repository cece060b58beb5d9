from django.contrib import admin

from raadhuis.klantcontact.models import Faq, Klantcontact


@admin.register(Faq)
class FaqAdmin(admin.ModelAdmin):
    list_display = ("question", "soort", "published", "organisation")
    list_filter = ("soort", "published")
    search_fields = ("question", "answer", "keywords")


@admin.register(Klantcontact)
class KlantcontactAdmin(admin.ModelAdmin):
    """Read only: a klantcontact is a record of what was said."""

    list_display = ("plaatsgevonden_op", "kanaal", "onderwerp", "actor", "organisation")
    readonly_fields = [f.name for f in Klantcontact._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
