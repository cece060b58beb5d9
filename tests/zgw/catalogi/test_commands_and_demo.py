"""Export/import of a catalogus, the demo catalogue and the admin's publish action."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import CommandError

from raadhuis.platform import tenancy
from raadhuis.platform.demo import VOORBEELDSTAD
from raadhuis.zgw.catalogi import demo, services, transfer
from raadhuis.zgw.catalogi.models import Catalogus, Zaaktype
from tests.factories import OrganisationFactory, member


@pytest.fixture
def demo_catalogus(two_municipalities, system_scope):
    voorbeeldstad = OrganisationFactory(name=VOORBEELDSTAD.name, slug=VOORBEELDSTAD.slug,
                                        rsin=VOORBEELDSTAD.rsin)
    demo.load(voorbeeldstad, two_municipalities[1])
    return Catalogus.objects.get(organisation=voorbeeldstad, domein=demo.DOMEIN)


def test_demo_catalogue_has_published_zaaktypen(demo_catalogus):
    zaaktypen = {z.identificatie: z for z in demo_catalogus.zaaktype_set.all()}
    assert set(zaaktypen) == {"MOR", "PARKVERG", "WOO", "BEZWAAR", "EVENEMENT", "VERHUIZING", "WMO"}
    assert all(not z.concept for z in zaaktypen.values())
    wmo = zaaktypen["WMO"]
    assert wmo.doorlooptijd_behandeling == "P8W" and zaaktypen["WOO"].doorlooptijd_behandeling == "P4W"
    statustypen = services.statustypen_for(wmo)
    assert len(statustypen) >= 3 and statustypen[-1].is_eindstatus()
    assert wmo.roltypen.filter(omschrijving_generiek="initiator").exists()
    assert all(r.archiefnominatie and r.selectielijstklasse for r in wmo.resultaattypen.all())
    assert [b.omschrijving for b in services.besluittypen_for(wmo)] == ["Wmo-beschikking"]


def test_demo_is_idempotent(demo_catalogus, two_municipalities):
    demo.load(demo_catalogus.organisation, two_municipalities[1])
    assert Catalogus.objects.filter(domein=demo.DOMEIN).count() == 1


def test_export_import_round_trip(demo_catalogus, two_municipalities, tmp_path, capsys):
    call_command("catalogus_export", str(demo_catalogus.uuid))
    exported = json.loads(capsys.readouterr().out)
    path = tmp_path / "catalogus.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    target = two_municipalities[0]
    call_command("catalogus_import", str(path), organisation=target.slug)
    imported = Catalogus.objects.get(organisation=target)
    again = transfer.export(imported)
    exported["catalogus"]["rsin"] = target.rsin
    assert again == exported
    assert Zaaktype.objects.filter(catalogus=imported, concept=False).count() == 7


def test_import_refuses_what_is_no_export(tmp_path, two_municipalities):
    path = tmp_path / "x.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("catalogus_import", str(path), organisation=two_municipalities[0].slug)
    with pytest.raises(CommandError):
        call_command("catalogus_export", "00000000-0000-0000-0000-000000000000")


def test_admin_publish_action_goes_through_services(demo_catalogus, employee_client):
    with tenancy.system_scope():
        zaaktype = Zaaktype.objects.get(catalogus=demo_catalogus, identificatie="WMO")
        concept = services.save(Zaaktype, None, {
            **{f.name: getattr(zaaktype, f.name) for f in Zaaktype._meta.concrete_fields
               if f.name not in ("id", "uuid", "organisation", "concept")},
            "identificatie": "WMO-NIEUW"})
        admin_user = member(demo_catalogus.organisation, "beheerder", username="zaaktypebeheerder",
                            is_staff=True, is_superuser=True)
    client = employee_client(admin_user)
    response = client.post("/admin/catalogi/zaaktype/", {
        "action": "publish", "_selected_action": [concept.pk]}, follow=True)
    assert response.status_code == 200
    with tenancy.system_scope():
        concept.refresh_from_db()
        assert not concept.concept
        from raadhuis.platform.models import AuditEntry
        assert AuditEntry.objects.filter(actie="publish", resource="zaaktype").exists()
    assert client.get(f"/admin/catalogi/zaaktype/{concept.pk}/change/").status_code == 200


def test_selectielijst_import(tmp_path, monkeypatch):
    from raadhuis.zgw.catalogi import selectielijst

    monkeypatch.setattr(selectielijst, "DATA_FILE", tmp_path / "selectielijst.json")
    page = tmp_path / "resultaten.json"
    page.write_text(json.dumps({"results": [{
        "url": "https://selectielijst.example/api/v1/resultaten/1", "procesType": "p",
        "procestermijn": "nihil", "waardering": "vernietigen", "bewaartermijn": "P10Y", "naam": "x"}]}))
    try:
        call_command("selectielijst_import", str(page))
        found = selectielijst.resultaat("https://selectielijst.example/api/v1/resultaten/1")
        assert found.procestermijn == "nihil" and found.bewaartermijn == "P10Y"
    finally:
        selectielijst._table.cache_clear()


def test_admin_catalogus_form_offers_only_own_organisations(two_municipalities, employee_client):
    a, b = two_municipalities
    beheerder = member(a, "beheerder", username="catalogusbeheerder", is_staff=True)
    beheerder.user_permissions.add(*Permission.objects.filter(content_type__app_label="catalogi"))
    page = employee_client(beheerder).get("/admin/catalogi/catalogus/add/")
    assert page.status_code == 200
    assert a.name in page.content.decode() and b.name not in page.content.decode()
