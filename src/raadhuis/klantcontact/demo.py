"""Demo FAQ of Gemeente Voorbeeldstad. Idempotent; the texts are what the bot may answer."""

from __future__ import annotations

from raadhuis.platform.demo import register_demo_loader

PORTAL = "/klantcontact/voorbeeldstad"
FAQ = [
    (
        "openingstijden",
        "contact",
        "Wat zijn de openingstijden van het stadskantoor?",
        "Het stadskantoor aan het Stadhuisplein 1 is open op maandag tot en met vrijdag "
        "van 9.00 tot 17.00 uur, "
        "op donderdag tot 20.00 uur. Voor de meeste producten maakt u eerst een afspraak.",
        "openingstijden stadskantoor open gesloten loket balie tijden",
        "",
    ),
    (
        "afspraak-maken",
        "contact",
        "Hoe maak ik een afspraak bij de gemeente?",
        "U maakt een afspraak online via de afsprakenpagina of telefonisch via 14 0999. Neem een geldig "
        "identiteitsbewijs mee.",
        "afspraak maken inplannen reserveren balie",
        "",
    ),
    (
        "contact",
        "contact",
        "Hoe kan ik de gemeente bereiken?",
        "U belt de gemeente op 14 0999 (werkdagen 8.30 tot 17.00 uur) of stuurt een "
        "bericht via Mijn gemeente. "
        "Ons adres is Stadhuisplein 1, Voorbeeldstad.",
        "telefoonnummer bellen mailen e-mail adres bereiken contact",
        "",
    ),
    (
        "verhuizing-doorgeven",
        "product_vraag",
        "Hoe geef ik mijn verhuizing door?",
        "Een verhuizing geeft u uiterlijk 5 dagen na de verhuisdatum door, online met DigiD. Dat kan vanaf "
        "4 weken voor de verhuizing. Het is gratis.",
        "verhuizen verhuizing adreswijziging inschrijven nieuw adres",
        "ik ga verhuizen\nnieuw adres doorgeven",
    ),
    (
        "rijbewijs",
        "product_vraag",
        "Hoe verleng ik mijn rijbewijs?",
        "Een rijbewijs vraagt u aan bij de gemeente waar u staat ingeschreven. Maak een afspraak en neem een "
        "pasfoto mee. De kosten zijn € 52,40. Na 5 werkdagen haalt u het op.",
        "rijbewijs verlengen vernieuwen rijbewijzen autorijbewijs",
        "",
    ),
    (
        "identiteitskaart",
        "product_vraag",
        "Hoe vraag ik een identiteitskaart aan?",
        "Een identiteitskaart vraagt u persoonlijk aan op afspraak. Neem een pasfoto en "
        "uw oude ID-kaart mee. "
        "Kosten: € 77,85 vanaf 18 jaar.",
        "id-kaart identiteitskaart idkaart identiteitsbewijs",
        "",
    ),
    (
        "grofvuil",
        "product_vraag",
        "Hoe laat ik grofvuil ophalen?",
        "Grofvuil wordt op afspraak gratis opgehaald, maximaal 4 keer per jaar 2 m3. Meld het online aan; "
        "zet het op de ophaaldag voor 7.30 uur buiten.",
        "grofvuil grof afval ophalen bank matras meubels",
        "",
    ),
    (
        "afvalkalender",
        "product_vraag",
        "Wanneer wordt mijn afval opgehaald?",
        "Op de afvalkalender ziet u per postcode wanneer de groene, blauwe en grijze "
        "container worden geleegd. "
        "Zet de container voor 7.30 uur aan de straat.",
        "afvalkalender container kliko gft papier restafval ophaaldag vuilnis",
        "",
    ),
    (
        "afvalpas",
        "product_vraag",
        "Waar vraag ik een afvalpas aan?",
        "Een nieuwe afvalpas voor de ondergrondse container vraagt u online aan. Een "
        "vervangende pas kost € 10,00.",
        "afvalpas milieupas pasje ondergrondse container kwijt",
        "",
    ),
    (
        "hondenbelasting",
        "product_vraag",
        "Moet ik hondenbelasting betalen?",
        "Heeft u een hond, dan betaalt u hondenbelasting: € 98,40 per hond per jaar. Meld uw hond aan of af "
        "via het belastingloket.",
        "hond honden hondenbelasting belasting aanmelden afmelden",
        "",
    ),
    (
        "kwijtschelding",
        "product_vraag",
        "Kan ik kwijtschelding krijgen van gemeentelijke belastingen?",
        "Heeft u een laag inkomen en weinig vermogen, dan kunt u kwijtschelding aanvragen voor de "
        "afvalstoffenheffing en rioolheffing. Vraag het aan binnen 3 maanden na de aanslag.",
        "kwijtschelding belasting aanslag betalen niet kunnen laag inkomen ozb",
        "",
    ),
    (
        "uittreksel-brp",
        "product_vraag",
        "Hoe krijg ik een uittreksel uit de BRP?",
        "Een uittreksel uit de Basisregistratie Personen vraagt u online aan met DigiD. "
        "Het kost € 14,90 en u "
        "krijgt het binnen 5 werkdagen per post.",
        "uittreksel brp gba bewijs inschrijving",
        "",
    ),
    (
        "geboorte-aangifte",
        "product_vraag",
        "Hoe doe ik aangifte van een geboorte?",
        "Doe binnen 3 dagen na de geboorte aangifte bij de gemeente waar het kind is "
        "geboren. Maak een afspraak; "
        "de aangifte is gratis.",
        "geboorte baby kind aangifte geboren",
        "",
    ),
    (
        "trouwen",
        "product_vraag",
        "Hoe plan ik een huwelijk of partnerschap?",
        "U meldt uw voorgenomen huwelijk of partnerschap online, minimaal 2 weken en maximaal 1 jaar vooraf. "
        "Daarna kiest u een datum en trouwlocatie.",
        "trouwen huwelijk partnerschap bruiloft ceremonie",
        "",
    ),
    (
        "bijstand",
        "product_vraag",
        "Hoe vraag ik een bijstandsuitkering aan?",
        "Heeft u te weinig inkomen om van te leven, dan kunt u bijstand aanvragen. Meld u eerst bij het UWV "
        "(werk.nl); daarna vraagt de gemeente uw gegevens op.",
        "bijstand uitkering geld inkomen participatiewet",
        "",
    ),
    (
        "bouwvergunning",
        "product_vraag",
        "Heb ik een vergunning nodig om te verbouwen?",
        "Voor veel verbouwingen heeft u een omgevingsvergunning nodig. Doe de vergunningcheck in het "
        "Omgevingsloket; de aanvraag doet u daar ook.",
        "verbouwen bouwen dakkapel aanbouw omgevingsvergunning bouwvergunning schuur",
        "",
    ),
]


def load(voorbeeldstad, proefdorp) -> None:
    from raadhuis.klantcontact.models import Faq

    for slug, soort, question, answer, keywords, examples in FAQ:
        Faq.objects.get_or_create(
            organisation=voorbeeldstad,
            slug=slug,
            defaults={
                "soort": soort,
                "question": question,
                "answer": answer,
                "keywords": keywords,
                "examples": examples,
                "url": f"{PORTAL}/veelgestelde-vragen/#{slug}",
            },
        )


register_demo_loader("klantcontact", load)
