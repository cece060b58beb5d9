"""What detection produces: passages to withhold, each with its entity type and Woo ground."""

from __future__ import annotations

from dataclasses import dataclass, field

# Entity type -> Woo ground (Wet open overheid, art. 5.1 and 5.2).
GROUNDS = {
    "naam": "5.1.2e",
    "adres": "5.1.2e",
    "postcode": "5.1.2e",
    "telefoon": "5.1.2e",
    "email": "5.1.2e",
    "geboortedatum": "5.1.2e",
    "kenteken": "5.1.2e",
    "bsn": "5.1.1e",
    "iban": "5.1.2e",
    "bijzonder": "5.1.1d",
    "bedrijf": "5.1.1c",
    "mening": "5.2",
}
# Types proposed as a suggestion only: a jurist decides, they are never applied unseen.
SUGGESTIONS = frozenset({"bijzonder", "bedrijf", "mening"})

GROUND_LABELS = {
    "5.1.1c": "Vertrouwelijk verstrekte bedrijfs- en fabricagegegevens",
    "5.1.1d": "Bijzondere persoonsgegevens",
    "5.1.1e": "Identificatienummers",
    "5.1.2e": "Eerbiediging van de persoonlijke levenssfeer",
    "5.2": "Persoonlijke beleidsopvattingen in intern beraad",
}


@dataclass(frozen=True, order=True)
class Finding:
    start: int
    end: int
    type: str
    text: str = field(compare=False)
    source: str = field(default="regel", compare=False)

    @property
    def ground(self) -> str:
        return GROUNDS[self.type]

    @property
    def is_suggestion(self) -> bool:
        return self.type in SUGGESTIONS

    def as_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "text": self.text,
            "ground": self.ground,
            "suggestion": self.is_suggestion,
            "source": self.source,
        }


def merge(findings: list[Finding], text: str) -> list[Finding]:
    """Overlapping findings of the same type become one; across types the more specific
    (shorter-typed priority) wins where they overlap fully, both stay otherwise."""
    by_type: dict[str, list[Finding]] = {}
    for finding in sorted(findings):
        by_type.setdefault(finding.type, []).append(finding)
    merged: list[Finding] = []
    for kind, items in by_type.items():
        current = items[0]
        for item in items[1:]:
            if item.start <= current.end:
                end = max(current.end, item.end)
                current = Finding(current.start, end, kind, text[current.start : end], current.source)
            else:
                merged.append(current)
                current = item
        merged.append(current)
    return _drop_contained(sorted(merged), PRIORITY)


# When one finding lies inside another of a different type, which type survives.
PRIORITY = [
    "bsn",
    "iban",
    "email",
    "telefoon",
    "kenteken",
    "geboortedatum",
    "postcode",
    "adres",
    "naam",
    "bijzonder",
    "bedrijf",
    "mening",
]


def _drop_contained(findings: list[Finding], priority: list[str]) -> list[Finding]:
    rank = {kind: i for i, kind in enumerate(priority)}
    kept = []
    for finding in findings:
        if finding.type in SUGGESTIONS:
            kept.append(finding)  # sentence-level suggestions may hold entities: keep both
            continue
        inside_better = any(
            other is not finding
            and other.type not in SUGGESTIONS
            and other.start <= finding.start
            and finding.end <= other.end
            and (other.start, other.end) != (finding.start, finding.end)
            and rank[other.type] < rank[finding.type]
            for other in findings
        )
        same_span_better = any(
            other is not finding
            and (other.start, other.end) == (finding.start, finding.end)
            and rank[other.type] < rank[finding.type]
            for other in findings
        )
        if not (same_span_better or inside_better):
            kept.append(finding)
    return kept
