"""The terms of a Woo request: four weeks, one extension, suspension, release, Atw."""

from datetime import date

import pytest

from raadhuis.woo.deadlines import Opschorting, TermijnFout, atw, bereken, feestdagen


def test_four_weeks_from_the_day_after_receipt():
    assert bereken(date(2025, 1, 6), today=date(2025, 1, 6)).beslistermijn == date(2025, 2, 3)


def test_term_ending_on_a_weekend_or_feestdag_moves_to_the_next_working_day():
    # Received Saturday 29 March 2025: 4 weeks end Saturday 26 April -> Monday 28 April.
    assert bereken(date(2025, 3, 29), today=date(2025, 3, 29)).beslistermijn == date(2025, 4, 28)
    # 5 May 2025 (Bevrijdingsdag, a Monday) -> Tuesday 6 May.
    assert atw(date(2025, 5, 5)) == date(2025, 5, 6)
    assert date(2025, 4, 26) in feestdagen(2025)  # Koningsdag moved: 27 April 2025 is a Sunday


def test_one_extension_of_at_most_two_weeks_announced_in_time():
    termijnen = bereken(
        date(2025, 1, 6), verdaging_weken=2, verdaging_gemeld_op=date(2025, 1, 30), today=date(2025, 1, 30)
    )
    assert termijnen.verdaagd_tot == date(2025, 2, 17) and termijnen.einde == date(2025, 2, 17)
    with pytest.raises(TermijnFout, match="ten hoogste twee weken"):
        bereken(date(2025, 1, 6), verdaging_weken=3, verdaging_gemeld_op=date(2025, 1, 10))
    with pytest.raises(TermijnFout, match="vóór het einde"):
        bereken(date(2025, 1, 6), verdaging_weken=2, verdaging_gemeld_op=date(2025, 2, 3))


def test_suspension_for_a_third_partys_view_moves_the_term():
    termijnen = bereken(
        date(2025, 1, 6),
        opschortingen=[Opschorting(date(2025, 1, 13), date(2025, 1, 22))],
        today=date(2025, 1, 23),
    )
    assert termijnen.opgeschorte_dagen == 10
    assert termijnen.beslistermijn == date(2025, 2, 13)


def test_running_suspension_counts_up_to_today_and_extension_adds_after_it():
    termijnen = bereken(
        date(2025, 1, 6),
        opschortingen=[Opschorting(date(2025, 1, 13))],
        verdaging_weken=1,
        verdaging_gemeld_op=date(2025, 1, 14),
        today=date(2025, 1, 14),
    )
    assert termijnen.opgeschorte_dagen == 2
    assert termijnen.beslistermijn == date(2025, 2, 5)
    assert termijnen.verdaagd_tot == date(2025, 2, 12)


def test_overlapping_suspensions_are_refused():
    with pytest.raises(TermijnFout):
        bereken(
            date(2025, 1, 6),
            opschortingen=[
                Opschorting(date(2025, 1, 10), date(2025, 1, 20)),
                Opschorting(date(2025, 1, 15), date(2025, 1, 25)),
            ],
        )


def test_too_general_request_two_weeks_and_release_after_objection():
    termijnen = bereken(
        date(2025, 1, 6),
        besluit_bekendgemaakt=date(2025, 2, 1),
        derde_bedenkingen=True,
        today=date(2025, 2, 1),
    )
    assert termijnen.te_algemeen_melding_uiterlijk == date(2025, 1, 20)
    assert termijnen.openbaarmaking_vanaf == date(2025, 2, 15)
    assert bereken(
        date(2025, 1, 6), besluit_bekendgemaakt=date(2025, 2, 1), today=date(2025, 2, 1)
    ).openbaarmaking_vanaf == date(2025, 2, 1)


def test_warnings_before_the_end_and_after_it():
    assert any(
        "eindigt op 03-02-2025" in w
        for w in bereken(date(2025, 1, 6), today=date(2025, 1, 31)).waarschuwingen
    )
    assert any(
        "Verdagen kan alleen nog" in w
        for w in bereken(date(2025, 1, 6), today=date(2025, 1, 31)).waarschuwingen
    )
    assert any("verstreken" in w for w in bereken(date(2025, 1, 6), today=date(2025, 2, 10)).waarschuwingen)
    assert bereken(date(2025, 1, 6), today=date(2025, 1, 7)).waarschuwingen == []
