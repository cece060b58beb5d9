"""The demo registers: deterministic, valid test BSNs, families, the cases the API must handle."""

from raadhuis.platform import tenancy
from raadhuis.platform.validators import passes_elfproef
from raadhuis.registers import demo
from raadhuis.registers.models import Nummeraanduiding, Ouderschap, Partnerschap, Persoon


def test_demo_register_is_deterministic_and_complete(two_municipalities, system_scope):
    a, b = two_municipalities
    made = demo.build_demo_register(a, demo.VOORBEELDSTAD)
    assert 250 <= made <= 400
    assert demo.build_demo_register(a, demo.VOORBEELDSTAD) == 0  # idempotent
    demo.build_demo_register(b, demo.VOORBEELDSTAD)  # the same town again, for another tenant
    first = list(Persoon.objects.filter(organisation=a).order_by("id").values_list(
        "burgerservicenummer", "voornamen", "geslachtsnaam", "geboortedatum"))
    second = list(Persoon.objects.filter(organisation=b).order_by("id").values_list(
        "burgerservicenummer", "voornamen", "geslachtsnaam", "geboortedatum"))
    assert first == second

    persons = Persoon.objects.filter(organisation=a)
    bsns = [p.burgerservicenummer for p in persons]
    assert len(set(bsns)) == len(bsns)
    assert all(bsn.startswith("99999") and passes_elfproef(bsn) for bsn in bsns)
    assert persons.filter(overlijdensdatum__isnull=False).count() >= 3
    assert persons.filter(indicatie_geheim__gt=0).count() >= 3
    assert persons.exclude(adellijke_titel_predicaat="").exists()
    assert Ouderschap.objects.filter(organisation=a).count() > 50
    assert Partnerschap.objects.filter(organisation=a, datum_ontbinding__isnull=False).exists()
    adres = Nummeraanduiding.objects.filter(organisation=a).select_related("adresseerbaar_object").first()
    obj = adres.adresseerbaar_object
    assert 52.0 < obj.latitude < 52.3 and 5.2 < obj.longitude < 5.6
    assert len(adres.identificatie) == 16 and adres.identificatie.startswith(a.gemeentecode)


def test_demo_loader_is_registered(two_municipalities):
    with tenancy.system_scope():
        from raadhuis.platform.demo import _loaders

        assert ("registers", demo.load_demo_registers) in _loaders


def test_rd_to_wgs84_known_points():
    from raadhuis.registers.coordinates import rd_to_wgs84

    assert rd_to_wgs84(155000, 463000) == (52.1551744, 5.3872062)  # Amersfoort, the RD origin
    # Martinitoren, Groningen: the RDNAPTRANS reference point 53.21938317, 6.56820053.
    lat, lon = rd_to_wgs84(233883.131, 582065.167)
    assert abs(lat - 53.21938317) < 0.00001 and abs(lon - 6.56820053) < 0.00001


def test_bag_is_in_the_admin_read_only_and_persons_are_not(two_municipalities, employee_client):
    from django.contrib import admin

    from raadhuis.registers.models import Nummeraanduiding, Persoon
    from tests.factories import member

    assert Persoon not in admin.site._registry
    beheerder = member(two_municipalities[0], "beheerder", username="beheerder-a", is_staff=True)
    with tenancy.system_scope():
        demo.build_demo_register(two_municipalities[0], demo.PROEFDORP)
    response = employee_client(beheerder).get("/admin/registers/nummeraanduiding/?q=9951")
    assert response.status_code == 200
    assert b"Molenweg" in response.content
    assert not admin.site._registry[Nummeraanduiding].has_change_permission(None)
