"""Every zaak KPI against hand-computed values on the fixed data set of conftest.

March 2025, Gemeente Voorbeeldstad, seen by a manager (up to "confidentieel"):

| zaak | zaaktype   | start  | closed | deadline                                   | days | on time |
|------|------------|--------|--------|--------------------------------------------|------|---------|
| 1    | PARKVERG   | 6 Jan  | 3 Mar  | 6 Jan + 8 weeks = 3 Mar                    | 56   | yes     |
| 2    | PARKVERG   | 6 Jan  | 10 Mar | 3 Mar                                      | 63   | no      |
| 3    | PARKVERG   | 6 Jan  | 10 Mar | suspended 10→20 Jan: 9 days → 12 Mar       | 63   | yes     |
| 4    | PARKVERG   | 6 Jan  | 14 Mar | extended P2W → 17 Mar                      | 67   | yes     |
| 5    | VERHUIZING | 5 Mar  | 12 Mar | 5 working days → 12 Mar (calendar: 10 Mar) | 7    | yes     |
| 6    | MOR        | 3 Mar  | 7 Mar  | 17 Mar                                     | 4    | yes     |
| 7    | MOR        | 10 Mar | 20 Mar | closed 12, reopened 13, closed 20; 24 Mar  | 10   | yes     |
| 8    | MOR        | 20 Mar | open   |                                            |      |         |
| 9    | BEZWAAR    | 15 Mar | open   |                                            |      |         |
| 10   | PARKVERG   | 3 Feb  | open   |                                            |      |         |
| 11   | PARKVERG   | 4 Mar  | open, "geheim": above the manager's level  |      |         |

Sorted days 4 7 10 56 63 63 67: median (4th) 56, p90 (7th) 67. On time 6 of 7 = 85.7 %.
Opened in March (visible): 5, 6, 7, 8, 9 → 5, of which 6, 7, 8 via the portal: 3 of 5 digital = 60 %.
Backlog at the end of March: 8, 9, 10 (11 not visible) = 3. Besluiten of closed zaken: 1 and 2;
bezwaren opened: 9 → 1 per 2 = 50 per 100.
"""

from datetime import date

import pytest

from raadhuis.inzicht import services as inzicht
from raadhuis.inzicht.models import ZaakFeit
from raadhuis.platform import tenancy
from raadhuis.werkplek.permissions import visible_organisations

pytestmark = pytest.mark.django_db
MARCH = date(2025, 3, 1)


def board(user, **filters):
    spec = inzicht.Filter(
        visible_organisations(user), filters.pop("van", MARCH), filters.pop("tot", MARCH), **filters
    )
    with tenancy.activate(tenancy.scope_of_user(user)):
        return inzicht.build_dashboard(spec, today=date(2025, 4, 15))


def values(result) -> dict:
    return {t.definitie.code: t.waarde for t in result.tegels}


def test_zaak_kpis_match_the_hand_computation(dataset, manager):
    kpis = values(board(manager))
    assert kpis["geopend"] == 5
    assert kpis["gesloten"] == 7
    assert kpis["doorlooptijd_mediaan"] == 56
    assert kpis["doorlooptijd_p90"] == 67
    assert kpis["binnen_termijn"] == 85.7
    assert kpis["werkvoorraad"] == 3
    assert kpis["opgeschort"] == 14.3
    assert kpis["verlengd"] == 14.3
    assert kpis["heropend"] == 14.3
    assert kpis["geautomatiseerd"] == 0.0
    assert kpis["bezwaren_per_besluit"] == 50.0
    assert kpis["digitaal"] == 60.0


def test_the_facts_behind_the_kpis(dataset):
    with tenancy.system_scope():
        feiten = {f.zaak_uuid: f for f in ZaakFeit.objects.all()}
    verhuizing = feiten[dataset[5].uuid]
    assert verhuizing.uiterste_datum == date(2025, 3, 12)  # working days, not calendar days (10 March)
    assert feiten[dataset[3].uuid].uiterste_datum == date(2025, 3, 12)
    assert feiten[dataset[4].uuid].uiterste_datum == date(2025, 3, 17)
    assert feiten[dataset[7].uuid].heropend == 1 and feiten[dataset[7].uuid].einddatum == date(2025, 3, 20)
    assert feiten[dataset[6].uuid].kanaal == "portaal" and feiten[dataset[1].uuid].kanaal == "balie"
    assert feiten[dataset[6].uuid].wijk == "WK9999001" and feiten[dataset[7].uuid].wijk == "WK9999002"
    assert feiten[dataset[6].uuid].categorie == "Losliggende stoeptegel"
    assert feiten[dataset[1].uuid].besluiten == 1


def test_filters_per_zaaktype_wijk_and_period(dataset, manager):
    parkeer = values(board(manager, zaaktype="PARKVERG"))
    assert (parkeer["gesloten"], parkeer["binnen_termijn"], parkeer["doorlooptijd_mediaan"]) == (4, 75.0, 63)
    zuid = values(board(manager, wijk="WK9999002"))
    assert (zuid["geopend"], zuid["gesloten"], zuid["werkvoorraad"]) == (2, 1, 1)
    quarter = values(board(manager, van=date(2025, 1, 1)))
    assert quarter["geopend"] == 10  # 1–4 in January and 10 in February as well
    series = board(manager, van=date(2025, 1, 1)).grafieken["instroom"].rijen
    assert [row[1:] for row in series] == [[4, 0, 4], [1, 0, 5], [5, 7, 3]]


def test_charts_per_dimension_and_meldingen(dataset, manager):
    result = board(manager)
    per_type = {row[0]: row[1:] for row in result.grafieken["per-zaaktype"].rijen}
    assert per_type["PARKVERG"][:2] == [4, 0] and per_type["MOR"][:2] == [2, 3]
    meldingen = {row[0]: row[1:] for row in result.grafieken["meldingen"].rijen}
    assert meldingen == {"Zwerfafval": [2, 1, 10], "Losliggende stoeptegel": [1, 1, 4]}
    wijken = {row[0]: row[1] for row in result.grafieken["wijken"].rijen}
    assert wijken == {"Noord": 1, "Zuid": 2}
    svg = str(result.grafieken["wijken"].svg())
    assert 'role="img"' in svg and "<title" in svg and "Zuid: 2" in svg


def test_tenancy_another_municipality_sees_only_its_own(dataset, manager_b):
    kpis = values(board(manager_b))
    assert (kpis["geopend"], kpis["gesloten"], kpis["werkvoorraad"]) == (2, 1, 1)


def test_confidentiality_caps_the_figures(dataset, kcc):
    # A KCC-medewerker sees up to "zaakvertrouwelijk": no VERHUIZING or BEZWAAR (vertrouwelijk).
    kpis = values(board(kcc))
    assert (kpis["geopend"], kpis["gesloten"], kpis["werkvoorraad"]) == (3, 6, 2)


def test_new_events_refresh_the_cells_incrementally(dataset, gemeenten, manager):
    from tests.inzicht.conftest import Builder, deliver_and_refresh

    build = Builder(gemeenten[0])
    nieuw = build.zaak("MOR", date(2025, 3, 24), omschrijving="Zwerfafval", point=(5.1, 52.0))
    build.close(nieuw, date(2025, 3, 26))
    assert deliver_and_refresh() == 1  # one zaak queued, however many events it had
    kpis = values(board(manager))
    assert (kpis["geopend"], kpis["gesloten"], kpis["doorlooptijd_mediaan"]) == (6, 8, 10)
    # Reopening takes the zaak out of March's closed zaken and back into the backlog.
    build.reopen(nieuw, date(2025, 3, 27))
    deliver_and_refresh()
    kpis = values(board(manager))
    assert (kpis["gesloten"], kpis["werkvoorraad"], kpis["heropend"]) == (7, 4, 14.3)


def test_a_rebuild_gives_the_same_cells(dataset, gemeenten, manager):
    from raadhuis.inzicht import kubus
    from raadhuis.inzicht.models import ZaakCel

    def cells():
        with tenancy.system_scope():
            return sorted(
                ZaakCel.objects.filter(organisation=gemeenten[0]).values_list(
                    "maand",
                    "zaaktype",
                    "kanaal",
                    "wijk",
                    "vertrouwelijkheid",
                    "geopend",
                    "open",
                    "gesloten",
                    "binnen_termijn",
                    "doorlooptijden",
                ),
                key=str,
            )

    incremental = cells()
    with tenancy.system_scope():
        assert inzicht.rebuild(gemeenten[0]) == 11
    assert cells() == incremental
    with tenancy.system_scope():
        kubus.rebuild_cells(gemeenten[0])  # in SQL, from the stored facts
    assert cells() == incremental


def test_klantcontact_figures_from_conversations(gemeenten, manager):
    """Five conversations in March 2025: two by the chatbot alone, three handed over; of those
    an employee handled two for a known resident, one of whom came back within 7 days."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from raadhuis.inzicht import bronnen
    from raadhuis.klantcontact.models import Actor, Gesprek, Partij

    a = gemeenten[0]
    moment = datetime(2025, 3, 10, 10, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with tenancy.scope_for([a.pk]):
        jan, piet = Partij.objects.create(organisation=a), Partij.objects.create(organisation=a)
        kcc = Actor.objects.create(organisation=a, naam="Kees", soort_actor="medewerker")
        specs = [
            ("", None, None, 0),
            ("afgesloten", None, None, 1),
            ("overgenomen", kcc, jan, 2),
            ("overgenomen", kcc, piet, 3),
            ("gevraagd", None, None, 4),
            ("", None, piet, 6),  # piet again, three days later: his first contact did not resolve it
        ]
        for overdracht, medewerker, partij, days in specs:
            gesprek = Gesprek.objects.create(
                organisation=a, overdracht=overdracht, medewerker=medewerker, partij=partij
            )
            Gesprek.objects.filter(pk=gesprek.pk).update(started_at=moment + timedelta(days=days))
        bronnen.refresh(a, MARCH)
    kpis = values(board(manager))
    # 6 conversations: 3 without handover (50 %), 3 handed over (50 %); first contact 1 of 2.
    assert (kpis["containment"], kpis["overdracht"], kpis["eerste_contact"]) == (50.0, 50.0, 50.0)
    assert kpis["woo_op_tijd"] is None and kpis["sensor_alarmen"] == 0


def test_woo_roads_and_sensor_figures_reach_the_dashboard(gemeenten, manager, monkeypatch):
    from raadhuis.inzicht import bronnen

    monkeypatch.setattr(
        bronnen.woo,
        "afgehandeld_in",
        lambda org, van, tot: [
            {"op_tijd": True, "dagen": 20},
            {"op_tijd": True, "dagen": 30},
            {"op_tijd": False, "dagen": 70},
        ],
    )
    monkeypatch.setattr(
        bronnen.sensoren, "alarmen_geopend", lambda org, van, tot: {"Waterstand": 4, "Geluid": 1}
    )
    monkeypatch.setattr(
        bronnen.wegen,
        "conditie_verdeling",
        lambda org: {
            "km_per_klasse": {
                "goed": 80.0,
                "waarschuwing": 12.5,
                "richtlijn": 5.0,
                "achterstand": 2.5,
                "onbekend": 0.0,
            },
            "achterstand_km": 7.5,
        },
    )
    monkeypatch.setattr(bronnen.timezone, "localdate", lambda: date(2025, 3, 20))
    with tenancy.scope_for([gemeenten[0].pk]):
        bronnen.refresh(gemeenten[0], MARCH)
    result = board(manager)
    kpis = values(result)
    assert (kpis["woo_op_tijd"], kpis["woo_dagen"], kpis["sensor_alarmen"], kpis["wegen_achterstand"]) == (
        66.7,
        40.0,
        5,
        7.5,
    )
    assert dict((row[0], row[1]) for row in result.grafieken["wegen"].rijen)["achterstallig"] == 2.5


def test_events_wake_the_refresh_once_and_only_after_commit(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    from raadhuis.inzicht import tasks

    submitted = []
    monkeypatch.setattr(tasks.platform_tasks, "enqueue", submitted.append)
    tasks._scheduled.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        tasks.schedule_refresh()
        tasks.schedule_refresh()
    assert not tasks._scheduled.is_set() and submitted == []  # not committed: nothing pending
    for callback in callbacks:
        callback()
    assert submitted == [tasks.verversen]  # two events, one wake
    tasks._scheduled.clear()
