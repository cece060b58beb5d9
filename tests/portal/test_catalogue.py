"""The products catalogue: pages, Dutch search, theme; and checking form definitions."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError

from raadhuis.platform import tenancy
from raadhuis.portal.formdefs import validate_definition
from raadhuis.portal.models import Product
from raadhuis.portal.search import search_products

BASE = "/portaal/voorbeeldstad"


def test_home_and_product_pages(client, gemeente):
    assert "Parkeervergunning" in client.get(f"{BASE}/").content.decode()
    page = client.get(f"{BASE}/producten/parkeervergunning/").content.decode()
    assert "€ 59,00" in page and "Voorwaarden" in page and "Inloggen en online aanvragen" in page
    assert client.get("/portaal/").status_code == 302


def test_every_page_links_to_what_the_municipality_makes_public(client, gemeente):
    """Woo request, Woo publications, open data and the sensor register: of this municipality."""
    page = client.get(f"{BASE}/").content.decode()
    footer = page[page.index('<footer class="portal-footer">'):]
    links = re.findall(r'<li><a href="([^"]+)">', footer)
    assert links == [f"{BASE}/woo-verzoek/", "/woo/openbaar/voorbeeldstad/", "/open-data/voorbeeldstad/",
                     "/sensoren/register/?organisatie=voorbeeldstad"]
    for link in links:
        assert client.get(link).status_code == 200, link


@pytest.mark.parametrize(
    "query, expected",
    [
        ("parkeren", "Parkeervergunning"),
        ("lantaarnpaal", "Melding openbare ruimte"),
        ("paspoort", "Paspoort aanvragen"),
        ("vergunning", "Parkeervergunning"),
    ],
)
def test_search_finds_products(gemeente, query, expected):
    with tenancy.scope_for([gemeente.pk]):
        assert expected in [p.name for p in search_products(query)]


def test_search_in_dutch_on_postgresql(gemeente):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the dutch text search configuration is PostgreSQL's")
    with tenancy.scope_for([gemeente.pk]):
        # stemming: the plural finds the singular, and the name ranks first
        assert [p.name for p in search_products("parkeervergunningen")][:1] == ["Parkeervergunning"]


def test_unpublished_and_other_municipalities_products_are_not_found(gemeente, proefdorp):
    with tenancy.scope_for([gemeente.pk]):
        Product.objects.filter(slug="paspoort").update(published=False)
        assert "Paspoort aanvragen" not in [p.name for p in search_products("paspoort")]
    with tenancy.scope_for([proefdorp.pk]):
        assert search_products("parkeren") == []


def test_theme_css_has_the_municipality_colours(client, gemeente):
    response = client.get(f"{BASE}/thema.css")
    assert response["Content-Type"].startswith("text/css")
    assert "#154273" in response.content.decode()


def test_static_front_end_packages_are_served(client, gemeente):
    from raadhuis.portal.staticfiles import FILES, node_modules

    if not (node_modules() / FILES["vendor/utrecht/index.css"]).exists():
        pytest.skip("npm packages not installed (make install)")
    from django.contrib.staticfiles import finders

    for public in FILES:
        assert finders.find(public), public


@pytest.mark.parametrize(
    "definition, message",
    [
        ({"steps": []}, "minstens één stap"),
        (
            {"steps": [{"title": "A", "fields": [{"key": "Naam!", "type": "text", "label": "x"}]}]},
            "Veldsleutel",
        ),
        ({"steps": [{"title": "A", "fields": [{"key": "a", "type": "slider", "label": "x"}]}]}, "type moet"),
        ({"steps": [{"title": "A", "fields": [{"key": "a", "type": "choice", "label": "x"}]}]}, "choices"),
        (
            {
                "steps": [
                    {"title": "A", "fields": [{"key": "a", "type": "text", "label": "x", "pattern": "("}]}
                ]
            },
            "reguliere expressie",
        ),
        (
            {
                "steps": [
                    {"title": "A", "fields": [{"key": "a", "type": "date", "label": "x", "min": "gisteren"}]}
                ]
            },
            "JJJJ-MM-DD",
        ),
        (
            {
                "steps": [
                    {
                        "title": "A",
                        "fields": [
                            {
                                "key": "a",
                                "type": "text",
                                "label": "x",
                                "show_if": {"field": "b", "equals": "1"},
                            }
                        ],
                    }
                ]
            },
            "onbekend veld",
        ),
        (
            {
                "steps": [
                    {
                        "title": "A",
                        "fields": [
                            {"key": "a", "type": "text", "label": "x"},
                            {"key": "a", "type": "text", "label": "y"},
                        ],
                    }
                ]
            },
            "twee keer",
        ),
        ("geen json-object", "minstens één stap"),
    ],
)
def test_bad_form_definitions_are_refused_with_a_reason(definition, message):
    with pytest.raises(ValidationError) as error:
        validate_definition(definition)
    assert message in " ".join(error.value.messages)


def test_the_demo_form_is_valid(gemeente):
    with tenancy.scope_for([gemeente.pk]):
        for product in Product.objects.all():
            product.full_clean()


def test_admin_refuses_a_bad_form_definition(gemeente):
    from raadhuis.portal.admin import ProductForm

    with tenancy.scope_for([gemeente.pk]):
        product = Product.objects.get(slug="parkeervergunning")
        data = {
            **{
                f: getattr(product, f)
                for f in (
                    "slug",
                    "name",
                    "summary",
                    "description",
                    "conditions",
                    "costs",
                    "fee_cents",
                    "how_to_apply",
                    "apply_path",
                    "keywords",
                    "zaaktype_identificatie",
                    "published",
                )
            },
            "organisation": gemeente.pk,
            "form_definition": '{"steps": [{"title": "A", "fields": [{}]}]}',
        }
        form = ProductForm(data, instance=product)
        assert not form.is_valid()
        assert "Veldsleutel" in str(form.errors)
