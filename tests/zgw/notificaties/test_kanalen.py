"""Kanalen: the built-in ones registered at migrate, the API (list, filter, read, create)."""

from __future__ import annotations

import re

import pytest

from raadhuis.zgw.common import oas
from raadhuis.zgw.notificaties import kanalen
from raadhuis.zgw.notificaties.models import Kanaal
from tests.zgw.notificaties.conftest import BASE, CONSUMEREN, PUBLICEREN


def test_builtin_kanalen_exist_after_migrate(db):
    assert {k.naam: k.filters for k in Kanaal.objects.filter(ingebouwd=True)} == {
        b.naam: list(b.filters) for b in kanalen.BUILTIN + kanalen.OTHER_SOURCES}


def test_registering_is_idempotent_and_repairs(db):
    assert kanalen.register_builtin() == 0
    Kanaal.objects.filter(naam="zaken").update(filters=["iets"], ingebouwd=False)
    assert kanalen.register_builtin() == 1
    zaken = Kanaal.objects.get(naam="zaken")
    assert zaken.filters == ["bronorganisatie", "zaaktype", "vertrouwelijkheidaanduiding"] and zaken.ingebouwd
    assert Kanaal.objects.filter(naam="zaken").count() == 1


def _documented_kanalen() -> dict[str, set[str]]:
    """kanaal → kenmerken, as the official OAS descriptions of our components say."""
    found = {}
    for component in oas.COMPONENTS.values():
        description = oas.load_official(component)["info"]["description"]
        for part in re.split(r"Deze API publiceert notificaties op het kanaal ", description)[1:]:
            naam = re.match(r"`([^`]+)`", part).group(1)
            section = part.split("**Kenmerken**", 1)[1].split("**Resources en acties**", 1)[0]
            found[naam] = {_camel(k) for k in re.findall(r"\* `([^`]+)`", section)}
    return found


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.capitalize() for p in rest)


def test_builtin_kanalen_are_those_the_standards_document():
    documented = _documented_kanalen()
    assert {b.naam: set(b.filters) for b in kanalen.BUILTIN} == documented


@pytest.fixture
def reader(zgw_client, orgs):
    return zgw_client(orgs[1], CONSUMEREN)


def test_list_filter_and_read(reader):
    response = reader.get(f"{BASE}/kanaal")
    assert response.status_code == 200 and response["API-version"] == "1.0.1"
    names = [k["naam"] for k in response.json()]
    assert "zaken" in names and names == sorted(names)
    [zaken] = reader.get(f"{BASE}/kanaal", {"naam": "zaken"}).json()
    assert zaken["filters"] == ["bronorganisatie", "zaaktype", "vertrouwelijkheidaanduiding"]
    assert reader.get(zaken["url"]).json() == zaken
    assert reader.get(f"{BASE}/kanaal", {"onbekend": "x"}).status_code == 400


def test_create_needs_publiceren_and_is_seen_by_every_organisation(publisher, consumer, reader):
    body = {"naam": "meldingen", "documentatieLink": "https://gemeente.example/docs",
            "filters": ["wijk", "categorie"]}
    assert consumer.post(f"{BASE}/kanaal", body, format="json").status_code == 403
    created = publisher.post(f"{BASE}/kanaal", body, format="json")
    assert created.status_code == 201, created.content
    assert created["Location"] == created.json()["url"]
    assert {k: created.json()[k] for k in body} == body
    kanaal = Kanaal.objects.get(naam="meldingen")
    assert kanaal.aangemaakt_door and not kanaal.ingebouwd
    assert [k["naam"] for k in reader.get(f"{BASE}/kanaal", {"naam": "meldingen"}).json()] == ["meldingen"]


@pytest.mark.parametrize(("body", "name", "code"), [
    ({"naam": "zaken"}, "naam", "unique"),
    ({"naam": ""}, "naam", "blank"),
    ({"naam": "x" * 51}, "naam", "max_length"),
    ({"naam": "a", "documentatieLink": "geen url"}, "documentatieLink", "invalid"),
    ({"naam": "a", "filters": [""]}, "filters.0", "blank"),
])
def test_create_refuses_bad_kanalen(publisher, body, name, code):
    response = publisher.post(f"{BASE}/kanaal", body, format="json")
    assert response.status_code == 400
    assert {"name": name, "code": code} in [
        {"name": p["name"], "code": p["code"]} for p in response.json()["invalidParams"]]


def test_without_nrc_scopes_kanalen_are_closed(zgw_client, orgs, client):
    zaken_only = zgw_client(orgs[0], [{"component": "zrc", "scopes": ["zaken.lezen"],
                                       "zaaktype": "http://x/zaaktypen/1",
                                       "max_vertrouwelijkheidaanduiding": "geheim"}])
    assert zaken_only.get(f"{BASE}/kanaal").status_code == 403
    assert client.get(f"{BASE}/kanaal").status_code == 401
    assert zgw_client(orgs[0], PUBLICEREN).get(f"{BASE}/kanaal").status_code == 200


@pytest.mark.django_db
def test_objects_register_kanalen_exist_so_they_can_be_subscribed_to():
    assert set(Kanaal.objects.filter(naam__in=["objecten", "objecttypen"]).values_list("naam", flat=True)) \
        == {"objecten", "objecttypen"}
    assert Kanaal.objects.get(naam="objecten").filters == ["objectType"]
