"""Full-text search of the products catalogue, in Dutch.

On PostgreSQL the 'dutch' text search configuration stems the words ("vergunningen" finds
"vergunning") and ranks by weight (name before summary before description). On SQLite, the
embedded default, a simple fallback matches every word as a substring. One interface:
:func:`search_products`.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import Q, QuerySet

from raadhuis.portal.models import Product

MAX_QUERY = 200
WORD = re.compile(r"\w+", re.UNICODE)


def published_products() -> QuerySet[Product]:
    return Product.objects.filter(published=True).order_by("name")


def search_products(query: str) -> list[Product]:
    words = WORD.findall((query or "")[:MAX_QUERY])[:10]
    if not words:
        return list(published_products())
    if connection.vendor == "postgresql":
        return _postgresql(" ".join(words))
    return _fallback(words)


def _postgresql(text: str) -> list[Product]:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = (
        SearchVector("name", weight="A", config="dutch")
        + SearchVector("keywords", weight="A", config="dutch")
        + SearchVector("summary", weight="B", config="dutch")
        + SearchVector("description", "conditions", "how_to_apply", weight="C", config="dutch")
    )
    query = SearchQuery(text, config="dutch", search_type="plain")
    return list(
        published_products()
        .annotate(rank=SearchRank(vector, query))
        .filter(rank__gt=0)
        .order_by("-rank", "name")
    )


def _fallback(words: list[str]) -> list[Product]:
    products = published_products()
    for word in words:
        products = products.filter(
            Q(name__icontains=word)
            | Q(keywords__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
        )
    return list(products)
