"""Ranking of broad queries on PostgreSQL: title matches always take part, content matches
are bounded to the most recent ones, and phrases and exclusions keep their meaning."""

import pytest
from django.db import connection

from raadhuis.platform import tenancy
from raadhuis.woo import search, services

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL search path")


@pytest.fixture
def archive(woo_setup, monkeypatch):
    monkeypatch.setattr(search, "RANKED_CONTENT", 3)
    a = woo_setup["a"]
    with tenancy.scope_for([a.pk]):
        titled = services.import_text(a, "Een oud stuk.", titel="Bomenkap Molenweg")
        excluded = services.import_text(a, "Over de molenweg en de parkeerplaats.", titel="Bomenkap parkeren")
        content = [
            services.import_text(a, f"Verslag {n}: de bomenkap gaat door.", titel=f"Verslag {n}")
            for n in range(6)
        ]
        yield {"a": a, "titled": titled, "excluded": excluded, "content": content}


def test_an_old_title_match_is_ranked_among_many_newer_content_matches(archive):
    results = search.search("bomenkap")
    assert set(results[:2]) == {archive["titled"], archive["excluded"]}  # title weight A beats content C
    newest = archive["content"][-3:]
    assert set(results) == {archive["titled"], archive["excluded"], *newest}  # bounded: 3 content matches


def test_exclusions_and_phrases_hold_for_title_candidates(archive):
    assert archive["excluded"] not in search.search("bomenkap -parkeerplaats")
    assert search.search('"bomenkap gaat door"') == list(reversed(archive["content"]))[:3]
    assert search.search("de het een") == []  # only stop words
