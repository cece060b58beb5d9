"""Deadlines against dates checked by hand on a calendar (2025: Easter 20 April, Koningsdag
on Saturday 26 April, Bevrijdingsdag Monday 5 May, Hemelvaart 29 May, Pinksteren 8 June)."""

from datetime import date

import pytest

from raadhuis.werkplek.termijnen import Calendar, Period, add_term, deadline, feestdagen


def test_feestdagen_of_the_algemene_termijnenwet_2025_and_2026():
    assert feestdagen(2025) == {
        date(2025, 1, 1),
        date(2025, 4, 21),
        date(2025, 4, 26),
        date(2025, 5, 5),
        date(2025, 5, 29),
        date(2025, 6, 9),
        date(2025, 12, 25),
        date(2025, 12, 26),
    }
    # 2026: Easter 5 April; Koningsdag on Monday 27 April.
    assert {date(2026, 4, 6), date(2026, 4, 27), date(2026, 5, 14), date(2026, 5, 25)} <= feestdagen(2026)
    # Goede Vrijdag is no feestdag under the Atw; 5 mei is one every year, not only in lustrum years.
    assert date(2025, 4, 18) not in feestdagen(2025)
    assert date(2026, 5, 5) in feestdagen(2026)


def test_koningsdag_moves_to_saturday_when_27_april_is_a_sunday():
    assert date(2025, 4, 26) in feestdagen(2025)  # 27 April 2025 is a Sunday
    assert date(2031, 4, 26) in feestdagen(2031)  # and in 2031
    assert date(2013, 4, 30) in feestdagen(2013)  # Koninginnedag before 2014


@pytest.mark.parametrize(
    ("start", "duur", "expected"),
    [
        (date(2025, 1, 6), "P8W", date(2025, 3, 3)),  # Monday + 8 weeks: a Monday, nothing special
        (date(2024, 12, 11), "P2W", date(2024, 12, 27)),  # ends on Eerste kerstdag → after Tweede kerstdag
        (date(2025, 3, 15), "P2W", date(2025, 3, 31)),  # ends on Saturday 29 March → Monday 31 March
        (date(2025, 4, 7), "P2W", date(2025, 4, 22)),  # ends on Tweede paasdag → Tuesday
        (date(2025, 4, 21), "P2W", date(2025, 5, 6)),  # ends on 5 mei → Tuesday 6 May
        (date(2025, 1, 31), "P1M", date(2025, 2, 28)),  # a month from 31 January: 28 February (Friday)
        (date(2025, 3, 7), "P3D", date(2025, 3, 11)),  # Fri + 3 days = Mon, one working day: Atw art. 2 → Tue
    ],
)
def test_calendar_day_terms_with_the_algemene_termijnenwet(start, duur, expected):
    assert deadline(start, duur, today=start).einddatum == expected


@pytest.mark.parametrize(
    ("start", "duur", "expected"),
    [
        (date(2025, 4, 23), "P5D", date(2025, 4, 30)),  # Thu, Fri, Mon, Tue, Wed (Koningsdag is a Saturday)
        (date(2025, 5, 2), "P5D", date(2025, 5, 12)),  # 5 May skipped: Tue 6 … Mon 12
        (date(2025, 5, 27), "P2W", date(2025, 6, 12)),  # ten working days around Hemelvaart and Pinksteren
    ],
)
def test_working_day_terms_skip_weekends_and_feestdagen(start, duur, expected):
    assert deadline(start, duur, dagsoort="werkdagen", today=start).einddatum == expected


def test_suspension_moves_the_deadline_by_its_calendar_days():
    # 8 weeks from 6 January = 3 March; invited 10 January, completed 19 January: suspended
    # 11 up to and including 18 January (Awb 4:15), 8 days → Tuesday 11 March.
    result = deadline(
        date(2025, 1, 6),
        "P8W",
        opschortingen=[Period(date(2025, 1, 10), date(2025, 1, 19))],
        today=date(2025, 2, 1),
    )
    assert result.einddatum == date(2025, 3, 11)
    assert result.opgeschorte_dagen == 8 and not result.opgeschort


def test_suspension_of_a_working_day_term_counts_working_days():
    # 5 working days from Fri 2 May = Mon 12 May; invited Mon 5 May (a feestdag), completed Fri 9 May:
    # suspended Tue 6 – Thu 8 May, 3 working days → Thu 15 May.
    result = deadline(
        date(2025, 5, 2),
        "P5D",
        dagsoort="werkdagen",
        opschortingen=[Period(date(2025, 5, 5), date(2025, 5, 9))],
        today=date(2025, 5, 20),
    )
    assert result.einddatum == date(2025, 5, 15)


def test_running_suspension_counts_up_to_today():
    # Invited 10 January, still waiting on 14 January: 11–14 January, 4 days → Friday 7 March.
    result = deadline(
        date(2025, 1, 6), "P8W", opschortingen=[Period(date(2025, 1, 10))], today=date(2025, 1, 14)
    )
    assert result.einddatum == date(2025, 3, 7)
    assert result.opgeschort


def test_extension_adds_the_verlengingstermijn_after_the_suspension():
    assert deadline(date(2025, 1, 6), "P8W", verlenging="P6W", today=date(2025, 1, 6)).einddatum == date(
        2025, 4, 14
    )
    suspended = [Period(date(2025, 1, 10), date(2025, 1, 19))]
    assert deadline(
        date(2025, 1, 6), "P8W", verlenging="P6W", opschortingen=suspended, today=date(2025, 2, 1)
    ).einddatum == date(2025, 4, 22)
    # Into Tweede paasdag: 10 Feb + 8 weeks = 7 April, + 2 weeks = Monday 21 April → Tuesday 22 April.
    assert deadline(date(2025, 2, 10), "P8W", verlenging="P2W", today=date(2025, 2, 10)).einddatum == date(
        2025, 4, 22
    )


def test_explanation_names_each_step():
    result = deadline(date(2025, 3, 15), "P2W", today=date(2025, 3, 15))
    assert "Algemene termijnenwet" in result.uitleg[-1] and "31-03-2025" in result.uitleg[-1]


def test_organisation_closed_days_count_for_working_day_terms_only():
    calendar = Calendar(extra_closed=frozenset({date(2025, 4, 24)}))
    assert add_term(date(2025, 4, 23), "P5D", "werkdagen", calendar) == date(2025, 5, 1)
    assert add_term(date(2025, 4, 23), "P1D", "kalenderdagen", calendar) == date(2025, 4, 24)


def test_malformed_duration_is_a_value_error():
    with pytest.raises(ValueError):
        deadline(date(2025, 1, 1), "8 weken")
