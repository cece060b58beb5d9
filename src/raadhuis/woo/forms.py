from django import forms
from django.utils.translation import gettext_lazy as _

from raadhuis.woo.detection import GROUND_LABELS
from raadhuis.woo.models import VERTROUWELIJKHEID, Beoordeling

GROUND_CHOICES = [(code, f"{code} – {label}") for code, label in GROUND_LABELS.items()]


class VerzoekForm(forms.Form):
    onderwerp = forms.CharField(label=_("Onderwerp"), max_length=500)
    verzoeker = forms.CharField(label=_("Verzoeker"), max_length=200)
    ontvangen_op = forms.DateField(label=_("Ontvangen op"), widget=forms.DateInput(attrs={"type": "date"}))
    omschrijving = forms.CharField(
        label=_("Verzoek"), widget=forms.Textarea, required=False, max_length=10000
    )


class VerdagingForm(forms.Form):
    weken = forms.IntegerField(label=_("Weken"), min_value=1, max_value=2)
    reden = forms.CharField(label=_("Reden"), widget=forms.Textarea, max_length=2000)


class OpschortingForm(forms.Form):
    van = forms.DateField(label=_("Van"), widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reden = forms.CharField(label=_("Reden"), max_length=200)


class ZoekForm(forms.Form):
    q = forms.CharField(
        label=_("Zoektermen"),
        required=False,
        max_length=500,
        help_text=_('Gebruik "aanhalingstekens" voor een zin, or voor of, -woord om uit te sluiten.'),
    )
    van = forms.DateField(label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    auteur = forms.CharField(label=_("Auteur"), required=False, max_length=200)
    zaaktype = forms.CharField(label=_("Zaaktype"), required=False, max_length=100)


class LakkingForm(forms.Form):
    tekst = forms.CharField(label=_("Tekst"), required=False, max_length=2000)
    grond = forms.ChoiceField(label=_("Grond"), choices=GROUND_CHOICES)
    alle_voorkomens = forms.BooleanField(label=_("Alle voorkomens in het dossier"), required=False)
    pagina = forms.IntegerField(label=_("Pagina"), required=False, min_value=1)
    x0 = forms.FloatField(label=_("x0 (links)"), required=False, min_value=0)
    y0 = forms.FloatField(label=_("y0 (boven)"), required=False, min_value=0)
    x1 = forms.FloatField(label=_("x1 (rechts)"), required=False, min_value=0)
    y1 = forms.FloatField(label=_("y1 (onder)"), required=False, min_value=0)

    def clean(self):
        data = super().clean()
        box = [data.get(k) for k in ("pagina", "x0", "y0", "x1", "y1")]
        if not data.get("tekst") and None in box:
            raise forms.ValidationError(_("Geef een tekst, of een pagina met een volledig kader."))
        return data


class BeoordelingForm(forms.Form):
    beoordeling = forms.ChoiceField(label=_("Beoordeling"), choices=Beoordeling.choices)
    motivering = forms.CharField(
        label=_("Motivering"), widget=forms.Textarea, required=False, max_length=10000
    )


class ImportForm(forms.Form):
    bestand = forms.FileField(label=_("Bestand (PDF, e-mail .eml/.msg, Office-bestand of tekst)"))
    titel = forms.CharField(label=_("Titel"), required=False, max_length=500)
    auteur = forms.CharField(label=_("Auteur"), required=False, max_length=200)
    datum = forms.DateField(label=_("Datum"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    zaaktype = forms.CharField(label=_("Zaaktype"), required=False, max_length=100)
    vertrouwelijkheid = forms.ChoiceField(
        label=_("Vertrouwelijkheid"), initial="openbaar", choices=VERTROUWELIJKHEID
    )
