"""Legal deadlines of a zaak: the zaaktype's term, Dutch public holidays and the Atw.

Pure date arithmetic, no database: the werkplek and the processen call :func:`deadline`
with the facts of one zaak.

* The term runs from the day after the start (Awb 3:18/4:13: "binnen acht weken na
  ontvangst"): received on Monday 6 January 2025, eight weeks end on Monday 3 March 2025.
* A term in **calendar days** adds the ISO 8601 duration (``P8W``, ``P1M``, ``P10D``) as a
  calendar does. A term in **working days** counts only Monday to Friday that are no public
  holiday (``P5D`` = five working days, ``P2W`` = ten); years and months stay calendar units.
* **Opschorting** (Awb 4:15) stops the clock "met ingang van de dag na die waarop de
  aanvrager is uitgenodigd de aanvraag aan te vullen, tot de dag waarop de aanvraag is
  aangevuld": the days strictly between ``van`` (the invitation) and ``tot`` (the
  completion) move the end by one day of the term's kind each. A suspension still running
  counts up to and including today, so the deadline shown keeps moving while the zaak waits.
* **Verlenging** (Awb 4:14) adds its own duration once, after the suspensions.
* **Algemene termijnenwet**: a term that ends on a Saturday, Sunday or *algemeen erkende
  feestdag* ends on the next day that is none of those (art. 1); a term of at least three
  days holds at least two such working days (art. 2).

The feestdagen are the Atw's own list (art. 3), computed from the law rather than a
downloaded calendar: Nieuwjaarsdag, tweede paasdag, Hemelvaartsdag, tweede pinksterdag,
Koningsdag (27 April, 26 April when that is a Sunday; before 2014 Koninginnedag on 30
April, 29 April when that is a Sunday), 5 mei (every year, by the Atw) and both
kerstdagen. Goede Vrijdag is no feestdag under the Atw. An organisation may add its own
closed days (:class:`Calendar` ``extra_closed``) for working-day terms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from raadhuis.zgw.catalogi.durations import parse as parse_duration

_UNITS = re.compile(r"(\d+)([YMWD])")


class Dagsoort(StrEnum):
    KALENDERDAGEN = "kalenderdagen"
    WERKDAGEN = "werkdagen"


@lru_cache(maxsize=256)
def feestdagen(year: int) -> frozenset[date]:
    """The algemeen erkende feestdagen of the Algemene termijnenwet (art. 3) in ``year``."""
    pasen = easter(year)
    days = {
        date(year, 1, 1),
        pasen + timedelta(days=1),  # tweede paasdag
        pasen + timedelta(days=39),  # Hemelvaartsdag
        pasen + timedelta(days=50),  # tweede pinksterdag
        _koningsdag(year),
        date(year, 5, 5),
        date(year, 12, 25),
        date(year, 12, 26),
    }
    return frozenset(days)


def _koningsdag(year: int) -> date:
    day = date(year, 4, 27) if year >= 2014 else date(year, 4, 30)
    return day - timedelta(days=1) if day.weekday() == 6 else day


def feestdag_names(year: int) -> dict[date, str]:
    """The feestdagen with their Dutch names, for the beheer screens and the docs."""
    pasen = easter(year)
    return {
        date(year, 1, 1): "Nieuwjaarsdag",
        pasen + timedelta(days=1): "Tweede paasdag",
        _koningsdag(year): "Koningsdag" if year >= 2014 else "Koninginnedag",
        date(year, 5, 5): "Bevrijdingsdag",
        pasen + timedelta(days=39): "Hemelvaartsdag",
        pasen + timedelta(days=50): "Tweede pinksterdag",
        date(year, 12, 25): "Eerste kerstdag",
        date(year, 12, 26): "Tweede kerstdag",
    }


@dataclass(frozen=True)
class Calendar:
    """Which days count: weekends and Atw feestdagen never do; ``extra_closed`` adds an
    organisation's own closed days (working-day terms only: the Atw is exhaustive)."""

    extra_closed: frozenset[date] = field(default_factory=frozenset)

    def is_atw_free(self, day: date) -> bool:
        return day.weekday() >= 5 or day in feestdagen(day.year)

    def is_working_day(self, day: date) -> bool:
        return not self.is_atw_free(day) and day not in self.extra_closed

    def next_atw_day(self, day: date) -> date:
        """Atw art. 1: the end moves to the next day that is no Saturday, Sunday or feestdag."""
        while self.is_atw_free(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (``start`` itself does not count)."""
        day = start
        while count > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day

    def working_days_between(self, first: date, last: date) -> int:
        """Working days in ``first``..``last``, both included."""
        count, day = 0, first
        while day <= last:
            count += self.is_working_day(day)
            day += timedelta(days=1)
        return count


DEFAULT_CALENDAR = Calendar()


@dataclass(frozen=True)
class Period:
    """A suspension: the clock stops after ``van`` and runs again on ``tot`` (None: still
    running)."""

    van: date
    tot: date | None = None


@dataclass(frozen=True)
class Deadline:
    """The outcome, with the steps that explain it (shown on the case page)."""

    einddatum: date
    basis: date
    opgeschorte_dagen: int
    verlengd_tot: date | None
    opgeschort: bool
    uitleg: tuple[str, ...]


def add_term(start: date, duur: str, dagsoort: Dagsoort, calendar: Calendar = DEFAULT_CALENDAR) -> date:
    """``start`` plus the ISO 8601 ``duur``, counted as ``dagsoort``, before the Atw roll."""
    delta = parse_duration(duur)  # validates; raises ValueError on a malformed duration
    if dagsoort == Dagsoort.KALENDERDAGEN:
        return start + delta
    units = {unit: int(number) for number, unit in _UNITS.findall(duur.upper().split("T")[0])}
    calendar_part = relativedelta(years=units.get("Y", 0), months=units.get("M", 0))
    working = units.get("W", 0) * 5 + units.get("D", 0)  # a working week is five working days
    return calendar.add_working_days(start + calendar_part, working)


def _suspended_days(
    periods: Iterable[Period], dagsoort: Dagsoort, calendar: Calendar, today: date
) -> tuple[int, bool]:
    total, running = 0, False
    for period in periods:
        # Suspended: the days after ``van`` before ``tot``; while running, up to today.
        last = period.tot - timedelta(days=1) if period.tot else today
        running = running or period.tot is None
        first = period.van + timedelta(days=1)
        if last < first:
            continue
        if dagsoort == Dagsoort.KALENDERDAGEN:
            total += (last - first).days + 1
        else:
            total += calendar.working_days_between(first, last)
    return total, running


def _atw_art2(start: date, end: date, calendar: Calendar) -> date:
    """Atw art. 2: a term of three days or more holds at least two working days."""
    if (end - start).days < 3:
        return end
    while (
        sum(
            1 for n in range(1, (end - start).days + 1) if not calendar.is_atw_free(start + timedelta(days=n))
        )
        < 2
    ):
        end += timedelta(days=1)
    return end


def deadline(
    start: date,
    duur: str,
    *,
    dagsoort: Dagsoort | str = Dagsoort.KALENDERDAGEN,
    opschortingen: Iterable[Period] = (),
    verlenging: str = "",
    calendar: Calendar = DEFAULT_CALENDAR,
    today: date | None = None,
) -> Deadline:
    """The last day on which the zaak must be decided."""
    dagsoort = Dagsoort(dagsoort)
    today = today or date.today()
    basis = add_term(start, duur, dagsoort, calendar)
    uitleg = [f"{start:%d-%m-%Y} + {duur} ({dagsoort.value}) = {basis:%d-%m-%Y}"]
    suspended, running = _suspended_days(list(opschortingen), dagsoort, calendar, today)
    end = basis
    if suspended:
        end = (
            calendar.add_working_days(end, suspended)
            if dagsoort == Dagsoort.WERKDAGEN
            else end + timedelta(days=suspended)
        )
        uitleg.append(
            f"opgeschort {suspended} {dagsoort.value}{' (loopt nog)' if running else ''}: {end:%d-%m-%Y}"
        )
    verlengd_tot = None
    if verlenging:
        end = add_term(end, verlenging, dagsoort, calendar)
        verlengd_tot = end
        uitleg.append(f"verlengd met {verlenging}: {end:%d-%m-%Y}")
    rolled = _atw_art2(start, calendar.next_atw_day(end), calendar)
    if rolled != end:
        uitleg.append(
            f"Algemene termijnenwet: {end:%d-%m-%Y} valt in een weekend of op een "
            f"feestdag, de termijn eindigt op {rolled:%d-%m-%Y}"
        )
    return Deadline(
        einddatum=rolled,
        basis=basis,
        opgeschorte_dagen=suspended,
        verlengd_tot=verlengd_tot,
        opgeschort=running,
        uitleg=tuple(uitleg),
    )
