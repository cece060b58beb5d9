"""BRP_API_URL: the services ask a real Haal Centraal BRP API (here a local fake server)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from raadhuis.platform import tenancy
from raadhuis.platform.models import ProcessingLogEntry
from raadhuis.registers import services
from tests.registers.conftest import URL

DOEL = {"doel": "Prefill aanvraag", "grondslag": "AVG art. 6 lid 1 sub e", "verwerking": "Parkeren"}
PERSOON = {
    "burgerservicenummer": "999993653",
    "naam": {"voornamen": "Suzanne", "geslachtsnaam": "Moulin", "voorletters": "S."},
    "geboorte": {"datum": {"type": "Datum", "datum": "1985-06-12", "langFormaat": "12 juni 1985"}},
    "verblijfplaats": {"type": "Adres", "verblijfadres": {"postcode": "2511CV", "huisnummer": 1}},
    "gemeenteVanInschrijving": {"code": "0518", "omschrijving": "'s-Gravenhage"},
    "geheimhoudingPersoonsgegevens": True,
}


class FakeBrp(BaseHTTPRequestHandler):
    requests: list = []
    reply: tuple = (200, {"type": "RaadpleegMetBurgerservicenummer", "personen": [PERSOON]})

    def do_POST(self):  # noqa: N802 - http.server's naming
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeBrp.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
        status, reply = FakeBrp.reply
        data = reply.encode() if isinstance(reply, str) else json.dumps(reply).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def remote_brp(settings, two_municipalities):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeBrp)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeBrp.requests = []
    settings.BRP_API_URL = f"http://127.0.0.1:{server.server_port}/haalcentraal/api/brp/"
    settings.BRP_API_KEY = "sleutel-123"
    settings.BRP_API_TIMEOUT = 2.0
    yield FakeBrp
    server.shutdown()
    server.server_close()
    FakeBrp.reply = (200, {"type": "RaadpleegMetBurgerservicenummer", "personen": [PERSOON]})


@pytest.fixture
def scope_a(two_municipalities, in_scope_of):
    in_scope_of(two_municipalities[0])
    return two_municipalities[0]


def test_get_persoon_asks_the_remote_brp_and_logs_the_read(remote_brp, scope_a):
    persoon = services.get_persoon("999993653", fields=["naam.voornamen", "geboorte"], **DOEL)
    # Minimised again here: the remote's extra fields do not pass; automatic ones do.
    assert persoon == {"naam": {"voornamen": "Suzanne"}, "geboorte": PERSOON["geboorte"],
                       "geheimhoudingPersoonsgegevens": True}
    [request] = remote_brp.requests
    assert request["path"] == "/haalcentraal/api/brp/personen"
    assert request["headers"]["X-API-Key"] == "sleutel-123"
    assert request["headers"]["x-doelbinding"] == "Prefill aanvraag"
    assert request["headers"]["x-verwerking"] == "Parkeren"
    assert request["body"] == {"type": "RaadpleegMetBurgerservicenummer",
                               "burgerservicenummer": ["999993653"],
                               "fields": ["naam.voornamen", "geboorte", "burgerservicenummer"]}
    with tenancy.system_scope():
        entry = ProcessingLogEntry.objects.get()
    assert (entry.betrokkene_id, entry.organisation_id, entry.grondslag) == (
        "999993653", scope_a.pk, DOEL["grondslag"])


def test_remote_400_becomes_invalid_query(remote_brp, scope_a):
    remote_brp.reply = (400, {"title": "Een of meerdere parameters zijn niet correct.", "status": 400,
                              "invalidParams": [{"name": "burgerservicenummer", "code": "notFound",
                                                 "reason": "x"}]})
    with pytest.raises(services.InvalidQuery) as error:
        services.get_persoon("999993653", fields=["naam"], **DOEL)
    assert error.value.invalid_params[0]["name"] == "burgerservicenummer"


@pytest.mark.parametrize("reply", [(500, {"title": "kapot"}), (200, "geen json"), (200, {"personen": "x"})])
def test_remote_failure_is_brp_unavailable(remote_brp, scope_a, reply):
    remote_brp.reply = reply
    with pytest.raises(services.BrpUnavailable):
        services.get_persoon("999993653", fields=["naam"], **DOEL)
    with tenancy.system_scope():
        assert not ProcessingLogEntry.objects.exists()


def test_unreachable_remote_is_brp_unavailable(settings, scope_a):
    settings.BRP_API_URL = "http://127.0.0.1:9/brp"  # discard port: nothing listens
    with pytest.raises(services.BrpUnavailable):
        services.zoek_personen({"type": "ZoekMetPostcodeEnHuisnummer", "postcode": "2511CV", "huisnummer": 1,
                                "fields": ["naam"]}, **DOEL)


def test_invalid_query_is_refused_before_calling_the_remote(remote_brp, scope_a):
    with pytest.raises(services.InvalidQuery):
        services.zoek_personen({"type": "ZoekMetPostcodeEnHuisnummer", "postcode": "x", "huisnummer": 1,
                                "fields": ["naam"]}, **DOEL)
    assert remote_brp.requests == []


def test_api_endpoint_uses_the_remote_and_answers_503_when_it_fails(remote_brp, brp_client,
                                                                    two_municipalities):
    api = brp_client(two_municipalities[0])
    body = {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999993653"],
            "fields": ["naam.geslachtsnaam"]}
    response = api.post(URL, data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    assert response.json()["personen"] == [{"naam": {"geslachtsnaam": "Moulin"},
                                            "geheimhoudingPersoonsgegevens": True}]
    remote_brp.reply = (503, {"title": "weg"})
    response = api.post(URL, data=json.dumps(body), content_type="application/json")
    assert response.status_code == 503
    assert response.json()["code"] == "notAvailable"
