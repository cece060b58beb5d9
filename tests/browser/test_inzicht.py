"""A manager's iNzicht dashboard in a real browser: it passes an axe-core scan (no serious or
critical WCAG 2.1 AA violations), every chart is an image with a name and a table beside it,
and a number leads to the zaken behind it. Also the public open-data page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from raadhuis.inzicht import kubus, services
from raadhuis.inzicht.models import ZaakFeit
from raadhuis.platform import tenancy
from tests.factories import OrganisationFactory, member
from tests.inzicht.conftest import WIJKEN

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def gemeente(transactional_db):
    with tenancy.system_scope():
        organisation = OrganisationFactory(name="Gemeente Voorbeeldstad", slug="voorbeeldstad")
        services.load_gebieden(organisation, WIJKEN.read_bytes())
        today = date.today().replace(day=1)
        facts = []
        for n in range(40):
            start = today - timedelta(days=7 * n)
            facts.append(
                ZaakFeit(
                    organisation=organisation,
                    zaak_uuid=f"00000000-0000-4000-8000-{n:012d}",
                    identificatie=f"ZAAK-{n:04d}",
                    omschrijving="Melding",
                    zaaktype="MOR" if n % 2 else "PARKVERG",
                    team="meldpunt",
                    kanaal="portaal" if n % 3 else "balie",
                    wijk="WK9999001" if n % 4 else "WK9999002",
                    categorie="Zwerfafval" if n % 2 else "",
                    vertrouwelijkheid=0,
                    registratiedatum=start,
                    startdatum=start,
                    einddatum=start + timedelta(days=n % 9) if n % 5 else None,
                    uiterste_datum=start + timedelta(days=14),
                )
            )
        ZaakFeit.objects.bulk_create(facts)
        kubus.rebuild_cells(organisation)
    return organisation




def test_dashboard_is_accessible_and_charts_have_text_alternatives(
    live_server, page, axe_check, log_in, gemeente
):
    log_in(member(gemeente, "manager", username="manon"))
    page.goto(f"{live_server.url}/inzicht/")
    assert page.get_by_role("heading", name="Kerncijfers").is_visible()
    axe_check(page, context="dashboard")
    charts = page.locator("svg[role=img]")
    assert charts.count() >= 5
    for i in range(charts.count()):
        chart = charts.nth(i)
        title_id = chart.get_attribute("aria-labelledby").split()[0]
        assert page.locator(f"[id='{title_id}']").text_content().strip()
        section = page.locator("section.inzicht-grafiek-blok").nth(i)
        assert section.locator("table").count() == 1
    page.get_by_text("Definitie").first.click()  # definitions beside the figures
    axe_check(page, context="dashboard with a definition open")
    page.locator(".inzicht-tegel a").first.click()
    page.wait_for_url("**/inzicht/zaken/**")
    assert page.locator("tbody tr").count() >= 1
    axe_check(page, context="drill-down")


def test_open_data_page_is_accessible(live_server, page, axe_check, gemeente):
    page.goto(f"{live_server.url}/open-data/voorbeeldstad/")
    assert page.get_by_role("heading", name="Open data: zo werkt de gemeente").is_visible()
    axe_check(page, context="open data")
