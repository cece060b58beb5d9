"""Demo portal of Gemeente Voorbeeldstad: a theme, products with request forms.

Idempotent. The parkeervergunning form shows every feature: prefill from the BRP (name,
address), validation, a conditional field, an attachment, a declaration and a fee; its
kenteken and soort are stored as zaakeigenschappen, which the demo adds to the published
PARKVERG zaaktype as a correction (``force``), since the catalogue demo defines none.
"""

from __future__ import annotations

from raadhuis.platform import tenancy
from raadhuis.platform.demo import register_demo_loader
from raadhuis.portal.models import Product, Theme
from raadhuis.zgw.catalogi import services as catalogi
from raadhuis.zgw.catalogi.models import Eigenschap

PARKEERVERGUNNING_FORM = {
    "steps": [
        {
            "key": "gegevens",
            "title": "Uw gegevens",
            "fields": [
                {"key": "naam", "type": "text", "label": "Naam", "prefill": "naam.volledigeNaam"},
                {"key": "adres", "type": "text", "label": "Adres", "prefill": "verblijfplaats.adres"},
                {
                    "key": "email",
                    "type": "email",
                    "label": "E-mailadres",
                    "required": True,
                    "contact": True,
                    "help": "We sturen u een bericht als de status van uw aanvraag verandert.",
                },
            ],
        },
        {
            "key": "vergunning",
            "title": "Uw vergunning",
            "fields": [
                {
                    "key": "soort",
                    "type": "choice",
                    "label": "Soort vergunning",
                    "required": True,
                    "eigenschap": "soort_vergunning",
                    "choices": [["bewoner", "Bewonersvergunning"], ["bedrijf", "Bedrijfsvergunning"]],
                },
                {
                    "key": "bedrijfsnaam",
                    "type": "text",
                    "label": "Naam van uw bedrijf",
                    "required": True,
                    "show_if": {"field": "soort", "equals": "bedrijf"},
                },
                {
                    "key": "kenteken",
                    "type": "text",
                    "label": "Kenteken",
                    "required": True,
                    "eigenschap": "kenteken",
                    "pattern": "[A-Z0-9]{1,3}-?[A-Z0-9]{1,3}-?[A-Z0-9]{1,3}",
                    "pattern_message": "Vul het kenteken in met letters en cijfers, bijvoorbeeld AB-123-C.",
                    "max_length": 10,
                },
                {
                    "key": "ingangsdatum",
                    "type": "date",
                    "label": "Ingangsdatum",
                    "required": True,
                    "min": "today",
                },
                {
                    "key": "kentekenbewijs",
                    "type": "file",
                    "label": "Kentekenbewijs (PDF, JPG of PNG)",
                    "accept": ["application/pdf", "image/jpeg", "image/png"],
                    "max_size_mb": 5,
                },
            ],
        },
    ],
    "declaration": "Ik verklaar dat ik dit formulier volledig en naar waarheid heb ingevuld.",
    "document_type": "Aanvraag",
}

PRODUCTS = [
    {
        "slug": "parkeervergunning",
        "name": "Parkeervergunning",
        "summary": "Een vergunning om uw auto te parkeren in een betaald-parkerengebied bij u in de buurt.",
        "description": "Woont of werkt u in een gebied met betaald parkeren? Met een parkeervergunning "
        "parkeert u uw auto in uw eigen vergunninggebied zonder parkeerkaartje.",
        "conditions": "U staat ingeschreven op een adres in het vergunninggebied. De auto staat op uw naam "
        "of u gebruikt hem voor uw werk. Per adres zijn maximaal 2 vergunningen mogelijk.",
        "costs": "De leges zijn € 59,00 per jaar. U betaalt bij de aanvraag.",
        "fee_cents": 5900,
        "how_to_apply": "Vraag de vergunning online aan met DigiD. Uw naam en adres vullen wij voor u in.",
        "keywords": "parkeren auto vergunning bewoner kenteken",
        "zaaktype_identificatie": "PARKVERG",
        "form_definition": PARKEERVERGUNNING_FORM,
    },
    {
        "slug": "melding-openbare-ruimte",
        "name": "Melding openbare ruimte",
        "summary": "Meld een kapotte lantaarnpaal, zwerfvuil, losse stoeptegels of ander probleem buiten.",
        "description": "Ziet u iets op straat dat kapot, vies of gevaarlijk is? Doe een melding. U hoeft "
        "niet in te loggen.",
        "conditions": "",
        "costs": "Gratis.",
        "fee_cents": 0,
        "how_to_apply": "Doe uw melding online, geef de plek aan op de kaart en voeg eventueel een foto toe.",
        "keywords": "melden straat afval lantaarnpaal stoep kapot",
        "zaaktype_identificatie": "",
        "apply_path": "melding/",
        "form_definition": {},
    },
    {
        "slug": "woo-verzoek",
        "name": "Woo-verzoek (informatie opvragen)",
        "summary": "Vraag de gemeente om documenten of informatie over een bestuurlijke aangelegenheid.",
        "description": "Met de Wet open overheid (Woo) kunt u de gemeente vragen om informatie openbaar te "
        "maken, bijvoorbeeld verslagen, e-mails of rapporten over een besluit. Iedereen mag dit vragen en u "
        "hoeft niet te zeggen waarom.",
        "conditions": "Beschrijf zo precies mogelijk welke informatie u zoekt. Informatie die de wet "
        "beschermt, zoals persoonsgegevens, maken wij niet openbaar.",
        "costs": "Gratis.",
        "fee_cents": 0,
        "how_to_apply": "Dien uw verzoek online in, met of zonder DigiD. Wij beslissen binnen vier weken na "
        "ontvangst; die termijn kan één keer met twee weken worden verlengd.",
        "keywords": "woo wob openbaarheid informatie documenten verzoek transparantie",
        "zaaktype_identificatie": "",
        "apply_path": "woo-verzoek/",
        "form_definition": {},
    },
    {
        "slug": "paspoort",
        "name": "Paspoort aanvragen",
        "summary": "Een nieuw paspoort vraagt u persoonlijk aan bij de gemeente.",
        "description": "Voor een paspoort maakt u een afspraak. Neem uw oude paspoort en een pasfoto mee.",
        "conditions": "U staat ingeschreven in de gemeente.",
        "costs": "€ 84,80 (18 jaar en ouder).",
        "fee_cents": 0,
        "how_to_apply": "Maak een afspraak bij het stadskantoor.",
        "keywords": "reisdocument identiteitsbewijs paspoorten",
        "zaaktype_identificatie": "",
        "form_definition": {},
    },
]

EIGENSCHAPPEN = [
    ("kenteken", "Kenteken van het voertuig", "10"),
    ("soort_vergunning", "Soort parkeervergunning", "20"),
]


def load(voorbeeldstad, proefdorp) -> None:
    Theme.objects.get_or_create(
        organisation=voorbeeldstad,
        defaults={
            "primary_colour": "#154273",
            "link_colour": "#01689b",
            "contact_text": "Gemeente Voorbeeldstad · Stadhuisplein 1 · telefoon 14 0999",
        },
    )
    for spec in PRODUCTS:
        Product.objects.get_or_create(
            organisation=voorbeeldstad, slug=spec["slug"], defaults={**spec, "published": True}
        )
    with tenancy.scope_for([voorbeeldstad.pk]):
        _eigenschappen()


def _eigenschappen() -> None:
    zaaktype = catalogi.current_zaaktype("PARKVERG")
    if zaaktype is None:
        return
    existing = set(catalogi.eigenschappen_for(zaaktype))
    for naam, definitie, lengte in EIGENSCHAPPEN:
        if naam not in existing:
            catalogi.save(
                Eigenschap,
                None,
                {
                    "zaaktype": zaaktype,
                    "naam": naam,
                    "definitie": definitie,
                    "specificatie_formaat": "tekst",
                    "specificatie_lengte": lengte,
                    "specificatie_kardinaliteit": "1",
                },
                force=True,
            )


register_demo_loader("portal", load)
