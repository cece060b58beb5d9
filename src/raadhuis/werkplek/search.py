"""Full-text search over zaken for employees, within their organisations and confidentiality.

Searches the queue rows' ``zoektekst`` (identificatie, omschrijving, toelichting, zaaktype,
document titles and texts). On PostgreSQL: Dutch full-text search (stemming: "vergunningen"
finds "vergunning") on a GIN expression index, the 1000 most recent matches ranked;
elsewhere every word must occur. An exact zaak identificatie always matches first.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Q

from raadhuis.werkplek import services

LIMIT = 50
# Ranking recomputes each match's text vector: a word found in a quarter of a million zaken
# would take seconds. So the most recent matches are ranked, enough for a first page.
RANKED = 1000


def search(user, text: str, *, include_closed: bool = True) -> list:
    text = " ".join(text.split())[:200]
    if not text:
        return []
    items = services.visible_items(user).select_related("behandelaar", "team")
    if not include_closed:
        items = items.filter(is_open=True)
    exact = list(items.filter(identificatie=text)[:1])
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("zoektekst", config="dutch")
        query = SearchQuery(text, config="dutch", search_type="websearch")
        newest = (
            items.alias(document=vector).filter(document=query).order_by("-registratiedatum", "-id")
        ).values("pk")[:RANKED]
        found = (
            items.filter(pk__in=newest)
            .annotate(rank=SearchRank(vector, query))
            .order_by("-rank", "-registratiedatum")[:LIMIT]
        )
    else:
        condition = Q()
        for word in text.split()[:10]:
            condition &= Q(zoektekst__icontains=word)
        found = items.filter(condition).order_by("-registratiedatum", "-id")[:LIMIT]
    seen = {item.pk for item in exact}
    return exact + [item for item in found if item.pk not in seen]
