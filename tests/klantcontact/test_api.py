"""The Klantinteracties API: the standard's resources and fields, klantcontacten as records,
scopes, tenancy and confidentiality, and clear ZGW errors on bad input."""

from __future__ import annotations

import pytest

from raadhuis.klantcontact import services
from raadhuis.klantcontact.api import scopes
from raadhuis.klantcontact.models import Klantcontact
from raadhuis.platform import tenancy
from tests.klantcontact.apiclient import BASE, BSN, created, klantcontact, post
from tests.zgw.conftest import zgw_client  # noqa: F401 - fixture


def test_a_phone_call_is_recorded_with_partij_betrokkene_zaak_and_call_back_task(writer):
    partij = created(writer, "partijen", {
        "soortPartij": "persoon", "indicatieActief": True,
        "partijIdentificatoren": [{"partijIdentificator": {
            "codeObjecttype": "natuurlijk_persoon", "codeSoortObjectId": "bsn", "objectId": BSN,
            "codeRegister": "brp"}}],
        "partijIdentificatie": {"contactnaam": {"voornaam": "Jan", "achternaam": "Jansen"}},
    })
    assert partij["partijIdentificatie"]["volledigeNaam"] == "Jan Jansen"
    adres = created(writer, "digitaleadressen", {"verstrektDoorPartij": {"uuid": partij["uuid"]},
                                                 "soortDigitaalAdres": "email", "adres": "jan@example.nl"})
    contact = klantcontact(writer)
    betrokkene = created(writer, "betrokkenen", {"hadKlantcontact": {"uuid": contact["uuid"]},
                                                 "wasPartij": {"uuid": partij["uuid"]},
                                                 "rol": "klant", "initiator": True})
    created(writer, "onderwerpobjecten", {"klantcontact": {"uuid": contact["uuid"]},
                                          "onderwerpobjectidentificator": {
                                              "codeObjecttype": "zaak", "codeRegister": "openzaak",
                                              "codeSoortObjectId": "uuid",
                                              "objectId": "095be615-a8ad-4c33-8e9c-c7612fbf6c9f"}})
    team = created(writer, "actoren", {"naam": "Team Parkeren", "soortActor": "organisatorische_eenheid",
                                       "indicatieActief": True})
    taak = created(writer, "internetaken", {"gevraagdeHandeling": "Terugbellen",
                                            "aanleidinggevendKlantcontact": {"uuid": contact["uuid"]},
                                            "toegewezenAanActoren": [{"uuid": team["uuid"]}],
                                            "status": "te_verwerken"})
    assert taak["toegewezenAanActor"]["uuid"] == team["uuid"] and taak["afgehandeldOp"] is None

    body = writer.get(f"{BASE}/klantcontacten/{contact['uuid']}").json()
    assert [b["uuid"] for b in body["hadBetrokkenen"]] == [betrokkene["uuid"]]
    assert body["leiddeTotInterneTaken"][0]["uuid"] == taak["uuid"]
    assert body["gingOverOnderwerpobjecten"][0]["url"].startswith("http://testserver/klantinteracties/")
    assert body["plaatsgevondenOp"] and body["indicatieContactGelukt"] is True

    found = writer.get(f"{BASE}/klantcontacten",
                       {"hadBetrokkene__wasPartij__partijIdentificator__objectId": BSN})
    assert [k["uuid"] for k in found.json()["results"]] == [contact["uuid"]]
    partij_now = writer.get(f"{BASE}/partijen/{partij['uuid']}").json()
    assert partij_now["digitaleAdressen"][0]["uuid"] == adres["uuid"]
    assert partij_now["betrokkenen"][0]["uuid"] == betrokkene["uuid"]

    done = writer.patch(f"{BASE}/internetaken/{taak['uuid']}", {"status": "verwerkt"}, format="json")
    assert done.status_code == 200 and done.json()["afgehandeldOp"]


def test_a_klantcontact_cannot_be_changed_or_deleted_over_the_api(writer):
    contact = klantcontact(writer)
    url = f"{BASE}/klantcontacten/{contact['uuid']}"
    for method in ("put", "patch", "delete"):
        response = getattr(writer, method)(url, {"inhoud": "anders"}, format="json")
        assert response.status_code == 405 and response["Content-Type"] == "application/problem+json"
    assert writer.get(url).json()["inhoud"] == "Vraag naar de kosten."


def test_chat_turns_are_klantcontacten_with_the_chatbot_as_actor(writer, gemeente):
    with tenancy.scope_for([gemeente.pk]):
        gesprek = services.start_gesprek(gemeente)
        services.post_message(gesprek, "hallo")
        bot_turn = Klantcontact.objects.filter(gesprek=gesprek, actor__isnull=False).get()
    body = writer.get(f"{BASE}/klantcontacten/{bot_turn.uuid}").json()
    assert body["kanaal"] == "chat"
    assert [(a["naam"], a["soortActor"]) for a in body["hadBetrokkenActoren"]] == [
        ("Digitale assistent", "geautomatiseerde_actor")]


def test_another_municipality_sees_and_reaches_nothing(writer, kic, proefdorp):
    contact = klantcontact(writer)
    other = kic(proefdorp, scopes.LEZEN, scopes.AANMAKEN)
    assert other.get(f"{BASE}/klantcontacten").json()["count"] == 0
    assert other.get(f"{BASE}/klantcontacten/{contact['uuid']}").status_code == 404
    response = post(other, "betrokkenen", {"hadKlantcontact": {"uuid": contact["uuid"]}, "rol": "klant",
                                          "initiator": True})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "hadKlantcontact.uuid"


def test_scopes_decide_what_a_client_may_do(kic, zgw_client, gemeente):  # noqa: F811
    assert zgw_client(gemeente).get(f"{BASE}/partijen").status_code == 403  # no toegang at all
    reader = kic(gemeente, scopes.LEZEN)
    assert reader.get(f"{BASE}/partijen").status_code == 200
    response = post(reader, "actoren", {"naam": "X", "soortActor": "medewerker"})
    assert response.status_code == 403 and response.json()["status"] == 403
    assert zgw_client(gemeente, alles=True).get(f"{BASE}/actoren").status_code == 200
    assert reader.credentials() is None and reader.get(f"{BASE}/actoren").status_code == 401


def test_vertrouwelijke_klantcontacten_need_their_own_scope(writer, kic, gemeente):
    geheim = klantcontact(writer, vertrouwelijk=True)
    open_ = klantcontact(writer)
    reader = kic(gemeente, scopes.LEZEN)
    assert [k["uuid"] for k in reader.get(f"{BASE}/klantcontacten").json()["results"]] == [open_["uuid"]]
    assert reader.get(f"{BASE}/klantcontacten/{geheim['uuid']}").status_code == 404
    trusted = kic(gemeente, scopes.LEZEN, scopes.VERTROUWELIJK_LEZEN)
    assert trusted.get(f"{BASE}/klantcontacten/{geheim['uuid']}").status_code == 200


@pytest.mark.parametrize(("resource", "body", "field"), [
    ("partijen", {"soortPartij": "persoon", "indicatieActief": True, "partijIdentificatoren": [
        {"partijIdentificator": {"codeObjecttype": "natuurlijk_persoon", "codeSoortObjectId": "bsn",
                                 "objectId": "123456789", "codeRegister": "brp"}}]},
     "partijIdentificatoren.0.partijIdentificator.objectId"),
    ("partijen", {"soortPartij": "alien", "indicatieActief": True}, "soortPartij"),
    ("digitaleadressen", {"soortDigitaalAdres": "email", "adres": "geen-adres"}, "adres"),
    ("digitaleadressen", {"soortDigitaalAdres": "telefoonnummer", "adres": "12"}, "adres"),
    ("klantcontacten", {"kanaal": "balie", "onderwerp": "x", "taal": "nld", "vertrouwelijk": False,
                        "plaatsgevondenOp": "2999-01-01T10:00:00Z"}, "plaatsgevondenOp"),
    ("klantcontacten", {"onderwerp": "x", "taal": "nld", "vertrouwelijk": False}, "kanaal"),
    ("betrokkenen", {"hadKlantcontact": {"uuid": "niet-een-uuid"}, "rol": "klant", "initiator": True},
     "hadKlantcontact.uuid"),
    ("internetaken", {"gevraagdeHandeling": "x", "status": "klaar",
                      "aanleidinggevendKlantcontact": {"uuid": "095be615-a8ad-4c33-8e9c-c7612fbf6c9f"}},
     "aanleidinggevendKlantcontact.uuid"),
])
def test_bad_input_gets_a_zgw_validation_error(writer, resource, body, field):
    response = post(writer, resource, body)
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert field in [p["name"] for p in response.json()["invalidParams"]], response.json()


def test_bad_query_and_body_get_clear_errors(writer):
    unknown = writer.get(f"{BASE}/partijen", {"bsn": BSN}).json()
    assert unknown["invalidParams"][0]["code"] == "unknown-parameters"
    assert writer.get(f"{BASE}/klantcontacten", {"plaatsgevondenOp": "gisteren"}).status_code == 400
    broken = writer.post(f"{BASE}/actoren", "{niet json", content_type="application/json")
    assert broken.status_code == 400 and broken.json()["code"] == "parse_error"
    assert writer.get(f"{BASE}/partijen/niet-een-uuid").status_code == 404


def test_a_partij_identificator_belongs_to_one_partij_and_pages_follow_the_standard(writer):
    body = {"soortPartij": "organisatie", "indicatieActief": True,
            "partijIdentificatie": {"naam": "Bakkerij De Bol"},
            "partijIdentificatoren": [{"partijIdentificator": {
                "codeObjecttype": "niet_natuurlijk_persoon", "codeSoortObjectId": "kvk_nummer",
                "objectId": "12345678", "codeRegister": "hr"}}]}
    first = created(writer, "partijen", body)
    assert first["partijIdentificatie"]["volledigeNaam"] == "Bakkerij De Bol"
    again = post(writer, "partijen", body)
    assert again.status_code == 400 and again.json()["invalidParams"][0]["code"] == "unique"
    for _ in range(2):
        created(writer, "actoren", {"naam": "Medewerker", "soortActor": "medewerker"})
    page = writer.get(f"{BASE}/actoren", {"pageSize": 1}).json()
    assert page["count"] >= 2 and len(page["results"]) == 1 and page["next"]


def test_an_actor_with_klantcontacten_is_kept(writer, gemeente):
    with tenancy.scope_for([gemeente.pk]):
        gesprek = services.start_gesprek(gemeente)
        services.post_message(gesprek, "hallo")
        bot = services.chatbot_actor(gemeente)
    response = writer.delete(f"{BASE}/actoren/{bot.uuid}")
    assert response.status_code == 400 and response.json()["invalidParams"][0]["code"] == "protected"


def test_writes_are_in_the_audit_trail(writer, gemeente):
    from raadhuis.zgw.common import events

    actor = created(writer, "actoren", {"naam": "KCC", "soortActor": "organisatorische_eenheid"})
    with tenancy.scope_for([gemeente.pk]):
        trail = list(events.trail(actor["url"]))
    assert [(e.bron, e.actie, e.nieuw["naam"]) for e in trail] == [("KC", "create", "KCC")]
