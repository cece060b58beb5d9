"""``/maak-klantcontact`` (klantcontact, betrokkene and onderwerpobject in one transaction),
``/actorklantcontacten``, the interne taak's deadline (an x-experimental extra) and the
notifications on the kanalen ``partijen`` and ``internetaken``."""

from __future__ import annotations

from datetime import date

import pytest

from raadhuis.klantcontact import console, services
from raadhuis.klantcontact.api import scopes
from raadhuis.klantcontact.models import Betrokkene, Klantcontact, Onderwerpobject
from raadhuis.platform import tenancy
from raadhuis.platform.models.outbox import OutboxEvent
from tests.factories import member
from tests.klantcontact.apiclient import BASE, created, klantcontact, post

CONTACT = {
    "kanaal": "telefoon",
    "onderwerp": "Afval",
    "inhoud": "Container niet geleegd.",
    "taal": "nld",
    "vertrouwelijk": False,
}
ZAAK = {
    "codeObjecttype": "zaak",
    "codeRegister": "openzaak",
    "codeSoortObjectId": "uuid",
    "objectId": "095be615-a8ad-4c33-8e9c-c7612fbf6c9f",
}


def _counts(organisation) -> tuple[int, int, int]:
    with tenancy.scope_for([organisation.pk]):
        return Klantcontact.objects.count(), Betrokkene.objects.count(), Onderwerpobject.objects.count()


def test_maak_klantcontact_records_the_three_at_once(writer, gemeente):
    partij = created(writer, "partijen", {"soortPartij": "persoon", "indicatieActief": True})
    body = {
        "klantcontact": CONTACT,
        "betrokkene": {
            "wasPartij": {"uuid": partij["uuid"]},
            "rol": "klant",
            "initiator": True,
            "contactnaam": {"achternaam": "Jansen"},
        },
        "onderwerpobject": {"onderwerpobjectidentificator": ZAAK},
    }
    response = post(writer, "maak-klantcontact", body)
    assert response.status_code == 201, response.json()
    made = response.json()
    contact = made["klantcontact"]
    assert response["Location"] == contact["url"]
    assert made["betrokkene"]["hadKlantcontact"]["uuid"] == contact["uuid"]
    assert made["betrokkene"]["wasPartij"]["uuid"] == partij["uuid"]
    assert made["onderwerpobject"]["klantcontact"]["uuid"] == contact["uuid"]
    assert made["onderwerpobject"]["onderwerpobjectidentificator"] == ZAAK
    stored = writer.get(contact["url"], {"expand": "hadBetrokkenen,gingOverOnderwerpobjecten"}).json()
    assert stored["_expand"]["hadBetrokkenen"][0]["volledigeNaam"] == "Jansen"
    assert stored["_expand"]["gingOverOnderwerpobjecten"][0]["uuid"] == made["onderwerpobject"]["uuid"]

    from raadhuis.zgw.common import events

    with tenancy.scope_for([gemeente.pk]):
        for url in (contact["url"], made["betrokkene"]["url"], made["onderwerpobject"]["url"]):
            assert [e.actie for e in events.trail(url)] == ["create"]
    only_contact = post(writer, "maak-klantcontact", {"klantcontact": CONTACT})
    assert only_contact.status_code == 201 and only_contact.json()["betrokkene"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            {
                "klantcontact": CONTACT,
                "betrokkene": {
                    "wasPartij": {"uuid": "095be615-a8ad-4c33-8e9c-c7612fbf6c9f"},
                    "rol": "klant",
                    "initiator": True,
                },
            },
            "betrokkene.wasPartij.uuid",
        ),
        ({"klantcontact": CONTACT, "betrokkene": {"rol": "buurman", "initiator": True}}, "betrokkene.rol"),
        ({"klantcontact": {**CONTACT, "kanaal": ""}}, "klantcontact.kanaal"),
        (
            {"klantcontact": CONTACT, "onderwerpobject": {"onderwerpobjectidentificator": "zaak"}},
            "onderwerpobject.onderwerpobjectidentificator.nonFieldErrors",
        ),
        ({"betrokkene": {"rol": "klant", "initiator": True}}, "klantcontact"),
        ({"klantcontact": "telefoon"}, "klantcontact.nonFieldErrors"),
    ],
)
def test_maak_klantcontact_with_bad_input_records_nothing(writer, gemeente, body, field):
    created(writer, "partijen", {"soortPartij": "persoon", "indicatieActief": True})
    before = _counts(gemeente)
    response = post(writer, "maak-klantcontact", body)
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert field in [p["name"] for p in response.json()["invalidParams"]], response.json()
    assert _counts(gemeente) == before


def test_maak_klantcontact_needs_the_scope_and_stays_in_the_organisation(writer, kic, gemeente, proefdorp):
    reader = kic(gemeente, scopes.LEZEN)
    assert post(reader, "maak-klantcontact", {"klantcontact": CONTACT}).status_code == 403
    broken = writer.post(f"{BASE}/maak-klantcontact", "{niet json", content_type="application/json")
    assert broken.status_code == 400 and broken.json()["code"] == "parse_error"
    partij = created(writer, "partijen", {"soortPartij": "persoon", "indicatieActief": True})
    other = kic(proefdorp, scopes.LEZEN, scopes.AANMAKEN)
    response = post(
        other,
        "maak-klantcontact",
        {
            "klantcontact": CONTACT,
            "betrokkene": {"wasPartij": {"uuid": partij["uuid"]}, "rol": "klant", "initiator": True},
        },
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "betrokkene.wasPartij.uuid"


def test_actorklantcontacten_link_actors_to_a_klantcontact(writer, trusted_writer, kic, gemeente, proefdorp):
    medewerker = created(
        writer, "actoren", {"naam": "Els", "soortActor": "medewerker", "indicatieActief": True}
    )
    contact = klantcontact(writer)
    link = created(
        writer,
        "actorklantcontacten",
        {"actor": {"uuid": medewerker["uuid"]}, "klantcontact": {"uuid": contact["uuid"]}},
    )
    assert writer.get(contact["url"]).json()["hadBetrokkenActoren"][0]["naam"] == "Els"
    listed = writer.get(f"{BASE}/actorklantcontacten", {"klantcontact__uuid": contact["uuid"]}).json()
    assert [r["uuid"] for r in listed["results"]] == [link["uuid"]]
    again = post(
        writer,
        "actorklantcontacten",
        {"actor": {"uuid": medewerker["uuid"]}, "klantcontact": {"uuid": contact["uuid"]}},
    )
    assert again.status_code == 400 and again.json()["invalidParams"][0]["code"] == "unique"
    wrong = post(
        writer,
        "actorklantcontacten",
        {"actor": {"uuid": contact["uuid"]}, "klantcontact": {"uuid": contact["uuid"]}},
    )
    assert wrong.status_code == 400 and wrong.json()["invalidParams"][0]["name"] == "actor.uuid"
    assert writer.get(f"{BASE}/actorklantcontacten", {"actor__uuid": "geen-uuid"}).status_code == 400

    # The chat's speaker is linked when the turn is recorded.
    with tenancy.scope_for([gemeente.pk]):
        gesprek = services.start_gesprek(gemeente)
        services.post_message(gesprek, "hallo")
        bot_turn = Klantcontact.objects.filter(gesprek=gesprek, actor__isnull=False).get()
    bot_links = writer.get(f"{BASE}/actorklantcontacten", {"klantcontact__uuid": str(bot_turn.uuid)}).json()
    assert bot_links["count"] == 1

    geheim = klantcontact(trusted_writer, vertrouwelijk=True)
    created(
        trusted_writer,
        "actorklantcontacten",
        {"actor": {"uuid": medewerker["uuid"]}, "klantcontact": {"uuid": geheim["uuid"]}},
    )
    reader = kic(gemeente, scopes.LEZEN)
    assert (
        reader.get(f"{BASE}/actorklantcontacten", {"klantcontact__uuid": geheim["uuid"]}).json()["count"] == 0
    )
    assert kic(proefdorp, scopes.LEZEN).get(link["url"]).status_code == 404
    assert reader.delete(link["url"]).status_code == 403
    assert writer.delete(link["url"]).status_code == 204
    assert writer.get(contact["url"]).json()["hadBetrokkenActoren"] == []


def test_the_deadline_of_an_interne_taak_is_an_experimental_field(writer):
    contact = klantcontact(writer)
    taak = created(
        writer,
        "internetaken",
        {
            "gevraagdeHandeling": "Terugbellen",
            "status": "te_verwerken",
            "aanleidinggevendKlantcontact": {"uuid": contact["uuid"]},
            "uiterlijkAfgehandeldOp": "2026-12-03",
        },
    )
    assert taak["uiterlijkAfgehandeldOp"] == "2026-12-03"
    moved = writer.patch(taak["url"], {"uiterlijkAfgehandeldOp": "2026-12-04"}, format="json")
    assert moved.json()["uiterlijkAfgehandeldOp"] == "2026-12-04"
    bad = writer.patch(taak["url"], {"uiterlijkAfgehandeldOp": "donderdag"}, format="json")
    assert bad.status_code == 400 and bad.json()["invalidParams"][0]["name"] == "uiterlijkAfgehandeldOp"


def test_partijen_and_interne_taken_are_notified(writer, gemeente):
    def events(kanaal):
        with tenancy.scope_for([gemeente.pk]):
            return list(
                OutboxEvent.objects.filter(kanaal=kanaal).order_by("pk").values_list("payload", flat=True)
            )

    partij = created(writer, "partijen", {"soortPartij": "persoon", "indicatieActief": True, "nummer": "P1"})
    writer.patch(partij["url"], {"interneNotitie": "belt liever 's middags"}, format="json")
    [made, changed] = events("partijen")
    assert (made["actie"], made["resource"], made["resourceUrl"], made["hoofdObject"]) == (
        "create",
        "partij",
        partij["url"],
        partij["url"],
    )
    assert made["kenmerken"] == {"nummer": "P1", "interneNotitie": "", "soortPartij": "persoon"}
    assert changed["actie"] == "partial_update" and changed["kenmerken"]["interneNotitie"].startswith("belt")

    contact = klantcontact(writer)
    taak = created(
        writer,
        "internetaken",
        {
            "gevraagdeHandeling": "Terugbellen",
            "status": "te_verwerken",
            "aanleidinggevendKlantcontact": {"uuid": contact["uuid"]},
        },
    )
    writer.delete(taak["url"])
    assert [(e["actie"], e["kenmerken"]["status"]) for e in events("internetaken")] == [
        ("create", "te_verwerken"),
        ("destroy", "te_verwerken"),
    ]
    assert events("klantcontacten") == []  # the standard has no kanaal for them

    # A task the KCC console makes is notified too.
    user = member(gemeente, "kcc", username="kcc-notify")
    with tenancy.scope_for([gemeente.pk]):
        record = Klantcontact.objects.get(uuid=contact["uuid"])
        console.maak_taak(
            record,
            user,
            console.Taakverzoek(toegewezen_aan=f"medewerker:{user.pk}", uiterlijk_op=date(2026, 12, 3)),
        )
    assert events("internetaken")[-1]["actie"] == "create"


@pytest.mark.django_db
def test_the_kanalen_partijen_and_internetaken_exist_so_they_can_be_subscribed_to():
    from raadhuis.zgw.notificaties.models import Kanaal

    filters = dict(
        Kanaal.objects.filter(naam__in=["partijen", "internetaken"]).values_list("naam", "filters")
    )
    assert filters == {
        "partijen": ["nummer", "interneNotitie", "soortPartij"],
        "internetaken": ["nummer", "gevraagdeHandeling", "toelichting", "status"],
    }


def test_an_interne_taak_goes_to_a_team_and_a_colleague(writer, gemeente):
    team = created(writer, "actoren", {"naam": "Team Burgerzaken", "soortActor": "organisatorische_eenheid"})
    user = member(gemeente, "kcc", username="kcc-actoren")
    with tenancy.scope_for([gemeente.pk]):
        collega = services.employee_actor(gemeente, user)
    contact = klantcontact(writer)
    body = {
        "gevraagdeHandeling": "Terugbellen",
        "status": "te_verwerken",
        "aanleidinggevendKlantcontact": {"uuid": contact["uuid"]},
        "toegewezenAanActoren": [{"uuid": team["uuid"]}, {"uuid": str(collega.uuid)}],
    }
    taak = created(writer, "internetaken", body)
    assert [a["uuid"] for a in taak["toegewezenAanActoren"]] == [team["uuid"], str(collega.uuid)]
    assert taak["toegewezenAanActor"]["uuid"] == team["uuid"]  # the first, as the reference says
    # The colleague finds it among their own tasks in the KCC console.
    with tenancy.scope_for([gemeente.pk]):
        assert [str(t.uuid) for t in console.open_taken(user, alleen_mijn=True)] == [taak["uuid"]]
    alone = writer.patch(taak["url"], {"toegewezenAanActoren": [{"uuid": team["uuid"]}]}, format="json")
    assert [a["uuid"] for a in alone.json()["toegewezenAanActoren"]] == [team["uuid"]]
    with tenancy.scope_for([gemeente.pk]):
        assert console.open_taken(user, alleen_mijn=True) == []
    twice = writer.patch(
        taak["url"], {"toegewezenAanActoren": [{"uuid": team["uuid"]}, {"uuid": team["uuid"]}]}, format="json"
    )
    assert twice.status_code == 400 and twice.json()["invalidParams"][0]["code"] == "unique"
    other = writer.patch(
        taak["url"],
        {"toegewezenAanActor": {"uuid": str(collega.uuid)}, "toegewezenAanActoren": [{"uuid": team["uuid"]}]},
        format="json",
    )
    assert other.status_code == 400
