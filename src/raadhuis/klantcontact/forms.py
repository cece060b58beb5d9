"""Forms of the KCC console: Dutch labels and field errors, sensible defaults, few keystrokes."""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from raadhuis.klantcontact import console
from raadhuis.klantcontact.api.serializers import PHONE
from raadhuis.platform.validators import validate_bsn
from raadhuis.registers.query import PATTERNS

NAAM = re.compile(r"^[a-zA-Z0-9À-ž \.\-\']{1,200}\*?$")


class ZoekForm(forms.Form):
    """Find a resident: by BSN, by surname and date of birth, or by postcode and number."""

    bsn = forms.CharField(label=_("BSN"), max_length=9, required=False, validators=[validate_bsn],
                          widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off",
                                                        "autofocus": True}))
    geslachtsnaam = forms.CharField(label=_("Achternaam"), max_length=200, required=False)
    geboortedatum = forms.DateField(label=_("Geboortedatum"), required=False,
                                    widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False,
                               widget=forms.TextInput(attrs={"autocomplete": "off"}))
    huisnummer = forms.IntegerField(label=_("Huisnummer"), required=False, min_value=1, max_value=99999)
    huisletter = forms.CharField(label=_("Huisletter"), max_length=1, required=False)
    huisnummertoevoeging = forms.CharField(label=_("Toevoeging"), max_length=4, required=False)

    def clean_geslachtsnaam(self):
        naam = self.cleaned_data["geslachtsnaam"].strip()
        if naam and not NAAM.match(naam):
            raise forms.ValidationError(_("Gebruik alleen letters, spaties, punten, koppeltekens of "
                                          "apostroffen (met * aan het eind na minstens 3 tekens)."))
        return naam

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip().upper().replace(" ", "")
        if postcode and not re.match(PATTERNS["postcode"], postcode):
            raise forms.ValidationError(_("Een postcode is vier cijfers en twee letters, zoals 1234 AB."))
        return postcode

    def clean_huisletter(self):
        letter = self.cleaned_data["huisletter"].strip()
        if letter and not letter.isalpha():
            raise forms.ValidationError(_("Een huisletter is één letter."))
        return letter

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("bsn"):
            return data
        if data.get("postcode") or data.get("huisnummer"):
            for name in ("postcode", "huisnummer"):
                if not data.get(name):
                    self.add_error(name, _("Vul postcode en huisnummer allebei in."))
            return data
        if data.get("geslachtsnaam") or data.get("geboortedatum"):
            for name in ("geslachtsnaam", "geboortedatum"):
                if not data.get(name):
                    self.add_error(name, _("Vul achternaam en geboortedatum allebei in."))
            return data
        raise forms.ValidationError(
            _("Vul een BSN in, of achternaam en geboortedatum, of postcode en huisnummer."), code="leeg"
        )

    def zoekvraag(self) -> console.Zoekvraag:
        data = self.cleaned_data
        if data.get("bsn"):
            return console.Zoekvraag(bsn=data["bsn"])
        if data.get("postcode"):
            return console.Zoekvraag(postcode=data["postcode"], huisnummer=data["huisnummer"],
                                     huisletter=data.get("huisletter", ""),
                                     huisnummertoevoeging=data.get("huisnummertoevoeging", ""))
        return console.Zoekvraag(geslachtsnaam=data["geslachtsnaam"], geboortedatum=data["geboortedatum"])


def _phone(value: str) -> str:
    number = re.sub(r"[\s\-()]", "", value or "")
    if number and not PHONE.match(number):
        raise forms.ValidationError(_("Geen geldig telefoonnummer, zoals 0612345678 of +31612345678."))
    return number


class _TaakFields(forms.Form):
    """Who follows the contact up and by when (shared by the contact and the task form)."""

    toegewezen_aan = forms.ChoiceField(label=_("Voor team of medewerker"), required=False)
    uiterlijk_op = forms.DateField(label=_("Uiterlijk op"), required=False,
                                   widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    toelichting = forms.CharField(label=_("Toelichting voor de collega"), max_length=1000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, toewijsbaar=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["toegewezen_aan"].choices = [("", "—"), *toewijsbaar]
        self.fields["uiterlijk_op"].initial = console.standaard_termijn()

    def _clean_taak(self, data: dict) -> None:
        if not data.get("toegewezen_aan"):
            self.add_error("toegewezen_aan", _("Kies het team of de medewerker die de taak oppakt."))
        termijn = data.get("uiterlijk_op")
        if termijn is None:
            if "uiterlijk_op" not in self.errors:
                self.add_error("uiterlijk_op", _("Vul de datum in waarop de taak uiterlijk klaar is."))
        elif termijn < timezone.localdate():
            self.add_error("uiterlijk_op", _("De termijn kan niet in het verleden liggen."))

    def taakverzoek(self, handeling: str = console.TERUGBELLEN) -> console.Taakverzoek:
        data = self.cleaned_data
        return console.Taakverzoek(toegewezen_aan=data["toegewezen_aan"], uiterlijk_op=data["uiterlijk_op"],
                                   toelichting=data.get("toelichting", ""), handeling=handeling)


class ContactForm(_TaakFields):
    """One contact, one subject: channel, subject, question and answer, optionally the zaak it
    was about and a call-back task."""

    kanaal = forms.ChoiceField(label=_("Kanaal"), widget=forms.RadioSelect,
                               choices=[("telefoon", _("Telefoon")), ("balie", _("Balie")),
                                        ("e-mail", _("E-mail")), ("chat", _("Chat"))])
    onderwerp = forms.CharField(label=_("Onderwerp"), max_length=200,
                                widget=forms.TextInput(attrs={"list": "kcc-onderwerpen",
                                                              "autocomplete": "off"}))
    vraag = forms.CharField(label=_("Vraag of notitie"), max_length=4000,
                            widget=forms.Textarea(attrs={"rows": 4}))
    antwoord = forms.CharField(label=_("Gegeven antwoord"), max_length=8000, required=False,
                               widget=forms.Textarea(attrs={"rows": 4}))
    zaak = forms.ChoiceField(label=_("Over zaak"), required=False)
    gelukt = forms.BooleanField(label=_("Vraag beantwoord"), required=False, initial=True)
    vertrouwelijk = forms.BooleanField(label=_("Vertrouwelijk"), required=False)
    product = forms.CharField(required=False, max_length=120, widget=forms.HiddenInput)
    terugbellen = forms.BooleanField(label=_("Terugbelverzoek maken"), required=False)
    terugbelnummer = forms.CharField(label=_("Terugbelnummer"), max_length=30, required=False,
                                     widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}))

    field_order = ["kanaal", "onderwerp", "vraag", "antwoord", "zaak", "gelukt", "vertrouwelijk", "product",
                   "terugbellen", "terugbelnummer", "toegewezen_aan", "uiterlijk_op", "toelichting"]

    def __init__(self, *args, zaken=(), products=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zaak"].choices = [("", _("Geen zaak"))] + [
            (str(z["uuid"]), f"{z['identificatie']} – {z['omschrijving']}") for z in zaken
        ]
        self.products = set(products)
        self.fields["toelichting"].label = _("Toelichting bij de taak")

    def clean_terugbelnummer(self):
        return _phone(self.cleaned_data["terugbelnummer"])

    def clean_product(self):
        product = self.cleaned_data["product"]
        return product if product in self.products else ""

    def clean(self):
        data = super().clean()
        if data.get("terugbellen"):
            self._clean_taak(data)
        return data

    def contactgegevens(self) -> console.Contactgegevens:
        data = self.cleaned_data
        return console.Contactgegevens(
            kanaal=data["kanaal"], onderwerp=data["onderwerp"], vraag=data["vraag"],
            antwoord=data.get("antwoord", ""), gelukt=data.get("gelukt", False),
            vertrouwelijk=data.get("vertrouwelijk", False), zaak_uuid=data.get("zaak", ""),
            product=data.get("product", ""), terugbelnummer=data.get("terugbelnummer", ""),
        )


class TaakForm(_TaakFields):
    """A follow-up task for an earlier contact."""

    handeling = forms.CharField(label=_("Gevraagde handeling"), max_length=200, initial=console.TERUGBELLEN)

    field_order = ["handeling", "toegewezen_aan", "uiterlijk_op", "toelichting"]

    def clean(self):
        data = super().clean()
        self._clean_taak(data)
        return data


class AfrondenForm(forms.Form):
    toelichting = forms.CharField(label=_("Wat is er gedaan?"), max_length=1000, required=False)
