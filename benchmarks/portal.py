"""Portal: "Mijn zaken" for a resident with 200 cases, and submit-to-zaak; median times.

Run: .venv/bin/python benchmarks/portal.py [--cases 200] [--repeat 30]
Uses DATABASE_URL (default SQLite; the figures that matter are on PostgreSQL). Builds a
municipality with the demo catalogue, a small demo register and the portal demo inside one
transaction, measures, and rolls everything back (audit trail and processing log included).

- "Mijn zaken": the whole HTTP request (session, resident, one list query with the current
  status, paging at 25) through Django's test client, for a resident with ``--cases`` zaken.
- submit-to-zaak: ``registration.submit`` + ``registration.register`` of a filled-in
  parkeervergunning (the zaak, first status, initiator rol, two zaakeigenschappen, the PDF
  and one attachment as documents): what happens after the resident pays.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import time
import uuid
from datetime import timedelta

from _django import setup


class Rollback(Exception):
    pass


def report(label: str, times: list[float], queries: int | None = None) -> None:
    p95 = sorted(times)[max(int(len(times) * 0.95) - 1, 0)]
    extra = f"   {queries:3d} queries" if queries is not None else ""
    print(f"{label:<58} median {statistics.median(times):8.2f} ms   p95 {p95:8.2f} ms{extra}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--profile", action="store_true", help="profile one Mijn zaken request")
    args = parser.parse_args()
    setup()
    from django.core.files.base import ContentFile
    from django.core.signals import request_started
    from django.db import connection, reset_queries, transaction
    from django.test import Client
    from django.utils import timezone

    from raadhuis.platform import context, tenancy
    from raadhuis.platform.models import Organisation
    from raadhuis.platform.validators import make_elfproef_number
    from raadhuis.portal import demo as portal_demo
    from raadhuis.portal import registration
    from raadhuis.portal.models import Attachment, Product, Submission
    from raadhuis.registers import demo as registers_demo
    from raadhuis.registers.models import Persoon
    from raadhuis.zgw.catalogi import demo as catalogi_demo
    from raadhuis.zgw.catalogi import services as catalogi
    from raadhuis.zgw.zaken import services as zaken

    print(f"database: {connection.vendor}; cases: {args.cases}; repeat: {args.repeat}", flush=True)
    try:
        with transaction.atomic(), tenancy.system_scope(), context.acting_as(context.SYSTEM_ACTOR):
            suffix = uuid.uuid4().hex[:8]
            rsin = next(
                r
                for r in (_try(make_elfproef_number, f"{p:08d}") for p in range(41000000, 41100000))
                if r and not Organisation.objects.filter(rsin=r).exists()
            )
            org = Organisation.objects.create(name=f"Bench {suffix}", slug=f"bench-{suffix}", rsin=rsin)
            started = time.perf_counter()
            catalogi_demo.load(org, org)
            town = dataclasses.replace(registers_demo.VOORBEELDSTAD, households=20, streets=2)
            registers_demo.build_demo_register(org, town)
            portal_demo.load(org, org)
            persoon = (
                Persoon.objects.filter(
                    organisation=org,
                    overlijdensdatum__isnull=True,
                    verblijfplaats__isnull=False,
                    geboortedatum__year__lt=2000,
                )
                .order_by("burgerservicenummer")
                .first()
            )
            bsn = persoon.burgerservicenummer
            with tenancy.scope_for([org.pk]):
                zaaktype = catalogi.current_zaaktype("PARKVERG")
                for _ in range(args.cases):
                    zaak = zaken.create_zaak(
                        {
                            "zaaktype": zaaktype,
                            "bronorganisatie": org.rsin,
                            "verantwoordelijke_organisatie": org.rsin,
                            "omschrijving": "Parkeervergunning",
                            "startdatum": timezone.localdate(),
                        }
                    )
                    registration.first_status(zaak, zaaktype)
                    registration.add_initiator(zaak, zaaktype, bsn=bsn, name=persoon.geslachtsnaam)
            print(f"setup: {time.perf_counter() - started:.1f} s", flush=True)

            request_started.disconnect(reset_queries)  # else each request empties the query log
            client = Client()
            base = f"/portaal/{org.slug}"
            response = client.post(
                f"{base}/inloggen/simulator/", {"kind": "digid", "identifier": bsn, "level": "midden"}
            )
            assert response.status_code == 302, response.status_code
            url = f"{base}/mijn-zaken/"
            assert client.get(url).status_code == 200  # warm up
            with count_queries() as captured:
                client.get(url)
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
            report(f"Mijn zaken, {args.cases} cases (page 1 of 25)", times, len(captured))
            if args.profile:
                import cProfile
                import pstats

                profiler = cProfile.Profile()
                profiler.enable()
                client.get(url)
                profiler.disable()
                pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
            times = []
            for page in range(2, min(args.repeat, 8) + 2):
                start = time.perf_counter()
                client.get(url, {"pagina": page})
                times.append((time.perf_counter() - start) * 1000)
            report("Mijn zaken, later pages", times)

            with tenancy.scope_for([org.pk]):
                product = Product.objects.get(slug="parkeervergunning")
                values = registration_values(product, bsn)
                times = []
                queries = None
                for number in range(args.repeat):
                    submission = Submission.objects.create(
                        organisation=org,
                        product=product,
                        bsn=bsn,
                        data=values["data"],
                        prefill=values["prefill"],
                        step=2,
                        status=Submission.Status.DRAFT,
                        declaration_accepted=True,
                    )
                    Attachment.objects.create(
                        organisation=org,
                        submission=submission,
                        field="kentekenbewijs",
                        file=ContentFile(PDF, name="kentekenbewijs.pdf"),
                        filename="kentekenbewijs.pdf",
                        content_type="application/pdf",
                        size=len(PDF),
                    )
                    start = time.perf_counter()
                    if number == 0:
                        with count_queries() as captured:
                            registration.register(registration.submit(submission).uuid)
                        queries = len(captured)
                    else:
                        registration.register(registration.submit(submission).uuid)
                    times.append((time.perf_counter() - start) * 1000)
                    submission.refresh_from_db()
                    assert submission.status == Submission.Status.REGISTERED
            report("submit-to-zaak (zaak, status, rol, 2 eigenschappen, PDF, 1 bijlage)", times[1:], queries)
            raise Rollback
    except Rollback:
        pass


class count_queries:  # noqa: N801 - used like a function
    """Count the statements sent, whatever DEBUG and the request signals do to the query log."""

    def __enter__(self):
        from django.db import connection

        self.statements: list[str] = []
        self._context = connection.execute_wrapper(self._record)
        self._context.__enter__()
        return self.statements

    def __exit__(self, *exc):
        self._context.__exit__(*exc)

    def _record(self, execute, sql, params, many, context):
        self.statements.append(sql)
        return execute(sql, params, many, context)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def registration_values(product, bsn: str) -> dict:
    from django.utils import timezone

    from raadhuis.portal import formdefs, prefill

    return {
        "prefill": prefill.prefill_values(bsn, formdefs.all_fields(product.form_definition)),
        "data": {
            "email": "inwoner@example.nl",
            "soort": "bewoner",
            "kenteken": "AB-123-C",
            "ingangsdatum": (timezone.localdate() + timedelta(days=3)).isoformat(),
        },
    }


def _try(function, argument):
    try:
        return function(argument)
    except ValueError:
        return None


if __name__ == "__main__":
    main()
