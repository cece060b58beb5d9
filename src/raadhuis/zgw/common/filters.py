"""Query parameter handling of the ZGW APIs: unknown or malformed parameters are a 400."""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions

ALWAYS_ALLOWED = {"page", "expand"}


class ZGWFilterBackend(DjangoFilterBackend):
    """django-filter, strict: a parameter that is not in the OAS of the endpoint is refused,
    and one that does not validate is refused with invalidParams (not silently ignored).

    A FilterSet may define ``unfiltered(queryset)``: what it returns when no parameter is
    given (its default ordering, say). A request without parameters then skips building the
    FilterSet and its form, which deep-copy every filter (~5 ms for the 40 zaak filters)."""

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", None) == "list":
            self._refuse_unknown(request, view)
        unfiltered = getattr(self.get_filterset_class(view, queryset), "unfiltered", None)
        if unfiltered is not None and not set(request.query_params) - ALWAYS_ALLOWED:
            return unfiltered(queryset)
        return super().filter_queryset(request, queryset, view)

    def _refuse_unknown(self, request, view) -> None:
        filterset_class = self.get_filterset_class(view, None)
        known = set(ALWAYS_ALLOWED) | set(getattr(view, "extra_query_params", ()))
        if filterset_class is not None:
            known |= set(filterset_class.base_filters)
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            raise exceptions.ValidationError(
                {name: [exceptions.ErrorDetail("Onbekende query parameter.", code="unknown-parameters")]
                 for name in unknown}
            )

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None and not filterset.is_valid():
            raise exceptions.ValidationError(filterset.errors)
        return filterset

