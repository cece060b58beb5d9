"""Anonymous melding openbare ruimte: category, description, location, photo; becomes a zaak.

The location comes from the map (Leaflet sets two hidden fields) or, without JavaScript,
from a postcode and house number looked up in the BAG. The zaak (MOR), its first status, the
melder rol (with the e-mail address for updates, when given) and the photo are created in
one transaction through the ZGW services.
"""

from __future__ import annotations

import logging

from csp.decorators import csp_update
from django import forms
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from raadhuis.portal import registration
from raadhuis.portal.scoping import page, portal_view
from raadhuis.portal.uploads import check_upload
from raadhuis.zgw.catalogi import services as catalogi
from raadhuis.zgw.zaken import services as zaken

logger = logging.getLogger(__name__)

ZAAKTYPE = "MOR"
CATEGORIES = [
    ("afval", gettext_lazy("Afval en zwerfvuil")),
    ("verlichting", gettext_lazy("Straatverlichting")),
    ("bestrating", gettext_lazy("Bestrating en wegen")),
    ("groen", gettext_lazy("Bomen en groen")),
    ("overlast", gettext_lazy("Overlast en vandalisme")),
    ("overig", gettext_lazy("Overig")),
]
PHOTO_TYPES = ("image/jpeg", "image/png")
PHOTO_MAX = 10 * 1024 * 1024
# The Netherlands, generously: a point outside is a typing or tampering error.
NL_BOUNDS = (3.2, 50.7, 7.3, 53.7)
PDOK_TILES = "https://service.pdok.nl"
SESSION_KEY = "portal.melding"


class MeldingForm(forms.Form):
    category = forms.ChoiceField(
        label=gettext_lazy("Waar gaat uw melding over?"), choices=CATEGORIES, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=gettext_lazy("Omschrijving"),
        max_length=1000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Wat is er aan de hand? Minimaal 10 tekens."),
    )
    latitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    longitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    postcode = forms.RegexField(
        label=gettext_lazy("Postcode"),
        required=False,
        max_length=7,
        regex=r"^\s*[1-9][0-9]{3}\s?[A-Za-z]{2}\s*$",
        error_messages={"invalid": gettext_lazy("Vul een postcode in als 1234 AB.")},
    )
    huisnummer = forms.IntegerField(
        label=gettext_lazy("Huisnummer (in de buurt van)"), required=False, min_value=1, max_value=99999
    )
    photo = forms.FileField(label=gettext_lazy("Foto (JPG of PNG, max. 10 MB)"), required=False)
    email = forms.EmailField(
        label=gettext_lazy("E-mailadres (als u berichten over uw melding wilt)"),
        required=False,
        max_length=254,
    )

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo:
            photo.detected_type = check_upload(photo, accept=PHOTO_TYPES, max_bytes=PHOTO_MAX)
        return photo

    def clean(self):
        cleaned = super().clean()
        lat, lon = cleaned.get("latitude"), cleaned.get("longitude")
        if lat is not None and lon is not None:
            if not (NL_BOUNDS[0] <= lon <= NL_BOUNDS[2] and NL_BOUNDS[1] <= lat <= NL_BOUNDS[3]):
                raise forms.ValidationError(_("De gekozen locatie ligt niet in Nederland."))
            cleaned["point"], cleaned["address"] = (lon, lat), ""
            return cleaned
        if self.errors.get("postcode") or self.errors.get("huisnummer"):
            return cleaned
        postcode, number = cleaned.get("postcode"), cleaned.get("huisnummer")
        if not postcode or not number:
            raise forms.ValidationError(_("Kies de plek op de kaart, of vul een postcode en huisnummer in."))
        found = lookup_address(postcode, number)
        if found is None:
            self.add_error("huisnummer", _("Dit adres is niet gevonden. Controleer postcode en huisnummer."))
            return cleaned
        cleaned["point"], cleaned["address"] = found
        return cleaned


def lookup_address(postcode: str, huisnummer: int) -> tuple[tuple[float, float] | None, str] | None:
    """((lon, lat) or None, readable address) from the BAG, or None when there is no such address."""
    from raadhuis.registers import services as registers

    postcode = postcode.replace(" ", "").upper()
    results = registers.zoek_adres(postcode, huisnummer)
    if not results:
        return None
    adres = results[0]
    return _point(adres), _address_text(adres, postcode, huisnummer)


def _point(adres: dict) -> tuple[float, float] | None:
    """WGS84 (lon, lat) from the shapes a BAG answer uses."""
    for key in (
        "coordinates",
        "coordinaten",
        "punt",
        "geometrie",
        "adresseerbaarObjectGeometrie",
        "location",
    ):
        value = adres.get(key)
        if isinstance(value, dict):
            if "coordinates" in value and len(value["coordinates"]) == 2:
                return float(value["coordinates"][0]), float(value["coordinates"][1])
            if "lon" in value and "lat" in value:
                return float(value["lon"]), float(value["lat"])
            if "longitude" in value and "latitude" in value:
                return float(value["longitude"]), float(value["latitude"])
            nested = _point(value)
            if nested:
                return nested
        if (
            isinstance(value, list | tuple)
            and len(value) == 2
            and all(isinstance(v, int | float) for v in value)
        ):
            return float(value[0]), float(value[1])
    if "lon" in adres and "lat" in adres:
        return float(adres["lon"]), float(adres["lat"])
    return None


def _address_text(adres: dict, postcode: str, huisnummer: int) -> str:
    straat = adres.get("openbareRuimteNaam") or adres.get("straat") or adres.get("korteNaam") or ""
    plaats = adres.get("woonplaatsNaam") or adres.get("woonplaats") or ""
    return " ".join(str(p) for p in (straat, huisnummer, postcode, plaats) if p)


@require_http_methods(["GET", "POST"])
@csp_update({"img-src": [PDOK_TILES]})
@portal_view
def melding(request, org: str):
    posted = request.method == "POST"
    form = MeldingForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        zaaktype = catalogi.current_zaaktype(ZAAKTYPE)
        if zaaktype is None:
            form.add_error(None, _("Meldingen kunnen nu niet online worden gedaan. Bel de gemeente."))
        else:
            try:
                zaak = create_melding(request.organisation, zaaktype, form.cleaned_data)
            except Exception:  # noqa: BLE001 - tell the resident, keep the details in the log
                logger.exception("Creating a melding failed.")
                form.add_error(None, _("Uw melding kon niet worden opgeslagen. Probeer het later opnieuw."))
            else:
                request.session[SESSION_KEY] = zaak.identificatie
                return redirect("portal:melding-done", org=org)
    return page(request, "portal/melding.html", {"form": form}, status=400 if form.errors else 200)


@require_GET
@portal_view
def melding_done(request, org: str):
    identificatie = request.session.get(SESSION_KEY)
    if not identificatie:
        return redirect("portal:melding", org=org)
    return page(request, "portal/melding_done.html", {"identificatie": identificatie})


def create_melding(organisation, zaaktype, data: dict):
    category = dict(CATEGORIES)[data["category"]]
    point = data.get("point")
    today = timezone.localdate()
    attrs = {
        "zaaktype": zaaktype,
        "bronorganisatie": organisation.rsin,
        "verantwoordelijke_organisatie": organisation.rsin,
        "omschrijving": str(category)[:80],
        "toelichting": (
            f"{data['description']}\n\nLocatie: {data['address']}"
            if data.get("address")
            else data["description"]
        )[:1000],
        "startdatum": today,
        "registratiedatum": today,
        "betalingsindicatie": "nvt",
    }
    if point:
        attrs["zaakgeometrie"] = {"type": "Point", "coordinates": [round(point[0], 7), round(point[1], 7)]}
    with transaction.atomic():
        zaak = zaken.create_zaak(attrs)
        registration.first_status(zaak, zaaktype)
        registration.add_initiator(zaak, zaaktype, email=data.get("email", ""), name="Anonieme melder")
        photo = data.get("photo")
        if photo:
            registration.attach_document(
                zaak,
                registration.document_type(zaaktype, "Foto"),
                title=f"Foto bij melding {zaak.identificatie}",
                filename=photo.name,
                content_type=photo.detected_type,
                content=photo.read(),
                author="Melder via Mijn gemeente",
            )
    return zaak
