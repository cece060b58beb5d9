"""The admin of the platform: organisations, employees, audit trail, processing log, outbox.

The admin runs inside the request's tenant scope (``UserContextMiddleware``): tenant-owned
models are filtered by their manager, and organisations and users — which are not
tenant-owned rows — are filtered here, so a functional administrator (beheerder) sees and
changes only their own organisations. Superusers work in the system scope.
"""

from __future__ import annotations

import uuid

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, Count, Q, Value, When
from django.http import Http404, HttpResponseRedirect
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from raadhuis.platform import outbox, tenancy
from raadhuis.platform.models import (
    AuditEntry,
    Delivery,
    DeliveryAttempt,
    Membership,
    Organisation,
    OutboxEvent,
    ProcessingLogEntry,
    User,
)

OrganisationFilter = ("organisation", admin.RelatedOnlyFieldListFilter)  # only orgs in view


def _scoped_organisation_ids() -> frozenset[int] | None:
    """The organisations the current request may see; None means all (system scope)."""
    scope = tenancy.require_scope()
    return None if scope.all_organisations else scope.organisation_ids


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records nobody may add, change or delete here, superusers included."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class UUIDSearchMixin:
    """A search term that is a uuid finds that record; other terms search as usual (a uuid
    field in ``search_fields`` would fail on terms that are not uuids)."""

    uuid_search_field = "uuid"

    def get_search_results(self, request, queryset, search_term):
        try:
            value = uuid.UUID(search_term.strip())
        except ValueError:
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(**{self.uuid_search_field: value}), False


# --- Organisations and employees ----------------------------------------------------------


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    verbose_name = _("rol")
    verbose_name_plural = _("rollen")

    def get_queryset(self, request):
        ids = _scoped_organisation_ids()
        queryset = super().get_queryset(request).select_related("organisation", "user")
        return queryset if ids is None else queryset.filter(organisation_id__in=ids)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        ids = _scoped_organisation_ids()
        if db_field.name == "organisation" and ids is not None:
            kwargs["queryset"] = Organisation.objects.filter(pk__in=ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class OrganisationMembershipInline(MembershipInline):
    fields = ("user", "role")
    raw_id_fields = ("user",)


class UserMembershipInline(MembershipInline):
    fields = ("organisation", "role")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "rsin", "gemeentecode", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "slug", "rsin", "gemeentecode")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [OrganisationMembershipInline]

    def get_queryset(self, request):
        ids = _scoped_organisation_ids()
        queryset = super().get_queryset(request)
        return queryset if ids is None else queryset.filter(pk__in=ids)

    # Creating or removing a tenant is platform work, not that of a municipality's beheerder.
    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(User)
class RaadhuisUserAdmin(UserAdmin):
    inlines = [UserMembershipInline]
    list_display = ("username", "first_name", "last_name", "email", "is_staff", "is_active")
    # Powers that reach beyond the beheerder's own organisations.
    privileged_fields = ("is_superuser", "groups", "user_permissions")

    def get_queryset(self, request):
        ids = _scoped_organisation_ids()
        queryset = super().get_queryset(request)
        if ids is None:
            return queryset
        return queryset.filter(memberships__organisation_id__in=ids).distinct()

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return readonly
        return (*readonly, *self.privileged_fields)

    # Accounts come from the identity provider or a platform administrator; an account may
    # belong to several organisations, so one organisation's beheerder does not delete it.
    def has_add_permission(self, request):
        return request.user.is_superuser and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


# --- Audit trail and processing log (append-only) -----------------------------------------


@admin.register(AuditEntry)
class AuditEntryAdmin(UUIDSearchMixin, ReadOnlyAdmin):
    list_display = ("aanmaakdatum", "organisation", "bron", "actie", "resource",
                    "resource_weergave", "gebruikers_weergave", "resultaat")
    list_filter = ("bron", "actie", "resource", ("aanmaakdatum", admin.DateFieldListFilter),
                   OrganisationFilter)
    search_fields = ("resource_url", "hoofd_object", "resource_weergave", "gebruikers_id",
                     "applicatie_id", "request_id")
    list_select_related = ("organisation",)


@admin.register(ProcessingLogEntry)
class ProcessingLogEntryAdmin(UUIDSearchMixin, ReadOnlyAdmin):
    list_display = ("tijdstip", "organisation", "verwerkingsactiviteit", "soort_verwerking",
                    "betrokkene_id", "uitvoerder_weergave", "doelbinding")
    list_filter = ("soort_verwerking", "betrokkene_type", "verwerkingsactiviteit",
                   ("tijdstip", admin.DateFieldListFilter), OrganisationFilter)
    search_fields = ("betrokkene_id", "uitvoerder_id", "object_url", "request_id")
    list_select_related = ("organisation",)


# --- Event outbox -------------------------------------------------------------------------


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    fields = ("handler", "status", "attempts", "next_attempt_at", "delivered_at", "last_status",
              "last_error")
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DeliveryAttemptInline(admin.TabularInline):
    """The delivery log: every attempt with the receiver's answer."""

    model = DeliveryAttempt
    extra = 0
    fields = ("number", "started_at", "duration_ms", "outcome", "status_code", "response", "error")
    readonly_fields = fields
    can_delete = False

    def has_view_permission(self, request, obj=None):
        # Part of the delivery: whoever may see the delivery sees its log.
        return request.user.has_perm("platform.view_delivery")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OutboxEvent)
class OutboxEventAdmin(UUIDSearchMixin, ReadOnlyAdmin):
    list_display = ("created_at", "kanaal", "uuid", "organisation", "open_deliveries")
    list_filter = ("kanaal", OrganisationFilter)
    search_fields = ("kanaal", "request_id")
    list_select_related = ("organisation",)
    inlines = [DeliveryInline]
    readonly_fields = ("delivery_log",)

    @admin.display(description=_("afleverlog"))
    def delivery_log(self, obj):
        attempts = DeliveryAttempt.objects.filter(delivery__event=obj).select_related("delivery")
        cells = "<td>{}</td>" * 6
        rows = format_html_join("", "<tr>" + cells + "</tr>", (
            (a.started_at, a.delivery.handler, a.number, a.get_outcome_display(), a.status_code or "",
             (a.error or a.response)[:200]) for a in attempts))
        head = format_html_join("", "<th>{}</th>", ((title,) for title in (
            _("tijdstip"), _("ontvanger"), _("poging"), _("uitkomst"), _("HTTP-status"),
            _("antwoord of fout"))))
        return format_html("<table><tr>{}</tr>{}</table>", head, rows)

    def get_queryset(self, request):
        undelivered = Q(deliveries__status__in=[Delivery.Status.PENDING, Delivery.Status.PARKED])
        return super().get_queryset(request).annotate(
            open_deliveries_count=Count("deliveries", filter=undelivered)
        )

    @admin.display(description=_("niet afgeleverd"), ordering="open_deliveries_count")
    def open_deliveries(self, obj):
        return obj.open_deliveries_count


@admin.register(Delivery)
class DeliveryAdmin(UUIDSearchMixin, ReadOnlyAdmin):
    """Deliveries are written by the dispatcher only; people can look and retry parked ones."""

    uuid_search_field = "event__uuid"
    list_display = ("event_kanaal", "handler", "status", "attempts", "next_attempt_at",
                    "delivered_at", "last_status", "short_error", "organisation")
    list_filter = ("status", "handler", OrganisationFilter)
    search_fields = ("handler", "event__kanaal", "last_error")
    list_select_related = ("event", "organisation")
    # Parked deliveries need a person: they come first, the newest problems on top.
    ordering = (
        Case(When(status=Delivery.Status.PARKED, then=Value(0)), default=Value(1)).asc(),
        "-next_attempt_at",
    )
    fields = ("event", "organisation", "handler", "ordering_key", "status", "attempts",
              "next_attempt_at", "leased_until", "delivered_at", "last_error", "last_status",
              "last_response")
    actions = ["retry_selected"]
    inlines = [DeliveryAttemptInline]

    def get_fields(self, request, obj=None):
        if obj is not None and obj.status == Delivery.Status.PARKED and (
            self.has_retry_permission(request)
        ):
            return (*self.fields, "retry_button")
        return self.fields

    def has_retry_permission(self, request) -> bool:
        return request.user.has_perm("platform.change_delivery")

    @admin.display(description=_("kanaal"), ordering="event__kanaal")
    def event_kanaal(self, obj):
        return obj.event.kanaal

    @admin.display(description=_("laatste fout"))
    def short_error(self, obj):
        return obj.last_error[:120]

    @admin.display(description=_("opnieuw proberen"))
    def retry_button(self, obj):
        # A submit button inside the change page's own form (which carries the CSRF token).
        return format_html('<button type="submit" name="_retry" value="1" class="button">{}</button>',
                           _("Opnieuw proberen"))

    @admin.action(description=_("Opnieuw proberen"), permissions=["retry"])
    def retry_selected(self, request, queryset):
        count = outbox.retry_parked(queryset)
        skipped = queryset.count() - count
        self.message_user(request, ngettext(
            "%(count)d aflevering staat weer in de wachtrij.",
            "%(count)d afleveringen staan weer in de wachtrij.", count) % {"count": count},
            messages.SUCCESS)
        if skipped:
            self.message_user(request, ngettext(
                "%(count)d gekozen aflevering was niet geparkeerd en is overgeslagen.",
                "%(count)d gekozen afleveringen waren niet geparkeerd en zijn overgeslagen.",
                skipped) % {"count": skipped}, messages.WARNING)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and "_retry" in request.POST and object_id:
            return self._retry_one(request, object_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    @transaction.atomic
    def _retry_one(self, request, object_id):
        if not self.has_retry_permission(request):
            raise PermissionDenied
        deliveries = self.get_queryset(request).filter(pk=unquote(object_id))
        if not deliveries.exists():  # outside the scope looks the same as absent
            raise Http404
        if outbox.retry_parked(deliveries):
            self.message_user(request, _("De aflevering staat weer in de wachtrij."),
                              messages.SUCCESS)
        else:
            self.message_user(request, _("Deze aflevering is niet geparkeerd."), messages.WARNING)
        return HttpResponseRedirect(request.path)
