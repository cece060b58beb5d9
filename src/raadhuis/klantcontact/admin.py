from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from raadhuis.klantcontact.api import scopes as api_scopes
from raadhuis.klantcontact.models import ApiToegang, Faq, Klantcontact


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


class ApiToegangForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("scopes"), choices=[(label, label) for label in api_scopes.LABELS],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ApiToegang
        fields = ["organisation", "applicatie_uuid", "label", "scopes"]


@admin.register(ApiToegang)
class ApiToegangAdmin(admin.ModelAdmin):
    """Which API client may read or write klantinteracties (the uuid of its applicatie)."""

    form = ApiToegangForm
    list_display = ("label", "applicatie_uuid", "organisation")
