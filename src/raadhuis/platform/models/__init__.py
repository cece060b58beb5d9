from .accounts import Membership, Role, User
from .audit import AuditEntry, ProcessingLogEntry
from .organisations import Organisation
from .outbox import Delivery, DeliveryAttempt, OutboxEvent

__all__ = [
    "AuditEntry",
    "Delivery",
    "DeliveryAttempt",
    "Membership",
    "Organisation",
    "OutboxEvent",
    "ProcessingLogEntry",
    "Role",
    "User",
]
