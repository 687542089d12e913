"""Stage 2 — model: the frozen, typed content of a handout.

A handout lives in one folder, ``data/<id>/``:

* ``handout.yaml`` — the **facts** (``Facts``): everything that must be the same
  in every language — doses, schedule, which side effects are serious, drug
  lists, sources, URLs, dates.  Written once.
* ``<lang>.yaml`` — the **words** (``Text``) in one language, keyed by the ids the
  facts declare.  A translation can reword a side effect but cannot move it from
  "serious" to "common", and cannot change a dose: doses are printed from the
  facts' numbers, never from text.

The dataclasses double as the schema (see ``schema.py``): type hints and
``spec`` docs drive loading, error messages and the JSON schema.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal

from dataclasses import dataclass

from .schema import ALIASES, Identifier, Located, Markup, Url, spec

if TYPE_CHECKING:
    from .regions import Region

# Dose units: a fixed list, never free text (ISMP: no "U"/"IU", "mcg" not "µg").
Unit = Literal["mg", "mcg", "g", "mL", "units"]
# Error-prone spellings and their safe form (ISMP): suggesting "g" for "µg" would be a 1,000-fold error.
ALIASES[Unit] = {
    "µg": ("mcg", "µ is misread as m: a 1,000-fold overdose"), "μg": ("mcg", "µ is misread as m: a 1,000-fold overdose"),
    "ug": ("mcg", "ug is misread as mg"), "U": ("units", "U is misread as 0 or 4"), "u": ("units", "u is misread as 0 or 4"),
    "IU": ("units", "IU is misread as IV or 10"), "iu": ("units", "IU is misread as IV or 10"),
    "ml": ("mL", "the unit symbol is mL"), "cc": ("mL", "cc is misread as U"), "mgs": ("mg", "no plural s on units"),
    "mg.": ("mg", "no period after a unit"),
}
# What one counted item is; the localized label says "1 capsule", "2 capsules".  A liquid is
# measured in mL (never teaspoons: ISMP, AAP) from its concentration.
Form = Literal["capsule", "tablet", "liquid"]
# When in the day to take it, always explicit (never "once daily" or "BID" alone: USP <17>).
# FHIR Dosage.timing.repeat.when: MORN, NOON, AFT, EVE, HS, ACM, CM, CD, CV.  Before breakfast
# (ACM) is the empty-stomach morning dose (alendronate, levothyroxine): never "with breakfast".
Timing = Literal["morning", "noon", "afternoon", "evening", "bedtime", "before_breakfast", "with_breakfast",
                 "with_lunch", "with_dinner"]
# FHIR Dosage.timing.repeat.dayOfWeek, spelt out.
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
Device = Literal["oral_syringe", "dosing_cup"]
# Who the handout speaks to: the patient ("Take ...") or a parent or carer ("Give ... your child").
Audience = Literal["patient", "caregiver"]
Supply = Literal["prescription", "over_the_counter"]
Severity = Literal["do_not_take", "may_interact"]
Status = Literal["draft", "reviewed"]

BUILTIN_BLOCKS = ("summary", "key_points", "dosing", "side_effects", "interactions", "precautions", "faq", "sources",
                  "do_not_take", "ask_first", "qr", "serious", "wallet")
STANDARD = "standard"
MAX_EDITION_PAGES = 6  # large print is laid out again at 18 pt: it may take more pages, never smaller type
CALENDAR = "calendar"  # the personal dose calendar, built when a start date is given
PRESCRIBED = "prescription"  # the track of an EHR's prescription (medreq): one patient's doses


@dataclass(frozen=True, kw_only=True)
class Period(Located):
    unit: Literal["day", "week"] = spec("Whether the step is counted in days or weeks.", example="week")
    start: int = spec("First day or week of the step (1 = the first).", example=1)
    end: int | None = spec("Last day or week of the step; leave out for 'from then on'.", example=2, default=None)


@dataclass(frozen=True, kw_only=True)
class Part(Located):
    """One strength in a dose made of several (prednisone 30 mg = 1 x 20 mg + 2 x 5 mg)."""

    strength: float = spec("Amount of drug in one tablet/capsule of this strength.", example=20)
    count: float = spec("How many of them.", example=1)


@dataclass(frozen=True, kw_only=True)
class Every(Located):
    """FHIR timing.repeat period: 'every 6 hours' (as needed, or round the clock), 'every 2 days'."""

    hours: int | None = spec("Hours between doses (as needed: the shortest gap).", example=6, default=None)
    days: int | None = spec("Days between dose days (2 = every other day).", example=2, default=None)


@dataclass(frozen=True, kw_only=True)
class Step(Located):
    """One row of a plan: FHIR R4 Dosage (doseAndRate, timing.repeat, asNeeded, maxDosePer...)."""

    when: Period = spec("When this step applies.")
    amount: float | None = spec("The dose as a number (printed as 0.5 mg, 3 mg); the low end of a range.",
                                example=1.5, default=None)
    amount_max: float | None = spec("The high end of a dose range (500 to 1,000 mg).", example=1000, default=None)
    strength: float | None = spec("Amount of drug in one capsule/tablet dispensed for this step.", example=1.5,
                                  default=None)
    count: float | None = spec("How many capsules/tablets make the dose; count x strength must equal amount.",
                               example=1, default=None)
    count_max: float | None = spec("The high end of a count range (1 or 2 tablets).", example=2, default=None)
    parts: tuple[Part, ...] = spec("A dose made of several strengths; their sum must equal amount.", default=())
    volume: float | None = spec("A liquid: mL to measure; volume x concentration must equal amount.", example=5,
                                default=None)
    per_kg: float | None = spec("Weight-based, for a liquid: amount per kg of body weight per day, split over "
                                "the day's set doses.", example=45, default=None)
    below_kg: float | None = spec("A weight rule's limit: it is for weights under this many kg (a label's "
                                  "children's dosing); a heavier patient's dose is the prescriber's (an adult "
                                  "dose), and the build refuses the weight.", example=40, default=None)
    from_months: int | None = spec("A weight rule's youngest age, in months (a label's children's dosing); the "
                                   "dose box says it (no age is asked for: a weight says nothing of age).",
                                   example=3, default=None)
    timing: tuple[Timing, ...] = spec("When in the day: one dose at each of these times.", example="bedtime",
                                      default=(), one_or_many=True)
    days: tuple[Weekday, ...] = spec("Only on these days of the week (a weekly medicine names its day).",
                                     example="monday", default=(), one_or_many=True)
    every: Every | None = spec("An interval: every N hours, or every N days.", default=None)
    as_needed: Identifier | None = spec("Only when needed, for this reason (words in each language's reasons).",
                                        example="pain", default=None)
    max_dose: float | None = spec("Most in one dose, in the product's unit.", example=1000, default=None)
    max_per_day: float | None = spec("Most in 24 hours, in the product's unit.", example=3000, default=None)
    stop: bool = spec("A 'stop taking it' row: no dose from this step on.", example=True, default=False)
    note: Identifier | None = spec("Id of a note whose words are in each language's step_notes.", default=None)


@dataclass(frozen=True, kw_only=True)
class Concentration(Located):
    amount: float = spec("Amount of drug ...", example=400)
    volume: float = spec("... in this many mL.", example=5)


@dataclass(frozen=True, kw_only=True)
class Product(Located):
    form: Form = spec("What the patient counts or measures.", example="capsule")
    unit: Unit = spec("Unit of every step's amount and strength.", example="mg")
    concentration: Concentration | None = spec("A liquid's strength: amount per volume (400 mg per 5 mL).",
                                               default=None)
    device: Device | None = spec("What a liquid is measured with (never a kitchen spoon).", example="oral_syringe",
                                 default=None)
    most_per_kg_day: float | None = spec(
        "For a medicine dosed by weight: the most per kg of body weight a day that any usual plan gives, in the "
        "product's unit (a guideline's high dose). A prescription above it for the weight given is refused.",
        example=90, default=None)


@dataclass(frozen=True, kw_only=True)
class Medicine(Located):
    """Another medicine in the same plan, on its own schedule (folic acid beside methotrexate)."""

    name: str = spec("Its generic name; other languages word it in drug_names.", example="folic acid")
    product: Product = spec("The product it is dosed in.")
    steps: tuple[Step, ...] = spec("Its steps, in order.", min_items=1)


@dataclass(frozen=True, kw_only=True)
class Track(Located):
    id: Identifier = spec("Name of the titration track.", example="standard")
    product: Product = spec("The product this track is dosed in.")
    steps: tuple[Step, ...] = spec("The steps, in order.", min_items=1)
    companions: tuple[Medicine, ...] = spec("Other medicines taken in the same plan.", default=())

    @property
    def weight_rules(self) -> tuple[Step, ...]:
        """Every step of this plan (a companion's too) worked out from the weight."""
        return tuple(s for s in (*self.steps, *(s for m in self.companions for s in m.steps)) if s.per_kg is not None)

    @property
    def weight_limit(self) -> float | None:
        """The lowest ``below_kg`` of this plan's weight rules: a weight at or over it is refused."""
        return min((s.below_kg for s in self.weight_rules if s.below_kg is not None), default=None)


@dataclass(frozen=True, kw_only=True)
class Drug(Located):
    name: str = spec("Generic name, as a pharmacist would look it up.", example="tramadol")
    brand: str | None = spec("A common brand name.", example="Ultram", default=None)
    other_names: tuple[str, ...] = spec(
        "Other names and brands it goes by, not printed: a note typed for one patient that names one is held to this "
        "group's advice as the name and brand are (H159: 'You can take Septra' beside methotrexate's 'Do not take "
        "Bactrim').", example=["Septra", "co-trimoxazole"], default=())


@dataclass(frozen=True, kw_only=True)
class Interaction(Located):
    id: Identifier = spec("Name of the group; its advice is in each language's interactions.", example="opioids")
    severity: Severity = spec("'do_not_take' stands out in a warning box; 'may_interact' is listed beside it.")
    drugs: tuple[Drug, ...] = spec("The drugs in this group.", min_items=1)
    cite: tuple[Identifier, ...] = spec("Ids of the sources that support this.", default=())
    also: tuple[str, ...] = spec(
        "Other medicines and drugs the group's advice is about (names and brands), not printed: where the words say "
        "'any opioid', a note typed for one patient that names one is held to the group's advice as a listed drug is "
        "(H159: 'Keep taking your Demerol' beside LDN's box).", example=["meperidine", "Demerol", "loperamide"],
        default=())


@dataclass(frozen=True, kw_only=True)
class SideEffects(Located):
    common: tuple[Identifier, ...] = spec("Ids of common side effects (none: the handout lists only serious ones).",
                                          default=())
    serious: tuple[Identifier, ...] = spec("Ids of serious side effects: get help right away.", min_items=1)
    cite: tuple[Identifier, ...] = spec("Ids of the sources that support this.", default=())
    less_common: tuple[Identifier, ...] = spec(
        "Ids of side effects reported less often (or with no figure at this dose), listed after the common ones.",
        default=())


@dataclass(frozen=True, kw_only=True)
class Source(Located):
    id: Identifier = spec("Short name used to cite it.", example="younger2013")
    authors: str | None = spec("Authors, as in a reference list.", example="Younger J, Noor N, McCue R, Mackey S", default=None)
    title: str = spec("Title of the work.")
    publisher: str = spec("Journal or publisher.", example="Arthritis & Rheumatism")
    year: int | None = spec("Year published.", example=2013, default=None)
    doi: str | None = spec("DOI without the https://doi.org/ prefix.", example="10.1002/art.37734", default=None)
    url: Url | None = spec("Web address, when there is no DOI.", default=None)


@dataclass(frozen=True, kw_only=True)
class Edition(Located):
    """Another printing of the same content: a one-page card, a large-print version."""

    max_pages: int = spec("Most pages this edition may take (1 to 6).", example=1)
    outline: tuple[str, ...] | None = spec("Blocks of this edition (default: the handout's outline).", default=None)
    theme: str | None = spec("Theme in layouts/ (default: the theme given to the build).", example="large-print",
                             default=None)


# Code systems a condition may be coded in (HL7 Infobutton names them by OID: see infobutton.py).
ConditionSystem = Literal["icd10cm", "snomed"]


@dataclass(frozen=True, kw_only=True)
class Condition(Located):
    """A condition the handout is about, as an EHR codes it on the problem list."""

    system: ConditionSystem = spec("icd10cm (ICD-10-CM) or snomed (SNOMED CT).", example="icd10cm")
    code: str = spec("The code, exactly as the code system writes it (in quotes).", example="M79.7")
    display: str = spec("The code system's name for it.", example="Fibromyalgia")


@dataclass(frozen=True, kw_only=True)
class Codes(Located):
    """What an EHR looks a handout up by (HL7 Infobutton) and checks a prescription against."""

    rxnorm: str | None = spec("RxNorm ingredient RxCUI of the drug (digits, in quotes).", example="7243",
                              default=None)
    conditions: tuple[Condition, ...] = spec("The conditions it is for (ICD-10-CM and SNOMED CT).", default=())


@dataclass(frozen=True, kw_only=True)
class Facts(Located):
    """handout.yaml: the language-independent facts."""

    id: Identifier = spec("The handout's id; also its folder and file name.", example="ldn")
    version: str = spec("Content version printed in the footer.", example="1.0")
    reviewed_on: date = spec("Date the content was last clinically reviewed.", example="2026-11-01")
    next_review: date = spec("Date it must be reviewed again (at most 24 months later).", example="2027-11-01")
    reviewer: str = spec("Who reviewed it (name and role).")
    organisation: str = spec("Who publishes it (PDF author).")
    source_language: str = spec("Language the others are translated from.", example="en")
    max_pages: int = spec("Most pages the handout may take (1 or 2).", example=2)
    qr_url: Url = spec("Page listing the sources; encoded in the QR code.")
    outline: tuple[str, ...] = spec(
        "Order of the blocks: built-ins (" + ", ".join(BUILTIN_BLOCKS) + ") and section ids; "
        "'a | b' puts two short blocks side by side.", example="missed_dose | storage", min_items=1)
    default_track: Identifier = spec("Track printed unless another is chosen.", example="standard")
    audience: Audience = spec("Who reads it: the patient, or a caregiver giving it to a child.", example="patient",
                              default="patient")
    supply: Supply = spec("How it is bought: on a prescription, or over the counter (no prescriber: the page "
                          "says 'a doctor or pharmacist').", example="over_the_counter", default="prescription")
    tracks: tuple[Track, ...] = spec("Titration tracks.", min_items=1)
    side_effects: SideEffects = spec("Which side effects are common and which are serious.")
    interactions: tuple[Interaction, ...] = spec("Drugs not to take with it, and drugs that may interact.", min_items=1)
    sources: tuple[Source, ...] = spec("Numbered sources, in printed order.", min_items=1)
    keywords: tuple[str, ...] = spec("PDF keywords.", default=())
    text_amounts: tuple[str, ...] = spec(
        "Amounts and counts the text gives that the plan does not (another use's usual dose, a label's limit, a "
        "pack's size), each as the source language writes it; any other is warned of (H153).",
        example="4,000 mg", default=())
    editions: dict[str, Edition] = spec(
        "More editions besides 'standard' (the outline and max_pages above), built from the same content.",
        default_factory=dict)
    codes: Codes | None = spec("RxNorm and condition codes an EHR finds the handout by.", default=None)
    reviewed_by: str | None = spec(
        "The person who did the clinical review, with their credential; until then the footer says "
        "'Not yet reviewed' and check --strict fails.", example="Ana Ruiz, PharmD", default=None)

    def edition(self, name: str = STANDARD) -> Edition:
        """The named edition, with defaults filled in from the standard one."""
        if name == STANDARD:
            return Edition(max_pages=self.max_pages, outline=self.outline, loc=self.where("max_pages"))
        ed = self.editions[name]
        return Edition(max_pages=ed.max_pages, outline=ed.outline or self.outline, theme=ed.theme, loc=ed.loc,
                       field_locs=ed.field_locs)

    @property
    def weight_based(self) -> bool:
        """Whether some dose of some track is worked out from the weight (a patient's page asks its
        own track: ``Track.weight_rules``)."""
        return any(t.weight_rules for t in self.tracks)

    @property
    def edition_names(self) -> list[str]:
        return [STANDARD, *self.editions]


@dataclass(frozen=True, kw_only=True)
class Section(Located):
    id: Identifier = spec("Name used in the outline.", example="missed_dose")
    heading: str = spec("Heading, as a plain statement or question.", example="If you miss a dose")
    body: tuple[Markup, ...] = spec("Paragraphs; **bold** allowed.", default=())
    bullets: tuple[Markup, ...] = spec("A bulleted list after the paragraphs.", default=())


@dataclass(frozen=True, kw_only=True)
class Faq(Located):
    q: str = spec("The question, as a patient would ask it.")
    a: Markup = spec("The answer.")


@dataclass(frozen=True, kw_only=True)
class Translation(Located):
    source_fingerprint: str = spec("Fingerprint of the source-language text this was translated from.")
    translator: str = spec("Who translated it.")
    reviewer: str | None = spec("Qualified medical translator who reviewed it: name and credential.",
                                example="Ana Ruiz, ATA-certified medical translator", default=None)
    reviewed_on: date | None = spec("Date of that review (required with status 'reviewed').", default=None)
    status: Status = spec("'draft' until a qualified medical translator has reviewed it (then name the reviewer "
                          "and the date).", example="draft")


@dataclass(frozen=True, kw_only=True)
class Text(Located):
    """<lang>.yaml: the words in one language."""

    language: str = spec("BCP-47 tag; must match the file name.", example="en")
    title: str = spec("Drug name, large.", example="Low-dose naltrexone (LDN)")
    short_name: str = spec("Short name used in headings.", example="LDN")
    condition: str = spec("What it is for, under the title.")
    key_points: tuple[Markup, ...] = spec("3 to 5 key messages.", min_items=3)
    sections: tuple[Section, ...] = spec("Prose sections, placed by the outline.", default=())
    step_notes: dict[str, Markup] = spec("Words for each step note id.", default_factory=dict)
    side_effects: dict[str, str] = spec("Words for each side effect id.")
    serious_action: Markup = spec("What to do if a serious side effect happens (call whom, how fast).")
    interactions: dict[str, Markup] = spec("Advice for each interaction id.")
    reasons: dict[str, str] = spec("Words for each as-needed reason id (e.g. pain: for pain or fever).",
                                   default_factory=dict)
    drug_names: dict[str, str] = spec(
        "Local words for a drug or group named in handout.yaml (e.g. alcohol); others print as written there.",
        default_factory=dict)
    precautions: tuple[Markup, ...] = spec("Who should talk to their doctor first.", min_items=1)
    faq: tuple[Faq, ...] = spec("Questions and answers.", default=())
    disclaimer: str = spec("One line printed in every footer.")
    translation: Translation | None = spec("Required for every language but the source language.", default=None)
    wallet_card: tuple[Markup, ...] = spec(
        "Lines of the wallet-size card (the 'wallet' block): the first is its bold title.", default=())


@dataclass(frozen=True, kw_only=True)
class Personal(Located):
    """What a clinician adds for one patient. Health information: never logged, never in file names."""

    patient: str | None = spec("The patient's name, printed on the handout.", default=None)
    start: date | None = spec("First day of the first step; gives the schedule real dates.", default=None)
    track: Identifier | None = spec("Titration track chosen by the prescriber.", default=None)
    prescriber: str | None = spec("Prescriber's name.", default=None)
    prescriber_phone: str | None = spec("Prescriber's phone number.", default=None)
    clinic: str | None = spec("Clinic's name.", default=None)
    clinic_phone: str | None = spec("Clinic's phone number.", default=None)
    pharmacy: str | None = spec("Pharmacy's name and phone.", default=None)
    note: str | None = spec("A short free note to the patient.", default=None)
    patient_reference: str | None = spec("FHIR reference to the patient (e.g. Patient/123), for --fhir.", default=None)
    weight_kg: float | None = spec("The patient's weight in kg, for weight-based doses.", example=18.5, default=None)
    weighed_on: date | None = spec("When the patient was weighed (default: today).", default=None)
    per_kg_day: float | None = spec("The prescribed dose per kg of weight a day, in the product's unit (mg/kg/day): "
                                    "a dose is worked out from the weight only when it is the plan's rate.",
                                    example=45, default=None)
    course_days: int | None = spec("The prescribed number of days of a course that ends (amoxicillin's 10): its "
                                   "plan is printed for a patient only when it lasts that long.", example=10,
                                   default=None)
    weekday: Weekday | None = spec("The day of the week this patient takes a once-a-week medicine on: the plan's "
                                   "days move with it (the weekly dose's to it, a companion's around it).",
                                   example="wednesday", default=None)
    region: str | None = spec("Country code of the clinic (emergency, poison and crisis numbers, paper, decimal "
                              "sign); --region wins.", example="US", default=None)

    @property
    def empty(self) -> bool:
        """Nothing for the patient's box: none of the printed fields (``fields.FIELDS``) filled in."""
        from .fields import PRINTED  # the table of the personal fields

        return not any(getattr(self, f) for f in PRINTED)


def outline_ids(outline: tuple[str, ...]) -> list[str]:
    """Every block id of an outline, side-by-side pairs flattened."""
    return [part.strip() for entry in outline for part in entry.split("|")]


@dataclass(frozen=True)
class Handout:
    """One language of one handout: facts + words, ready to be localized."""

    facts: Facts
    text: Text
    source_file: str  # the <lang>.yaml file, for error locations
    facts_file: str
    region: Region | None = None  # set by regions.apply: numbers filled in, paper and decimal sign
    # A translation's source-language words (content.read): the wallet card's second card is in
    # them, for an emergency team that may not read the patient's language.
    source: Text | None = None

    @property
    def id(self) -> str:
        return self.facts.id

    @property
    def lang(self) -> str:
        return self.text.language

    @property
    def prescribed(self) -> bool:
        """Its plan is an EHR's prescription for one patient (medreq): that patient's health data."""
        return any(t.id == PRESCRIBED for t in self.facts.tracks)

    @property
    def over_the_counter(self) -> bool:
        """Bought without a prescription, and printed without one: a prescription's plan (medreq)
        has a prescriber, and 'follow the label on the package' above its doses would contradict
        them (a code review)."""
        return self.facts.supply == "over_the_counter" and not self.prescribed

    def track(self, track_id: str | None = None) -> Track:
        wanted = track_id or self.facts.default_track
        for t in self.facts.tracks:
            if t.id == wanted:
                return t
        raise KeyError(wanted)
