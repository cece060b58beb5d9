"""The list's `count` from the maintained zaken counts (ADR 0021) equals COUNT(*) of what the
client may see: for several autorisaties and organisations, after creates, changes of
vertrouwelijkheidaanduiding, deletes with deelzaken, generated data and rebuilds."""

import pytest
from django.core.management import CommandError, call_command

from raadhuis.platform import tenancy
from raadhuis.zgw.common.vertrouwelijkheid import up_to
from raadhuis.zgw.zaken import datagen
from raadhuis.zgw.zaken.models import Zaak, ZaakCount
from tests.zgw.zaken.conftest import ZAKEN, grant
from tests.zgw.zaken.factories import published_zaaktype

LEVELS = ["openbaar", "intern", "vertrouwelijk", "geheim"]


@pytest.fixture
def second_zaaktype(org_a):
    with tenancy.system_scope():
        return published_zaaktype(org_a)


@pytest.fixture
def world(zgw_client, org_a, org_b, zaaktype, second_zaaktype, zaaktype_b, api_b):
    """Zaken of two zaaktypen at four levels in A, two in B; an all-seeing client of A."""
    writer = zgw_client(org_a, [grant(zaaktype), grant(second_zaaktype)])
    for level in LEVELS:
        for each in (zaaktype, second_zaaktype):
            _create(writer, each, org_a, vertrouwelijkheidaanduiding=level)
    _create(writer, zaaktype, org_a, vertrouwelijkheidaanduiding="intern")
    for level in ("openbaar", "geheim"):
        _create(api_b, zaaktype_b, org_b, vertrouwelijkheidaanduiding=level)
    return writer


def _create(client, zaaktype, organisation, **overrides):
    from tests.zgw.zaken.conftest import zaak_payload

    response = client.post(ZAKEN, zaak_payload(zaaktype, organisation, **overrides), format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def _listed_count(client, **params) -> int:
    response = client.get(ZAKEN, params)
    assert response.status_code == 200, response.json()
    return response.json()["count"]


def _real_count(organisation, pairs) -> int:
    """COUNT(*) of the zaken of the organisation with these (zaaktype, maximum level) pairs."""
    with tenancy.system_scope():
        return sum(Zaak.objects.filter(organisation=organisation, zaaktype=zaaktype,
                                       vertrouwelijkheidaanduiding__in=up_to(maximum)).count()
                   for zaaktype, maximum in pairs)


def _assert_counts_exact(zgw_client, org_a, org_b, zaaktype, second_zaaktype, zaaktype_b):
    cases = [
        (org_a, [(zaaktype, "zeer_geheim")]),
        (org_a, [(zaaktype, "intern")]),
        (org_a, [(zaaktype, "openbaar"), (second_zaaktype, "vertrouwelijk")]),
        (org_a, [(zaaktype_b, "zeer_geheim")]),  # another organisation's zaaktype: nothing
        (org_b, [(zaaktype_b, "zeer_geheim"), (zaaktype, "zeer_geheim")]),
    ]
    for organisation, pairs in cases:
        client = zgw_client(organisation, [grant(z, maximum=m) for z, m in pairs])
        expected = _real_count(organisation, pairs)
        assert _listed_count(client) == expected, pairs
        # The same list with a filter that leaves every zaak in is counted by COUNT(*).
        assert _listed_count(client, bronorganisatie=organisation.rsin) == expected, pairs
    everything = zgw_client(org_a, alles=True)
    assert _listed_count(everything) == _real_count(org_a, [(zaaktype, "zeer_geheim"),
                                                            (second_zaaktype, "zeer_geheim")])
    with tenancy.system_scope():
        assert ZaakCount.differences() == {}


def test_counts_follow_creates_for_every_autorisatie(world, zgw_client, org_a, org_b, zaaktype,
                                                      second_zaaktype, zaaktype_b):
    assert _listed_count(world) == 9
    _assert_counts_exact(zgw_client, org_a, org_b, zaaktype, second_zaaktype, zaaktype_b)


def test_counts_follow_level_changes_and_deletes(world, zgw_client, org_a, org_b, zaaktype,
                                                 second_zaaktype, zaaktype_b):
    zaken = world.get(ZAKEN, {"ordering": "identificatie"}).json()["results"]
    openbaar = next(z for z in zaken if z["vertrouwelijkheidaanduiding"] == "openbaar")
    assert world.patch(openbaar["url"], {"vertrouwelijkheidaanduiding": "geheim"},
                       format="json").status_code == 200
    hoofd = next(z for z in zaken if z["vertrouwelijkheidaanduiding"] == "intern")
    for level in ("openbaar", "geheim"):  # deelzaken go with their hoofdzaak (zrc-023)
        _create(world, zaaktype, org_a, hoofdzaak=hoofd["url"], vertrouwelijkheidaanduiding=level)
    _assert_counts_exact(zgw_client, org_a, org_b, zaaktype, second_zaaktype, zaaktype_b)
    assert world.delete(hoofd["url"]).status_code == 204
    assert _listed_count(world) == 8
    _assert_counts_exact(zgw_client, org_a, org_b, zaaktype, second_zaaktype, zaaktype_b)


def test_zoek_without_filters_is_counted_too(world, org_a):
    response = world.post(f"{ZAKEN}/_zoek", {"ordering": "-startdatum"}, format="json")
    assert response.json()["count"] == 9
    assert world.post(f"{ZAKEN}/_zoek", {"uuid__in": []}, format="json").json()["count"] == 0


def test_generated_zaken_are_counted(org_a, zaaktype, second_zaaktype, zgw_client):
    with tenancy.system_scope():
        assert datagen.generate(org_a, 25, batch_size=10) == 25
        assert ZaakCount.differences() == {}
    client = zgw_client(org_a, [grant(zaaktype, maximum="intern")])
    assert _listed_count(client) == _real_count(org_a, [(zaaktype, "intern")])


def test_counts_command_verifies_and_rebuilds(world, org_a, zaaktype, capsys):
    call_command("counts")
    assert "zaken.ZaakCount: exact" in capsys.readouterr().out
    with tenancy.system_scope():
        ZaakCount.add({(org_a.pk, zaaktype.pk, "intern"): 5, (org_a.pk, zaaktype.pk, "zeer_geheim"): 1})
    with pytest.raises(CommandError):
        call_command("counts")
    output = capsys.readouterr().out
    assert f"({org_a.pk}, {zaaktype.pk}, 'intern'): stored 7, actual 2" in output
    assert f"({org_a.pk}, {zaaktype.pk}, 'zeer_geheim'): stored 1, actual 0" in output
    call_command("counts", "--rebuild")
    call_command("counts")
    assert _listed_count(world) == 9
