"""Woo-verzoek indienen: a request under the Wet open overheid from Mijn gemeente.

Anyone may ask (Woo art. 4.1), so, like the melding, the form works without login: an
anonymous requester leaves an e-mail address for the confirmation and the decision. A
logged-in resident is not asked for what the municipality knows: the name comes from the BRP
(read once per session, logged with purpose) and the case appears in Mijn zaken. The Woo
module registers the request (``raadhuis.woo.services.create_verzoek``, the same door as the
employee's registration); the first status carries the legal term and becomes the receipt
message and e-mail through the portal's status notifications. The request as sent is kept in
the case file as a PDF document "Woo-verzoek".
"""

from __future__ import annotations

import logging
from datetime import date

from django import forms
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from raadhuis.portal import prefill, registration
from raadhuis.portal.pdf import submission_pdf
from raadhuis.portal.scoping import page, portal_view
from raadhuis.woo import services as woo

logger = logging.getLogger(__name__)

SESSION_KEY = "portal.woo"
NAME_KEY = "portal.woo.naam"
VORMEN = [
    ("", gettext_lazy("Geen voorkeur")),
    ("digitaal", gettext_lazy("Digitaal (per e-mail of in Mijn gemeente)")),
    ("papier", gettext_lazy("Op papier, per post")),
    ("inzage", gettext_lazy("Inzien op het gemeentehuis")),
]
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class WooVerzoekForm(forms.Form):
    onderwerp = forms.CharField(
        label=gettext_lazy("Onderwerp"),
        min_length=5,
        max_length=200,
        help_text=gettext_lazy("In een paar woorden, bijvoorbeeld: bomenkap Molenweg."),
    )
    omschrijving = forms.CharField(
        label=gettext_lazy("Welke informatie zoekt u?"),
        min_length=20,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "Beschrijf zo precies mogelijk welke documenten of gegevens u wilt ontvangen. Minimaal 20 tekens."
        ),
    )
    periode_van = forms.DateField(label=gettext_lazy("Vanaf"), required=False, widget=DATE_INPUT)
    periode_tot = forms.DateField(label=gettext_lazy("Tot en met"), required=False, widget=DATE_INPUT)
    vorm = forms.ChoiceField(
        label=gettext_lazy("Hoe wilt u de informatie ontvangen?"),
        choices=VORMEN,
        required=False,
        widget=forms.RadioSelect,
    )
    naam = forms.CharField(label=gettext_lazy("Uw naam"), required=False, max_length=200)
    email = forms.EmailField(
        label=gettext_lazy("E-mailadres"),
        max_length=254,
        help_text=gettext_lazy("Hierop ontvangt u de ontvangstbevestiging en berichten over uw verzoek."),
    )

    def __init__(self, *args, logged_in: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if logged_in:
            # The name comes from the register; the e-mail is optional: messages reach the inbox.
            del self.fields["naam"]
            self.fields["email"].required = False

    def clean(self):
        cleaned = super().clean()
        van, tot = cleaned.get("periode_van"), cleaned.get("periode_tot")
        if tot and tot > timezone.localdate():
            self.add_error("periode_tot", _("De periode kan niet in de toekomst eindigen."))
        elif van and tot and van > tot:
            self.add_error("periode_tot", _("De einddatum ligt vóór de begindatum."))
        return cleaned


@require_http_methods(["GET", "POST"])
@portal_view
def woo_verzoek(request, org: str):
    resident = request.resident
    naam = resident_name(request) if resident else ""
    posted = request.method == "POST"
    form = WooVerzoekForm(request.POST if posted else None, logged_in=resident is not None)
    if posted and form.is_valid():
        try:
            verzoek = submit(request.organisation, form.cleaned_data, resident, naam)
        except (woo.WooError, registration.RegistrationError):
            logger.exception("A Woo request from the portal could not be registered.")
            form.add_error(None, _("Woo-verzoeken kunnen nu niet online worden ingediend. "
                                   "Neem contact op met de gemeente."))
        else:
            request.session[SESSION_KEY] = {
                "identificatie": verzoek.zaak_identificatie,
                "zaak_uuid": str(verzoek.zaak_uuid),
                "ontvangen_op": verzoek.ontvangen_op.isoformat(),
                "beslistermijn": woo.termijnen(verzoek).beslistermijn.isoformat(),
            }
            return redirect("portal:woo-done", org=org)
    return page(
        request, "portal/woo_verzoek.html", {"form": form, "naam": naam}, status=400 if form.errors else 200
    )


@require_GET
@portal_view
def woo_done(request, org: str):
    received = request.session.get(SESSION_KEY)
    if not received:
        return redirect("portal:woo", org=org)
    context = {
        **received,
        "ontvangen_op": date.fromisoformat(received["ontvangen_op"]),
        "beslistermijn": date.fromisoformat(received["beslistermijn"]),
    }
    return page(request, "portal/woo_verzoek_done.html", context)


def resident_name(request) -> str:
    """The logged-in resident's name: from the BRP once per session (a business: its login name)."""
    resident = request.resident
    if not resident.bsn:
        return resident.name
    cached = request.session.get(NAME_KEY)
    if cached and cached.get("bsn") == resident.bsn:
        return cached["naam"]
    values = prefill.prefill_values(resident.bsn, [{"key": "naam", "prefill": "naam.volledigeNaam"}])
    naam = values.get("naam") or resident.name
    request.session[NAME_KEY] = {"bsn": resident.bsn, "naam": naam}
    return naam


def submit(organisation, data: dict, resident, naam: str):
    """Register the request through the Woo module, received today, with the request as the
    requester sent it in the case file: a PDF document "Woo-verzoek", in the same transaction."""
    verzoeker = naam or data.get("naam") or _("Anonieme verzoeker")
    with transaction.atomic():
        verzoek = woo.create_verzoek(
            organisation,
            onderwerp=data["onderwerp"],
            omschrijving=request_text(data),
            verzoeker=verzoeker,
            ontvangen_op=timezone.localdate(),
            bsn=resident.bsn if resident else "",
            kvk=resident.kvk if resident else "",
            email=data.get("email") or "",
        )
        _attach_request(organisation, verzoek, data, verzoeker)
    return verzoek


def _attach_request(organisation, verzoek, data: dict, verzoeker: str) -> None:
    from raadhuis.zgw.zaken import services as zaken

    zaak = zaken.get_zaak(verzoek.zaak_uuid)
    title = _("Woo-verzoek: %(onderwerp)s") % {"onderwerp": data["onderwerp"]}
    rows = [
        (_("Onderwerp"), data["onderwerp"]),
        (_("Gevraagde informatie"), request_text(data)),
        (_("Verzoeker"), verzoeker),
        (_("E-mailadres"), data.get("email") or "—"),
    ]
    pdf = submission_pdf(title=title, organisation=organisation.name, reference=verzoek.zaak_identificatie,
                         rows=rows)
    registration.attach_document(
        zaak, registration.document_type(zaak.zaaktype, "Woo-verzoek"), title=title[:200],
        filename="woo-verzoek.pdf", content_type="application/pdf", content=pdf,
    )


def request_text(data: dict) -> str:
    """The request as the Woo-jurist reads it: the question, the period and the preferred form."""
    lines = [data["omschrijving"].strip()]
    van, tot = data.get("periode_van"), data.get("periode_tot")
    if van or tot:
        start = f"{van:%d-%m-%Y}" if van else _("het begin")
        end = f"{tot:%d-%m-%Y}" if tot else _("nu")
        lines.append(_("Periode: %(van)s tot en met %(tot)s") % {"van": start, "tot": end})
    if data.get("vorm"):
        lines.append(_("Gewenste vorm van verstrekking: %(vorm)s") % {"vorm": dict(VORMEN)[data["vorm"]]})
    return "\n\n".join(lines)
