"""Clients and helpers of the Klantinteracties API tests."""

from __future__ import annotations

BASE = "/klantinteracties/api/v1"
BSN = "999993653"  # passes the elfproef; no person behind it is needed


def post(api, resource, body):
    return api.post(f"{BASE}/{resource}", body, format="json")


def created(api, resource, body) -> dict:
    response = post(api, resource, body)
    assert response.status_code == 201, response.json()
    return response.json()


def klantcontact(api, **extra) -> dict:
    return created(api, "klantcontacten", {"kanaal": "telefoon", "onderwerp": "Parkeervergunning",
                                           "inhoud": "Vraag naar de kosten.", "taal": "nld",
                                           "vertrouwelijk": False, **extra})


def klant_betrokkene(api, contact: dict, partij: dict) -> dict:
    """The partij as the klant who started the klantcontact."""
    return created(api, "betrokkenen", {"hadKlantcontact": {"uuid": contact["uuid"]},
                                        "wasPartij": {"uuid": partij["uuid"]}, "rol": "klant",
                                        "initiator": True})
