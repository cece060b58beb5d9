from django_filters import rest_framework as filters

from raadhuis.zgw.notificaties.models import Kanaal


class KanaalFilter(filters.FilterSet):
    naam = filters.CharFilter(
        field_name="naam",
        help_text='Naam van het KANAAL (ook wel "Exchange" genoemd) dat de bron vertegenwoordigd.')

    class Meta:
        model = Kanaal
        fields = []
