"""The pages: dashboard, CSV, drill-down (tenancy and confidentiality), report, open data."""

import csv
import io
import json
from datetime import date

import pytest

from raadhuis.inzicht import opendata
from raadhuis.inzicht import services as inzicht
from raadhuis.platform import tenancy
from tests.factories import member

pytestmark = pytest.mark.django_db
MARCH = "van=2025-03&tot=2025-03"


def test_dashboard_shows_tiles_charts_and_tables(dataset, manager, employee_client):
    response = employee_client(manager).get(f"/inzicht/?{MARCH}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Binnen de wettelijke termijn" in html and "85.7" in html.replace(",", ".")
    assert html.count('role="img"') >= 5  # every chart is an SVG image with a title
    assert html.count("Tabel bij de grafiek") == html.count("inzicht-grafiek-blok")
    assert "/inzicht/zaken/?" in html and "/inzicht/export/instroom.csv?" in html


def test_bad_filters_get_a_dutch_error_not_a_500(dataset, manager, employee_client):
    response = employee_client(manager).get("/inzicht/?van=2025-13&tot=morgen&zaaktype=ONBEKEND")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Geef een maand als JJJJ-MM" in html
    assert "Selecteer een geldige keuze" in html


def test_no_figures_without_a_role(gemeenten, employee_client):
    outsider = member(gemeenten[0], "beheerder", username="beheer")
    assert employee_client(outsider).get("/inzicht/").status_code == 403


def test_every_chart_exports_its_data_as_csv(dataset, manager, employee_client):
    web = employee_client(manager)
    response = web.get(f"/inzicht/export/per-zaaktype.csv?{MARCH}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[0][:3] == ["zaaktype", "afgehandeld", "geopend"]
    assert {r[0]: r[1] for r in rows[1:]} == {"PARKVERG": "4", "MOR": "2", "VERHUIZING": "1", "BEZWAAR": "0"}
    for code in ("instroom", "doorlooptijd", "per-team", "kanalen", "leeftijd", "meldingen", "wijken"):
        assert web.get(f"/inzicht/export/{code}.csv?{MARCH}").status_code == 200
    assert web.get(f"/inzicht/export/bestaat-niet.csv?{MARCH}").status_code == 404


def _listed(response) -> set[str]:
    return {f.identificatie for f in response.context["rows"]}


def test_drill_down_lists_the_zaken_behind_the_number(dataset, manager, employee_client):
    web = employee_client(manager)
    late = _listed(web.get(f"/inzicht/zaken/?{MARCH}&maat=te_laat"))
    assert late == {dataset[2].identificatie}
    backlog = _listed(web.get(f"/inzicht/zaken/?{MARCH}&maat=open"))
    assert backlog == {dataset[n].identificatie for n in (8, 9, 10)}  # 11 is "geheim"
    reopened = _listed(web.get(f"/inzicht/zaken/?{MARCH}&maat=heropend"))
    assert reopened == {dataset[7].identificatie}


def test_drill_down_respects_confidentiality_and_tenancy(dataset, kcc, manager_b, employee_client):
    backlog = _listed(employee_client(kcc).get(f"/inzicht/zaken/?{MARCH}&maat=open"))
    assert backlog == {dataset[n].identificatie for n in (8, 10)}  # BEZWAAR is "vertrouwelijk"
    other = _listed(employee_client(manager_b).get(f"/inzicht/zaken/?{MARCH}&maat=gesloten"))
    assert other == {dataset["b1"].identificatie}


def test_monthly_report_is_a_pdf(dataset, manager, employee_client):
    response = employee_client(manager).get("/inzicht/rapport.pdf?maand=2025-03")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 5000


def test_the_report_follows_the_municipality_template(dataset, gemeenten, manager, employee_client):
    import pymupdf
    from django.core.exceptions import ValidationError

    from raadhuis.inzicht.models import Rapportsjabloon

    with tenancy.scope_for([gemeenten[0].pk]):
        Rapportsjabloon.objects.create(
            organisation=gemeenten[0], titel="Kwartaalbeeld dienstverlening",
            inleiding="Geachte raadsleden,\n\nHierbij de cijfers.", kengetallen=["gesloten", "geopend"],
            grafieken=False, afsluiting="Vragen? Mail de controller.", ondertekening="Team Control",
        )
        with pytest.raises(ValidationError, match="Onbekende kengetallen: tevredenheid"):
            Rapportsjabloon(organisation=gemeenten[0], kengetallen=["tevredenheid"]).clean()
    response = employee_client(manager).get("/inzicht/rapport.pdf?maand=2025-03")
    assert response.status_code == 200
    text = " ".join(page.get_text() for page in pymupdf.open(stream=response.content, filetype="pdf"))
    for expected in ("Kwartaalbeeld dienstverlening maart 2025", "Geachte raadsleden", "Hierbij de cijfers.",
                     "Vragen? Mail de controller.", "Team Control"):
        assert expected in text, expected
    assert text.index("Zaken afgehandeld") < text.index("Zaken geopend")  # the template's order
    assert "Binnen de wettelijke termijn" not in text and "laatste twaalf maanden" not in text


# --- Open data ---------------------------------------------------------------------------------


def test_small_cells_are_suppressed_with_a_complement(dataset, gemeenten, settings):
    settings.INZICHT_MIN_CEL = 2
    with tenancy.scope_for([gemeenten[0].pk]):
        rows = inzicht.open_data(gemeenten[0], "zaken", today=date(2025, 4, 15))
    march = {r["zaaktype"]: r for r in rows if r["maand"] == "2025-03"}
    # Opened: PARKVERG 1 (the geheim zaak counts, anonymously), VERHUIZING 1, BEZWAAR 1 → hidden.
    assert [march[t]["geopend"] for t in ("PARKVERG", "MOR", "VERHUIZING", "BEZWAAR")] == [
        None,
        3,
        None,
        None,
    ]
    # Closed: VERHUIZING 1 is hidden and so is the smallest other cell (MOR 2), so that no
    # published total minus the others gives it back.
    assert [march[t]["afgehandeld"] for t in ("PARKVERG", "MOR", "VERHUIZING")] == [4, None, None]
    assert (
        march["PARKVERG"]["binnen_termijn_pct"] == 75.0
        and march["VERHUIZING"]["doorlooptijd_mediaan"] is None
    )
    assert march["VERHUIZING"]["onderdrukt"] and march["PARKVERG"]["onderdrukt"]
    published = [v for r in rows for k, v in r.items() if k in ("geopend", "afgehandeld")]
    assert all(v is None or v == 0 or v >= 2 for v in published)


def test_complementary_suppression_never_leaves_one_hidden_cell():
    rows = [{"maand": "2025-01", "n": n, "_basis": 0} for n in (1, 50, 60)]
    opendata.suppress(rows, ("n",), ())
    assert [r["n"] for r in rows] == [None, None, 60]


def test_open_data_files_and_dictionary_are_public(dataset, gemeenten, client, settings):
    settings.INZICHT_MIN_CEL = 2
    page = client.get("/open-data/voorbeeldstad/")
    assert page.status_code == 200 and "Gegevenswoordenboek" in page.content.decode()
    woordenboek = json.loads(client.get("/open-data/voorbeeldstad/woordenboek.json").content)
    assert {k["naam"] for k in woordenboek["datasets"]["zaken"]["kolommen"]} >= {
        "maand",
        "geopend",
        "onderdrukt",
    }
    assert "2" in woordenboek["onderdrukking"]
    data = client.get("/open-data/voorbeeldstad/meldingen.json").json()
    assert data["uitgever"] == "Gemeente Voorbeeldstad" and isinstance(data["rijen"], list)
    response = client.get("/open-data/voorbeeldstad/zaken.csv")
    assert response.status_code == 200
    assert response.content.decode().splitlines()[0].startswith("maand;zaaktype;geopend")
    assert client.get("/open-data/bestaat-niet/").status_code == 404
    assert client.get("/open-data/voorbeeldstad/geheim.json").status_code == 404
    assert client.get("/open-data/voorbeeldstad/zaken.xml").status_code == 404
