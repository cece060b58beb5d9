"""Every werkplek action checks the user's roles in the zaak's organisation; what a user may
not see does not exist for them (404); bad input gets Dutch field errors, never a 500."""

import pytest

from raadhuis.platform import tenancy
from raadhuis.werkplek import services as werkplek
from raadhuis.werkplek.urls import ACTIONS
from raadhuis.zgw.zaken import services as zaken
from tests.factories import member
from tests.werkplek.conftest import zaaktype

pytestmark = pytest.mark.django_db

# The role each action needs (besides seeing the zaak): None = behandelen.
NEEDS = {"toewijzen": "manager", "heropenen": "manager", "proces_opnieuw": "processen"}


@pytest.fixture
def zaak(gemeente, behandelaar, as_user):
    with as_user(behandelaar):
        return werkplek.intake(
            organisation=gemeente,
            zaaktype=zaaktype(gemeente, "PARKVERG"),
            omschrijving="Vergunning",
            bsn="999993653",
        )


def test_anonymous_login_post_only_and_manager_actions(client, employee_client, behandelaar, zaak):
    for action in ACTIONS:  # anonymous: to the login
        response = client.post(f"/werkplek/zaken/{zaak.uuid}/{action}/")
        assert response.status_code == 302 and "login" in response["Location"], action
    web = employee_client(behandelaar)
    for action in ACTIONS:  # every action is a POST
        assert web.get(f"/werkplek/zaken/{zaak.uuid}/{action}/").status_code == 405, action
    for action in ("toewijzen", "heropenen"):  # manager only
        assert web.post(f"/werkplek/zaken/{zaak.uuid}/{action}/", {"reden": "x"}).status_code == 403, action


def test_kcc_may_look_but_not_act(employee_client, kcc, zaak):
    web = employee_client(kcc)
    assert web.get(f"/werkplek/zaken/{zaak.uuid}/").status_code == 200
    for action in ACTIONS:
        expected = 302 if action == "brp" else 403  # the KCC may read BRP data (validated form → redirect)
        response = web.post(f"/werkplek/zaken/{zaak.uuid}/{action}/", {"doel": "Klantvraag"})
        assert response.status_code == expected, action


def test_another_municipality_gets_404_for_everything(employee_client, andere_gemeente, zaak):
    stranger = member(andere_gemeente, "behandelaar", username="vreemde")
    web = employee_client(stranger)
    assert web.get(f"/werkplek/zaken/{zaak.uuid}/").status_code == 404
    for action in ACTIONS:
        assert web.post(f"/werkplek/zaken/{zaak.uuid}/{action}/").status_code == 404, action
    assert zaak.identificatie not in web.get("/werkplek/").content.decode()
    assert web.get(f"/werkplek/zoeken/?q={zaak.identificatie}").context["results"] == []


def test_confidentiality_above_the_role_is_hidden(employee_client, gemeente, kcc, behandelaar, zaak):
    with tenancy.scope_for([gemeente.pk]):
        zaken.update_zaak(zaak, {"vertrouwelijkheidaanduiding": "vertrouwelijk"}, partial=True)
        werkplek.refresh(zaak)
    assert employee_client(kcc).get(f"/werkplek/zaken/{zaak.uuid}/").status_code == 404
    assert employee_client(behandelaar).get(f"/werkplek/zaken/{zaak.uuid}/").status_code == 200


def test_bad_input_gets_dutch_field_errors(employee_client, behandelaar, zaak):
    web = employee_client(behandelaar)
    response = web.post(f"/werkplek/zaken/{zaak.uuid}/status/", {"statustype": "999999"})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    response = web.post(f"/werkplek/zaken/{zaak.uuid}/verlengen/", {"reden": "x", "duur": "acht weken"})
    assert response.status_code == 400 and "Bijvoorbeeld P6W" in response.content.decode()
    response = web.post(f"/werkplek/zaken/{zaak.uuid}/notitie/", {"onderwerp": "x" * 300, "tekst": ""})
    assert response.status_code == 400
    response = web.post("/werkplek/nieuw/", {"zaaktype": "abc", "omschrijving": "", "bsn": "123456789"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dit veld is vereist" in html and "11-proef" in html
    assert web.get("/werkplek/zaken/not-a-uuid/").status_code == 404
    assert web.get("/werkplek/?pagina=abc&sort=;drop").status_code == 200


def test_closed_zaak_refuses_changes_with_a_message(employee_client, behandelaar, zaak, gemeente, as_user):
    with as_user(behandelaar):
        verleend = next(r for r in werkplek.zaakdata.resultaattypen(zaak) if r.omschrijving == "Verleend")
        werkplek.close(zaak, verleend, "Klaar")
    web = employee_client(behandelaar)
    response = web.post(
        f"/werkplek/zaken/{zaak.uuid}/notitie/", {"onderwerp": "Na", "tekst": "sluiting"}, follow=True
    )
    assert "afgesloten" in response.content.decode()
    with tenancy.scope_for([gemeente.pk]):
        assert werkplek.zaakdata.notities(zaken.get_zaak(zaak.uuid)) == []
