from django_filters import rest_framework as filters

from raadhuis.zgw.autorisaties.models import Applicatie


class ApplicatieFilter(filters.FilterSet):
    clientIds = filters.BaseInFilter(  # noqa: N815 - the standard's parameter name
        field_name="credentials__client_id", lookup_expr="in", distinct=True,
        help_text="Multiple values may be separated by commas.",
    )

    class Meta:
        model = Applicatie
        fields = []
