"""The functional administrator's screens: products with their forms, the theme, and the
submissions (with their registration state, so a stuck one is seen and retried)."""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from raadhuis.platform import services as platform
from raadhuis.portal import registration
from raadhuis.portal.models import Message, Payment, Product, Submission, Theme


class OwnOrganisationMixin:
    """New records only for the administrator's own organisations; the owner is fixed after."""

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        return (*readonly, "organisation") if obj is not None else readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            ids = [o.pk for o in platform.organisations_in_scope()]
            kwargs["queryset"] = db_field.remote_field.model.objects.filter(pk__in=ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PrettyJSONWidget(forms.Textarea):
    def format_value(self, value):
        try:
            return json.dumps(
                json.loads(value) if isinstance(value, str) else value, indent=2, ensure_ascii=False
            )
        except (TypeError, ValueError):
            return value


class ProductForm(forms.ModelForm):
    class Meta:
        model = Product
        fields = [
            "organisation",
            "slug",
            "name",
            "summary",
            "description",
            "conditions",
            "costs",
            "fee_cents",
            "how_to_apply",
            "apply_path",
            "keywords",
            "zaaktype_identificatie",
            "form_definition",
            "published",
        ]
        widgets = {
            "form_definition": PrettyJSONWidget(attrs={"rows": 30, "cols": 100, "class": "vLargeTextField"})
        }


@admin.register(Product)
class ProductAdmin(OwnOrganisationMixin, admin.ModelAdmin):
    form = ProductForm
    list_display = ("name", "slug", "zaaktype_identificatie", "fee_cents", "published", "organisation")
    list_filter = ("published",)
    search_fields = ("name", "summary", "keywords")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Theme)
class ThemeAdmin(OwnOrganisationMixin, admin.ModelAdmin):
    list_display = ("organisation", "primary_colour", "link_colour")


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Submission)
class SubmissionAdmin(ReadOnly):
    list_display = ("uuid", "product", "status", "zaak_identificatie", "submitted_at", "has_error")
    list_filter = ("status",)
    search_fields = ("zaak_identificatie",)
    exclude = ("data", "prefill", "bsn", "kvk")  # personal data stays out of overviews
    readonly_fields = (
        "uuid",
        "product",
        "status",
        "zaak_identificatie",
        "zaak_uuid",
        "registration_error",
        "submitted_at",
        "created_at",
        "updated_at",
    )
    actions = ["retry_registration"]

    @admin.display(boolean=True, description=_("fout bij registreren"))
    def has_error(self, obj) -> bool:
        return bool(obj.registration_error) and obj.status == Submission.Status.SUBMITTED

    @admin.action(description=_("Registratie als zaak opnieuw proberen"))
    def retry_registration(self, request, queryset):
        done = 0
        for submission in queryset.filter(status=Submission.Status.SUBMITTED):
            if registration.register_now(submission).status == Submission.Status.REGISTERED:
                done += 1
        messages.info(request, _("%(n)s aanvraag/aanvragen geregistreerd.") % {"n": done})


@admin.register(Payment)
class PaymentAdmin(ReadOnly):
    list_display = ("reference", "provider", "amount_cents", "status", "created_at", "completed_at")
    list_filter = ("status", "provider")


@admin.register(Message)
class MessageAdmin(ReadOnly):
    list_display = ("subject", "direction", "created_at", "read_at", "emailed_at")
    list_filter = ("direction",)
    exclude = ("bsn", "kvk")
