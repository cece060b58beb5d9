"""Chatbot benchmark: intent accuracy, answer retrieval, out-of-scope detection, latency.

    python benchmarks/chatbot.py

Trains the bot as ``raadhuis train-chatbot`` does for Voorbeeldstad (the demo product
catalogue, the demo FAQ and the labelled examples shipped in ``raadhuis/klantcontact/data``)
and evaluates it on ``benchmarks/data/chatbot/questions.jsonl``: 300+ questions written
apart from the training examples (held out; any question that is literally a training
example is skipped and counted). Each question has its intent and, for product and contact
questions, the document that answers it (``product:<slug>`` or ``faq:<slug>``).

Targets: intent accuracy >= 90 %, retrieval top-3 >= 95 %, p95 response time <= 100 ms.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from _django import setup  # noqa: E402

QUESTIONS = Path(__file__).parent / "data" / "chatbot" / "questions.jsonl"


def knowledge():
    from raadhuis.klantcontact import demo, services
    from raadhuis.klantcontact.engine import Document
    from raadhuis.portal.demo import PRODUCTS

    documents = [
        Document(
            f"product:{p['slug']}",
            p["name"],
            "\n".join(
                x
                for x in (p["summary"], p["description"], p["conditions"], p["costs"], p["how_to_apply"])
                if x
            ),
            f"/portaal/voorbeeldstad/producten/{p['slug']}/",
            p["keywords"],
        )
        for p in PRODUCTS
    ]
    documents += [
        Document(f"faq:{slug}", question, answer, f"{demo.PORTAL}/veelgestelde-vragen/#{slug}", keywords)
        for slug, _soort, question, answer, keywords, _examples in demo.FAQ
    ]
    faqs = [(slug, soort, examples) for slug, soort, _q, _a, _k, examples in demo.FAQ]
    return documents, services.examples_of(documents, faqs)


def main() -> None:
    setup()
    from raadhuis.klantcontact.engine import UNSURE, Chatbot

    documents, examples = knowledge()
    trained = {text.strip().lower() for text, _ in examples}
    rows = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    held_out = [r for r in rows if r["text"].strip().lower() not in trained]
    started = time.perf_counter()
    bot = Chatbot(documents, examples)
    training = time.perf_counter() - started
    bot = Chatbot.loads(bot.dumps())  # as served: loaded from its stored bytes

    correct, top1, top3, with_source, timings = 0, 0, 0, 0, []
    confusion: Counter = Counter()
    oos_tp = oos_fp = oos_fn = 0
    for row in held_out:
        started = time.perf_counter()
        prediction = bot.understand(row["text"])
        found = [d.key for d, _ in bot.retriever.search(row["text"], 3)] if row["source"] else []
        timings.append((time.perf_counter() - started) * 1000)
        intent = prediction.intent
        correct += intent == row["intent"]
        if intent != row["intent"]:
            confusion[(row["intent"], intent)] += 1
        said_oos = intent == "out_of_scope" or prediction.confidence < UNSURE
        is_oos = row["intent"] == "out_of_scope"
        oos_tp += said_oos and is_oos
        oos_fp += said_oos and not is_oos
        oos_fn += is_oos and not said_oos
        if row["source"]:
            with_source += 1
            top1 += found[:1] == [row["source"]]
            top3 += row["source"] in found
    n = len(held_out)
    timings.sort()
    print(f"questions: {len(rows)} ({len(rows) - n} skipped as training examples), evaluated: {n}")
    print(f"training: {len(examples)} examples, {len(documents)} documents, {training:.2f} s")
    print(f"intent accuracy: {correct / n:.1%} (target >= 90 %)")
    print(
        f"retrieval top-1: {top1 / with_source:.1%}, top-3: {top3 / with_source:.1%} (target top-3 >= 95 %)"
        f" over {with_source} questions with a source"
    )
    precision = oos_tp / (oos_tp + oos_fp) if oos_tp + oos_fp else 0.0
    recall = oos_tp / (oos_tp + oos_fn) if oos_tp + oos_fn else 0.0
    print(f"out-of-scope/unsure detection: precision {precision:.1%}, recall {recall:.1%}")
    print(
        f"response time (classify + retrieve): median {statistics.median(timings):.1f} ms, "
        f"p95 {timings[int(0.95 * (n - 1))]:.1f} ms (target <= 100 ms)"
    )
    print("most frequent confusions (expected -> predicted):")
    for (expected, predicted), count in confusion.most_common(8):
        print(f"  {expected} -> {predicted}: {count}")


if __name__ == "__main__":
    main()
