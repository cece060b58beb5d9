"""Seeded generator of the Woo evaluation set: realistic Dutch municipal documents with gold
annotations of every passage a Woo decision must withhold.

    python benchmarks/data/woo/generate.py            # writes benchmarks/data/woo/evalset.json

All people, numbers and addresses are fictional: BSNs pass the 11-proef and IBANs mod-97 but
are random. The name lists here are the generator's own (not the detector's lexicon). The
set is split: ``dev`` (used while building the recognizers) and ``heldout`` (different seeds,
plus three document kinds that appear only there: telefoonnotitie, zienswijze,
subsidieaanvraag), so that the held-out figures say how the detector does on text it was not
tuned to.
"""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20261130
DEV_COUNT = 70
HELDOUT_COUNT = 70

FIRST = [
    "Jan",
    "Piet",
    "Kees",
    "Henk",
    "Gerrit",
    "Willem",
    "Johan",
    "Martin",
    "Erik",
    "Ruud",
    "Bas",
    "Daan",
    "Sem",
    "Lucas",
    "Thijs",
    "Jeroen",
    "Sander",
    "Niels",
    "Bram",
    "Koen",
    "Mohamed",
    "Yusuf",
    "Ahmet",
    "Mehmet",
    "Rachid",
    "Youssef",
    "Priya",
    "Wei",
    "Dimitri",
    "Tomasz",
    "Anna",
    "Maria",
    "Els",
    "Ingrid",
    "Marieke",
    "Sanne",
    "Lotte",
    "Femke",
    "Anouk",
    "Eva",
    "Sophie",
    "Julia",
    "Emma",
    "Fleur",
    "Iris",
    "Noor",
    "Fatima",
    "Aylin",
    "Samira",
    "Nadia",
    "Hanneke",
    "Wilma",
    "Trudy",
    "Joke",
    "Greet",
    "Anne-Marie",
    "Jan-Willem",
    "Margriet",
    "Esther",
    "Linda",
    "Petra",
    "Monique",
    "Karin",
    "Ilse",
    "Roos",
    "Mila",
    "Zeynep",
    "Ayşe",
    "Kofi",
    "Chantal",
    "Dewi",
    "Rik",
    "Wouter",
    "Stijn",
    "Hidde",
    "Jelle",
    "Sjoerd",
    "Tjeerd",
    "Geert",
    "Harm",
    "Frank",
    "Mark",
    "Dennis",
    "Patrick",
    "Marco",
    "Hans",
    "Ton",
    "Cor",
]
SURNAMES = [
    "de Vries",
    "Jansen",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "van Dijk",
    "Koster",
    "Prins",
    "Huisman",
    "Kuipers",
    "van der Linden",
    "Verhoeven",
    "Postma",
    "Willems",
    "El Amrani",
    "Yılmaz",
    "Kaya",
    "Öztürk",
    "Bouzid",
    "Benali",
    "Nguyen",
    "Kowalski",
    "Haddou",
    "van der Meer",
    "Schouten",
    "Kok",
    "Vermeulen",
    "Jacobs",
    "Timmermans",
    "van Wijk",
    "Boersma",
    "Veenstra",
    "Kramer",
    "Molenaar",
    "ter Horst",
    "ten Brink",
    "van 't Hof",
    "Zwart",
    "Blom",
    "de Jong-Bakker",
    "Pietersen",
    "Wolters",
    "Hoekman",
    "Lammers",
    "Rutten",
    "Gerritsen",
    "Evers",
    "Scholten",
    "van Beek",
    "Hermans",
    "Groen",
    "Dijkman",
    "Sanders",
    "Beekman",
    "Wagenaar",
    "Koopman",
    "Stam",
    "Meulenbelt",
    "Oosterveld",
    "Kleinjan",
    "Hofstede",
    "Nijland",
    "Raaijmakers",
    "van Rooij",
]
STREETS = [
    "Kerkstraat",
    "Dorpsstraat",
    "Molenweg",
    "Lindelaan",
    "Beukenlaan",
    "Stationsweg",
    "Julianastraat",
    "Burgemeester de Withstraat",
    "Oude Gracht",
    "Van Goghlaan",
    "Zuiderkade",
    "Schoolstraat",
    "Parallelweg",
    "Weverssingel",
    "Esdoornhof",
    "Ganzendijk",
    "Kastanjedreef",
    "Hoofdstraat",
    "Wilhelminapark",
    "Prins Hendrikkade",
    "Merelpad",
    "Zonnebloemstraat",
    "Industrieweg",
    "Vlasakker",
    "Kloosterhof",
    "Brinkstraat",
    "Havenkade",
    "Sportlaan",
    "Tulpstraat",
    "Eikenlaan",
    "Marktplein",
    "Noorderbrink",
    "Sluisweg",
    "Pastoor van Arsstraat",
    "Graaf Florisstraat",
    "Boterdijk",
]
CITIES = [
    "Voorbeeldstad",
    "Proefdorp",
    "Utrecht",
    "Amersfoort",
    "Zwolle",
    "Groningen",
    "Tilburg",
    "Apeldoorn",
    "Leeuwarden",
    "Haarlem",
    "Breda",
    "Deventer",
    "Emmen",
    "Almere",
]
PROVIDERS = ["gmail.com", "hotmail.com", "ziggo.nl", "kpnmail.nl", "outlook.com", "planet.nl", "xs4all.nl"]
BANKS = ["ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ"]
AREA = ["010", "020", "030", "033", "038", "050", "053", "070", "0591", "0318", "0546", "0499", "0172"]
ORG = {
    "name": "Gemeente Voorbeeldstad",
    "domain": "voorbeeldstad.nl",
    "street": "Stadhuisplein 1",
    "postcode": "9999 ZZ",
    "city": "Voorbeeldstad",
    "phone": "14 0999",
}
# Public officials in their public role: never withheld (the organisation's configured list).
OFFICIALS = [
    ("burgemeester", "Anna Dijkstra"),
    ("wethouder", "Kees Hoekstra"),
    ("wethouder", "Marleen Verbeek"),
    ("woordvoerder", "Ruud Oosterhuis"),
]
COMPANIES = [
    "Groenwerk Noord B.V.",
    "Aannemersbedrijf Smit & Zonen",
    "Bouwcombinatie Lindeboom",
    "Adviesbureau Waterkant",
    "Evenementenbureau De Feestfabriek",
    "Installatietechniek Oost B.V.",
    "Stichting Buurtkracht",
    "Vereniging Dorpsbelang",
    "Horeca De Gouden Leeuw",
]
SUBJECTS = [
    "de herinrichting van de Molenweg",
    "het evenement Zomerfeest",
    "de bouw van een dakkapel",
    "de kap van drie eiken",
    "parkeeroverlast in de wijk",
    "de nieuwe speeltuin",
    "de vergunning voor een terras",
    "geluidsoverlast van de sporthal",
    "de aanleg van een fietspad",
    "de sluiting van het zwembad",
    "de opvang van statushouders",
    "het bestemmingsplan Centrum-Oost",
]
SPECIAL = [
    "Mijn vader is sinds maart opgenomen in het ziekenhuis vanwege hartproblemen.",
    "Door haar burn-out kon zij de afspraak niet nakomen.",
    "Hij gebruikt sinds zijn herseninfarct een rolstoel en is afhankelijk van de aangepaste woning.",
    "Onze zoon heeft autisme en raakt overprikkeld door het lawaai.",
    "Als lid van de moskee aan de overkant heb ik de zorgen van de gemeenschap verzameld.",
    "Mijn vrouw is zwanger en heeft door de stank last van misselijkheid.",
    "Betrokkene is bekend bij de GGZ en staat onder behandeling van een psychiater.",
    "Hij is actief lid van de FNV en voerde het woord namens de vakbond.",
    "Ik ben arbeidsongeschikt en heb daarom weinig ruimte in mijn budget.",
    "Vanwege mijn geloof kan ik op vrijdagmiddag niet bij de hoorzitting aanwezig zijn.",
]
CONFIDENTIAL = [
    "De omzet van de onderneming bedroeg in 2023 ruim € 4,2 miljoen.",
    "Onze kostprijs per vierkante meter ligt op € 87,50, wat wij vertrouwelijk delen.",
    "Het uurtarief van de projectleider is € 118 exclusief btw.",
    "Deze calculatie is bedrijfsvertrouwelijk en bestemd voor de gemeente alleen.",
    "De winstmarge op dit project is beperkt tot 3 procent.",
    "Onze inschrijving kwam uit op een aanneemsom van € 1.245.000.",
    "De solvabiliteit van het bedrijf is onder druk komen te staan.",
]
OPINIONS = [
    "Ik vind dat we de aanvraag beter kunnen afwijzen, gezien de politieke gevoeligheid.",
    "Persoonlijk denk ik dat de wethouder hier te snel toezeggingen heeft gedaan.",
    "Mijns inziens is het plan financieel niet haalbaar.",
    "Naar mijn mening moeten we de buurt eerder betrekken dan we nu doen.",
    "Ik adviseer om het besluit uit te stellen tot na de raadsvergadering.",
    "Volgens mij is het risico op bezwaren groot als we zo doorgaan.",
    "Ik ben bang dat de planning niet haalbaar is.",
]


def bsn(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        if digits[0] == 0:
            continue
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        check = total % 11
        if check < 10:
            number = "".join(map(str, digits)) + str(check)
            return rng.choice(
                [
                    number,
                    f"{number[:4]}.{number[4:6]}.{number[6:]}",
                    f"{number[:3]} {number[3:6]} {number[6:]}",
                    number,
                ]
            )


def iban(rng: random.Random) -> str:
    country = rng.choices(["NL", "BE", "DE"], weights=[10, 1, 1])[0]
    if country == "NL":
        bban = rng.choice(BANKS) + "".join(rng.choice(string.digits) for _ in range(10))
    elif country == "BE":
        account = rng.randint(10**9, 10**10 - 1)
        bban = f"{account:010d}{account % 97 or 97:02d}"  # the Belgian national check
    else:
        bban = "".join(rng.choice(string.digits) for _ in range(18))
    if country == "BE" and not _belgian_bank_known(bban):
        return iban(rng)  # an account number no Belgian bank issues: draw again
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(numeric) % 97
    value = f"{country}{check:02d}{bban}"
    if rng.random() < 0.6:
        value = " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    return value


def _belgian_bank_known(bban: str) -> bool:
    from stdnum.be import iban as belgian

    numeric = "".join(str(int(c, 36)) for c in bban + "BE00")
    return belgian.is_valid(f"BE{98 - int(numeric) % 97:02d}{bban}")


def phone(rng: random.Random) -> str:
    if rng.random() < 0.5:
        rest = "".join(rng.choice(string.digits) for _ in range(8))
        return rng.choice(
            [
                f"06-{rest}",
                f"06 {rest[:4]} {rest[4:]}",
                f"06{rest}",
                f"+31 6 {rest}",
                f"+31 (0)6 {rest[:4]} {rest[4:]}",
                f"06 {rest[:2]} {rest[2:4]} {rest[4:6]} {rest[6:]}",
                f"+316{rest}",
            ]
        )
    area = rng.choice(AREA)
    rest = "".join(rng.choice(string.digits[1:]) for _ in range(10 - len(area)))
    return rng.choice(
        [
            f"{area}-{rest}",
            f"{area} {rest}",
            f"({area}) {rest}",
            f"+31 {area[1:]} {rest}",
            f"{area} {rest[:3]} {rest[3:]}",
        ]
    )


def postcode(rng: random.Random) -> str:
    while True:
        letters = "".join(rng.choice(string.ascii_uppercase) for _ in range(2))
        if letters not in ("SA", "SD", "SS"):
            return f"{rng.randint(1000, 9989)}{rng.choice([' ', ' ', ''])}{letters}"


def plate(rng: random.Random) -> str:
    shape = rng.choice(
        [
            "LL-99-LL",
            "99-LLL-9",
            "9-LLL-99",
            "LL-999-L",
            "L-999-LL",
            "LLL-99-L",
            "99-LL-LL",
            "L-99-LLL",
            "9-LL-999",
            "99-LL-99",
        ]
    )
    letters = "BDFGHJKLNPRSTVXZ"
    return "".join(
        rng.choice(letters) if c == "L" else rng.choice(string.digits) if c == "9" else c for c in shape
    )


def birth_date(rng: random.Random) -> str:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1935, 2005)
    months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]
    return rng.choice(
        [f"{day:02d}-{month:02d}-{year}", f"{day} {months[month - 1]} {year}", f"{day}/{month}/{year}"]
    )


def date(rng: random.Random) -> str:
    months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]
    return f"{rng.randint(1, 28)} {rng.choice(months)} {rng.choice([2023, 2024, 2025])}"


class Person:
    def __init__(self, rng: random.Random):
        self.first = rng.choice(FIRST)
        self.surname = rng.choice(SURNAMES)
        self.male = rng.random() < 0.5
        self.initials = "".join(f"{p[0]}." for p in self.first.split("-")) + (
            f"{rng.choice('ABCDEHJKMPRW')}." if rng.random() < 0.3 else ""
        )
        self.street = f"{rng.choice(STREETS)} {rng.randint(1, 240)}{rng.choice(['', '', '', 'a', 'B', '-2'])}"
        self.postcode = postcode(rng)
        self.city = rng.choice(CITIES)
        self.phone = phone(rng)
        local = rng.choice(
            [
                f"{self.first.lower()}.{self.plain_surname}",
                f"{self.first[0].lower()}{self.plain_surname}",
                f"{self.first.lower()}{rng.randint(1, 99)}",
            ]
        )
        self.email = f"{local}@{rng.choice(PROVIDERS)}"
        self.bsn = bsn(rng)
        self.iban = iban(rng)
        self.born = birth_date(rng)
        self.plate = plate(rng)

    @property
    def plain_surname(self) -> str:
        return "".join(c for c in self.surname.lower().replace("ı", "i").replace("ö", "o") if c.isalpha())

    @property
    def full(self) -> str:
        return f"{self.first} {self.surname}"

    def surname_cap(self) -> str:
        return self.surname[0].upper() + self.surname[1:]

    def formal(self, rng) -> tuple[str, str]:
        """(title, name) as a letter writes it: 'de heer' + 'P. de Vries'."""
        title = rng.choice(["de heer", "dhr."] if self.male else ["mevrouw", "mw.", "mevr."])
        name = rng.choice([f"{self.initials} {self.surname}", self.full, self.surname_cap()])
        return title, name


class Employee(Person):
    def __init__(self, rng):
        super().__init__(rng)
        self.email = f"{self.first[0].lower()}.{self.plain_surname}@{ORG['domain']}"
        self.role = rng.choice(
            [
                "beleidsmedewerker",
                "vergunningverlener",
                "jurist",
                "projectleider",
                "toezichthouder",
                "adviseur openbare ruimte",
                "teamleider",
            ]
        )


class Doc:
    """Text with gold spans: ``add`` plain text, ``pii`` a passage to withhold."""

    def __init__(self, kind: str):
        self.kind = kind
        self.parts: list[str] = []
        self.length = 0
        self.gold: list[dict] = []

    def add(self, *texts: str) -> Doc:
        for text in texts:
            self.parts.append(text)
            self.length += len(text)
        return self

    def pii(self, kind: str, value: str) -> Doc:
        self.gold.append({"start": self.length, "end": self.length + len(value), "type": kind, "text": value})
        return self.add(value)

    def name(self, person: Person, rng, form: str | None = None) -> Doc:
        form = form or rng.choice(["full", "full", "initials", "formal"])
        if form == "formal":
            title, name = person.formal(rng)
            return self.add(title, " ").pii("naam", name)
        return self.pii("naam", person.full if form == "full" else f"{person.initials} {person.surname}")

    def address_block(self, person: Person, rng) -> Doc:
        self.pii("adres", person.street).add("\n").pii("postcode", person.postcode).add(f" {person.city}\n")
        return self

    def text(self) -> str:
        return "".join(self.parts)


def letterhead(doc: Doc, rng) -> None:
    doc.add(
        f"{ORG['name']}\n{ORG['street']}\n{ORG['postcode']} {ORG['city']}\nTelefoon {ORG['phone']}\n"
        f"info@{ORG['domain']}\n\n"
    )


def official(rng) -> str:
    role, name = rng.choice(OFFICIALS)
    return f"{role} {name}" if rng.random() < 0.7 else f"{role} {name.split()[0][0]}. {name.split()[-1]}"


def maybe(rng, p: float) -> bool:
    return rng.random() < p


def outgoing_letter(rng) -> Doc:
    doc, person, employee = Doc("brief"), Person(rng), Employee(rng)
    letterhead(doc, rng)
    title, name = person.formal(rng)
    doc.add(f"Aan {title} ").pii("naam", name).add("\n").address_block(person, rng)
    doc.add(
        f"\nDatum: {date(rng)}\nKenmerk: {rng.randint(100000000, 999999999)}\n"
        f"Onderwerp: {rng.choice(SUBJECTS)}\n\n"
    )
    doc.add(f"Geachte {title.replace('dhr.', 'heer').replace('mw.', 'mevrouw').replace('mevr.', 'mevrouw')} ")
    doc.pii("naam", person.surname_cap()).add(",\n\n")
    doc.add(f"Op {date(rng)} ontvingen wij uw aanvraag over {rng.choice(SUBJECTS)}. ")
    if maybe(rng, 0.5):
        doc.add("Uw aanvraag is geregistreerd onder burgerservicenummer ").pii("bsn", person.bsn).add(". ")
    doc.add(
        f"In deze brief leest u ons besluit. Het college heeft, na overleg met {official(rng)}, "
        f"besloten uw aanvraag toe te wijzen.\n\n"
    )
    if maybe(rng, 0.5):
        doc.add("De leges van € 84,50 storten wij terug op rekeningnummer ").pii("iban", person.iban).add(
            f" ten name van {title} "
        ).pii("naam", f"{person.initials} {person.surname}").add(".\n\n")
    if maybe(rng, 0.3):
        doc.add("Uit uw aanvraag blijkt het volgende: ").pii("bijzonder", rng.choice(SPECIAL)).add("\n\n")
    doc.add("Heeft u vragen? Neem dan contact op met ").name(employee, rng, "full").add(", te bereiken via ")
    doc.pii("telefoon", phone(rng)).add(" of ").pii("email", employee.email).add(".\n\n")
    doc.add(
        "Met vriendelijke groet,\n\nHet college van burgemeester en wethouders van Voorbeeldstad,\n"
        "namens deze,\n\n"
    ).pii("naam", employee.full).add(f"\n{employee.role.capitalize()}\n")
    return doc


def incoming_letter(rng) -> Doc:
    doc, person = Doc("bezwaar"), Person(rng)
    neighbour = Person(rng)
    doc.pii("naam", person.full).add("\n").address_block(person, rng)
    doc.add("Tel.: ").pii("telefoon", person.phone).add("\n")
    doc.add("E-mail: ").pii("email", person.email).add("\n\n")
    doc.add(
        f"Aan het college van burgemeester en wethouders\n{ORG['name']}\n"
        "Postbus 100\n9999 ZZ Voorbeeldstad\n\n"
    )
    doc.add(
        f"{person.city}, {date(rng)}\n\nBetreft: bezwaar tegen besluit {rng.randint(2023, 2025)}-"
        f"{rng.randint(1000, 9999)}\n\nGeachte heer, mevrouw,\n\n"
    )
    doc.add(f"Hierbij maak ik bezwaar tegen uw besluit over {rng.choice(SUBJECTS)}. ")
    doc.add("Mijn buurman, ").name(neighbour, rng).add(", woonachtig aan de ").pii("adres", neighbour.street)
    doc.add(", heeft mij gewezen op de gevolgen voor onze straat. ")
    if maybe(rng, 0.6):
        doc.pii("bijzonder", rng.choice(SPECIAL)).add(" ")
    doc.add(
        "Ik verzoek u het besluit te herroepen.\n\nMijn gegevens voor de volledigheid:\nGeboortedatum: "
    ).pii("geboortedatum", person.born).add("\nBSN: ").pii("bsn", person.bsn).add("\n")
    if maybe(rng, 0.5):
        doc.add("IBAN voor vergoeding van kosten: ").pii("iban", person.iban).add("\n")
    doc.add(f"\n{rng.choice(['Hoogachtend,', 'Met vriendelijke groet,'])}\n\n").pii("naam", person.full).add(
        "\n"
    )
    return doc


def email_thread(rng) -> Doc:
    doc = Doc("e-mail")
    a, b, external = Employee(rng), Employee(rng), Person(rng)
    company = rng.choice(COMPANIES)
    doc.add("Van: ").pii("naam", a.full).add(" <").pii("email", a.email).add(">\n")
    doc.add("Aan: ").pii("naam", b.full).add(" <").pii("email", b.email).add(">\n")
    if maybe(rng, 0.5):
        doc.add(f"CC: woo@{ORG['domain']}\n")
    doc.add(
        f"Verzonden: {date(rng)} {rng.randint(8, 17)}:{rng.randint(10, 59)}\n"
        f"Onderwerp: RE: {rng.choice(SUBJECTS)}\n\n"
    )
    doc.add(rng.choice(["Hoi ", "Beste ", "Hallo "])).pii("naam", b.first).add(",\n\n")
    doc.add(f"Ik heb vanochtend gebeld met {company} over de planning. Hun contactpersoon, ")
    doc.name(external, rng, rng.choice(["full", "initials"])).add(", is bereikbaar op ")
    doc.pii("telefoon", external.phone).add(". ")
    if maybe(rng, 0.6):
        doc.pii("bedrijf", rng.choice(CONFIDENTIAL)).add(" ")
    if maybe(rng, 0.7):
        doc.pii("mening", rng.choice(OPINIONS)).add(" ")
    doc.add(f"Wil jij dit afstemmen met {official(rng)} voor het portefeuilleoverleg van {date(rng)}?\n\n")
    doc.add(rng.choice(["Groet,", "Met vriendelijke groet,", "Groeten,"]) + "\n").pii(
        "naam", a.first if maybe(rng, 0.3) else a.full
    ).add(f"\n{a.role.capitalize()} | {ORG['name']}\nT ").pii("telefoon", a.phone).add("\n")
    if maybe(rng, 0.6):
        doc.add("\n-----Oorspronkelijk bericht-----\nVan: ").pii("naam", external.full).add(" <")
        doc.pii("email", external.email).add(">\nAan: ").pii("email", a.email).add(
            f"\nOnderwerp: {rng.choice(SUBJECTS)}\n\nGoedemiddag,\n\nZoals besproken stuur ik de stukken na. "
            f"Onze auto met kenteken "
        ).pii("kenteken", external.plate).add(" staat dan op het terrein.\n\nMet vriendelijke groet,\n").pii(
            "naam", external.full
        ).add(f"\n{company}\n")
    return doc


def minutes(rng) -> Doc:
    doc = Doc("notulen")
    people = [Employee(rng) for _ in range(rng.randint(3, 5))]
    residents = [Person(rng) for _ in range(2)]
    doc.add(
        f"Verslag overleg {rng.choice(SUBJECTS)}\nDatum: {date(rng)}\nLocatie: {ORG['street']}, "
        f"Voorbeeldstad\n\nAanwezig: "
    )
    role, official_name = rng.choice(OFFICIALS)
    doc.add(f"{official_name} ({role}), ")
    for i, person in enumerate(people):
        doc.pii("naam", person.full if i % 2 == 0 else f"{person.initials} {person.surname}")
        doc.add(f" ({person.role})" + (", " if i < len(people) - 1 else "\n"))
    doc.add("Afwezig: ").pii("naam", residents[0].full).add(" (bewonerscommissie)\n")
    doc.add("Notulist: ").pii("naam", people[-1].full).add("\n\n1. Opening en mededelingen\n")
    doc.add(
        f"De voorzitter opent de vergadering. {official_name.split()[-1]} meldt dat de planning is "
        "aangepast.\n\n2. Stand van zaken\n"
    )
    doc.pii("naam", people[0].first).add(" licht toe dat de bewoners zijn geïnformeerd. ")
    doc.add("Bewoner ").name(residents[1], rng, "formal").add(" van de ").pii("adres", residents[1].street)
    doc.add(" heeft gebeld over overlast; terugbellen op ").pii("telefoon", residents[1].phone).add(". ")
    if maybe(rng, 0.5):
        doc.pii("bijzonder", rng.choice(SPECIAL)).add(" ")
    if maybe(rng, 0.6):
        doc.pii("mening", rng.choice(OPINIONS)).add(" ")
    doc.add("\n\n3. Actiepunten\n- ").pii("naam", people[1].full).add(" stuurt de bewonersbrief.\n- ")
    doc.pii("naam", people[2].full).add(
        " neemt contact op met de aannemer.\n\n4. Rondvraag en sluiting\n"
        "Geen vragen. De voorzitter sluit de vergadering.\n"
    )
    return doc


def permit(rng) -> Doc:
    doc, person, employee = Doc("vergunning"), Person(rng), Employee(rng)
    letterhead(doc, rng)
    kind = rng.choice(
        ["parkeervergunning", "omgevingsvergunning", "evenementenvergunning", "standplaatsvergunning"]
    )
    doc.add(
        f"BESLUIT {kind.upper()}\n\n"
        f"Zaaknummer: ZAAK-{rng.randint(2023, 2025)}-{rng.randint(1, 99999):07d}\n\n"
    )
    doc.add("Aanvrager: ").pii("naam", f"{person.initials} {person.surname}").add("\nAdres: ").pii(
        "adres", person.street
    ).add(", ").pii("postcode", person.postcode).add(f" {person.city}\n")
    if kind == "parkeervergunning":
        doc.add("Kenteken: ").pii("kenteken", person.plate).add("\n")
    doc.add(
        f"Datum aanvraag: {date(rng)}\n\nHet college van burgemeester en wethouders besluit, gelet op "
        f"de Algemene plaatselijke verordening, de {kind} te verlenen "
    )
    if kind == "parkeervergunning":
        doc.add("voor het voertuig met kenteken ").pii("kenteken", person.plate).add(" ")
    doc.add(
        "onder de volgende voorschriften.\n\n1. De vergunninghouder houdt zich aan de geldende regels.\n"
        "2. De vergunning is persoonsgebonden.\n\n"
    )
    if maybe(rng, 0.4):
        doc.add("Overwegingen: ").pii("bijzonder", rng.choice(SPECIAL)).add("\n\n")
    doc.add(f"Voorbeeldstad, {date(rng)}\n\nNamens het college,\n\n").pii("naam", employee.full).add(
        f"\n{employee.role}\n\nBezwaar: binnen zes weken na verzending bij het college.\n"
    )
    return doc


def complaint(rng) -> Doc:
    doc, person = Doc("melding"), Person(rng)
    doc.add(f"Melding openbare ruimte – formulier\nIngediend op {date(rng)}\n\n")
    doc.add("Naam melder: ").pii("naam", person.full).add("\nTelefoonnummer: ").pii("telefoon", person.phone)
    doc.add("\nE-mailadres: ").pii("email", person.email).add("\nAdres: ").pii("adres", person.street).add(
        ", "
    )
    doc.pii("postcode", person.postcode).add(f" {person.city}\n\nOmschrijving:\n")
    doc.add(f"Bij {rng.choice(STREETS)} ligt al weken grofvuil naast de container. ")
    if maybe(rng, 0.5):
        doc.add("Er staat steeds een busje met kenteken ").pii("kenteken", plate(rng)).add(
            " dat het afval dumpt. "
        )
    if maybe(rng, 0.4):
        doc.pii("bijzonder", rng.choice(SPECIAL)).add(" ")
    doc.add("Graag actie.\n")
    return doc


def memo(rng) -> Doc:
    doc, author, reader = Doc("memo"), Employee(rng), Employee(rng)
    doc.add(f"INTERNE MEMO\n\nAan: {official(rng)}\nVan: ").pii("naam", author.full).add(
        f" ({author.role})\nCc: "
    ).pii("naam", reader.full).add(f"\nDatum: {date(rng)}\nOnderwerp: {rng.choice(SUBJECTS)}\n\n")
    doc.add(
        f"Aanleiding\nNaar aanleiding van vragen van {rng.choice(COMPANIES)} over {rng.choice(SUBJECTS)} "
        "is een advies gevraagd. "
    )
    for _ in range(rng.randint(1, 3)):
        doc.pii("mening", rng.choice(OPINIONS)).add(" ")
    if maybe(rng, 0.6):
        doc.pii("bedrijf", rng.choice(CONFIDENTIAL)).add(" ")
    doc.add("\n\nAdvies\nHet voorstel wordt besproken in het college. ").pii("naam", reader.full)
    doc.add(" bereidt de raadsinformatiebrief voor.\n")
    return doc


# --- Held-out kinds: written after the recognizers, never used to tune them. ----------------


def phone_note(rng) -> Doc:
    doc, caller, employee = Doc("telefoonnotitie"), Person(rng), Employee(rng)
    doc.add("Telefoonnotitie\nGenoteerd door ").pii("naam", employee.full).add(f" op {date(rng)}\n\n")
    doc.add("Beller: ").name(caller, rng, rng.choice(["full", "formal"])).add(", terug te bellen op ")
    doc.pii("telefoon", caller.phone).add(" (mobiel) of per mail ").pii("email", caller.email).add(".\n")
    doc.add("Woont op ").pii("adres", caller.street).add(" in ").add(caller.city).add(
        f". Belt over {rng.choice(SUBJECTS)}. "
    )
    if maybe(rng, 0.5):
        doc.pii("bijzonder", rng.choice(SPECIAL)).add(" ")
    doc.add(f"Zij/hij vraagt of {official(rng)} hierop wil reageren. Afgesproken dat ")
    doc.pii("naam", employee.first).add(" binnen een week terugbelt.\n")
    return doc


def third_party_view(rng) -> Doc:
    doc, contact = Doc("zienswijze"), Person(rng)
    company = rng.choice(COMPANIES)
    doc.add(
        f"{company}\nt.a.v. de Woo-coördinator\n\nZienswijze in het kader van het Woo-verzoek over "
        f"{rng.choice(SUBJECTS)}\n\n"
    )
    doc.add("Wij hebben kennisgenomen van de documenten die u voornemens bent openbaar te maken. ")
    doc.pii("bedrijf", rng.choice(CONFIDENTIAL)).add(" ")
    doc.pii("bedrijf", rng.choice(CONFIDENTIAL)).add(
        " Wij verzoeken u deze passages niet openbaar te maken.\n\n"
    )
    doc.add("Onze contactpersoon is ").name(contact, rng, "formal").add(" (").pii("email", contact.email)
    doc.add(", ").pii("telefoon", contact.phone).add(
        "). Betalingen lopen via ons zakelijke rekeningnummer.\n\nMet vriendelijke groet,\n\n"
    ).pii("naam", contact.full)
    doc.add(f"\nDirecteur, {company}\n")
    return doc


def subsidy(rng) -> Doc:
    doc, person = Doc("subsidieaanvraag"), Person(rng)
    doc.add(f"Aanvraagformulier subsidie Leefbaarheid {rng.choice([2024, 2025])}\n\n1. Gegevens aanvrager\n")
    doc.add("Voorletters en achternaam: ").pii("naam", f"{person.initials} {person.surname}").add("\n")
    doc.add("Straat en huisnummer: ").pii("adres", person.street).add("\nPostcode en plaats: ")
    doc.pii("postcode", person.postcode).add(f" {person.city}\nGeboren op: ").pii(
        "geboortedatum", person.born
    )
    doc.add("\nBurgerservicenummer: ").pii("bsn", person.bsn).add("\nRekeningnummer (IBAN): ").pii(
        "iban", person.iban
    ).add("\nTelefoon overdag: ").pii("telefoon", person.phone).add("\n\n")
    doc.add(
        f"2. Activiteit\nBuurtfeest op het {rng.choice(STREETS)}plein, in samenwerking met "
        f"{rng.choice(COMPANIES)}. Begroting € {rng.randint(500, 5000)},-.\n\n3. Ondertekening\n"
    )
    doc.add(f"Plaats en datum: {person.city}, {date(rng)}\nHandtekening: ").pii("naam", person.full).add("\n")
    return doc


DEV_KINDS = [outgoing_letter, incoming_letter, email_thread, minutes, permit, complaint, memo]
HELDOUT_KINDS = DEV_KINDS + [phone_note, third_party_view, subsidy]


def generate() -> list[dict]:
    documents = []
    for split, count, kinds, offset in (
        ("dev", DEV_COUNT, DEV_KINDS, 0),
        ("heldout", HELDOUT_COUNT, HELDOUT_KINDS, 100_000),
    ):
        for index in range(count):
            rng = random.Random(SEED + offset + index)
            doc = kinds[index % len(kinds)](rng)
            text = doc.text()
            for span in doc.gold:
                assert text[span["start"] : span["end"]] == span["text"], (doc.kind, span)
            documents.append(
                {
                    "id": f"{split}-{index:03d}",
                    "split": split,
                    "kind": doc.kind,
                    "text": text,
                    "gold": sorted(doc.gold, key=lambda s: s["start"]),
                }
            )
    return documents


def main() -> None:
    documents = generate()
    payload = {
        "seed": SEED,
        "officials": [name for _, name in OFFICIALS],
        "public_terms": [ORG["street"], ORG["postcode"], ORG["phone"]],
        "documents": documents,
    }
    (HERE / "evalset.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(documents)} documents, {sum(len(d['gold']) for d in documents)} gold spans")


if __name__ == "__main__":
    main()
