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
