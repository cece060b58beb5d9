"""Business rules ac-001 … ac-003 of the Autorisaties API."""

from rest_framework import serializers

from raadhuis.platform import tenancy
from raadhuis.zgw.autorisaties.models import ClientCredential, Component

TYPE_RULES = {
    # component: (scope prefix, required fields)
    Component.ZRC: ("zaken.", ("zaaktype", "max_vertrouwelijkheidaanduiding")),
    Component.DRC: ("documenten.", ("informatieobjecttype", "max_vertrouwelijkheidaanduiding")),
    Component.BRC: ("besluiten.", ("besluittype",)),
}


def validate_client_ids(client_ids, instance) -> None:
    """ac-001: a client_id identifies exactly one applicatie, across all organisations."""
    if len(set(client_ids)) != len(client_ids):
        raise serializers.ValidationError({"client_ids": ["Dubbele client_id."]}, code="unique")
    with tenancy.system_scope():  # uniqueness is global, even where the other is invisible
        taken = ClientCredential.objects.filter(client_id__in=client_ids)
        if instance is not None:
            taken = taken.exclude(applicatie=instance)
        if taken.exists():
            raise serializers.ValidationError(
                {"client_ids": [serializers.ErrorDetail(
                    "Een of meer client_ids zijn al in gebruik.", code="clientId-exists")]})


def validate_autorisatie(attrs) -> None:
    """ac-003: type-bound scopes need the type (and the maximum confidentiality)."""
    rule = TYPE_RULES.get(attrs.get("component"))
    if rule is None:
        return
    prefix, required = rule
    if not any(scope.startswith(prefix) for scope in attrs.get("scopes", [])):
        return
    missing = [name for name in required if not attrs.get(name)]
    if missing:
        raise serializers.ValidationError(
            {name: [serializers.ErrorDetail("Dit veld is vereist.", code="required")]
             for name in missing})
