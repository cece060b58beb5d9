"""The legal terms of a Woo request: pure date arithmetic, no database.

* **Beslistermijn** (Woo art. 4.4 lid 1): decide within four weeks after the day of receipt.
  The term starts the day after receipt: received Monday 6 January 2025, it ends Monday
  3 February 2025.
* **Verdaging** (art. 4.4 lid 2): once, by at most two weeks, announced with reasons before
  the first term ends; an announcement on or after that day is refused.
* **Opschorting** (Awb 4:15, while third parties give their view under Awb 4:8, or while
  the requester makes a too general request specific, Woo art. 4.5): every day of a
  suspension (first and last day included) moves the ends by one day. An open suspension
  counts up to ``today``.
* **Te algemeen verzoek** (Woo art. 4.5, Awb 4:5): the requester is asked to specify within
  two weeks of receipt.
* **Openbaarmaking na bedenkingen van een derde** (Woo art. 4.4 lid 4 with Awb 6:8): not
  sooner than two weeks after the decision was made known.
* **Algemene termijnenwet**: a term ending on a Saturday, Sunday or algemeen erkende
  feestdag ends on the next working day (art. 1). The feestdagen are the Atw's own list
  (art. 3), computed from the law.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from raadhuis.werkplek.services import feestdagen

BESLISTERMIJN = timedelta(weeks=4)
MAX_VERDAGING = timedelta(weeks=2)
TE_ALGEMEEN_TERMIJN = timedelta(weeks=2)
WACHTTIJD_DERDE = timedelta(weeks=2)
WAARSCHUWING_VOORAF = timedelta(days=5)


class TermijnFout(ValueError):
    """A step the law does not allow (late or too long verdaging, overlapping suspensions)."""


def is_werkdag(day: date) -> bool:
    return day.weekday() < 5 and day not in feestdagen(day.year)


def atw(day: date) -> date:
    """Algemene termijnenwet art. 1: the end moves past weekends and feestdagen."""
    while not is_werkdag(day):
        day += timedelta(days=1)
    return day


@dataclass(frozen=True)
class Opschorting:
    van: date
    tot: date | None = None  # None: still running
    reden: str = ""

    def dagen(self, today: date) -> int:
        end = self.tot or today
        return max(0, (end - self.van).days + 1)


@dataclass(frozen=True)
class Termijnen:
    ontvangen: date
    beslistermijn: date
    uiterste_verdagingsmelding: date
    verdaagd_tot: date | None
    te_algemeen_melding_uiterlijk: date
    opgeschorte_dagen: int
    openbaarmaking_vanaf: date | None
    waarschuwingen: list[str] = field(default_factory=list)

    @property
    def einde(self) -> date:
        """The date the decision is due, extension included."""
        return self.verdaagd_tot or self.beslistermijn


def bereken(
    ontvangen: date,
    *,
    verdaging_weken: int = 0,
    verdaging_gemeld_op: date | None = None,
    opschortingen: Iterable[Opschorting] = (),
    besluit_bekendgemaakt: date | None = None,
    derde_bedenkingen: bool = False,
    today: date | None = None,
) -> Termijnen:
    today = today or date.today()
    opschortingen = sorted(opschortingen, key=lambda o: o.van)
    _check_overlap(opschortingen)
    geschorst = sum(o.dagen(today) for o in opschortingen)
    eerste = ontvangen + BESLISTERMIJN + timedelta(days=geschorst)
    beslistermijn = atw(eerste)
    verdaagd_tot = None
    if verdaging_weken:
        verdaging = timedelta(weeks=verdaging_weken)
        if verdaging > MAX_VERDAGING or verdaging_weken < 0:
            raise TermijnFout("Verdagen kan met ten hoogste twee weken.")
        if verdaging_gemeld_op is None or verdaging_gemeld_op >= beslistermijn:
            raise TermijnFout("De verdaging moet vóór het einde van de eerste termijn worden meegedeeld.")
        verdaagd_tot = atw(eerste + verdaging)
    openbaar = None
    if besluit_bekendgemaakt is not None:
        openbaar = besluit_bekendgemaakt + WACHTTIJD_DERDE if derde_bedenkingen else besluit_bekendgemaakt
    termijnen = Termijnen(
        ontvangen=ontvangen,
        beslistermijn=beslistermijn,
        uiterste_verdagingsmelding=beslistermijn - timedelta(days=1),
        verdaagd_tot=verdaagd_tot,
        te_algemeen_melding_uiterlijk=atw(ontvangen + TE_ALGEMEEN_TERMIJN),
        opgeschorte_dagen=geschorst,
        openbaarmaking_vanaf=openbaar,
    )
    termijnen.waarschuwingen.extend(
        waarschuwingen(
            termijnen, today, besloten=besluit_bekendgemaakt is not None, verdaagd=bool(verdaging_weken)
        )
    )
    return termijnen


def _check_overlap(opschortingen: list[Opschorting]) -> None:
    for earlier, later in zip(opschortingen, opschortingen[1:], strict=False):
        if earlier.tot is None or later.van <= earlier.tot:
            raise TermijnFout("Opschortingen mogen elkaar niet overlappen.")
    for opschorting in opschortingen:
        if opschorting.tot is not None and opschorting.tot < opschorting.van:
            raise TermijnFout("Een opschorting eindigt niet vóór haar begin.")


def waarschuwingen(termijnen: Termijnen, today: date, *, besloten: bool, verdaagd: bool) -> list[str]:
    """Warnings a Woo-jurist sees before each term ends (and after, when it was missed)."""
    if besloten:
        return []
    messages = []
    einde = termijnen.einde
    if today > einde:
        messages.append(f"De beslistermijn is verstreken op {einde:%d-%m-%Y}.")
    elif einde - today <= WAARSCHUWING_VOORAF:
        messages.append(f"De beslistermijn eindigt op {einde:%d-%m-%Y}.")
    if (
        not verdaagd
        and today <= termijnen.uiterste_verdagingsmelding
        and (termijnen.uiterste_verdagingsmelding - today <= WAARSCHUWING_VOORAF)
    ):
        messages.append(
            f"Verdagen kan alleen nog tot en met {termijnen.uiterste_verdagingsmelding:%d-%m-%Y}."
        )
    return messages
