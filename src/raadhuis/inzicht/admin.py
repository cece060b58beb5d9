from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from raadhuis.inzicht.kpi import DEFINITIES
from raadhuis.inzicht.models import Gebied, Rapportsjabloon


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


class RapportsjabloonForm(forms.ModelForm):
    kengetallen = forms.MultipleChoiceField(
        label=_("kengetallen"),
        choices=[(code, d.naam) for code, d in DEFINITIES.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De kerncijfers in het rapport, in de volgorde van het dashboard; niets gekozen: alle."),
    )

    class Meta:
        model = Rapportsjabloon
        fields = [
            "organisation", "titel", "inleiding", "kengetallen", "grafieken", "afsluiting", "ondertekening"
        ]


@admin.register(Rapportsjabloon)
class RapportsjabloonAdmin(admin.ModelAdmin):
    form = RapportsjabloonForm
    list_display = ("titel", "organisation", "grafieken")
