"""Forms of the werkplek: Dutch labels and field errors, choices limited to the zaak's types."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from raadhuis.platform.validators import validate_bsn
from raadhuis.werkplek import zaakdata

MAX_UPLOAD = 50 * 1024 * 1024


def _choices(records, label=lambda r: r.omschrijving):
    return [("", "—")] + [(str(r.pk), label(r)) for r in records]


class _TypeChoice(forms.ChoiceField):
    """A choice among the zaak's own types; the record is in ``cleaned_data`` afterwards."""

    def __init__(self, *args, records=(), **kwargs):
        self.records = {str(r.pk): r for r in records}
        super().__init__(*args, choices=_choices(records), **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return self.records.get(value) if value else None


class IntakeForm(forms.Form):
    zaaktype = forms.ChoiceField(label=_("Zaaktype"))
    omschrijving = forms.CharField(label=_("Omschrijving"), max_length=80)
    toelichting = forms.CharField(
        label=_("Toelichting"), max_length=1000, required=False, widget=forms.Textarea
    )
    bsn = forms.CharField(label=_("BSN aanvrager"), max_length=9, required=False, validators=[validate_bsn])
    naam = forms.CharField(label=_("Naam aanvrager"), max_length=200, required=False)
    startdatum = forms.DateField(
        label=_("Datum ontvangst"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, zaaktypen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.zaaktypen = {str(z.pk): z for z in zaaktypen}
        self.fields["zaaktype"].choices = _choices(
            zaaktypen, lambda z: f"{z.omschrijving} ({z.identificatie})"
        )

    def clean_zaaktype(self):
        return self.zaaktypen[self.cleaned_data["zaaktype"]]


class StatusForm(forms.Form):
    statustype = _TypeChoice(label=_("Nieuwe status"))
    toelichting = forms.CharField(label=_("Toelichting"), max_length=1000, required=False)

    def __init__(self, *args, zaak, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statustype"] = _TypeChoice(
            label=_("Nieuwe status"), records=zaakdata.statustypen(zaak)[:-1]
        )


class ResultaatForm(forms.Form):
    toelichting = forms.CharField(label=_("Toelichting"), max_length=1000, required=False)

    def __init__(self, *args, zaak, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "resultaattype": _TypeChoice(label=_("Resultaat"), records=zaakdata.resultaattypen(zaak)),
            **self.fields,
        }


class AfsluitenForm(ResultaatForm):
    pass


class BesluitForm(forms.Form):
    datum = forms.DateField(
        label=_("Besluitdatum"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ingangsdatum = forms.DateField(
        label=_("Ingangsdatum"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    vervaldatum = forms.DateField(
        label=_("Vervaldatum"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    toelichting = forms.CharField(label=_("Toelichting (motivering)"), max_length=5000, widget=forms.Textarea)
    brief = forms.BooleanField(label=_("Besluitbrief maken"), required=False, initial=True)

    def __init__(self, *args, zaak, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "besluittype": _TypeChoice(label=_("Besluittype"), records=zaakdata.besluittypen(zaak)),
            **self.fields,
        }

    def clean(self):
        data = super().clean()
        if (
            data.get("vervaldatum")
            and data.get("ingangsdatum")
            and data["vervaldatum"] < data["ingangsdatum"]
        ):
            self.add_error("vervaldatum", _("De vervaldatum ligt voor de ingangsdatum."))
        return data


class RedenForm(forms.Form):
    reden = forms.CharField(label=_("Reden"), max_length=200)


class VerlengenForm(RedenForm):
    duur = forms.CharField(
        label=_("Duur (ISO 8601, leeg = de verlengingstermijn)"),
        max_length=20,
        required=False,
        validators=[RegexValidator(r"^P(\d+[YMWD])+$", _("Bijvoorbeeld P6W of P10D."))],
    )


class NotitieForm(forms.Form):
    onderwerp = forms.CharField(label=_("Onderwerp"), max_length=255)
    tekst = forms.CharField(label=_("Notitie"), max_length=10_000, widget=forms.Textarea)


class BerichtForm(forms.Form):
    onderwerp = forms.CharField(label=_("Onderwerp"), max_length=200)
    tekst = forms.CharField(label=_("Bericht"), max_length=10_000, widget=forms.Textarea)
    brief = forms.BooleanField(label=_("Als brief (PDF) bijvoegen"), required=False)


class DocumentForm(forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    bestand = forms.FileField(label=_("Bestand"))
    beschrijving = forms.CharField(label=_("Beschrijving"), max_length=1000, required=False)

    def __init__(self, *args, zaak, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["informatieobjecttype"] = _TypeChoice(
            label=_("Documenttype"), records=zaakdata.informatieobjecttypen(zaak)
        )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Het bestand is groter dan 50 MB."))
        return bestand


class ToewijzenForm(forms.Form):
    gebruiker = forms.ChoiceField(label=_("Behandelaar"), required=False)

    def __init__(self, *args, kandidaten=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kandidaten = {str(u.pk): u for u in kandidaten}
        self.fields["gebruiker"].choices = [("", _("Terug naar de teamwerkvoorraad"))] + [
            (str(u.pk), u.get_full_name() or u.username) for u in kandidaten
        ]

    def clean_gebruiker(self):
        return self.kandidaten.get(self.cleaned_data["gebruiker"])


class BrpForm(forms.Form):
    doel = forms.CharField(
        label=_("Doel van het raadplegen"), max_length=200, initial=_("Behandelen van de aanvraag")
    )
