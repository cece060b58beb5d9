"""BRP and BAG lookups: median time and query count per operation, on a generated register.

Run: .venv/bin/python benchmarks/registers.py [--households 2000] [--repeat 50]
Uses DATABASE_URL (default SQLite; the figures that matter are on PostgreSQL). Builds a
register of fictional residents (the demo generator, scaled up) for a new organisation inside
one transaction, measures through the service layer and through the HTTP API (JWT client,
purpose headers), and rolls everything back, the processing-log entries included.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import time
import uuid

from _django import setup


class Rollback(Exception):
    pass


def measure(label: str, repeat: int, call) -> None:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    call()  # warm up
    reset_queries()  # with DEBUG on, a full query log would hide the count
    with CaptureQueriesContext(connection) as queries:
        call()
    query_count = len(queries)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    print(f"{label:<62} median {statistics.median(times):7.2f} ms   p95 "
          f"{sorted(times)[int(len(times) * 0.95) - 1]:7.2f} ms   {query_count:3d} queries")


def free_rsin(organisation_model, make_elfproef_number) -> str:
    for prefix in range(40000000, 40100000):
        try:
            rsin = make_elfproef_number(f"{prefix:08d}")
        except ValueError:
            continue
        if not organisation_model.objects.filter(rsin=rsin).exists():
            return rsin
    raise RuntimeError("no free RSIN")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    setup()
    from django.db import connection, transaction
    from django.test import Client

    from raadhuis.platform import context, tenancy
    from raadhuis.platform.models import Organisation
    from raadhuis.platform.validators import make_elfproef_number
    from raadhuis.registers import demo, services
    from raadhuis.registers.models import Nummeraanduiding, Persoon
    from raadhuis.zgw.autorisaties.models import Applicatie, Autorisatie, ClientCredential

    doel = {"doel": "Benchmark", "grondslag": "Geen: benchmark, teruggedraaid"}
    print(f"database: {connection.vendor}; households: {args.households}; repeat: {args.repeat}")
    try:
        with transaction.atomic(), tenancy.system_scope():
            suffix = uuid.uuid4().hex[:8]
            rsin = free_rsin(Organisation, make_elfproef_number)
            organisation = Organisation.objects.create(name=f"Bench {suffix}", slug=f"bench-{suffix}",
                                                       rsin=rsin, gemeentecode="")
            town = dataclasses.replace(demo.VOORBEELDSTAD, households=args.households, streets=16,
                                       numbers_per_street=max(24, args.households // 12),
                                       first_bsn_prefix=10000000)
            start = time.perf_counter()
            made = demo.build_demo_register(organisation, town)
            print(f"generated {made} persons in {time.perf_counter() - start:.1f} s")
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # fresh tables: give the planner statistics
                    cursor.execute("ANALYZE")
            bsns = list(Persoon.objects.filter(organisation=organisation, overlijdensdatum__isnull=True)
                        .values_list("burgerservicenummer", flat=True)[:20])
            adres = Nummeraanduiding.objects.filter(organisation=organisation, bewoners__isnull=False).first()
            parent = Persoon.objects.filter(organisation=organisation, kindschappen__isnull=False).first()

            reader = context.Actor(gebruikers_id="bench")
            with tenancy.scope_for([organisation.pk]), context.acting_as(reader):
                measure("get_persoon: 1 BSN, naam + verblijfplaats (portal prefill)", args.repeat,
                        lambda: services.get_persoon(bsns[0], fields=["naam", "verblijfplaats"], **doel))
                measure("get_persoon: 1 BSN with partners, kinderen, ouders, adressering", args.repeat,
                        lambda: services.get_persoon(parent.burgerservicenummer, fields=[
                            "naam", "partners", "kinderen", "ouders", "adressering"], **doel))
                measure("zoek_personen: Raadpleeg 20 BSNs, all relations", args.repeat,
                        lambda: services.zoek_personen({
                            "type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": bsns,
                            "fields": ["naam", "geboorte", "verblijfplaats", "partners", "kinderen",
                                       "ouders", "adressering"]}, **doel))
                measure("zoek_personen: ZoekMetPostcodeEnHuisnummer", args.repeat,
                        lambda: services.zoek_personen({
                            "type": "ZoekMetPostcodeEnHuisnummer", "postcode": adres.postcode,
                            "huisnummer": adres.huisnummer,
                            "fields": ["burgerservicenummer", "naam"]}, **doel))
                measure("zoek_personen: ZoekMetGeslachtsnaamEnGeboortedatum (wildcard)", args.repeat,
                        lambda: services.zoek_personen({
                            "type": "ZoekMetGeslachtsnaamEnGeboortedatum", "geslachtsnaam": "Jan*",
                            "geboortedatum": parent.geboortedatum.isoformat(),
                            "fields": ["burgerservicenummer"]}, **doel))
                measure("zoek_adres: postcode + huisnummer", args.repeat,
                        lambda: services.zoek_adres(adres.postcode, adres.huisnummer))

            applicatie = Applicatie.objects.create(organisation=organisation, label="bench")
            secret = uuid.uuid4().hex * 2
            ClientCredential.objects.create(applicatie=applicatie, client_id=f"bench-{suffix}", secret=secret)
            Autorisatie.objects.create(applicatie=applicatie, component="zrc", scopes=["brp.lezen"])
            import jwt

            token = jwt.encode({"iss": f"bench-{suffix}", "client_id": f"bench-{suffix}",
                                "iat": int(time.time())}, secret, algorithm="HS256")
            client = Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_X_DOELBINDING="Benchmark",
                            HTTP_X_VERWERKING="Benchmark", HTTP_X_GRONDSLAG="Benchmark")
            body = json.dumps({"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": bsns[:1],
                               "fields": ["naam", "verblijfplaats"]})

            def api_call():
                response = client.post("/haalcentraal/api/brp/personen", body,
                                       content_type="application/json", HTTP_HOST="localhost")
                assert response.status_code == 200, response.content

            measure("HTTP POST /haalcentraal/api/brp/personen, 1 BSN (JWT client)", args.repeat, api_call)
            raise Rollback
    except Rollback:
        print("rolled back: no data left behind")


if __name__ == "__main__":
    main()
