"""Every portal page belongs to one municipality (the slug in its URL) and runs in its scope."""

from __future__ import annotations

import functools

from django.http import Http404

from raadhuis.platform import context, tenancy
from raadhuis.platform import services as platform
from raadhuis.portal.auth import current_resident

PORTAL_ACTOR = context.Actor(
    gebruikers_id="inwoner",
    gebruikers_weergave="Inwoner (Mijn gemeente)",
    applicatie_id="raadhuis-portaal",
    applicatie_weergave="Raadhuis portaal",
)


def organisation_for(slug: str):
    try:
        organisation = platform.get_organisation(slug=slug)
    except Exception as error:  # DoesNotExist of another component's model
        raise Http404 from error
    if not organisation.is_active:
        raise Http404
    return organisation


def portal_view(view):
    """Resolve the municipality, open its tenant scope and act as the portal for the view.

    Views render eagerly (``render``), so templates also run inside the scope.
    """

    @functools.wraps(view)
    def wrapper(request, *args, org: str, **kwargs):
        organisation = organisation_for(org)
        request.organisation = organisation
        request.resident = current_resident(request)
        with tenancy.scope_for([organisation.pk]), context.acting_as(PORTAL_ACTOR):
            return view(request, *args, org=org, **kwargs)

    return wrapper


def page(request, template: str, context: dict | None = None, status: int = 200):
    """Render a portal page with the municipality, its theme and the resident."""
    from django.shortcuts import render

    from raadhuis.portal.auth import simulator_enabled
    from raadhuis.portal.models import Theme

    base = {
        "organisation": request.organisation,
        "org": request.organisation.slug,
        "resident": request.resident,
        "theme": Theme.objects.first(),
        "simulator_enabled": simulator_enabled(),
    }
    return render(request, template, {**base, **(context or {})}, status=status)
