from __future__ import annotations

from rest_framework import serializers


class WijzigingenSerializer(serializers.Serializer):
    oud = serializers.DictField(allow_null=True)
    nieuw = serializers.DictField(allow_null=True)


class AuditTrailSerializer(serializers.Serializer):
    """A row of the platform audit trail as the ZGW AuditTrail resource."""

    uuid = serializers.UUIDField(read_only=True)
    bron = serializers.SerializerMethodField()
    applicatie_id = serializers.CharField()
    applicatie_weergave = serializers.CharField()
    gebruikers_id = serializers.CharField()
    gebruikers_weergave = serializers.CharField()
    actie = serializers.CharField()
    actie_weergave = serializers.CharField()
    resultaat = serializers.IntegerField()
    hoofd_object = serializers.CharField()
    resource = serializers.CharField()
    resource_url = serializers.CharField()
    toelichting = serializers.CharField()
    resource_weergave = serializers.CharField()
    aanmaakdatum = serializers.DateTimeField(read_only=True)
    wijzigingen = serializers.SerializerMethodField()

    def get_bron(self, entry) -> str:
        return entry.bron.lower()  # stored as "ZRC"; the standard's BronEnum is lower case

    def get_wijzigingen(self, entry) -> dict:
        return {"oud": entry.oud, "nieuw": entry.nieuw}
