"""Person names and home addresses: a Dutch name grammar applied in the contexts where names
occur (forms of address, e-mail headers, signatures, attendance lists, greetings), a
first-name lexicon, and propagation of every name found to its other occurrences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from raadhuis.woo.detection import lexicon
from raadhuis.woo.detection.findings import Finding

UPPER = "A-ZÀ-ÖØ-ÝĀ-Ž"
LOWER = "a-zß-öø-ÿā-ž"
WORD = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?"
INITIALS = rf"(?:[{UPPER}]\.[ ]?){{1,4}}(?:[{UPPER}][{LOWER}]?\.[ ]?)?"
_interfix_alternatives = "|".join(re.escape(i) for i in sorted(lexicon.INTERFIXES, key=len, reverse=True))
INTERFIX = rf"(?:(?:{_interfix_alternatives})[ ])"
INTERFIX_CAP = rf"(?:(?i:{_interfix_alternatives})[ ])"
SURNAME = rf"{WORD}(?:[ ]?-[ ]?{INTERFIX}?{WORD})?"
# "J.P. de Vries", "Anne-Marie van den Berg-Jansen", "Piet Hein Donner"
FULL_NAME = rf"(?:{INITIALS}|(?:{WORD}[ ]){{1,2}})(?:{INTERFIX})?{SURNAME}"
TITLES = (
    r"de heer|mevrouw|meneer|mevr\.?|mw\.?|dhr\.?|hr\.?|heer|familie|fam\.|mr\.|drs\.|dr\.|"
    r"ir\.|ing\.|prof\.|ds\."
)
TITLED = re.compile(rf"\b(?i:{TITLES})[ ]+((?:{FULL_NAME})|(?:{INTERFIX_CAP})?{SURNAME})")
TITLED_SURNAME = re.compile(rf"\b(?i:{TITLES})[ ]+((?:{INTERFIX_CAP})?{SURNAME})")
INITIALLED = re.compile(rf"(?<![\w.])({INITIALS}(?:{INTERFIX_CAP})?{SURNAME})")
CAPITAL_RUN = re.compile(rf"\b({WORD}(?:[ ]{WORD})?[ ](?:{INTERFIX})?{SURNAME})")
HEADER = re.compile(r"^(?:Van|Aan|CC|Cc|Bcc|From|To|Namens|Afzender|Geadresseerde)\s*:\s*(.+)$", re.MULTILINE)
ATTENDANCE = re.compile(
    r"^(?:Aanwezig|Afwezig(?: met kennisgeving)?|Notulist|Notulen|Voorzitter|Genodigden|Deelnemers|"
    r"Verslaglegging|Gesprekspartners?|Contactpersoon|Behandelaar|Aanvrager|Melder|Verzoeker|Indiener|"
    r"Opgesteld door|Uitgevoerd door|Gesproken met|Naam|Naam aanvrager|Naam melder)\s*:\s*(.+)$",
    re.MULTILINE | re.IGNORECASE,
)
CLOSING = re.compile(
    r"^(?:Met vriendelijke groet(?:en)?|Vriendelijke groet(?:en)?|Hoogachtend|"
    r"Groet(?:en)?|Hartelijke groet(?:en)?|Mvg|Met groet)[,.]?\s*\n+(.+)$",
    re.MULTILINE | re.IGNORECASE,
)
GREETING = re.compile(
    rf"^(?:Beste|Hoi|Hallo|Dag|Lieve|Goedemorgen|Goedemiddag)[ ]+({WORD}(?:[ ]{FULL_NAME})?)", re.MULTILINE
)
NAME_IN_LINE = re.compile(rf"(?:{INITIALS}|{WORD}[ ])?(?:{INTERFIX_CAP})?{SURNAME}|{WORD}")
NOT_NAME_WORDS = re.compile(
    r"\b(gemeente|college|team|afdeling|burgemeester en wethouders|b\.v\.|bv|n\.v\.|stichting|vereniging|"
    r"bureau|advies|bouw|dienst|raad|provincie|ministerie|waterschap|omgevingsdienst|politie|"
    r"brandweer|ggd|holding|groep|installatie|techniek|makelaar|notaris|advocaten|straat|laan|weg|"
    r"plein|postbus|namens)\b",
    re.IGNORECASE,
)
STREET_SUFFIX = (
    "straat|laan|weg|plein|gracht|kade|singel|dijk|pad|hof|steeg|dreef|park|markt|erf|"
    "baan|wal|plantsoen|ring|veld|kamp|akker|berg|dam|haven|hoek|kant|poort|weide|zoom|"
    "horst|wijk|oord|gaarde|donk|rade|brink|boulevard|allee|promenade|passage|vaart|"
    "dreve|hoeve|burg|straatje|laantje|pleintje|polder|weiden|tuin|tuinen|bos|dal|heuvel|"
    "gang|kerkhof|molen|sloot|water|wetering|vliet"
)
STREET_PREFIX = (
    "Burgemeester|Pastoor|Pater|Graaf|Gravin|Prins|Prinses|Koningin|Koning|Oude|Nieuwe|Lange|"
    "Korte|Hoge|Lage|Grote|Kleine|Sint|St\\.|Dokter|Dr\\.|Professor|Prof\\.|Generaal|Kapitein|"
    "Admiraal|Jonkheer|Mr\\.|Van|De|Johan|Willem|Hendrik|Jacob|Frans|Karel|Anna|Maria|Emma"
)
ADDRESS = re.compile(
    rf"\b((?:(?:{STREET_PREFIX})[ ](?:(?:van|de|der|den|het|'t|ten|ter)[ ])*){{0,2}}(?=[{UPPER}])[\w'-]*?"
    rf"(?i:{STREET_SUFFIX})[ ]+\d{{1,5}}(?:[ ]?[a-zA-Z]\b|[- ]?(?:bis|hs|huis|I{{1,3}})\b|-\d{{1,3}}\b)?)"
)
STREET_END = re.compile(rf"\w{{2,}}(?i:{STREET_SUFFIX})$")
STOP_SURNAME = {"Gracht", "Plein", "Straat", "Laan", "Weg"}


def addresses(text: str) -> Iterator[Finding]:
    for match in ADDRESS.finditer(text):
        value = match.group(1)
        if not value.lower().startswith("postbus"):
            yield Finding(match.start(1), match.end(1), "adres", value)


def names(text: str, *, public: Iterable[str] = ()) -> list[Finding]:
    candidates = list(_contextual(text)) + list(_lexical(text))
    public_keys = {_key(name) for name in public}
    found = [c for c in candidates if _plausible(c.text) and not _is_public(c.text, public_keys)]
    return found + list(_propagate(text, found, public_keys))


def _contextual(text: str) -> Iterator[Finding]:
    for pattern in (TITLED, TITLED_SURNAME, INITIALLED):
        for match in pattern.finditer(text):
            yield _finding(match, 1, "context")
    for pattern in (HEADER, ATTENDANCE):
        for match in pattern.finditer(text):
            yield from _names_in_list(text, match.start(1), match.group(1))
    for match in CLOSING.finditer(text):
        line = match.group(1).strip()
        if len(line.split()) <= 6 and not NOT_NAME_WORDS.search(line):
            yield from _names_in_list(text, match.start(1), match.group(1))
    for match in GREETING.finditer(text):
        yield _finding(match, 1, "context")


def _names_in_list(text: str, offset: int, line: str) -> Iterator[Finding]:
    """Names in 'Piet de Vries (voorzitter), J. Bakker; "Jansen, K." <k.jansen@x.nl>'."""
    for part in re.split(r"[;,]|\s+en\s+|\s+<[^>]*>|\([^)]*\)|\"", line):
        item = part.strip(" .:'\t")
        if not item or NOT_NAME_WORDS.search(item) or "@" in item or len(item.split()) > 6:
            continue
        match = NAME_IN_LINE.fullmatch(item)
        if match and item.split()[0] not in lexicon.NOT_NAMES:
            start = offset + line.find(item)
            yield Finding(start, start + len(item), "naam", item, "context")


def _lexical(text: str) -> Iterator[Finding]:
    first = lexicon.first_names()
    for match in CAPITAL_RUN.finditer(text):
        words = match.group(1).split()
        if words[0] in first and words[0] not in lexicon.NOT_NAMES:
            yield _finding(match, 1, "lexicon")
        elif len(words) > 2 and words[1] in first:
            start = match.start(1) + len(words[0]) + 1
            yield Finding(start, match.end(1), "naam", text[start : match.end(1)], "lexicon")


def _finding(match: re.Match, group: int, source: str) -> Finding:
    value = match.group(group).rstrip()
    return Finding(match.start(group), match.start(group) + len(value), "naam", value, source)


def _plausible(name: str) -> bool:
    words = name.replace("-", " ").split()
    if not words or NOT_NAME_WORDS.search(name):
        return False
    last = words[-1]
    if last in lexicon.NOT_NAMES or last in STOP_SURNAME:
        return False
    if STREET_END.search(last) and last not in lexicon.surnames():
        return False  # 'Jacobs van de Kastanjedreef' is a name followed by a street
    if len(words) == 1:
        # A lone word needs to be unambiguous: no common word ("Groen"), no place name.
        return last.lower() not in lexicon.common_words() and last not in lexicon.places()
    # With a first name or initials before it, 'de Groot' and 'Kok' are surnames.
    return (
        words[0] in lexicon.first_names()
        or words[0].endswith(".")
        or last.lower() not in lexicon.common_words()
    )


def _key(name: str) -> frozenset[str]:
    return frozenset(w.lower().strip(".") for w in name.split() if w.lower() not in lexicon.INTERFIXES)


def _is_public(name: str, public_keys: set[frozenset[str]]) -> bool:
    key = _key(name)
    return any(key and (key <= official or _same_person(key, official)) for official in public_keys)


def _same_person(key: frozenset[str], official: frozenset[str]) -> bool:
    """'A. Dijkstra' and 'Dijkstra' are the official 'Anna Dijkstra'."""
    initials = {w for w in key if len(w) == 1}
    rest = key - initials
    return bool(rest) and rest <= official and all(any(o.startswith(i) for o in official) for i in initials)


def _propagate(text: str, found: list[Finding], public_keys) -> Iterator[Finding]:
    """Every name found hides its other occurrences: the full name, the surname alone (after
    a title or as a capitalised word) and a known first name alone."""
    variants: set[str] = set()
    first = lexicon.first_names()
    for finding in found:
        parts = finding.text.split()
        variants.add(finding.text)
        surname = _surname(parts)
        if surname and surname not in lexicon.NOT_NAMES and surname.lower() not in lexicon.common_words():
            variants.add(surname)
        if parts[0] in first and len(parts) > 1:
            variants.add(parts[0])
    for variant in sorted(variants, key=len, reverse=True):
        if _is_public(variant, public_keys):
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(variant)}(?![\w-])", text):
            yield Finding(match.start(), match.end(), "naam", variant, "propagation")


def _surname(parts: list[str]) -> str:
    """'Piet van der Berg' -> 'van der Berg'; 'J.P. Bakker' -> 'Bakker'."""
    words = [w for w in parts if not w.endswith(".")]
    if not words:
        return ""
    index = len(words) - 1
    while index > 0 and words[index - 1].lower() in {
        "van",
        "de",
        "der",
        "den",
        "ter",
        "ten",
        "te",
        "'t",
        "het",
    }:
        index -= 1
    return " ".join(words[index:]) if len(words) > 1 else words[0]
