"""The dashboard filter: months, organisation and the dimensions, checked with Dutch errors."""

from __future__ import annotations

import re
from datetime import date

from dateutil.relativedelta import relativedelta
from django import forms
from django.utils.translation import gettext_lazy as _

from raadhuis.inzicht.kpi import Filter
from raadhuis.inzicht.models import Kanaal

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MAX_MONTHS = 120


def parse_month(value: str) -> date | None:
    match = MONTH.match(value or "")
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    return date(year, month, 1) if 2000 <= year <= 2100 and 1 <= month <= 12 else None


class MaandField(forms.CharField):
    def __init__(self, **kwargs) -> None:
        super().__init__(max_length=7, required=False, **kwargs)
        self.widget.input_type = "month"

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        month = parse_month(value)
        if month is None:
            raise forms.ValidationError(_("Geef een maand als JJJJ-MM, bijvoorbeeld 2026-03."))
        return month


class FilterForm(forms.Form):
    organisatie = forms.TypedChoiceField(label=_("Gemeente"), required=False, coerce=int, empty_value=None)
    van = MaandField(label=_("Van (maand)"))
    tot = MaandField(label=_("Tot en met (maand)"))
    zaaktype = forms.ChoiceField(label=_("Zaaktype"), required=False)
    team = forms.ChoiceField(label=_("Team"), required=False)
    kanaal = forms.ChoiceField(
        label=_("Kanaal"), required=False, choices=[("", _("alle kanalen")), *Kanaal.choices]
    )
    wijk = forms.ChoiceField(label=_("Wijk"), required=False)
    categorie = forms.CharField(label=_("Categorie melding"), required=False, max_length=80)

    def __init__(self, data, *, organisations: dict[int, int], choices: dict, today: date) -> None:
        """``organisations``: {id: highest confidentiality rank} the user may see; ``choices``:
        lists of (value, label) for organisatie, zaaktype, team and wijk."""
        super().__init__(data)
        self.organisations = organisations
        self.today = today
        self.fields["organisatie"].choices = [("", _("alle gemeenten")), *choices["organisatie"]]
        self.fields["zaaktype"].choices = [("", _("alle zaaktypen")), *choices["zaaktype"]]
        self.fields["team"].choices = [("", _("alle teams")), ("-", _("geen team")), *choices["team"]]
        self.fields["wijk"].choices = [("", _("alle wijken")), *choices["wijk"]]

    def clean(self):
        data = super().clean()
        van, tot = data.get("van"), data.get("tot")
        if van and tot and van > tot:
            self.add_error("tot", _("De laatste maand ligt vóór de eerste."))
        elif van and tot and (tot.year - van.year) * 12 + tot.month - van.month >= MAX_MONTHS:
            self.add_error("van", _("Kies een periode van hoogstens tien jaar."))
        return data

    def filter(self) -> Filter:
        """The filter of the valid fields; defaults (the last twelve months) for the rest."""
        data = self.cleaned_data if self.is_bound and not self.errors else {}
        tot = data.get("tot") or self.today.replace(day=1)
        van = data.get("van") or tot - relativedelta(months=11)
        organisations = self.organisations
        if data.get("organisatie") in organisations:
            organisations = {data["organisatie"]: organisations[data["organisatie"]]}
        return Filter(
            organisations,
            van,
            tot,
            zaaktype=data.get("zaaktype", ""),
            team=data.get("team", ""),
            kanaal=data.get("kanaal", ""),
            wijk=data.get("wijk", ""),
            categorie=data.get("categorie", ""),
        )
