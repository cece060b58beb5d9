"""Request forms defined as data (JSON per product), edited by the functional administrator.

A definition::

    {"steps": [{"key": "gegevens", "title": "Uw gegevens", "fields": [
        {"key": "naam", "type": "text", "label": "Naam", "prefill": "naam.volledigeNaam"},
        {"key": "email", "type": "email", "label": "E-mailadres", "required": true,
         "contact": true},
        {"key": "kenteken", "type": "text", "label": "Kenteken", "required": true,
         "pattern": "^[A-Z0-9-]{6,8}$", "pattern_message": "…", "eigenschap": "kenteken"},
        {"key": "soort", "type": "choice", "choices": [["bewoner", "Bewoner"], …]},
        {"key": "kvk", "type": "text", "show_if": {"field": "soort", "equals": "bedrijf"}},
        {"key": "ingang", "type": "date", "min": "today", "max": "2030-12-31"},
        {"key": "bewijs", "type": "file", "accept": ["application/pdf"], "max_size_mb": 5}]}],
     "declaration": "Ik heb dit formulier naar waarheid ingevuld."}

Field types: text, textarea, email, date, choice, checkbox, file. Validation: ``required``,
``pattern`` (text), ``min_length``/``max_length`` (text), ``min``/``max`` (date: ISO date or
"today"). ``show_if`` makes a field conditional on another field's value; a hidden field is
neither validated nor kept. ``prefill`` names a BRP path; such a field is shown read-only and
its value always comes from the register, never from the browser. ``eigenschap`` stores the
value as a zaakeigenschap of that name. ``contact: true`` marks the e-mail address for updates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext as _

FIELD_TYPES = ("text", "textarea", "email", "date", "choice", "checkbox", "file")
KEY = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
DEFAULT_ACCEPT = ("application/pdf", "image/jpeg", "image/png")
MAX_FILE_MB = 20
TEXT_MAX = 2000


# --- Checking a definition (admin) ---------------------------------------------------------


def validate_definition(definition) -> None:
    """Raise a ValidationError naming what is wrong with a form definition; {} means no form."""
    if definition in ({}, None):
        return
    errors: list[str] = []
    if (
        not isinstance(definition, dict)
        or not isinstance(definition.get("steps"), list)
        or not definition["steps"]
    ):
        raise ValidationError(_("Een formulier heeft een lijst 'steps' met minstens één stap."))
    seen: set[str] = set()
    for number, step in enumerate(definition["steps"], start=1):
        if not isinstance(step, dict) or not isinstance(step.get("fields"), list):
            errors.append(_("Stap %(n)s heeft geen lijst 'fields'.") % {"n": number})
            continue
        if not step.get("title"):
            errors.append(_("Stap %(n)s heeft geen 'title'.") % {"n": number})
        for field in step["fields"]:
            errors.extend(_field_errors(field, seen))
    for field in all_fields(definition):
        condition = field.get("show_if")
        if condition and condition.get("field") not in seen:
            errors.append(
                _("Veld %(k)s hangt af van onbekend veld %(o)s.")
                % {"k": field.get("key"), "o": condition.get("field")}
            )
    if errors:
        raise ValidationError(errors)


def _field_errors(field, seen: set[str]) -> list[str]:
    if not isinstance(field, dict):
        return [_("Elk veld is een object.")]
    key = str(field.get("key", ""))
    errors = []
    if not KEY.match(key):
        errors.append(_("Veldsleutel %(k)r: kleine letters, cijfers en _ (max. 41 tekens).") % {"k": key})
    if key in seen:
        errors.append(_("Veldsleutel %(k)s komt twee keer voor.") % {"k": key})
    seen.add(key)
    if field.get("type") not in FIELD_TYPES:
        errors.append(
            _("Veld %(k)s: type moet een van %(t)s zijn.") % {"k": key, "t": ", ".join(FIELD_TYPES)}
        )
    if not field.get("label"):
        errors.append(_("Veld %(k)s heeft geen 'label'.") % {"k": key})
    if field.get("type") == "choice" and not _choices_ok(field.get("choices")):
        errors.append(_("Veld %(k)s: 'choices' is een lijst van [waarde, tekst].") % {"k": key})
    if field.get("pattern"):
        try:
            re.compile(field["pattern"])
        except (re.error, TypeError):
            errors.append(_("Veld %(k)s: 'pattern' is geen geldige reguliere expressie.") % {"k": key})
    for bound in ("min", "max"):
        if field.get(bound) and field.get("type") == "date" and _date_bound(field[bound]) is None:
            errors.append(
                _("Veld %(k)s: '%(b)s' is een datum (JJJJ-MM-DD) of 'today'.") % {"k": key, "b": bound}
            )
    condition = field.get("show_if")
    if condition is not None and (not isinstance(condition, dict) or "field" not in condition):
        errors.append(_('Veld %(k)s: \'show_if\' is {"field": …, "equals": …}.') % {"k": key})
    return errors


def _choices_ok(choices) -> bool:
    return (
        isinstance(choices, list)
        and bool(choices)
        and all(isinstance(c, list | tuple) and len(c) == 2 for c in choices)
    )


def _date_bound(value) -> date | None:
    if value == "today":
        return timezone.localdate()
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


# --- Reading a definition -----------------------------------------------------------------


def steps(definition: dict) -> list[dict]:
    return list(definition.get("steps") or [])


def all_fields(definition: dict) -> list[dict]:
    return [f for step in steps(definition) for f in step.get("fields", []) if isinstance(f, dict)]


def prefill_paths(definition: dict) -> list[str]:
    return [f["prefill"] for f in all_fields(definition) if f.get("prefill")]


def is_visible(field: dict, values: dict) -> bool:
    condition = field.get("show_if")
    if not condition:
        return True
    actual = values.get(condition["field"])
    if "equals" in condition:
        return actual == condition["equals"]
    return bool(actual)


def contact_email(definition: dict, data: dict) -> str:
    for field in all_fields(definition):
        if field.get("contact") and field.get("type") == "email" and data.get(field["key"]):
            return data[field["key"]]
    return ""


@dataclass(frozen=True)
class SummaryRow:
    label: str
    value: str
    step: int


def summary(definition: dict, data: dict, prefill: dict, attachments: dict) -> list[SummaryRow]:
    """What the resident filled in, step by step, as label and readable value."""
    rows = []
    values = {**data, **prefill}
    for number, step in enumerate(steps(definition)):
        for field in step.get("fields", []):
            if not is_visible(field, values):
                continue
            rows.append(SummaryRow(field["label"], display_value(field, values, attachments), number))
    return rows


def display_value(field: dict, values: dict, attachments: dict) -> str:
    value = values.get(field["key"])
    kind = field.get("type")
    if kind == "file":
        names = attachments.get(field["key"], [])
        return ", ".join(names) if names else _("(geen bestand)")
    if kind == "checkbox":
        return _("Ja") if value else _("Nee")
    if kind == "choice":
        return dict((str(k), str(v)) for k, v in field.get("choices", [])).get(str(value), "") or "—"
    if kind == "date" and value:
        try:
            return date.fromisoformat(value).strftime("%d-%m-%Y")
        except ValueError:
            return str(value)
    return str(value) if value not in (None, "") else "—"


# --- One step as a Django form ------------------------------------------------------------


class StepForm(forms.Form):
    """The fields of one step, built from the definition. Prefilled fields are display-only:
    they are not form fields at all, so a tampered POST value is simply ignored."""

    def __init__(
        self, step: dict, *args, earlier: dict | None = None, has_files: dict | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.step = step
        self.earlier = earlier or {}
        self.has_files = has_files or {}
        self.prefilled = [f for f in step.get("fields", []) if f.get("prefill")]
        for field in step.get("fields", []):
            if field.get("prefill"):
                continue
            if not is_visible_across(field, self.earlier, self.data):
                continue
            self.fields[field["key"]] = build_field(
                field, already_uploaded=bool(self.has_files.get(field["key"]))
            )

    def clean(self):
        cleaned = super().clean()
        # Conditional fields on this step: the condition's value is in this very form.
        for field in self.step.get("fields", []):
            key = field.get("key")
            if key in self.fields and not is_visible(field, {**self.earlier, **cleaned}):
                self.errors.pop(key, None)
                cleaned.pop(key, None)
        return cleaned

    def stored_values(self) -> dict:
        """JSON-safe values to keep in the draft (files are stored separately)."""
        values = {}
        for field in self.step.get("fields", []):
            key = field["key"]
            if key not in self.cleaned_data or field.get("type") == "file":
                continue
            value = self.cleaned_data[key]
            values[key] = value.isoformat() if isinstance(value, date) else value
        return values


def is_visible_across(field: dict, earlier: dict, posted) -> bool:
    """A condition on an earlier step is decided now; one on this step only after cleaning."""
    condition = field.get("show_if")
    if not condition or condition.get("field") not in earlier:
        return True
    return is_visible(field, earlier)


def build_field(field: dict, *, already_uploaded: bool = False) -> forms.Field:
    kind = field["type"]
    common = {
        "label": field["label"],
        "required": bool(field.get("required")),
        "help_text": field.get("help", ""),
    }
    if kind in ("text", "textarea"):
        validators = []
        if field.get("pattern"):
            validators.append(
                RegexValidator(
                    f"^(?:{field['pattern'].lstrip('^').rstrip('$')})$",
                    field.get("pattern_message") or _("De invoer heeft niet de juiste vorm."),
                )
            )
        widget = forms.Textarea(attrs={"rows": 5}) if kind == "textarea" else forms.TextInput
        return forms.CharField(
            max_length=min(int(field.get("max_length") or TEXT_MAX), TEXT_MAX),
            min_length=field.get("min_length"),
            validators=validators,
            widget=widget,
            strip=True,
            **common,
        )
    if kind == "email":
        return forms.EmailField(max_length=254, **common)
    if kind == "date":
        return BoundedDateField(
            minimum=_date_bound(field["min"]) if field.get("min") else None,
            maximum=_date_bound(field["max"]) if field.get("max") else None,
            **common,
        )
    if kind == "choice":
        choices = [(str(k), str(v)) for k, v in field["choices"]]
        widget = forms.RadioSelect if len(choices) <= 5 else forms.Select
        if not common["required"]:
            choices = [("", "—"), *choices] if widget is forms.Select else choices
        return forms.ChoiceField(choices=choices, widget=widget, **common)
    if kind == "checkbox":
        return forms.BooleanField(**common)
    if kind == "file":
        common["required"] = common["required"] and not already_uploaded
        return forms.FileField(**common)
    raise ValueError(kind)


class BoundedDateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"})

    def __init__(self, *, minimum: date | None, maximum: date | None, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d", "%d-%m-%Y"])
        super().__init__(**kwargs)
        self.minimum, self.maximum = minimum, maximum

    def validate(self, value):
        super().validate(value)
        if value and self.minimum and value < self.minimum:
            raise ValidationError(
                _("De datum mag niet voor %(d)s liggen.") % {"d": self.minimum.strftime("%d-%m-%Y")},
                code="min",
            )
        if value and self.maximum and value > self.maximum:
            raise ValidationError(
                _("De datum mag niet na %(d)s liggen.") % {"d": self.maximum.strftime("%d-%m-%Y")}, code="max"
            )


def file_rules(field: dict) -> tuple[tuple[str, ...], int]:
    """Accepted content types and the size limit in bytes of a file field."""
    accept = tuple(field.get("accept") or DEFAULT_ACCEPT)
    mb = min(float(field.get("max_size_mb") or 10), MAX_FILE_MB)
    return accept, int(mb * 1024 * 1024)
