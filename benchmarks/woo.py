"""Woo benchmarks: detection quality, redaction throughput, OCR speed and search latency.

    python benchmarks/woo.py detection            # precision/recall per type, ours vs deduce alone
    python benchmarks/woo.py throughput [PAGES]   # import + detection + redaction of born-digital PDFs
    python benchmarks/woo.py ocr [PAGES]          # OCR pages per minute (needs tesseract)
    python benchmarks/woo.py search [N]           # search median over N documents (default 100,000)
    python benchmarks/woo.py                      # all of them

Detection scoring: a gold passage counts as found when predictions of the same type cover
all its letters and digits (a half-hidden name is a leak, so it counts as missed); a
prediction counts as correct when it overlaps a gold passage of its type. Sentence-level
suggestions (bijzonder, bedrijf, mening) count as found on any overlap.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent))
from _django import setup  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "woo"
TYPES = [
    "naam",
    "adres",
    "postcode",
    "telefoon",
    "email",
    "geboortedatum",
    "kenteken",
    "bsn",
    "iban",
    "bijzonder",
    "bedrijf",
    "mening",
]
SENTENCE_TYPES = {"bijzonder", "bedrijf", "mening"}
TARGETS = {
    "bsn": (0.99, None),
    "iban": (0.99, None),
    "email": (0.99, None),
    "telefoon": (0.99, None),
    "postcode": (0.99, None),
    "naam": (0.95, 0.85),
}


def load_evalset() -> dict:
    path = DATA / "evalset.json"
    if not path.exists():
        sys.path.insert(0, str(DATA))
        import generate

        generate.main()
    return json.loads(path.read_text(encoding="utf-8"))


def covered(span: dict, predictions: list, text: str) -> bool:
    letters = [i for i in range(span["start"], span["end"]) if text[i].isalnum()]
    hidden = set()
    for p in predictions:
        hidden.update(range(p.start, p.end))
    if span["type"] in SENTENCE_TYPES:
        return any(p.start < span["end"] and span["start"] < p.end for p in predictions)
    return all(i in hidden for i in letters)


def score(documents: list[dict], predict) -> dict:
    counts = defaultdict(lambda: {"gold": 0, "found": 0, "pred": 0, "correct": 0})
    misses = defaultdict(list)
    for doc in documents:
        text = doc["text"]
        predictions = predict(doc)
        by_type = defaultdict(list)
        for p in predictions:
            by_type[p.type].append(p)
        for span in doc["gold"]:
            c = counts[span["type"]]
            c["gold"] += 1
            if covered(span, by_type[span["type"]], text):
                c["found"] += 1
            else:
                misses[span["type"]].append((doc["id"], span["text"]))
        for p in predictions:
            c = counts[p.type]
            c["pred"] += 1
            if any(g["type"] == p.type and g["start"] < p.end and p.start < g["end"] for g in doc["gold"]):
                c["correct"] += 1
    return {"counts": counts, "misses": misses}


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def report_detection(show_misses: bool = False) -> None:
    setup()
    from raadhuis.woo.detection import deduce_findings, detect

    evalset = load_evalset()
    officials, public_terms = evalset["officials"], evalset["public_terms"]
    ours = lambda doc: detect(doc["text"], public=officials + public_terms, use_deduce=True)  # noqa: E731
    baseline = lambda doc: deduce_findings(doc["text"])  # noqa: E731
    deduce_findings("warm-up")
    started = time.perf_counter()
    predicted_ours = {d["id"]: ours(d) for d in evalset["documents"]}
    elapsed = (time.perf_counter() - started) / len(evalset["documents"])
    predicted_deduce = {d["id"]: baseline(d) for d in evalset["documents"]}
    for split in ("dev", "heldout", "all"):
        docs = [d for d in evalset["documents"] if split == "all" or d["split"] == split]
        mine = score(docs, lambda d: predicted_ours[d["id"]])
        theirs = score(docs, lambda d: predicted_deduce[d["id"]])
        print(
            f"\n== detection, split {split}: {len(docs)} documents "
            f"({elapsed * 1000:.1f} ms per document, ours) =="
        )
        print(
            f"{'type':<14}{'gold':>6} | {'recall':>7}{'prec.':>7} ours | {'recall':>7}{'prec.':>7} deduce"
            f" | target"
        )
        for kind in TYPES:
            a, b = mine["counts"][kind], theirs["counts"][kind]
            if not a["gold"] and not a["pred"]:
                continue
            target = TARGETS.get(kind)
            target_text = "" if not target else f"R≥{target[0]}" + (f" P≥{target[1]}" if target[1] else "")
            print(
                f"{kind:<14}{a['gold']:>6} | {_fmt(_ratio(a['found'], a['gold'])):>7}"
                f"{_fmt(_ratio(a['correct'], a['pred'])):>7}      | {_fmt(_ratio(b['found'], b['gold'])):>7}"
                f"{_fmt(_ratio(b['correct'], b['pred'])):>7}        | {target_text}"
            )
        if show_misses and split == "dev":
            for kind, items in mine["misses"].items():
                print(f"  missed {kind}: {items[:8]}")


# --- throughput: import + detection + redaction -------------------------------------------------


def sample_pdfs(count_pages: int) -> list[bytes]:
    """Born-digital PDFs of 5 pages each, written from the evaluation set's texts."""
    import pymupdf as fitz

    evalset = load_evalset()["documents"]
    pdfs = []
    pages_done = 0
    index = 0
    while pages_done < count_pages:
        pdf = fitz.open()
        for _ in range(5):
            text = evalset[index % len(evalset)]["text"]
            index += 1
            page = pdf.new_page()
            page.insert_textbox(fitz.Rect(50, 50, 545, 800), text, fontsize=9, fontname="helv")
            pages_done += 1
        pdfs.append(pdf.tobytes())
        pdf.close()
    return pdfs


def report_throughput(pages: int = 200) -> None:
    """Pages per second through the services, as a jurist's request runs: import_pdf (text,
    MinHash, file, row), add_to_dossier, detect_item, accept_all and redact_item (redaction,
    the leak check with pypdf, pdfminer.six and PyMuPDF, the published file). Files go to a
    temporary folder; the rows are removed afterwards."""
    setup()
    import tempfile
    import uuid

    from django.test import override_settings
    from django.utils import timezone

    from raadhuis.platform import tenancy
    from raadhuis.platform.config import storage_settings
    from raadhuis.platform.models import Organisation
    from raadhuis.woo import services
    from raadhuis.woo.detection import detect
    from raadhuis.woo.models import ArchiveDocument, WooVerzoek

    pdfs = sample_pdfs(pages)
    detect("warm-up", use_deduce=True)
    with tenancy.system_scope():
        organisation, _ = Organisation.objects.get_or_create(
            slug="woo-benchmark", defaults={"name": "Woo benchmark", "rsin": "000000012"}
        )
    with (
        tempfile.TemporaryDirectory() as media,
        override_settings(STORAGES=storage_settings("", Path(media))),
        tenancy.scope_for([organisation.pk]),
    ):
        for use_deduce in (False, True):
            # The request row only: the benchmark measures the documents, not zaak creation.
            verzoek = WooVerzoek.objects.create(
                organisation=organisation,
                zaak_uuid=uuid.uuid4(),
                zaak_identificatie="WOO-BENCHMARK",
                onderwerp="Benchmark",
                verzoeker="Benchmark",
                ontvangen_op=timezone.localdate(),
            )
            started = time.perf_counter()
            documents = [services.import_pdf(organisation, data, titel="Benchmark") for data in pdfs]
            for item in services.add_to_dossier(verzoek, documents):
                services.detect_item(item, use_deduce=use_deduce)
                services.accept_all(item)
                services.redact_item(item)
            elapsed = time.perf_counter() - started
            total = sum(d.pagina_s for d in documents)
            label = "with deduce" if use_deduce else "rules only"
            print(
                f"throughput ({label}): {total} pages in {elapsed:.1f} s = {total / elapsed:.1f} pages/s "
                "(import + detection + redaction with leak check; target ≥ 20)"
            )
            verzoek.delete()
            ArchiveDocument.objects.filter(pk__in=[d.pk for d in documents]).delete()


def report_ocr(pages: int = 6) -> None:
    import shutil

    if not shutil.which("tesseract"):
        print("ocr: tesseract not installed, skipped")
        return
    setup()
    from raadhuis.woo import redaction

    pdfs = sample_pdfs(pages)
    started = time.perf_counter()
    done = 0
    for data in pdfs:
        done += len(redaction.ocr_pages(data))
    elapsed = time.perf_counter() - started
    print(
        f"ocr: {done} pages in {elapsed:.1f} s = {done / elapsed * 60:.1f} pages/min (tesseract nld, 300 dpi)"
    )


def report_search(count: int = 100_000) -> None:
    """Median latency of search() over ``count`` generated documents, on the configured
    database (PostgreSQL: set DATABASE_URL to a migrated database). The documents belong to a
    benchmark organisation that is removed afterwards."""
    setup()
    import random

    from django.db import connection

    from raadhuis.platform import tenancy
    from raadhuis.platform.models import Organisation
    from raadhuis.woo import search
    from raadhuis.woo.models import ArchiveDocument

    texts = [d["text"] for d in load_evalset()["documents"]]
    words = sorted({w for t in texts for w in t.split() if w.isalpha() and len(w) > 5})
    rng = random.Random(7)
    with tenancy.system_scope():
        organisation, _ = Organisation.objects.get_or_create(
            slug="woo-benchmark", defaults={"name": "Woo benchmark", "rsin": "000000012"}
        )
        ArchiveDocument.all_tenants.filter(organisation=organisation).delete()
        started = time.perf_counter()
        batch = []
        for index in range(count):
            text = texts[index % len(texts)] + " " + " ".join(rng.sample(words, 40))
            batch.append(
                ArchiveDocument(
                    organisation=organisation,
                    titel=f"Document {index} {rng.choice(words)}",
                    auteur=rng.choice(["Team Groen", "Team Verkeer", "Griffie", "Burgerzaken"]),
                    bron="upload",
                    inhoud=text,
                    vertrouwelijkheidaanduiding="openbaar",
                )
            )
            if len(batch) == 2000:
                ArchiveDocument.all_tenants.bulk_create(batch)
                batch = []
        ArchiveDocument.all_tenants.bulk_create(batch)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE woo_archivedocument")
        print(
            f"search: {count} documents loaded and indexed in {time.perf_counter() - started:.0f} s "
            f"({connection.vendor})"
        )
    queries = [rng.choice(words) for _ in range(60)] + [
        f'"{rng.choice(words)} {rng.choice(words)}"' for _ in range(20)
    ]
    queries += [f"{rng.choice(words)} or {rng.choice(words)} -{rng.choice(words)}" for _ in range(20)]
    timings = []
    try:
        with tenancy.scope_for([organisation.pk]):
            search.search(queries[0])
            for query in queries:
                started = time.perf_counter()
                search.search(query, limit=50)
                timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        print(
            f"search: {len(timings)} queries, median {statistics.median(timings):.1f} ms, "
            f"p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms (target median ≤ 100 ms)"
        )
    finally:
        # The documents go; the (empty) benchmark organisation stays for the next run.
        with tenancy.system_scope():
            ArchiveDocument.all_tenants.filter(organisation=organisation).delete()


def main(argv: list[str]) -> None:
    what = argv[1] if len(argv) > 1 else "all"
    arg = int(argv[2]) if len(argv) > 2 and argv[2].isdigit() else None
    if what in ("detection", "all"):
        report_detection(show_misses="--misses" in argv)
    if what in ("throughput", "all"):
        report_throughput(arg or 200)
    if what in ("ocr", "all"):
        report_ocr(arg or 6)
    if what in ("search", "all"):
        report_search(arg or 100_000)


if __name__ == "__main__":
    main(sys.argv)
