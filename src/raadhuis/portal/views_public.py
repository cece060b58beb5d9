"""Public pages: home, the products catalogue with search, product pages, the theme."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from raadhuis.platform import services as platform
from raadhuis.platform import tenancy
from raadhuis.portal.models import Product, Theme
from raadhuis.portal.payments import format_euro
from raadhuis.portal.scoping import page, portal_view
from raadhuis.portal.search import MAX_QUERY, published_products, search_products


@require_GET
def root(request):
    """/portaal/: the configured municipality, or the only one there is."""
    slug = settings.PORTAL_DEFAULT_ORGANISATION
    if not slug:
        with tenancy.system_scope():
            organisations = platform.organisations_in_scope()
        if not organisations:
            raise Http404
        slug = organisations[0].slug
    return redirect("portal:home", org=slug)


@require_GET
@portal_view
def home(request, org: str):
    products = list(published_products()[:6])
    return page(request, "portal/home.html", {"products": products})


@require_GET
@portal_view
def products(request, org: str):
    query = request.GET.get("q", "")[:MAX_QUERY].strip()
    results = search_products(query)
    return page(request, "portal/products.html", {"products": results, "query": query})


@require_GET
@portal_view
def product(request, org: str, slug: str):
    item = Product.objects.filter(slug=slug, published=True).first()
    if item is None:
        raise Http404
    return page(request, "portal/product.html", {"product": item, "fee": format_euro(item.fee_cents)})


@require_GET
@portal_view
def theme_css(request, org: str):
    """The municipality's colours as NL Design System tokens: a stylesheet of its own, because
    the content security policy allows no inline styles."""
    theme = Theme.objects.first() or Theme(organisation=request.organisation)
    css = (
        ".voorbeeld-theme, .raadhuis-theme {\n"
        f"  --raadhuis-primary: {theme.primary_colour};\n"
        f"  --raadhuis-primary-text: {theme.primary_text_colour};\n"
        f"  --raadhuis-link: {theme.link_colour};\n"
        f"  --utrecht-button-primary-action-background-color: {theme.primary_colour};\n"
        f"  --utrecht-button-primary-action-border-color: {theme.primary_colour};\n"
        f"  --utrecht-button-primary-action-color: {theme.primary_text_colour};\n"
        f"  --utrecht-link-color: {theme.link_colour};\n"
        f"  --utrecht-page-header-background-color: {theme.primary_colour};\n"
        f"  --utrecht-page-header-color: {theme.primary_text_colour};\n"
        "}\n"
    )
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
@portal_view
def logo(request, org: str):
    theme = Theme.objects.first()
    if theme is None or not theme.logo:
        raise Http404
    with theme.logo.open("rb") as handle:
        content = handle.read()
    kind = "image/svg+xml" if theme.logo.name.endswith(".svg") else "image/png"
    response = HttpResponse(content, content_type=kind)
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response
