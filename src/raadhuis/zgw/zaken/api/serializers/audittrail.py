from __future__ import annotations

from rest_framework import serializers

from raadhuis.zgw.zaken.api.fields import URLText

# The components of the ZGW standards, as the AuditTrail's BronEnum names them.
BRONNEN = ("ac", "nrc", "zrc", "ztc", "drc", "brc", "cmc", "kc", "vrc")


class BronField(serializers.ChoiceField):
    """Stored in upper case ("ZRC"); the standard's BronEnum is lower case."""

    def __init__(self, **kwargs):
        super().__init__(choices=[(b, b) for b in BRONNEN], **kwargs)

    def to_representation(self, value):
        return value.lower() if value else value


class WijzigingenSerializer(serializers.Serializer):
    """The resource before and after: no ``oud`` for a creation, no ``nieuw`` for a deletion
    (``null``, as the reference implementation and Open Zaak send them)."""

    oud = serializers.DictField(allow_null=True)
    nieuw = serializers.DictField(allow_null=True)


class AuditTrailSerializer(serializers.Serializer):
    """A row of the platform audit trail as the ZGW AuditTrail resource. Only ever read; its
    fields are not marked readOnly, as the standard does not mark them."""

    uuid = serializers.UUIDField()
    bron = BronField()
    applicatie_id = serializers.CharField()
    applicatie_weergave = serializers.CharField()
    gebruikers_id = serializers.CharField()
    gebruikers_weergave = serializers.CharField()
    actie = serializers.CharField()
    actie_weergave = serializers.CharField()
    resultaat = serializers.IntegerField()
    hoofd_object = URLText()
    resource = serializers.CharField()
    resource_url = URLText()
    toelichting = serializers.CharField()
    resource_weergave = serializers.CharField()
    aanmaakdatum = serializers.DateTimeField(read_only=True)
    wijzigingen = WijzigingenSerializer(source="*")
