"""Sentence-level suggestions a jurist weighs: special-category data (5.1.1d), company data
given in confidence (5.1.1c) and personal policy opinions in internal documents (5.2).

These are cue words in a sentence, not certainties; the review screen shows them as
proposals that are never applied without an explicit accept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from raadhuis.woo.detection.findings import Finding

SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.MULTILINE)

SPECIAL_CATEGORY = re.compile(
    r"\b(gezondheid\w*|ziek\w*|ziekenhuis\w*|diagnose\w*|medisch\w*|medicatie|medicijn\w*|burn-?out|"
    r"depressi\w*|psychisch\w*|psychiat\w*|ggz|behandeling bij|therapie|zwanger\w*|handicap|beperking|"
    r"rolstoel\w*|verslav\w*|kanker|hartaanval|herseninfarct|dementie|autisme|adhd|opname|opgenomen|"
    r"religi\w*|geloof\w*|moskee|kerkgenootschap|synagoge|islamitisch\w*|joods\w*|katholiek\w*|"
    r"vakbond\w*|vakbondslid|lid van de (?:fnv|cnv)|politieke voorkeur|partijlid\w*|"
    r"lidmaatschap van de partij|"
    r"seksuele geaardheid|homoseksu\w*|etnisch\w*|afkomst|ras\b|biometrisch\w*|vingerafdruk\w*|"
    r"genetisch\w*|ziektewet|arbeidsongeschikt\w*|re-integratie|bedrijfsarts)\b",
    re.IGNORECASE,
)
COMPANY_CONFIDENTIAL = re.compile(
    r"\b(bedrijfsvertrouwelijk\w*|concurrentiegevoelig\w*|omzet\w*|winstmarge\w*|marge|kostprijs\w*|"
    r"inkoopprijs\w*|offerteprijs\w*|uurtarie\w*|calculatie\w*|bedrijfsgeheim\w*|fabricage\w*|"
    r"productieproces\w*|klantenbestand\w*|jaarcijfers|vertrouwelijk (?:verstrekt|meegedeeld|gedeeld)|"
    r"financiële positie|liquiditeit\w*|solvabiliteit\w*|aanneemsom\w*|inschrijvingsbedrag\w*)\b",
    re.IGNORECASE,
)
POLICY_OPINION = re.compile(
    r"\b(ik vind|ik denk|ik adviseer|mijns inziens|naar mijn mening|naar mijn idee|persoonlijk vind|"
    r"persoonlijk denk|ik zou (?:er )?voor kiezen|mijn advies is|ik ben van mening|ik heb twijfels|"
    r"ik betwijfel|wij adviseren|ons advies|ik raad aan|ik raad af|ik pleit|het lijkt mij|"
    r"volgens mij|ik verwacht dat|ik ben bang dat|mijn voorkeur|ik stel voor)\b",
    re.IGNORECASE,
)
INTERNAL_MARKERS = re.compile(
    r"\b(intern|memo|advies aan|beraad|overleg|notitie|concept|"
    r"niet voor verspreiding|ambtelijk)\b",
    re.IGNORECASE,
)


def suggestions(text: str, *, internal: bool | None = None) -> Iterator[Finding]:
    """Sentences to weigh. Opinions only count in internal documents (5.2): when ``internal``
    is not known, a document counts as internal if it says so or reads as an e-mail/memo."""
    if internal is None:
        internal = bool(INTERNAL_MARKERS.search(text[:2000])) or text.lstrip().startswith("Van:")
    for match in SENTENCE.finditer(text):
        sentence = match.group()
        stripped = sentence.strip()
        if len(stripped) < 12:
            continue
        start = match.start() + sentence.find(stripped)
        end = start + len(stripped)
        for kind, pattern in (("bijzonder", SPECIAL_CATEGORY), ("bedrijf", COMPANY_CONFIDENTIAL)):
            if pattern.search(stripped):
                yield Finding(start, end, kind, stripped, "suggestie")
        if internal and POLICY_OPINION.search(stripped):
            yield Finding(start, end, "mening", stripped, "suggestie")
