"""The fast paths of the list and create (ADR 0042) answer exactly as the general ones."""

import pytest
from django.db import connection

from raadhuis.platform import compiled, tenancy
from raadhuis.zgw.common.auth import ClientAuth, Grant
from raadhuis.zgw.common.scopes import Scope
from raadhuis.zgw.common.vertrouwelijkheid import ORDER, rank
from raadhuis.zgw.zaken import numbers
from raadhuis.zgw.zaken.models import ReservedIdentificatie, Zaak, ZaakCount
from tests.zgw.conftest import make_token, secret_of
from tests.zgw.zaken.conftest import ZAKEN, zaak_payload
from tests.zgw.zaken.factories import published_zaaktype


def _zaak(organisation, zaaktype, identificatie, **values):
    rsin = organisation.rsin
    return Zaak.objects.create(organisation=organisation, zaaktype=zaaktype, bronorganisatie=rsin,
                               verantwoordelijke_organisatie=rsin, identificatie=identificatie,
                               startdatum="2026-01-01", **values)


def test_list_without_parameters_equals_the_filtered_path(api, make_zaak):
    for level in ("openbaar", "geheim", "intern"):
        make_zaak(vertrouwelijkheidaanduiding=level)
    plain = api.get(ZAKEN)
    ordered = api.get(ZAKEN, {"ordering": "-registratiedatum"})  # through the FilterSet
    assert plain.status_code == ordered.status_code == 200
    assert plain.content == ordered.content
    assert plain.json()["count"] == 3


def test_list_pages_come_from_their_own_window(api, make_zaak, monkeypatch):
    from raadhuis.zgw.zaken.api.viewsets.zaken import ZaakViewSet

    made = [make_zaak()["url"] for _ in range(3)]
    monkeypatch.setattr(ZaakViewSet.pagination_class, "page_size", 2)
    first, second = api.get(ZAKEN, {"page": 1}).json(), api.get(ZAKEN, {"page": 2}).json()
    assert first["count"] == second["count"] == 3
    assert [z["url"] for z in first["results"] + second["results"]] == made[::-1]
    assert api.get(ZAKEN, {"page": 3}).status_code == 404


def test_compiled_sql_is_kept_per_tenant_scope(org_a, org_b):
    with tenancy.system_scope():
        zaaktype_a, zaaktype_b = published_zaaktype(org_a), published_zaaktype(org_b)
    ids = {}
    for organisation, zaaktype in ((org_a, zaaktype_a), (org_b, zaaktype_b)):
        with tenancy.scope_for([organisation.pk]):
            ids[organisation.pk] = _zaak(organisation, zaaktype, f"HOT-{organisation.pk}").pk
    for organisation in (org_a, org_b, org_a):
        with tenancy.scope_for([organisation.pk]):
            found = compiled.values(("test-hot-paths",), lambda: Zaak.objects.order_by("pk").values("id"))
        assert found == [{"id": ids[organisation.pk]}]
    with tenancy.scope_for([]):
        assert compiled.values(("test-hot-paths",), lambda: Zaak.objects.values("id")) == []


def test_a_compiled_first_is_the_orms_record_in_its_tenant_only(org_a, org_b):
    """compiled.first (the catalogue lookups of every write) loads the record as the ORM does,
    and in another tenant's scope the same key finds nothing (zrc-001: a URL that does not exist)."""
    with tenancy.system_scope():
        zaaktype = published_zaaktype(org_a)
    key = ("test-first", zaaktype.uuid)

    def build():
        return type(zaaktype).objects.filter(uuid=zaaktype.uuid).order_by("pk")

    with tenancy.scope_for([org_a.pk]):
        found, expected = compiled.first(key, build), build().first()
    fields = [f.attname for f in type(zaaktype)._meta.concrete_fields]
    assert found is not None and not found._state.adding
    assert [getattr(found, name) for name in fields] == [getattr(expected, name) for name in fields]
    with tenancy.scope_for([org_b.pk]):
        assert compiled.first(key, build) is None


@pytest.mark.parametrize("seed", range(3))
def test_visibility_is_the_union_of_the_autorisaties(org_a, seed):
    """Autorisaties grouped by level match exactly the zaken one condition per autorisatie would."""
    import random

    rng = random.Random(seed)  # noqa: S311 - test data
    with tenancy.system_scope():
        zaaktypen = [published_zaaktype(org_a) for _ in range(4)]
    with tenancy.scope_for([org_a.pk]):
        for number in range(40):
            level = rng.choice(ORDER)
            _zaak(org_a, rng.choice(zaaktypen), f"VIS-{seed}-{number}", vertrouwelijkheidaanduiding=level)
        grants = [Grant("zrc", frozenset({"zaken.lezen"}), z.uuid, rng.choice([*ORDER, ""]))
                  for z in rng.sample(zaaktypen, 3)]
        grants.append(Grant("zrc", frozenset({"zaken.bijwerken"}), zaaktypen[3].uuid, "zeer_geheim"))
        client = ClientAuth(applicatie_uuid=zaaktypen[0].uuid, label="t", client_id="t", grants=grants,
                            organisation_ids=frozenset([org_a.pk]), heeft_alle_autorisaties=False)
        lezen = Scope.named("zaken.lezen")
        condition = client.visibility("zrc", lezen, "zaaktype__uuid", "vertrouwelijkheidaanduiding")
        visible = set(Zaak.objects.filter(condition).values_list("pk", flat=True))
        expected = {z.pk for z in Zaak.objects.select_related("zaaktype")
                    if any(g.type_uuid == z.zaaktype.uuid and lezen.granted_by(g.scopes)
                           and _within(z.vertrouwelijkheidaanduiding, g.max_vertrouwelijkheidaanduiding)
                           for g in grants)}
    assert visible == expected


def _within(level, maximum):
    return not maximum or rank(level) <= rank(maximum)


def test_zrc_002_a_failed_create_leaves_a_gap_never_a_duplicate(api, make_zaak, zaaktype, org_a, monkeypatch):
    first = make_zaak()["identificatie"]
    year, number = first.split("-")[1], int(first.split("-")[2])

    def fail(*zaken):
        raise RuntimeError("database gone")

    monkeypatch.setattr(ZaakCount, "created", fail)  # the last statement of the create's transaction
    assert api.post(ZAKEN, zaak_payload(zaaktype, org_a), format="json").status_code == 500
    monkeypatch.undo()
    assert make_zaak()["identificatie"] == f"ZAAK-{year}-{number + 2:010d}"
    with tenancy.system_scope():
        assert not Zaak.objects.filter(identificatie=f"ZAAK-{year}-{number + 1:010d}").exists()


def test_zrc_002_drawn_numbers_skip_reserved_ones(org_a):
    from datetime import date

    day = date(2031, 5, 1)
    first = numbers.next_numbers(org_a.rsin, day)[0]
    following = numbers.format_number(2031, int(first.rsplit("-", 1)[1]) + 1)
    with tenancy.scope_for([org_a.pk]):
        ReservedIdentificatie.objects.create(organisation=org_a, bronorganisatie=org_a.rsin,
                                             identificatie=following)
    drawn = numbers.next_numbers(org_a.rsin, day, 2)
    assert following not in drawn and first not in drawn
    assert drawn == [numbers.format_number(2031, int(first.rsplit("-", 1)[1]) + n) for n in (2, 3)]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the fallback for SQLite before 3.35")
def test_zrc_002_counter_without_returning_on_old_sqlite(org_a, monkeypatch):
    from datetime import date

    monkeypatch.setattr(numbers.sqlite3, "sqlite_version_info", (3, 31, 1))
    first = numbers.next_numbers(org_a.rsin, date(2032, 1, 1), 2)
    assert numbers.next_numbers(org_a.rsin, date(2032, 1, 1)) == [numbers.format_number(2032, 3)]
    assert first == [numbers.format_number(2032, n) for n in (1, 2)]


def test_a_kept_token_is_checked_against_the_current_secret_and_age(client, api, settings):
    from raadhuis.zgw.autorisaties.models import ClientCredential

    client_id = api.applicatie.credentials.get().client_id
    token = make_token(client_id, secret_of(client_id))
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}", "HTTP_ACCEPT_CRS": "EPSG:4326"}
    assert client.get(ZAKEN, **headers).status_code == 200
    with tenancy.system_scope():
        ClientCredential.objects.filter(client_id=client_id).update(secret="een-ander-geheim-lang-genoeg-voor-hs256")
    assert client.get(ZAKEN, **headers).status_code == 401
    with tenancy.system_scope():
        ClientCredential.objects.filter(client_id=client_id).update(secret=secret_of(client_id))
    assert client.get(ZAKEN, **headers).status_code == 200
    settings.ZGW_JWT_EXPIRY_SECONDS, settings.ZGW_JWT_LEEWAY_SECONDS = -10, 0  # every token is too old now
    assert client.get(ZAKEN, **headers).status_code == 401


def test_a_changed_autorisatie_counts_from_the_next_request(client, api, make_zaak):
    from raadhuis.zgw.autorisaties.models import Autorisatie

    make_zaak()
    client_id = api.applicatie.credentials.get().client_id
    headers = {"HTTP_AUTHORIZATION": f"Bearer {make_token(client_id, secret_of(client_id))}",
               "HTTP_ACCEPT_CRS": "EPSG:4326"}
    assert client.get(ZAKEN, **headers).json()["count"] == 1
    with tenancy.system_scope():
        Autorisatie.objects.filter(applicatie=api.applicatie).update(max_vertrouwelijkheidaanduiding="")
        Autorisatie.objects.filter(applicatie=api.applicatie).update(scopes=["zaken.aanmaken"])
    assert client.get(ZAKEN, **headers).status_code == 403
