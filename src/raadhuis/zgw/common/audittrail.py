"""The ZGW ``AuditTrail`` resource (``/<resource>/{uuid}/audittrail``) over the platform's
audit trail: one serializer for every component (Zaken, Documenten, Besluiten), typed as the
standards write it. Only ever read; its fields are not marked readOnly, as the standards do
not mark them."""

from rest_framework import serializers

from raadhuis.zgw.common.fields import URLField

BRONNEN = ["ac", "nrc", "zrc", "ztc", "drc", "brc", "cmc", "kc", "vrc"]


class BronField(serializers.ChoiceField):
    """The audit trail stores the component in capitals (``BRC``); the standard writes ``brc``."""

    def to_representation(self, value):
        return super().to_representation(value.lower())


class WijzigingenSerializer(serializers.Serializer):
    """The resource before and after: ``oud`` is null for a creation and ``nieuw`` for a
    deletion, as the reference implementation and Open Zaak send them (the OASs do not mark
    them nullable: an allowance of the contract test, zgw/common/oas_compare.py)."""

    oud = serializers.DictField(allow_null=True, help_text="Volledige JSON body van het object zoals dat "
                                                           "bestond voordat de actie heeft plaatsgevonden.")
    nieuw = serializers.DictField(allow_null=True,
                                  help_text="Volledige JSON body van het object na de actie.")


class AuditTrailSerializer(serializers.Serializer):
    """One line of the audit trail, as the ZGW ``AuditTrail`` resource (read only)."""

    uuid = serializers.UUIDField(help_text="Unieke identificatie van de audit regel.")
    bron = BronField(choices=BRONNEN,
                     help_text="De naam van het component waar de wijziging in is gedaan.")
    applicatie_id = serializers.CharField(required=False)
    applicatie_weergave = serializers.CharField(required=False)
    gebruikers_id = serializers.CharField(required=False)
    gebruikers_weergave = serializers.CharField(required=False)
    actie = serializers.CharField(help_text="De uitgevoerde handeling.")
    actie_weergave = serializers.CharField(required=False)
    resultaat = serializers.IntegerField(min_value=100, max_value=599)
    hoofd_object = URLField(help_text="De URL naar het hoofdobject van een component.")
    resource = serializers.CharField(help_text="Het type resource waarop de actie gebeurde.")
    resource_url = URLField(help_text="De URL naar het object.")
    toelichting = serializers.CharField(required=False)
    resource_weergave = serializers.CharField(help_text="Vriendelijke identificatie van het object.")
    aanmaakdatum = serializers.DateTimeField(read_only=True,
                                             help_text="De datum waarop de handeling is gedaan.")
    wijzigingen = WijzigingenSerializer(source="*")
