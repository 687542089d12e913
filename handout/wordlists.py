"""Plain-language word lists: ``handout/wordlists/<lang>.yaml`` in, a frozen ``WordList`` with its patterns out.

One file per language (``en``, ``es``, ``fr`` ship; a tag is looked up whole, then by its primary
subtag: ``es-MX`` -> ``es``).  Each list is optional; a rule whose list is missing is "not judged"
for that language (``plain.py``), never passed:

* ``jargon`` — medical terms (``term`` and ``also``: other spellings) that need a plain explanation
  where they are used; ``explain_after`` / ``explain_before`` — words that mark one (PL002);
* ``comparison``, ``percent_words``, ``ratio``, ``ratio_nouns`` — what makes a percentage or a
  ratio and what gives it its comparison (PL003);
* ``action_verbs`` — imperative verbs (a trailing ``*`` also matches longer forms: ``tóme*`` for
  "tómela"), ``imperative_lead`` — words that may come before one in a clause (PL004, PL006);
* ``counted`` — what a patient counts out ("tablet"): a count in the text is held to the plan's (H153);
* ``daily``, ``dose_words`` — a dose every day and a sentence about a dose: held to a once-a-week
  plan (H154); ``negations``, ``negation_nouns`` ("no"), ``order_joins`` ("and": an order joined on is
  out of a negation's reach), ``negation_fillers``, ``condition_words``, ``negations_after_verb``, ``undo_negation``,
  ``exceptions``, ``harm_words``, ``past_doses`` ("If you took") with ``urgent_words``, ``clause_verbs``,
  ``nothing_words`` and ``subordinators``, ``negated_subjects`` and ``consequence_verbs`` ("Not taking it every
  day can …": no prohibition) — what makes a sentence a warning against what it says, or its exception, or what
  happened, not an instruction (H153, H154);
* ``one_dose`` — "at once" (also before the order: "Each time, take"), ``dose_periods`` — "every #
  hours" (under a day), ``dose_before`` — "a dose is" (not after ``day_labels``: "daily dose:"; nor of a count ``day_spans``
  make a day's: "6 tablets in 24 hours"), and
  ``dose_after`` — "a 3,000 mg dose": the amount or count beside them must be a dose's, not a day's
  most (H153);
* ``number_words`` — "two": a count in words ("two tablets") is asked for in numerals (H153);
* ``intervals`` — "every # hours", "q#h", ``per_day`` — "# times a day", "twice a day", with ``count_words``
  ("six": 6, "tid": 3): how often a sentence about a dose says it is taken, held to the plan's most (H155);
  ``minute_intervals`` — "every # minutes", ``later_intervals`` — "in # hours" (with a repeat), ``later_minutes``
  — "in # minutes" (likewise), ``more_words`` — "2 more", "another", "otra", ``day_times`` — "breakfast":
  "morning", with ``choice_words`` — "or" (H155);
  ``weekdays`` — two or more for a weekly dose, with ``weekday_short`` ("Mon") in a list or a range joined by
  ``and_words`` or ``day_ranges`` ("to"), and ``weekday_letters`` ("Mo/We/Fr", "MWF", "L, X y V": capitals, two or
  more only), ``week_parts`` ("midweek", "the weekend"), ``relative_days`` ("today", "the day before"), and dates
  less than a week apart, with ``months`` ("3 June and 5 June", "the 10th and 12th", "3/6 and 5/6") (H154);
  ``not_doses`` — what "take" may take that is no dose ("your temperature", "agua") (H154, H155);
* ``repeat_words`` — "repeat", "do this", "again", with ``repeat_fillers`` ("it", "may") and ``repeat_preps``
  ("before", "as") and ``repeat_clauses`` ("until", "unless": a clause with a verb of its own, "until your doctor
  tells you to stop"): a sentence that says only that the dose of the one before it is taken again, how often
  and when, is read with it ("Take 6 tablets. Repeat every 6 hours as needed."; not "Repeat the mouth
  rinse every morning") (H153, H154).

Matching ignores case and whole words only; a term matches with a plural ``s`` / ``es`` too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, cache
from pathlib import Path

from . import recache
from .chars import source_digest
from .keptmodels import load_model
from .wordpatterns import alternation, words_pattern, words_regex
from .schema import Located, spec

SOURCE = source_digest(__file__)  # (keptmodels: what built a kept word list)
WORDLIST_DIR = Path(__file__).resolve().parent / "wordlists"
_QUOTES = "\"'“”‘’«»"
UNITS = ("mg", "mcg", "g", "kg", "mL", "ml", "L", "mEq", "mmol", "units", "unit")  # a dose, in any language


@dataclass(frozen=True, kw_only=True)
class Term(Located):
    term: str = spec("The medical term, as usually written.", example="off-label")
    also: tuple[str, ...] = spec("Other spellings or forms of the same term.", default=())

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.also)


@dataclass(frozen=True, kw_only=True)
class WordList(Located):
    jargon: tuple[Term, ...] = spec("Medical terms that need a plain explanation where used (PL002).", default=())
    explain_after: tuple[str, ...] = spec("Words after a term that start its explanation.", default=())
    explain_before: tuple[str, ...] = spec("Words before a term that introduce it.", default=())
    comparison: tuple[str, ...] = spec("Words that give a number its comparison (PL003).", default=())
    percent_words: tuple[str, ...] = spec("Words for 'percent'.", default=())
    ratio: tuple[str, ...] = spec("Words between the two numbers of a ratio ('1 in 10').", default=())
    ratio_nouns: tuple[str, ...] = spec("Nouns allowed between a ratio's first number and its word.", default=())
    action_verbs: tuple[str, ...] = spec("Imperative verbs (PL004, PL006).", default=())
    imperative_lead: tuple[str, ...] = spec("Words that may come before an imperative verb.", default=())
    plan_before: tuple[str, ...] = spec("Words before a number that make it a place in the plan ('step 2', "
                                        "'days 1 to 3'), not a claim (PL006).", default=())
    plan_after: tuple[str, ...] = spec("Words after a number that make it a count of the dose ('2 tablets') "
                                       "(PL006).", default=())
    counted: tuple[str, ...] = spec("What a patient counts out, singular ('tablet'; a plural s is matched too): "
                                    "'2 tablets' in the source text must be a count the plan gives (H153).",
                                    default=())
    number_words: tuple[str, ...] = spec("Numbers in words ('two'): a count written so ('two tablets') is asked "
                                         "for in numerals (H153).", default=())
    number_parts: tuple[str, ...] = spec("The other words a number is written with ('forty', 'hundred', 'half', "
                                         "'one'): with ``number_words``, an amount so written before a dose unit "
                                         "('forty-five mg') is asked for in digits (H153, H156).", default=())
    number_joiners: tuple[str, ...] = spec("Words between two words of one number ('and', 'point': 'four and a "
                                           "half', 'four point five') (H153, H156).", default=())
    one_dose: tuple[str, ...] = spec("Words saying one dose ('at once', 'in one dose'): an amount or count right "
                                     "before them must be a dose's, not only the plan's most in a day (H153).",
                                     default=())
    dose_before: tuple[str, ...] = spec("Words saying one dose right before an amount or a count ('a dose is', 'a "
                                        "single dose of'): what follows them must be a dose's too (H153).",
                                        default=())
    dose_periods: tuple[str, ...] = spec("How often a dose is taken ('every # hours', '# times a day'): an amount "
                                         "or count right before it is one dose, where the period is under a day "
                                         "('6 tablets every 24 hours' is a day's most) (H153).", default=())
    day_spans: tuple[str, ...] = spec("Words right after an amount or a count that make it a day's ('6 tablets in 24 "
                                      "hours', 'a day'; '# hours' at 24 or more): then no dose's period or words "
                                      "before it make it one dose ('Each time, take up to 6 tablets in 24 hours') "
                                      "(H153).", default=())
    count_limits: tuple[str, ...] = spec("Words of a limit before a count, besides limit_words ('max 6 tablets a day'): "
                                         "H153 reads them as limit_words, H154's ceiling does not ('Never take the "
                                         "maximum dose every day' is a prohibition) (H153).", default=())
    day_labels: tuple[str, ...] = spec("Words right before a dose's label that make it a day's ('Maximum daily "
                                       "dose: 6 tablets', 'Total dose: 6 tablets') (H153).", default=())
    dose_after: tuple[str, ...] = spec("Words saying one dose right after an amount or a count ('a 3,000 mg dose'): "
                                       "what comes before them must be a dose's too (H153).", default=())
    negated_subjects: tuple[str, ...] = spec("A negation and a dose word opening a clause as its subject ('not "
                                             "taking', 'no tomar*', 'ne pas le prendre'): followed by a verb of its "
                                             "own, no prohibition ('Not taking it every day can make your arthritis "
                                             "worse' asks for it every day) (H153, H154).", default=())
    consequence_verbs: tuple[str, ...] = spec("Words after what a negated dose opening the sentence says that "
                                              "make it the subject of a consequence ('can', 'worsens', 'should'; "
                                              "not 'is': 'Not taking it every day is vital' is a prohibition; "
                                              "harm_words count too: 'is a mistake') (H153, H154).", default=())
    clause_verbs: tuple[str, ...] = spec("Verbs that begin a main clause inside a condition's clause ('If you took "
                                         "nothing else today 6 tablets at once is fine'): no longer what happened "
                                         "(H153, H154).", default=())
    nothing_words: tuple[str, ...] = spec("Words saying nothing was taken ('none', 'no other medicine'): after "
                                          "past_doses, nothing happened (H153, H154).", default=())
    subordinators: tuple[str, ...] = spec("Words that tie a clause of their own to a condition's ('while', 'because'; "
                                          "not 'and', which may join the main clause on: 'If you took it weekly and "
                                          "daily is safe now', nor 'before': 'If you have taken it before it is "
                                          "fine'): a clause_verbs word after them ends no condition (H153, H154).",
                                          default=())
    urgent_words: tuple[str, ...] = spec("Words of urgent help ('emergency', 'right away', 'call your doctor'): with "
                                         "them, or with harm, a condition word and past_doses say what happened "
                                         "(H153, H154).", default=())
    past_doses: tuple[str, ...] = spec("Dose words of a dose already taken ('took', 'swallowed'): after a condition "
                                       "word in their clause, the clause says what happened, not an order ('If you "
                                       "took 6 tablets at once, call poison control') (H153, H154).", default=())
    daily: tuple[str, ...] = spec("Words that give a dose every day ('every day', 'each morning', 'twice a "
                                  "day'), '#' for a number in digits or in count_words ('every # days'): where the "
                                  "plan gives a medicine once a week, a sentence about a dose with one is warned of "
                                  "(H154).", default=())
    course_days: tuple[str, ...] = spec("A course of days ('for # days', 'durante # días'): in a clause opening with "
                                        "one of dose_orders, a dose on each of them, where the plan gives a medicine "
                                        "once a week (H154).", default=())
    course_ends: tuple[str, ...] = spec("A course of days only where it ends its clause ('# days': 'Take 6 tablets 3 "
                                        "days.'; not '… 2 days before your operation'), as course_days (H154).",
                                        default=())
    course_until: tuple[str, ...] = spec("Words that end a course on a day ('until', 'hasta', 'jusqu'à'): with a day "
                                         "of weekdays or weekday_short after them (two words at most may stand between: "
                                         "'until next Thursday', 'hasta el próximo jueves'), a course, as course_days (H154).",
                                         default=())
    subjects: tuple[str, ...] = spec("Subjects of a verb ('you', 'she', 'vous'): a dose order after one in a "
                                     "condition is the condition's ('If you take 6 tablets for 3 days'), after any "
                                     "other word the order after it ('If your pain is bad take 6 tablets for 3 days') "
                                     "(H154).", default=())
    openers: tuple[str, ...] = spec("Words opening a clause of when, as a condition word does ('in case of', "
                                    "'during', 'en caso de'): a dose order after them with no comma is an order ('In "
                                    "case of a flare take 6 tablets for 3 days') (H154).", default=())
    third_modals: tuple[str, ...] = spec("Modals of what must be done, after a person's name or a third person "
                                         "('should', 'debe', 'doit'): 'Ana should take 6 tablets for 3 days' orders a "
                                         "dose; 'will' too ('The patient will take …'); not 'may' ('Your doctor may "
                                         "give you …') (H154).", default=())
    name_aliases: dict[str, str] = spec("Other names a note may give a plan's main medicine, each with the name the "
                                        "facts give it ('MTX': 'methotrexate', 'Tylenol': 'acetaminophen'): read as that "
                                        "medicine (H154, H156).  Never the other medicine's: its name excuses a day, "
                                        "and 'FA' let dangerous notes through (H154; line_names).", default_factory=dict)
    line_names: dict[str, str] = spec("Names a chart's line may open with for the plan's other medicine, each with "
                                      "the name the facts give it ('FA': 'folic acid', 'folate'): a note's sentence "
                                      "that opens with one and its amount or count, and names neither the weekly "
                                      "medicine nor a dose again, is that medicine's line ('FA 5 mg Tue-Sun') and is "
                                      "not read for the weekly dose (H154); its dose is held to that medicine's "
                                      "(H156).  H154 reads them nowhere else: a name of the other medicine inside a "
                                      "sentence let dangerous notes through.", default_factory=dict)
    time_relations: tuple[str, ...] = spec("Words saying when something is, by another thing ('after', 'before', "
                                           "'después', 'après'): days a dose word follows only after one are no dose's "
                                           "('headache Mon & Tue after dose') (H154).", default=())
    once_weekly: tuple[str, ...] = spec("Words saying a dose is taken once a week ('once a week', 'every week', "
                                        "'weekly dose'): said of a dose where no step of the plan gives a medicine "
                                        "on one day a week, an error in the title, else a warning (H166).",
                                        default=())
    instead_words: tuple[str, ...] = spec("Words that put one day in another's place ('instead of', 'rather than'): "
                                          "a note naming the plan's day and another with one of them, or with "
                                          "``day_changes``, is a change of day, refused beside the plan's (H161).",
                                          default=())
    one_of: tuple[str, ...] = spec("Words saying one of the days offered ('once a week', 'one of them', 'instead'): "
                                   "'Take 6 tablets on Mon, Tue or Wed, once a week only' is one day (H154).", default=())
    all_of: tuple[str, ...] = spec("Words saying all of the days offered ('both', 'too', 'each'): 'Take 6 tablets "
                                   "Monday or Thursday, or both' is two (H154).", default=())
    other_verbs: tuple[str, ...] = spec("Verbs whose object is never a dose ('avoid', 'drink', 'evite', 'buvez'): "
                                        "how often after one in its clause, with no dose word between, is theirs ('… "
                                        "and avoid alcohol every day') (H154).", default=())
    hold_verbs: tuple[str, ...] = spec("Verbs that hold a dose ('stop', 'hold', 'suspenda'): a day they govern is no "
                                       "dose's day ('Stop methotrexate the day before surgery and restart the day "
                                       "after'); not after a negation ('Do not stop on Monday', ``undo_negation``) "
                                       "(H154).", default=())
    instead_of: tuple[str, ...] = spec("Words putting another thing in a medicine's place ('instead of', 'en lugar "
                                       "de'): a medicine named after them in a note is not given (H159).", default=())
    harm_modals: tuple[str, ...] = spec("A modal saying what may happen, not what to do ('puede ser', 'can cause', 'peut "
                                        "être'): beside a word of harm it is no order ('Tomar más puede ser grave o "
                                        "mortal' warns) (H154, H155).", default=())
    called_words: tuple[str, ...] = spec("Words naming what a medicine is called ('called', 'known as', 'llamado'): a "
                                         "medicine named after them in a note is a name, not a dose ('It may be called "
                                         "paracetamol outside the U.S.') (H159).", default=())
    example_words: tuple[str, ...] = spec("Words before examples of a group ('such as', 'like', 'como'): a medicine "
                                          "named after them is said against where its group is ('Do not take any "
                                          "opioid, such as tramadol') (H159).", default=())
    better_words: tuple[str, ...] = spec("Words saying the patient is better ('feels better', 'the fever is gone', "
                                         "'se sienta mejor'): after a stop or 'until' in a note, they end a planned "
                                         "course early (H160).", default=())
    stop_when: tuple[str, ...] = spec("Words opening when a medicine is stopped ('when', 'once', 'as soon as'): a "
                                      "note's stop of the plan's medicine with them and better_words ends its course "
                                      "early (H160).", default=())
    start_words: tuple[str, ...] = spec("Words starting a plan ('start at', 'begin with', 'from the first night'): a "
                                        "note's clause with them and a dose only a later step gives ('Start at 4.5 mg' "
                                        "beside LDN's 1.5 mg first step) is refused (H163).", default=())
    any_day: tuple[str, ...] = spec("Words leaving a dose's day to the patient ('any day', 'whichever day', "
                                    "'cualquier día'): a note's weekly dose on any day, beside a table and calendar "
                                    "of the plan's day, is refused (H161).", default=())
    all_doses: tuple[str, ...] = spec("Words naming every dose of the course ('all your tablets', 'the whole course'): "
                                      "ordered with at_once in a note ('Take all your tablets on the first day') they "
                                      "are the course in one dose (H155); 'Take all your tablets, even if you feel "
                                      "better' is the course to its end, and passes.  Never 'all the tablets' nor "
                                      "'together': a dose of several tablets is taken so ('Tome todas las tabletas "
                                      "juntas', the methotrexate handout's own words).", default=())
    at_once: tuple[str, ...] = spec("Words putting doses into one time or one day ('at once', 'together', 'on the "
                                    "first day', 'today'), for all_doses (H155).", default=())
    all_left: tuple[str, ...] = spec("Words naming what is left of the medicine ('the rest of the bottle', 'what is "
                                     "left in the bottle'): given or taken at once by a note's order ('Give the rest "
                                     "of the bottle on the last day') it is more than one dose (H155); kept or thrown "
                                     "away, it is not.", default=())
    added_words: tuple[str, ...] = spec("Words adding a medicine to the plan's dose, before its name ('also', "
                                        "'add', 'además'): the plan's own medicine under another name after them ('You "
                                        "can also take Tylenol' beside acetaminophen) is a second dose (H159).",
                                        default=())
    added_after: tuple[str, ...] = spec("Words adding a medicine to the plan's dose, right after its name in an "
                                        "order to take it ('too', 'as well', 'también'): 'Take Tylenol too' (H159).",
                                        default=())
    same_days: tuple[str, ...] = spec("Words giving a dose on another's days ('on the same days as', 'los mismos "
                                      "días que'): a note's weekly dose on the plan's other medicine's days ('Take your "
                                      "methotrexate on the same days as your folic acid': six days a week) is refused "
                                      "(H154).", default=())
    no_limits: tuple[str, ...] = spec("Words lifting a dose's limit ('as many as you need', 'no limit', 'sin "
                                      "límite'): in a note typed for one patient, beside a plan whose every dose has "
                                      "its amount and most, refused unless said against or a limit is given in the "
                                      "same sentence; not about how long ('no limit on how long': how_long) (H162).",
                                      default=())
    how_long: tuple[str, ...] = spec("Words asking how long, not how much ('how long', 'cuánto tiempo'): no_limits "
                                     "beside them are a course's, not a dose's (H162).", default=())
    round_the_clock: tuple[str, ...] = spec("Words making a gap between doses a day's schedule ('around the clock', "
                                            "'day and night'): 'every 6 hours around the clock' is 4 doses a day, held "
                                            "with the dose's count to the plan's most in 24 hours (H162).", default=())
    thing_pronouns: tuple[str, ...] = spec("Pronouns for a thing ('it', 'this', 'cela'): no person a dose is ordered "
                                           "for ('It will take 3 days to work') (H154).", default=())
    dose_orders: tuple[str, ...] = spec("Imperative verbs that order a dose ('take', 'tome', 'prenez'), for "
                                        "course_days (H154).", default=())
    order_leads: tuple[str, ...] = spec("Words before a dose word that keep it an order ('remember to', 'make sure "
                                        "to', 'continue'), besides imperative_lead and modals (H154).", default=())
    dose_words: tuple[str, ...] = spec("Words that make a sentence one about taking a dose ('take', 'dose'), "
                                       "besides 'counted' and the medicine's name (H154).", default=())
    it_doses: tuple[str, ...] = spec("A dose taken by a pronoun ('take it', 'tómelo', 'prenez-le'): a sentence "
                                     "with one is about the weekly medicine even where it names another (H154).",
                                     default=())
    repeat_words: tuple[str, ...] = spec("Words saying again what the sentence before said ('repeat', 'do this', "
                                         "'haga lo mismo'): with a daily word and no dose word of its own, after a "
                                         "sentence about the weekly dose, the sentence is about that dose ('Take 6 "
                                         "tablets. Repeat every morning.'); with no amount or count of its own, what "
                                         "follows them is read after the sentence before ('Take 6 tablets. Repeat "
                                         "every 6 hours.' says 6 tablets a dose) (H153, H154).", default=())
    repeat_fillers: tuple[str, ...] = spec("Words that may stand in a sentence that says a dose again, besides its "
                                           "repeat_words, how often and repeat_preps' phrases ('it', 'may', 'you'): "
                                           "any other word makes it say more ('Repeat the mouth rinse every "
                                           "morning', 'Then walk every morning') (H153, H154).", default=())
    repeat_preps: tuple[str, ...] = spec("Words opening a phrase of when or how a repeated dose is taken ('before', "
                                         "'for', 'as', 'if'): up to five words after one, to a punctuation mark, are "
                                         "passed over ('Repeat every morning before breakfast', '… as needed for "
                                         "pain') (H153, H154).", default=())
    intervals: tuple[str, ...] = spec("Hours between doses, '#' for the number in digits or in count_words ('every # "
                                      "hours', '# hours apart', 'q#h'; 'every hour', with none, is 1): a sentence about "
                                      "a dose with a shorter gap than the plan's shortest is warned of (H155).", default=())
    per_day: tuple[str, ...] = spec("Doses in a day, '#' for the number in digits or in count_words ('# times a day', "
                                    "'twice a day', 'tid'): a sentence about a dose with more than the plan's most in a "
                                    "day is warned of (H155).", default=())
    minute_intervals: tuple[str, ...] = spec("Minutes between doses, '#' for the number ('every # minutes'): held to "
                                             "the plan's shortest gap as intervals are (H155).", default=())
    later_intervals: tuple[str, ...] = spec("Hours until a dose is taken again, '#' for the number ('in # hours', "
                                            "'after # hours'): gaps only in a sentence that takes the dose again (a "
                                            "repeat word or more_words: 'You may repeat in 4 hours'), for 'in 24 hours' "
                                            "is a day's span elsewhere (H155).", default=())
    later_minutes: tuple[str, ...] = spec("Minutes until a dose is taken again, '#' for the number ('in # minutes', "
                                          "'# minutes later'): as later_intervals, only in a sentence that takes the dose "
                                          "again ('Take 2 more after 30 minutes'; not 'It works in 30 minutes') (H155).",
                                          default=())
    day_times: dict[str, str] = spec("Times of the day a dose is taken at, with the time each names ('breakfast': "
                                     "'morning'): a sentence about a dose that names more of them than the plan "
                                     "gives doses a day is warned of ('in the morning and at bedtime' on a "
                                     "once-a-day plan) (H155).", default_factory=dict)
    choice_words: tuple[str, ...] = spec("Words offering a choice ('or', 'instead'): times of the day with one "
                                         "between them are one dose's choice, not more doses (H155).", default=())
    missed_words: tuple[str, ...] = spec("Words of missing a dose ('miss*', 'forget*'): after a condition word, the "
                                         "day or time the sentence names is the late dose, not a second ('If you miss "
                                         "Monday, take it on Tuesday') (H154, H155).", default=())
    double_doses: tuple[str, ...] = spec("Two doses at once ('a double dose', 'to make up for'): in a sentence about a "
                                         "dose, not said against, more than the plan gives at a time (H155).",
                                         default=())
    double_orders: tuple[str, ...] = spec("Words that order two doses at once, or a missed one made up, naming no "
                                          "dose ('double up', 'take both', 'make it up'): in a note, printed beside "
                                          "the patient's own plan, they are its dose unless said against (H155).",
                                          default=())
    missed_past: tuple[str, ...] = spec("Words saying a dose was missed ('missed', 'forgot'): they make a missed "
                                        "dose's instruction without a condition word ('You missed Monday: take it on "
                                        "Tuesday') (H154, H155).", default=())
    lost_words: tuple[str, ...] = spec("Words of a dose lost ('vomits', 'spits out'): a condition of them with the "
                                       "dose given again after it is no dose more often ('If your child vomits within "
                                       "1 hour, give the dose again') (H155).", default=())
    more_after: tuple[str, ...] = spec("Words that may follow a count of more ('later', 'today'), besides "
                                       "repeat_preps: 'Take 5 more later' is a count (H153).", default=())
    daily_again: tuple[str, ...] = spec("When a dose is taken again, a day or less on, '#' for a number ('in # hours', "
                                        "'after # days', 'the next day', 'tomorrow'): in a sentence that takes a "
                                        "weekly dose again (a repeat word, more of it), a dose more often than once a "
                                        "week; a number of a week or more passes ('in 7 days') (H154).", default=())
    more_counts: tuple[str, ...] = spec("Words after a number that count more of what the sentence before counted, "
                                        "with nothing counted after them ('more', 'más', 'de plus'): 'Take 2 "
                                        "tablets. Then 6 more at once.' is 6 tablets at once (H153).", default=())
    windows: tuple[str, ...] = spec("A window of time, '#' for each of its two ends ('between # and #', 'from # "
                                    "to #'): two times of the day or clock times so are one time to take a dose in "
                                    "('between 8 pm and 10 pm'), not two doses (H155).", default=())
    day_hours: dict[str, int] = spec("The hour of the times of the day that have one ('noon': 12, 'midnight': 0): "
                                     "held with clock times to a plan's gap ('at 9 am and at noon') (H155).",
                                     default_factory=dict)
    more_words: tuple[str, ...] = spec("Words for more of a dose already named ('more', 'another', 'them', 'otra'): a "
                                       "clause with one is about that dose, whatever its verb ('then chew 2 more every "
                                       "2 hours') (H155).", default=())
    not_doses: tuple[str, ...] = spec("What a dose word may take that is no dose, with its article ('your "
                                      "temperature', 'a walk', 'agua'): 'Take your temperature every 2 hours' is no "
                                      "sentence about a dose (H154, H155).", default=())
    count_words: dict[str, int] = spec("Numbers in words in how often a dose is taken, with their value ('six': 6, "
                                       "'twice': 2, 'tid': 3) (H155).", default_factory=dict)
    repeat_clauses: tuple[str, ...] = spec("Words opening a clause of when a repeated dose ends or applies ('until', "
                                           "'unless'): up to eight words after one, verbs too, to a punctuation mark, "
                                           "are passed over ('Repeat every morning until your doctor tells you to "
                                           "stop') (H153, H154, H155).", default=())
    and_words: tuple[str, ...] = spec("Words that join two things ('and', 'or'): tablets and another medicine's "
                                      "name joined so are two things (H154).", default=())
    with_words: tuple[str, ...] = spec("Words of accompaniment ('with'): another medicine named after one is taken "
                                       "with the dose, not as it (H154).", default=())
    dose_nouns: tuple[str, ...] = spec("Nouns for a dose ('dose'): like a counted word, one not tied to the other "
                                       "medicine's name is the weekly one's (H154).", default=())
    while_words: tuple[str, ...] = spec("Words opening a clause of circumstance ('while'): 'Drink water every day "
                                        "while you take it' is not about a dose (H154).", default=())
    weekdays: tuple[str, ...] = spec("The days of the week ('monday'): a sentence about a weekly dose that names two "
                                     "or more is warned of, as a daily one is ('Take 6 tablets on Monday and "
                                     "Thursday') (H154).", default=())
    weekday_short: dict[str, str] = spec("Short forms of the days, each with its day as weekdays writes it ('mon': "
                                         "'monday', 'mié': 'miércoles'): two or more in a list or a range ('Mon, Wed "
                                         "and Fri', 'Mon-Fri') are days as weekdays' are; one alone is not (the "
                                         "sun) (H154).", default_factory=dict)
    weekday_letters: dict[str, str] = spec("One- and two-letter forms of the days, matched as written (capitals), each "
                                           "with its day as weekdays writes it ('Mo': 'monday', 'X': 'miércoles'): "
                                           "days only two or more together, in a list or a range ('Mo/We/Fr', 'L, X "
                                           "y V', 'M-F') or written as one word of three ('MWF', 'TTh'); one alone "
                                           "is a letter (H154).", default_factory=dict)
    week_parts: dict[str, str] = spec("Parts of the week, each with a day of it as weekdays writes it ('midweek': "
                                      "'wednesday', 'the weekend': 'saturday'): read as short days are, where a dose "
                                      "word governs them ('Take 6 tablets at the start of the week and again "
                                      "midweek') (H154).", default_factory=dict)
    relative_days: dict[str, int] = spec("Days said from today or from an event, each with how many days on ('today': "
                                         "0, 'tomorrow': 1, 'the day before': -1, '# days after': 1, '#' a number, "
                                         "the days on for each): two of them a dose word governs are two days ('Take 6 "
                                         "tablets today and 6 tomorrow', 'the day before and the day of your visit'); "
                                         "never counted with a day's name, which may be the same day ('tomorrow, "
                                         "Monday') (H154).", default_factory=dict)
    next_week_before: tuple[str, ...] = spec("Words before a day that put it in another week, the usual day come back to "
                                             "('back to', 'return to', 'wait for next', 'vuelva al'): 'If you forget, "
                                             "take it on Tuesday, then go back to Monday' gives one dose a week (H154).",
                                             default=())
    next_week_after: tuple[str, ...] = spec("Words after a day that put it in another week ('of the following week', "
                                            "'next week', 'de la semana que viene') (H154).", default=())
    course_said: tuple[str, ...] = spec("How the words give a course's length in days, '#' its number ('for # days', "
                                        "'all # days'): held to the plan's (H158).", default=())
    course_weeks: tuple[str, ...] = spec("How the words give a course's length in weeks, '#' their number ('for a "
                                         "week', 'for # weeks'; none: one week): held to the plan's days (H158).",
                                         default=())
    stop_after: tuple[str, ...] = spec("After a stop of the medicine, the day its course ends, '#' its days ('after # "
                                       "days', 'after day #'): held to the plan's length in a note (H158).", default=())
    stop_on: tuple[str, ...] = spec("After a stop of the medicine, the day it is no longer given, '#' that day ('on "
                                    "day #'): the course is a day shorter (H158).", default=())
    skip_verbs: tuple[str, ...] = spec("Verbs that leave a step of a plan out ('skip', 'omit', 'sáltese'): a step's dose "
                                       "after one, under a plan whose dose changes step by step, is a step skipped "
                                       "(H165).", default=())
    after_step: tuple[str, ...] = spec("Words after a stop and before a step's dose that stop the plan there ('after', "
                                       "'después de', 'après': 'Stop after the 10 mg days') (H165).", default=())
    taper_said: tuple[str, ...] = spec("How the words say a dose gets smaller step by step, '#' a step's days where "
                                       "they give it ('smaller every # days', 'step-down'): held to the plan's steps "
                                       "(H158).", default=())
    taken_again: tuple[str, ...] = spec("Words that take a dose again on their own ('again', 'otra vez'): a note that "
                                        "takes the weekly dose again with no week between is refused (H154).", default=())
    second_dose: tuple[str, ...] = spec("Words before a dose taken again ('another', 'a second', 'more', 'repeat'): as "
                                        "taken_again, where what follows is the dose (H154).", default=())
    day_again: tuple[str, ...] = spec("Words that give the weekly dose more of it on a day the note names ('also', "
                                      "'too', 'next dose'): as taken_again (H154).", default=())
    lost_redo: tuple[str, ...] = spec("Verbs that give a dose again after one brought up, besides the dose words "
                                      "('replace', 'redo', 'repeat'): as taken_again (H154).", default=())
    restarts: tuple[str, ...] = spec("Words that start a paused medicine again ('start', 'resume'): 'Start it again "
                                     "after your surgery' is no second dose (H154).", default=())
    week_later: tuple[str, ...] = spec("Words that put a dose a week or more after the last ('in a week', 'in 7 "
                                       "days') (H154).", default=())
    day_changes: tuple[str, ...] = spec("Words before a day the weekly dose moves to ('day to', 'moves to', 'cambia "
                                        "al'): another week's, where the sentence says next week ('From next week your "
                                        "methotrexate day moves to Tuesday; take this week's Monday dose as usual') "
                                        "(H154).", default=())
    months: dict[str, int] = spec("The months' names and short forms, each with its number ('june': 6, 'jun': 6): "
                                  "a weekly dose on two dates less than a week apart ('on 3 June and 5 June') is too "
                                  "much, as on two days of the week (H154).", default_factory=dict)
    brand_names: dict[str, str] = spec("Brands of a weekly medicine, each with the name the facts give it "
                                       "('metoject': 'methotrexate'): read as that medicine where a name can only "
                                       "refuse more (a sentence about a dose, a dose again on another day, what an "
                                       "order takes), never where it decides whose dose or which sentence a repeat "
                                       "follows (H154).", default_factory=dict)
    dose_names: tuple[str, ...] = spec("Words naming the weekly dose as what an order takes ('your weekly "
                                       "medicine'): 'If your joints flare take your weekly medicine for 3 days' is "
                                       "the weekly dose on 3 days; never read as what a sentence is about ('Drink "
                                       "water every day on your weekly medicine') (H154).", default=())
    continue_words: tuple[str, ...] = spec("Words that keep a dose going ('keep', 'continue', 'siga'): a missed dose "
                                           "taken up to a day is one late dose, but 'keep taking 6 tablets until "
                                           "Thursday' is one a day to then (H154).", default=())
    weekday_alone: tuple[str, ...] = spec("The weekday_short forms that are a day alone too, no other word of the "
                                          "language ('thu', 'jue'; not 'sun', 'sat', 'mar', 'jeu'): 'Mon 6 tabs, Thu 6 "
                                          "tabs' gives the weekly dose on two days (H154).", default=())
    day_ranges: tuple[str, ...] = spec("Words that make a range of two days ('to', 'through', 'a', 'à'), besides "
                                       "and_words: 'Mon to Fri' (H154).", default=())
    day_words: tuple[str, ...] = spec("'day' and the weekdays: an exception names one ('except Monday', 'except on "
                                      "your methotrexate day'; not 'except if you feel unwell') (H153, H154).",
                                      default=())
    contrast_words: tuple[str, ...] = spec("Words ending a negation's reach ('but', 'sino', 'mais'): 'Do not take it "
                                           "at bedtime but every morning' (H153, H154).", default=())
    limit_words: tuple[str, ...] = spec("Words of a ceiling ('more than'): 'Do not take more than 6 tablets every "
                                        "day' is a limit on a daily dose, not a warning against one (H153, H154).",
                                        default=())
    modals: tuple[str, ...] = spec("Words that make a clause an instruction though no verb leads it ('you must', "
                                   "'debe', 'vous devez') (H153, H154).", default=())
    harm_undone: tuple[str, ...] = spec("Words before a word of harm that take it back ('without', 'avoid') "
                                        "(H153, H154).", default=())
    negations: tuple[str, ...] = spec("Negations that, before what a sentence says in its clause, make it a "
                                      "warning against it ('never', 'not', 'instead of') (H153, H154).", default=())
    order_joins: tuple[str, ...] = spec("Words that join a second order on ('and', 'y', 'et'; not 'or': a "
                                        "negation covers all it joins): 'Do not chew the tablets and take them every "
                                        "morning' gives an order the negation does not reach (H153, H154).",
                                        default=())
    condition_words: tuple[str, ...] = spec("Words opening a condition ('if', 'si'): a negation after one in its "
                                            "clause warns against nothing ('If you do not take it every day it will "
                                            "not work' says to take it every day) (H153, H154).", default=())
    negations_after_verb: tuple[str, ...] = spec("Negations that follow the verb they negate ('pas', 'jamais': 'ne "
                                                 "prenez pas'): they govern what follows only right after 'ne' or a "
                                                 "filler ('ne pas prendre', 'il ne faut pas le prendre'; not 'si le "
                                                 "médicament ne marche pas prenez ...') (H153, H154).", default=())
    negation_fillers: tuple[str, ...] = spec("Words that may stand between a negation and the dose word it governs "
                                             "(three at most): 'ever' (do not ever take), 'lo' (no lo tome), 'l' "
                                             "(ne l'avalez), 'be' (must not be taken); any other word makes the "
                                             "negation another verb's ('If it does not help take 1 tablet every "
                                             "morning' is an order) (H153, H154).", default=())
    negation_nouns: tuple[str, ...] = spec("Negations that go before a noun ('no'): they govern a counted word, a "
                                           "dose noun or the medicine's name at most one word after them ('no tablets', "
                                           "'no methotrexate') or a dose word right after them ('no taking it'), up to an "
                                           "order after it ('People with no methotrexate side effects can take it every "
                                           "day'), never an order after other words ('Even if you have no pain take 1 "
                                           "tablet every morning') (H153, H154).", default=())
    undo_negation: tuple[str, ...] = spec("Verbs that undo a negation beside them: 'do not forget' is an order "
                                          "('forget', 'miss*') (H153, H154).", default=())
    exceptions: tuple[str, ...] = spec("Words that, right after what a sentence says, give its exception ('except', "
                                       "'other than') (H153, H154).", default=())
    harm_words: tuple[str, ...] = spec("Words of harm that make a sentence, where it is no instruction, a warning "
                                       "('by mistake', 'killed') (H153, H154).", default=())

    # --- the patterns, compiled once per language
    def term_pattern(self, term: Term) -> re.Pattern[str]:
        return words_pattern(term.forms)

    def jargon_in(self, text: str) -> list[Term]:
        """The jargon terms ``text`` uses.  One scan finds every place some term starts (a
        zero-width lookahead, so overlapping terms are all found), then each term is tried only
        there: five times faster than searching the text once per term (~40 terms)."""
        low = text.lower()  # (scanned without IGNORECASE, three times faster: the terms are lower case)
        scan = self._any_jargon_lower.finditer(low) if len(low) == len(text) else self._any_jargon.finditer(text)
        starts = [m.start() for m in scan]
        firsts = {text[s] for s in starts}
        if all(c.isascii() for c in firsts):  # a term can only start there with that letter (its case aside):
            firsts = {c.lower() for c in firsts}  # compile the patterns of those terms only
            maybe = [t for t in self.jargon if any(not f[:1].isascii() or f[:1].lower() in firsts for f in t.forms)]
        else:  # other letters have other case rules (re's IGNORECASE): try every term
            maybe = list(self.jargon)
        return [t for t in maybe if any(self.term_pattern(t).match(text, s) for s in starts)]

    @cached_property
    def more_of_it(self) -> tuple[str, ...]:
        """``more_words`` that say more of a dose named before ("another", "more"), not a pronoun or a filler that
        goes with any verb ("it", "them", "again"): read as the dose taken again (H153, H154, H155)."""
        fillers = {f.lower() for f in self.repeat_fillers}
        return tuple(w for w in self.more_words if len(w) > 3 and w.lower() not in fillers)

    @cached_property
    def adverbs(self) -> frozenset[str]:
        """Repeat fillers that say no more of a dose ("then", "the same"; not "again", a more word), lower case."""
        return frozenset(f.lower() for f in self.repeat_fillers) - {m.lower() for m in self.more_words}

    @cached_property
    def function_words(self) -> frozenset[str]:
        """Words that may follow "another" and leave it the dose's ("another at 11", "another one"), lower case:
        phrase openings, fillers, conditions, joins, counts, more words, dose nouns."""
        return frozenset(x.lower() for x in (*self.repeat_preps, *self.repeat_fillers, *self.condition_words,
                                             *self.and_words, *self.count_words, *self.more_words, *self.dose_nouns))

    @cached_property
    def phrase_openings(self) -> frozenset[str]:
        """``repeat_preps``, lower case."""
        return frozenset(w.lower() for w in self.repeat_preps)

    @cached_property
    def stops(self) -> re.Pattern[str] | None:
        """The hold verbs in any of their forms ("stop", "stopped", "stopping"): a stop of a medicine, as the note
        rules read one (H158, H159, H160); None for a list with none."""
        hold = tuple(v + "*" for v in self.hold_verbs)
        return recache.pattern(words_regex(hold), re.I) if hold else None

    @cached_property
    def places(self) -> frozenset[str]:
        """Words a number after them is a place in the plan of ("day 3", "week 2"), lower case."""
        return frozenset(w.lower() for w in (*self.plan_before, *self.ratio))

    @cached_property
    def _any_jargon(self) -> re.Pattern[str]:
        # (every term's forms as one tree: where some form starts is all the look ahead asks)
        alts = alternation(tuple(f for t in self.jargon for f in t.forms)) or "(?!)"
        # The terms' first letters first: a word start whose letter begins no term is passed over
        # without trying ~40 alternatives (the scan ran at 60% of its time before; same matches).
        firsts = "".join(sorted({re.escape(f.lower().split()[0][0]) for t in self.jargon for f in t.forms if f.split()}))
        guard = f"(?=[{firsts}])" if firsts else ""
        return recache.pattern(rf"(?<![\w-]){guard}(?=(?:{alts})(?:e?s)?(?![\w-]))", re.I)

    @cached_property
    def _any_jargon_lower(self) -> re.Pattern[str]:
        """``_any_jargon`` for lower-case text: its words are lower case, and re's IGNORECASE makes a scan three
        times slower (a handout's 3,500 characters: 390 -> 130 µs).  Only for a text whose lower case is as
        long as it is (not one with "İ"): the places found are the text's."""
        return recache.pattern(self._any_jargon.pattern)

    @cached_property
    def explained_after(self) -> re.Pattern[str]:
        """What may follow a term to explain it: a parenthesis, a dash or colon clause, a marker word."""
        markers = alternation(self.explain_after)
        words = rf"|,?\s*(?:{markers})(?!\w)" if markers else ""
        return recache.pattern(rf"[{_QUOTES}\s]*(?:\(|\s[-–—]\s|[–—]|:\s*\w{words})", re.I)

    @cached_property
    def explained_before(self) -> re.Pattern[str]:
        """What may come just before a term to introduce it: an opening parenthesis or a marker word."""
        markers = alternation(self.explain_before)
        words = rf"|(?<!\w)(?:{markers})" if markers else ""
        return recache.pattern(rf"(?:\({words})[{_QUOTES}\s]*$", re.I)

    @cached_property
    def number_kinds(self) -> re.Pattern[str] | None:
        """A percentage or a ratio; None without the words to recognise a ratio or a comparison."""
        if not self.comparison:
            return None
        alts = [r"\d[\d.,]*\s?%"]
        if self.percent_words:
            alts.append(rf"\d[\d.,]*\s+(?:{alternation(self.percent_words)})(?!\w)")
        if self.ratio:
            nouns = rf"(?:(?:{alternation(self.ratio_nouns)})\s+)?" if self.ratio_nouns else ""
            alts.append(rf"(?<![\w.,])\d[\d,]*\s+{nouns}(?:{alternation(self.ratio)})\s+(?:every\s+)?\d")
        # (each begins with a digit: a look ahead at one passes over the rest of the text at once)
        return recache.pattern(rf"(?=\d)(?:{'|'.join(alts)})", re.I)

    @cached_property
    def plan_numbers(self) -> re.Pattern[str]:
        """Numbers that are the plan's, not claims: doses ("20 mg"), counts of the dose form ("2 tablets"),
        places in the plan ("step 2", "days 1 to 3")."""
        # (Groups bounded, and never started inside a number: "4.0.4.0…" was read again from each of its
        # groups, quadratic: 10 s for 16 KB, a review.)
        num = r"\d+(?:[.,]\d+){0,4}(?:\s*(?:-|–|to|or|and|a|à|ou|et|y|o)\s*\d+(?:[.,]\d+){0,4})?"
        after = alternation(self.plan_after + UNITS)
        alts = [rf"(?<![\w.,]){num}\s*(?:{after})(?:e?s)?(?!\w)"]
        if self.plan_before:
            alts.append(rf"(?<!\w)(?:{alternation(self.plan_before)})(?:e?s)?\s+{num}(?!\w)")
        return recache.pattern("|".join(alts), re.I)

    @cached_property
    def comparison_words(self) -> re.Pattern[str]:
        return recache.pattern(rf"(?<!\w)(?:{alternation(self.comparison)})(?!\w)", re.I)

    @cached_property
    def verbs(self) -> tuple[frozenset[str], tuple[str, ...]]:
        """Exact imperative forms, and prefixes (from entries ending in ``*``)."""
        exact = frozenset(v.lower() for v in self.action_verbs if not v.endswith("*"))
        return exact, tuple(v[:-1].lower() for v in self.action_verbs if v.endswith("*"))

    def is_verb(self, word: str) -> bool:
        exact, prefixes = self.verbs
        w = word.lower()
        return w in exact or any(w.startswith(p) and len(w) > len(p) for p in prefixes)

    @cached_property
    def leads(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.imperative_lead)


def path_for(lang: str) -> Path | None:
    """The word-list file of a language: its full tag, else its primary subtag; None if neither."""
    for tag in dict.fromkeys((lang, lang.split("-")[0])):
        p = WORDLIST_DIR / f"{tag}.yaml"
        if p.exists():
            return p
    return None


@cache
def load(lang: str) -> WordList | None:
    """The checked word lists of one language, or None when it has none (rules: "not judged"); built once per
    installation (``keptmodels``)."""
    path = path_for(lang)
    return load_model(WordList, path, (Term,)) if path is not None else None
