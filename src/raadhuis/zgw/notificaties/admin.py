"""Kanalen and abonnementen in the admin, with links to their deliveries.

Deliveries themselves are the platform outbox's (*Platform → Afleveringen*): parked ones
first, with the receiver's last HTTP status and answer, the attempt log, and the
*Opnieuw proberen* (redeliver) action. Each abonnement links to its own.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rest_framework.exceptions import ValidationError as APIValidationError

from raadhuis.platform import outbox, tenancy
from raadhuis.platform.api.errors import invalid_params
from raadhuis.platform.models import Organisation
from raadhuis.zgw.notificaties import rules, services
from raadhuis.zgw.notificaties.models import Abonnement, FilterGroup, Kanaal


def _as_form_errors(error: APIValidationError) -> ValidationError:
    return ValidationError([f"{p['name']}: {p['reason']}" for p in invalid_params(error.detail)])


@admin.register(Kanaal)
class KanaalAdmin(admin.ModelAdmin):
    """Global: changed by platform administrators; the built-in ones by nobody."""

    list_display = ("naam", "filter_list", "ingebouwd", "aangemaakt_door", "documentatie_link")
    list_filter = ("ingebouwd",)
    search_fields = ("naam",)
    readonly_fields = ("ingebouwd", "aangemaakt_door")

    @admin.display(description=_("filters"))
    def filter_list(self, obj):
        return ", ".join(obj.filters)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and not (obj and obj.ingebouwd)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and not (obj and obj.ingebouwd)


class FilterGroupFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        try:
            rules.check_kanalen(self.groups())
        except APIValidationError as error:
            raise _as_form_errors(error) from error

    def groups(self) -> list[dict]:
        return [{"naam": f.cleaned_data["kanaal"].naam, "filters": f.cleaned_data.get("filters") or {}}
                for f in self.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("kanaal")]


class FilterGroupInline(admin.TabularInline):
    model = FilterGroup
    formset = FilterGroupFormSet
    extra = 1
    fields = ("kanaal", "filters")


class AbonnementForm(forms.ModelForm):
    auth = forms.CharField(label=_("Authorization-header"), max_length=1000, required=False,
                           widget=forms.PasswordInput(render_value=False),
                           help_text=_("Leeg laten om de huidige waarde te houden."))

    class Meta:
        model = Abonnement
        fields = ("organisation", "callback_url", "auth")

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and not data.get("auth"):
            self.add_error("auth", _("Geef de Authorization-header op."))
        elif data.get("callback_url") and (self.instance.pk is None or "callback_url" in self.changed_data
                                           or data.get("auth")):
            try:
                rules.check_callback(data["callback_url"], data.get("auth") or self.instance.auth)
            except APIValidationError as error:
                self.add_error("callback_url", _as_form_errors(error))
        return data


@admin.register(Abonnement)
class AbonnementAdmin(admin.ModelAdmin):
    """A beheerder sees the abonnementen of their organisations, and those that receive
    their organisations' notifications."""

    form = AbonnementForm
    list_display = ("callback_url", "organisation", "kanaal_list", "client_id", "created_at", "deliveries")
    list_filter = (("organisation", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("callback_url", "client_id")
    readonly_fields = ("client_id", "reach", "deliveries")
    inlines = [FilterGroupInline]
    actions = ["retry_parked"]

    def get_queryset(self, request):
        scope = tenancy.require_scope()
        queryset = Abonnement.all_tenants.select_related("organisation").prefetch_related("kanalen__kanaal")
        if scope.all_organisations:
            return queryset
        ids = scope.organisation_ids
        return queryset.filter(Q(organisation_id__in=ids) | Q(organisaties__in=ids)).distinct()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        scope = tenancy.require_scope()
        if db_field.name == "organisation" and not scope.all_organisations:
            kwargs["queryset"] = Organisation.objects.filter(pk__in=scope.organisation_ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("kanalen"))
    def kanaal_list(self, obj):
        return ", ".join(str(group) for group in obj.kanalen.all())

    @admin.display(description=_("ontvangt notificaties van"))
    def reach(self, obj):
        return ", ".join(o.name for o in obj.organisaties.all())

    @admin.display(description=_("afleveringen"))
    def deliveries(self, obj):
        query = urlencode({"handler": services.deliveries_handler(obj)})
        return format_html('<a href="{}?{}">{}</a>', reverse("admin:platform_delivery_changelist"), query,
                           _("Afleveringen bekijken"))

    def save_model(self, request, obj, form, change):
        # Written in save_related, through the service, once the kanalen are known too.
        self._pending = (obj, form.cleaned_data, change)

    def save_related(self, request, form, formsets, change):
        obj, data, change = self._pending
        groups = [group for formset in formsets for group in formset.groups()]
        attrs = {"callback_url": data["callback_url"], "kanalen": groups}
        if data.get("auth"):
            attrs["auth"] = data["auth"]
        # The form and inlines checked the callback and the kanalen already. A new one is
        # saved as the admin's own object, which it then logs and redirects to.
        services.save_abonnement(Abonnement.all_tenants.get(pk=obj.pk) if change else obj, attrs,
                                 organisation_id=data["organisation"].pk, verify_callback=False)
        for formset in formsets:  # what the admin's change message reads
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def delete_model(self, request, obj):
        services.delete_abonnement(obj)

    def delete_queryset(self, request, queryset):
        for abonnement in queryset:
            services.delete_abonnement(abonnement)

    @admin.action(description=_("Geparkeerde afleveringen opnieuw proberen"), permissions=["change"])
    def retry_parked(self, request, queryset):
        handlers = [services.deliveries_handler(a) for a in queryset]
        count = outbox.retry_parked(outbox.parked_of(handlers))
        self.message_user(request, ngettext("%(count)d aflevering staat weer in de wachtrij.",
                                            "%(count)d afleveringen staan weer in de wachtrij.", count)
                          % {"count": count}, messages.SUCCESS)
