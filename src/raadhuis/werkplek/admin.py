from django import forms
from django.contrib import admin

from raadhuis.werkplek.models import Briefsjabloon, Team, Termijnregel


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("naam", "code", "organisation")
    filter_horizontal = ("leden",)


@admin.register(Termijnregel)
class TermijnregelAdmin(admin.ModelAdmin):
    list_display = ("zaaktype_identificatie", "dagsoort", "waarschuwen_dagen", "organisation")


class BriefsjabloonForm(forms.ModelForm):
    docx_bestand = forms.FileField(label="Word-sjabloon (.docx)", required=False)

    class Meta:
        model = Briefsjabloon
        fields = (
            "organisation",
            "naam",
            "zaaktype_identificatie",
            "soort",
            "formaat",
            "html",
            "informatieobjecttype",
        )

    def clean_docx_bestand(self):
        upload = self.cleaned_data.get("docx_bestand")
        if upload is None:
            return None
        content = upload.read(10 * 1024 * 1024 + 1)
        if len(content) > 10 * 1024 * 1024 or not content.startswith(b"PK"):
            raise forms.ValidationError("Kies een Word-bestand (.docx) van hoogstens 10 MB.")
        return content

    def save(self, commit=True):
        if self.cleaned_data.get("docx_bestand"):
            self.instance.docx = self.cleaned_data["docx_bestand"]
        return super().save(commit)


@admin.register(Briefsjabloon)
class BriefsjabloonAdmin(admin.ModelAdmin):
    form = BriefsjabloonForm
    list_display = ("naam", "zaaktype_identificatie", "soort", "formaat", "organisation")
