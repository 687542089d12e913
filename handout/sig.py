"""Sig: one step of a plan in, the words a patient follows out (the "sig" of a prescription label).

USP General Chapter <17> asks for explicit, patient-centred instructions: the number of units
and each time, separately ("Take 1 tablet in the morning and 1 tablet at bedtime"), never
"twice daily", "BID" or "q6h"; numerals; the purpose of an as-needed dose; the 24-hour
maximum.  Every phrase comes from the label catalog (``sig_*``, ``at_*``, ``days_*`` …) so a
translator can reorder it; lists are joined by the locale's own pattern (CLDR, via Babel).
Bold (``**``) marks what must not be missed: the weekly day, the 24-hour maximum, "stop".
"""

from __future__ import annotations

from babel.lists import format_list

from .dosing import Dose, Medication, doses_a_day, fixed_dose, weight_dose
from .localize import Localizer
from .model import WEEKDAYS, Handout, Personal, Product, Step


class Sig:
    """Words for the doses of one handout in one language (and, if given, one patient)."""

    def __init__(self, h: Handout, loc: Localizer, personal: Personal | None = None,
                 measure: tuple[tuple[float, float], ...] | None = None):
        self.h, self.loc, self.lab = h, loc, loc.labels
        self.give = h.facts.audience == "caregiver"
        self.otc = h.over_the_counter
        self.weight = personal.weight_kg if personal is not None else None
        self.measure = measure

    def label(self, key: str, **fields: object) -> str:
        """A label in the reader's form (``Labels.reader``): "Give …", "your child"; no prescriber
        for an over-the-counter medicine."""
        return self.lab(self.lab.reader(key, self.give, self.otc), **fields)

    # --- names and amounts
    def name(self, med: Medication) -> str:
        """The medicine's name as it starts a cell or a line ("Folic acid")."""
        if med.name is None:
            return cap(self.h.text.short_name)
        from .glossary import local_name
        return cap(local_name(self.h, med.name))

    def dose_of(self, step: Step, product: Product) -> Dose | None:
        """The step's dose; a weight rule is worked out when the patient's weight is known."""
        if step.per_kg is not None and self.weight is not None:
            return weight_dose(step, product, self.weight, *(() if self.measure is None else (self.measure,)))
        return fixed_dose(step)

    def amount(self, value: float, unit: str) -> str:
        return self.loc.dose(value, unit)

    def amount_cell(self, step: Step, product: Product) -> str:
        """The Dose column: "15 mg", "500 to 1,000 mg", "45 mg per kg a day"."""
        unit = product.unit
        dose = self.dose_of(step, product)
        if step.stop:
            return ""
        if dose is None:  # a weight rule, no weight yet
            rule = self.lab("per_kg_day", amount=self.amount(step.per_kg or 0, unit))
            # "45 mg per kg of weight a day" beside "Give 1 dose in the morning and 1 dose at bedtime"
            # was read as 45 mg per kg each time: twice the day's amount (a pharmacist's review).
            n = doses_a_day(step)
            return self.lab("per_kg_split", rule=rule, n=self.loc.number(n)) if n > 1 else rule
        if dose.amount_max is not None:
            return self.lab("amount_range", low=self.loc.number(dose.amount), high=self.amount(dose.amount_max, unit))
        if dose.volume is not None:
            # A measured liquid: the parent measures millilitres, so they come first ("5.2 mL
            # (416 mg)"); the milligrams alone left the bold "Most in 24 hours: 10.4 mL" the
            # only volume in the row, read as the dose (a pharmacist's review).
            return self.lab("dose_with_amount", count=self.count(dose.volume, "liquid"), amount=self.amount(dose.amount, unit))
        return self.amount(dose.amount, unit)

    def count(self, n: float, form: str, high: float | None = None) -> str:
        """"1 tablet", "1 or 2 tablets", "5.6 mL"."""
        if form == "liquid":
            return self.loc.dose(n, "mL")
        if high is None:
            return self.loc.count(n, form)
        # "1 or 2 tablets"; but "1 or 3 capsules" for a 1.5-4.5 mg range read as two choices that
        # left out 2 (an adversarial review): counts further apart are a span, "1 to 3".
        key = "count_range" if high - n <= 1 else "count_span"
        both = self.lab(key, low=self.loc.number(n), high=self.loc.number(high))
        return self.loc.count(high, form, shown=both)

    def dose_phrase(self, med: Medication, step: Step, amount: bool = True) -> str:
        """What makes one dose: "6 tablets (15 mg)", "1 tablet of 20 mg and 2 tablets of 5 mg (30 mg in all)".

        When a plan uses two strengths at once (a taper of 20 mg and 5 mg tablets), every dose
        names its strength: "2 tablets of 5 mg (10 mg)", so no one takes 2 of the 20 mg tablets.
        ``amount=False`` leaves out the milligrams in brackets, for the table, whose Dose column
        gives them beside it.
        """
        product = med.product
        dose = self.dose_of(step, product)
        unit, form = product.unit, product.form
        if dose is None:
            return self.loc.count(1, "dose")

        def with_amount(what: str, total: str | None = None, key: str = "dose_with_amount") -> str:
            if not amount or total is None:
                return what
            return self.lab(key, **({"count": what} if key == "dose_with_amount" else {"parts": what}), amount=total)

        parts = dose.parts
        # More than one tablet names its strength: "6 tablets of 2.5 mg (15 mg)".  Methotrexate also
        # comes as 10 mg tablets, and "6 tablets (15 mg)" held with those is 60 mg (a pharmacist's
        # review); in a plan of two strengths every dose names its own, whether or not one dose
        # mixes them ("Take 1 tablet" beside a 20 mg and a 5 mg bottle: an adversarial review).
        strengths = {s.strength for s in med.steps if s.strength} | {p.strength for s in med.steps for p in s.parts}
        if (not parts and dose.count is not None and dose.count_max is None and step.strength is not None
                and (dose.count != 1 or len(strengths) > 1)):
            parts = ((step.strength, dose.count),)
        if parts:
            words = [self.lab(self._part(form), count=self.loc.count(n, form), strength=self.amount(s, unit))
                     for s, n in parts]
            if len(parts) == 1:
                return with_amount(words[0], None if parts[0][1] == 1 else self.amount(dose.amount, unit))
            return with_amount(format_list(words, locale=self.loc.locale), self.amount(dose.amount, unit),
                               "dose_with_total")
        if dose.volume is not None:
            return with_amount(self.count(dose.volume, "liquid"), self.amount(dose.amount, unit))
        if dose.count is None:  # a worked-out weight dose of a tablet: the amount alone
            return self.amount(dose.amount, unit)
        total = self.amount_cell(step, product) if dose.amount_max is not None else self.amount(dose.amount, unit)
        counted = self.count(dose.count, form, dose.count_max)
        if dose.count_max is not None and step.strength is not None:  # "1 or 2 tablets of 500 mg"
            counted = self.lab(self._part(form), count=counted, strength=self.amount(step.strength, unit))
        return with_amount(counted, total)

    def _part(self, form: str) -> str:
        """"{count} of {strength}", in the form's own words where the language needs them (Hindi:
        कैप्सूल is masculine, "1.5 मि.ग्रा. के 2 कैप्सूल"; गोली feminine, "की")."""
        return f"part_{form}" if f"part_{form}" in self.lab.values else "part"

    # --- when
    def days(self, step: Step) -> str | None:
        """"once a week, on Monday", "every day except Monday", "every other day" (None: every day)."""
        if step.days:
            names = [self.lab("day_" + d) for d in WEEKDAYS if d in step.days]
            if len(step.days) == 1:
                return self.lab("days_once", days=names[0])
            if len(step.days) >= 5:
                others = [self.lab("day_" + d) for d in WEEKDAYS if d not in step.days]
                return self.lab("days_except", days=format_list(others, locale=self.loc.locale)) if others else None
            return self.lab("days_only", days=format_list(names, locale=self.loc.locale))
        if step.every is not None and step.every.days:
            if step.every.days == 2:
                return self.lab("every_other_day")
            return self.lab("every_n_days", interval=self.loc.count(step.every.days, "day"))
        return None

    def day_cell(self, step: Step) -> str:
        """The Day column of a plan with days of the week: "Monday", "Every day except Monday"."""
        if step.stop:
            return ""
        if step.as_needed:
            return self.lab("day_as_needed")
        if step.days and len(step.days) < 5:
            names = [self.lab("day_" + d) for d in WEEKDAYS if d in step.days]
            return format_list(names, locale=self.loc.locale)
        return cap(self.days(step) or self.lab("day_every"))

    def instruction(self, med: Medication, step: Step, amount: bool = True) -> str:
        """The whole instruction of a step, as markup (bold where it must not be missed)."""
        if step.stop:
            return "**" + self.label("sig_stop") + "**"
        dose = self.dose_phrase(med, step, amount)
        every = step.every
        if step.as_needed:
            reason = self.h.text.reasons.get(step.as_needed, "")
            # The interval is a count with its own plural words: Arabic printed "كل 12 ساعات" (a
            # plural after 12), English would print "every 1 hours".
            doses = self.lab("dose_as_needed", dose=dose, reason=reason,
                             interval=self.loc.count(every.hours if every and every.hours else 0, "hour"))
        elif every is not None and every.hours == 24 and step.days and not step.timing:
            doses = dose  # one dose on each of its days: "every 24 hours, once a week" read as two rhythms (a review)
        elif every is not None and every.hours and not step.timing:
            doses = self.lab("dose_every_hours", dose=dose, interval=self.loc.count(every.hours, "hour"))
        else:
            at = [self.lab("dose_at", dose=dose, when=self.lab("at_" + t)) for t in step.timing]
            doses = format_list(at, locale=self.loc.locale)
        days = self.days(step)
        if days is not None:
            doses = self.lab("doses_on_days", doses=doses, days=f"**{days}**")
        text = self.label("sig", doses=doses)
        if step.max_per_day is not None and step.as_needed:
            text += " " + self.most(med, step)
        return text

    def most(self, med: Medication, step: Step) -> str:
        """"**No more than 6 tablets (3,000 mg) in 24 hours.**" (ISMP: in tablets and in mg)."""
        return "**" + self.lab("sig_max", most=self.max_cell(med, step)) + "**"

    def max_cell(self, med: Medication, step: Step) -> str:
        if step.max_per_day is None:
            return ""
        unit = med.product.unit
        if step.per_kg is not None:
            return self.weight_max(med, step)
        mg = self.amount(step.max_per_day, unit)
        if step.strength and not step.parts and med.product.form != "liquid":
            n = step.max_per_day / step.strength
            if n == int(n):
                return self.lab("dose_with_amount", count=self.loc.count(n, med.product.form), amount=mg)
        conc = med.product.concentration
        if med.product.form == "liquid" and conc is not None:
            # A parent measures millilitres: "No more than 800 mg in 24 hours" under doses in mL left
            # the sum to them (a review).  In mL first, as each dose is ("25 mL (800 mg)").
            volume = step.max_per_day / conc.amount * conc.volume
            if abs(volume * 10 - round(volume * 10)) < 1e-6:  # "41.667 mL" is no mark (a review): then in mg only
                return self.lab("dose_with_amount", count=self.count(round(volume, 1), "liquid"), amount=mg)
        return mg

    def weight_max(self, med: Medication, step: Step) -> str:
        """The most in 24 hours of a weight rule, for this child: "10.4 mL (832 mg)" once the
        weight is known, else the rule with its ceiling ("45 mg per kg of weight a day, never
        more than 1,750 mg").  The ceiling alone is the most for a 40 kg child: printed as
        "Most in 24 hours: 1,750 mg" beside an 18.5 kg child's 832 mg a day, it read as room
        for twice the dose."""
        unit, dose = med.product.unit, self.dose_of(step, med.product)
        if dose is None:
            rule = self.lab("per_kg_day", amount=self.amount(step.per_kg or 0, unit))
            if step.max_per_day is None:
                return rule
            return self.lab("max_per_kg", rule=rule, most=self.amount(step.max_per_day, unit))
        # From the unrounded figures: three rounded doses of 63.333 mg summed to 189.999 mg
        # (and a capped 66.667 mg to 200.001 mg, over its 200 mg ceiling).
        n = doses_a_day(step)
        conc = med.product.concentration
        if dose.volume is None or conc is None:  # not a measured liquid (dosecheck.check refuses it for print)
            most = min(x for x in ((step.per_kg or 0) * (self.weight or 0), step.max_per_day,
                                   step.max_dose * n if step.max_dose else None) if x is not None)
            return self.amount(most, unit)
        volume = dose.volume * n  # what the syringe gives in a day, and the drug it holds
        return self.lab("dose_with_amount", count=self.loc.dose(volume, "mL"),
                        amount=self.amount(volume / conc.volume * conc.amount, unit))

    def slot(self, dose: str, t: str | None, k: int) -> str:
        """A calendar row: "1 capsule (1.5 mg) at bedtime", or "Dose 2: …" for round-the-clock doses."""
        if t:
            return self.lab("dose_at", dose=dose, when=self.lab("at_" + t))
        return self.lab("calendar_dose_n", n=self.loc.number(k + 1), dose=dose)


def cap(text: str) -> str:
    """First letter upper case, where the script has case ("every day" -> "Every day")."""
    return text[:1].upper() + text[1:]
