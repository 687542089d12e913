"""The handout's words never tell a patient to take a weekly medicine every day (H154, ``handout.frequency``).

Each case puts one sentence in place of a tip of the weekly methotrexate handout ("Mark Monday on a
calendar"), in its English source or its Spanish translation, and runs ``check``: weekly
methotrexate taken daily has killed patients, and a patient follows the sentence, not the table.
"""

from __future__ import annotations

import re

import shutil
from pathlib import Path

import pytest

from conftest import DATA, edit, line_of, run

TIP = {"en": "Mark {weekly_day} on a calendar, or set a phone alarm.",
       "es": "Marque el {weekly_day} en un calendario o ponga una alarma en el teléfono."}

WARNED = [
    # (language, what, the sentence, the words said)
    ("en", "a tablet every morning", "Take 1 tablet every morning with water.", "every morning"),
    ("en", "the medicine by name, twice a day", "Take your methotrexate twice a day.", "twice a day"),
    ("en", "a dose, daily", "Your dose is taken daily with breakfast.", "daily"),
    ("en", "every 12 hours", "Swallow the tablets every 12 hours.", "every 12 hours"),
    ("en", "both medicines named", "Take your methotrexate and folic acid tablets every morning.", "every morning"),
    ("en", "bold and cited", "**Take it every evening.** [@fda_mtx]", "every evening"),
    ("es", "a Spanish tablet every day", "Tome 1 comprimido todos los días por la mañana.", "todos los días"),
    ("es", "a Spanish dose each night", "Tome su dosis cada noche.", "cada noche"),
    # A review: a negation or a word of harm elsewhere in the sentence is no warning against the daily dose
    ("en", "a negation undone", "Do not forget to take it every morning.", "every morning"),
    ("en", "a negation after it", "Take 1 tablet every morning, not at night.", "every morning"),
    ("en", "no matter what", "Take it every day, no matter what.", "every day"),
    ("en", "harm in an instruction", "Take 1 tablet every day to avoid harm to your liver.", "every day"),
    ("en", "a tablet a day", "Take 1 tablet a day.", "tablet a day"),
    ("en", "hyphenated", "Take your once-daily tablet with water.", "daily"),
    ("en", "an amount only", "15 mg daily.", "daily"),
    ("es", "a Spanish negation undone", "No olvide tomar su comprimido cada mañana.", "cada mañana"),
    ("es", "a Spanish daily dose", "Tome su dosis diaria con agua.", "diaria"),
    ("es", "al menos", "Tome al menos 1 tableta todos los días.", "todos los días"),
    # ... nor does the other medicine named beside the weekly dose, by a pronoun, "with", or tablets apart
    ("en", "a pronoun with the other medicine", "Take it with your folic acid every morning.", "every morning"),
    ("en", "the weekly tablets and the other medicine", "Take your tablets and folic acid every morning.",
     "every morning"),
    ("es", "a Spanish pronoun with the other medicine", "Tómelo con el ácido fólico cada mañana.", "cada mañana"),
    ("en", "a pronoun and the other medicine", "Take it and folic acid every morning.", "every morning"),
    ("en", "the dose with the other medicine", "Have your dose with folic acid every morning.", "every morning"),
    # A second review: exceptions without a day, harm taken back, a negation of something else, ceilings,
    # a dose or an amount beside the other medicine, more ways of saying it
    ("en", "an exception with no day", "Take 1 tablet every day, except if you feel unwell.", "every day"),
    ("es", "a Spanish unless", "Tome 1 comprimido por día, salvo que el médico diga otra cosa.", "por día"),
    ("en", "you must, and harm", "You must take it every day; missing doses is dangerous.", "every day"),
    ("en", "you must, to avoid harm", "You must take it every day to avoid harm to your liver.", "every day"),
    ("en", "without harm", "It is safe to take 6 tablets every day without harm.", "every day"),
    ("es", "no es peligroso", "Tomarlo todos los días no es peligroso.", "todos los días"),
    ("en", "a negation of something else", "If you don't feel better take it every day.", "every day"),
    ("en", "a ceiling on a daily dose", "Do not take more than 6 tablets every day.", "every day"),
    ("es", "a Spanish ceiling", "No tome más de 6 tabletas al día.", "al día"),
    ("en", "a dose and the other medicine", "Take your dose and folic acid every morning.", "every morning"),
    ("en", "an amount and the other medicine", "Take 15 mg and your folic acid every morning.", "every morning"),
    ("en", "per day as a slash", "Take 6 tablets/day.", "/day"),
    ("en", "a range of hours", "Take it every 4-6 hours.", "every 4-6 hours"),
    ("en", "every other day", "Take it every other day.", "every other day"),
    ("en", "q.a.m.", "Take it q.a.m.", "q.a.m."),  # (the last note's: Latin shorthand for every morning)
    ("en", "qd", "Take 6 tablets qd.", "qd"),
    ("en", "twice a week", "Take your tablets twice a week.", "twice a week"),
    ("es", "any number of hours", "Tómelo cada 10 horas.", "cada 10 horas"),
    # A third review: the daily words' own "day" is no day named for the weekly medicine; a range in words
    ("en", "both named, every day", "Take folic acid and methotrexate every day.", "every day"),
    ("en", "the weekly one named, the other too", "Take methotrexate every day, and folic acid too.", "every day"),
    ("es", "both named, todos los días", "Tome el metotrexato y el ácido fólico todos los días.", "todos los días"),
    ("en", "a range of hours in words", "Take 1 tablet every 4 to 6 hours.", "every 4 to 6 hours"),
    ("es", "a Spanish range of hours in words", "Tome 1 tableta cada 4 a 6 horas.", "cada 4 a 6 horas"),
    # ... an exception is six doses a week of the weekly medicine; harm in another part of the sentence; a
    # negation that ends at "but"
    ("en", "every day but one", "Take methotrexate every day except on Mondays.", "every day"),
    ("en", "your tablets but on one day", "Take your tablets every day except on your methotrexate day.", "every day"),
    ("en", "harm in another part", "Methotrexate is taken every morning; stopping suddenly can be dangerous.",
     "every morning"),
    ("en", "a negation ending at but", "Do not take it at bedtime but every morning.", "every morning"),
    ("es", "a Spanish sino", "No lo tome de noche sino cada mañana.", "cada mañana"),
    # The last review's gaps: "no" before a noun governs no verb; an order joined on after a negated one
    ("en", "no pain, then the order", "Even if you have no pain take 1 tablet every morning.", "every morning"),
    ("en", "no, then the order", "No, take 1 tablet every morning.", "every morning"),
    ("en", "a second order after and", "Do not crush tablets and take them every morning.", "every morning"),
    ("en", "the verb said again", "Do not take it with food and take it every morning.", "every morning"),
    ("es", "a Spanish second order", "No mastique los comprimidos y tómelos cada mañana.", "cada mañana"),
    # ... a second review of it: another verb, or the same in another form, after the first verb's own words
    ("en", "another verb after and", "Do not take it at night and swallow 1 tablet every morning.", "every morning"),
    ("en", "words between and and the verb", "Do not take it with food and remember to take it every morning.",
     "every morning"),
    ("es", "the Spanish verb in another form", "No lo tome con leche y tómelo cada mañana.", "cada mañana"),
    # ... a third: an order after what "no" governs, a verb after the daily words, "ne ... pas et", "or else"
    ("en", "an order after no and the name", "People with no methotrexate side effects can take it every day.",
     "every day"),
    ("en", "an order after no and a noun", "If you have no tablets left take 1 capsule every morning.", "every morning"),
    ("en", "the verb after the daily words", "Do not take it at night and each morning take 1 tablet.", "each morning"),
    ("es", "a Spanish verb after the daily words", "No lo tome con comida y cada mañana tome 1 tableta.", "cada mañana"),
    ("es", "trague", "No lo tome con leche y trague 1 tableta cada mañana.", "cada mañana"),
    ("en", "or else", "Do not take it with food or else take it every morning.", "every morning"),
    # ... a third: a negation of another verb, one word before the dose's; a second order after it; "o si no"
    ("en", "a negation of another verb", "If the tablets do not help take 1 tablet every morning.", "every morning"),
    ("es", "cannot swallow, then an order", "Si no puede tragar comprimidos tome el jarabe todos los días.",
     "todos los días"),
    ("en", "no and a passive order", "People with no methotrexate side effects can be given it every day.", "every day"),
    ("es", "o si no", "No lo tome con comida o si no tómelo cada mañana.", "cada mañana"),
    # ... a fourth: a negation in a condition; "not 2" in brackets; a Spanish gerund
    ("en", "a negation in a condition", "If you do not take it every day it will not work.", "every day"),
    ("en", "not 2 in brackets", "Take 1 tablet (not 2) every morning.", "every morning"),
    ("es", "a Spanish gerund", "Siga tomándolo todos los días.", "todos los días"),
    ("en", "a walk, then the tablets", "Take a walk and your tablets every day.", "every day"),
    ("en", "time to take a dose", "Take time to take your tablets every day.", "every day"),
    # What happened is no order, but a participle with no subject is a rule, and an order after it is one
    ("en", "a participle after when", "When taken with food every day, it works best.", "every day"),
    ("en", "a past dose, then an order", "If you took your dose late take it every day.", "every day"),
    # A negated dose as the subject of more asks for it (the last note's hole)
    ("en", "a negated gerund as the subject", "Not taking it every day can make your arthritis worse.", "every day"),
    ("en", "a negated gerund, then harm", "Not taking your tablets every day can be dangerous.", "every day"),
    ("es", "a negated infinitive as the subject", "No tomarlo todos los días puede empeorar su artritis.",
     "todos los días"),
    # A review: an order after a dose that happened, with no comma before it
    ("en", "a past dose, then continue", "If you took it last week continue it every day.", "every day"),
    ("en", "a past dose, then keep using", "If you have taken methotrexate before keep using it every day.",
     "every day"),
    # A second review: a negated dose that is the subject of harm, or of a verb of consequence further on
    ("en", "a negated gerund is a mistake", "Not taking it every day is a mistake.", "every day"),
    ("en", "a negated gerund should be avoided", "Not taking it every day should be avoided.", "every day"),
    ("en", "a negated gerund worsens", "Not taking it every day worsens your arthritis.", "every day"),
    ("en", "a negated gerund, then for a week can", "Not taking it every day for a week can make your arthritis "
     "worse.", "every day"),
    ("es", "a negated infinitive is an error", "No tomarlo todos los días es un error.", "todos los días"),
    ("en", "no harm taken back", "If you have taken it for years with no harm it is fine every day.", "every day"),
    # A third review: help in another part; a main clause inside the condition's; more consequences
    ("en", "what happened, then help in another part", "If you have taken it before it is fine every day; call your "
     "doctor with questions.", "every day"),
    ("en", "what happened, then a main clause", "If you took it last week it works best every day, right away.",
     "every day"),
    ("es", "what happened in Spanish, then a main clause", "Si ya tomó el medicamento antes funciona mejor todos los "
     "días y alivia de inmediato.", "todos los días"),
    ("en", "a negated gerund is a bad idea", "Not taking it every day is a bad idea.", "every day"),
    ("en", "a negated gerund, an aside, then can", "Not taking it every day, as prescribed, can make your arthritis "
     "worse.", "every day"),
    ("es", "a negated infinitive is bad", "No tomarlo todos los días es malo para su artritis.", "todos los días"),
    # A fourth review: what happened past its object; a longer aside; should never happen
    ("en", "what happened, then it becomes safe", "If you have taken it for a year it becomes safe every day, but tell "
     "your doctor if you get sores.", "every day"),
    ("en", "a negated gerund should never happen", "Not taking it every day should never happen.", "every day"),
    ("en", "a negated gerund, a long aside", "Not taking it every day, as your doctor and your pharmacist told you, "
     "can make your arthritis worse.", "every day"),
    ("en", "a negated gerund is not allowed", "Not taking it every day is not allowed.", "every day"),
    # A fifth review: "and" joins a main clause on; "before" is no tie; a consequence not turned round
    ("en", "what happened, and a main clause", "If you took it weekly and daily is safe now, tell your doctor if you "
     "get sores.", "daily"),
    ("en", "what happened before, then a main clause", "If you have taken it before it is fine every day, but call your "
     "doctor if you get sores.", "every day"),
    ("en", "a negated gerund is a problem", "Not taking it every day is a problem.", "every day"),
    # A sixth review: a negation that does not turn a consequence round; nothing taken
    ("en", "a negated gerund is not only a problem", "Not taking it every day is not only a problem but a danger.",
     "every day"),
    ("en", "a negated gerund, no doubt, worsens", "Not taking it every day no doubt worsens your arthritis.",
     "every day"),
    ("en", "nothing taken, then daily tablets", "If you took no methotrexate this week daily tablets help, but call "
     "your doctor right away if you get sores.", "daily"),
    # A seventh review: more ways to say every day
    ("en", "on weekdays", "Take 1 tablet on weekdays, in the morning.", "on weekdays"),
    ("en", "every other morning", "Take 1 tablet every other morning.", "every other morning"),
    ("en", "never miss a day", "Never miss a day of methotrexate.", "miss a day"),
    ("es", "día por medio", "Tómelo en el desayuno, día por medio.", "día por medio"),
    ("es", "entre semana", "Tome 1 comprimido entre semana, por la mañana.", "entre semana"),
]

PASSED = [
    ("en", "the daily companion named", "Take 1 folic acid tablet every morning."),
    ("en", "the companion and its exception", "Take 1 folic acid tablet every day, but not on Monday."),
    ("en", "a warning against it", "Never take your tablets every day."),
    ("en", "a warning without a negation", "Taking methotrexate every day by mistake has killed people."),
    ("en", "no dose in the sentence", "Drink plenty of water every day."),
    ("en", "the weekly day", "Take all your tablets on Monday morning, once a week."),
    ("en", "a day, not every day", "Choose a day of the week to take your dose."),
    ("es", "the daily companion named in Spanish", "Tome 1 tableta de ácido fólico cada mañana."),
    ("es", "the companion and its exception in Spanish", "Tome ácido fólico todos los días menos el lunes."),
    ("es", "a Spanish warning", "Nunca tome sus comprimidos todos los días."),
    ("en", "a tablet of the other medicine", "Take 1 tablet of folic acid every morning."),
    ("es", "a Spanish tablet of the other medicine", "Tome 1 tableta de ácido fólico con agua cada mañana."),
    ("en", "never on the weekly day", "Take 1 folic acid tablet every day, but never on the day you take methotrexate."),
    ("en", "the weekly medicine's day", "Take folic acid daily, not on your methotrexate day."),
    ("en", "advice that is no dose", "Use sunscreen every day."),
    ("en", "a clause of circumstance", "Drink plenty of water every day while taking methotrexate."),
    ("en", "never, passively", "It must never be taken every day."),
    ("en", "a pronoun in its own negated clause", "Take your folic acid every day, and do not take it on Monday."),
    ("en", "prescriber shorthand", "Methotrexate 15 mg weekly; folic acid 1 mg every morning."),
    ("en", "every 7 days", "Take 6 tablets every 7 days."),
    ("en", "a phone number", "Call 555-0100 a day before your dose."),
    ("en", "a negation in its own clause", "Only take it once a week, never every day."),
    ("en", "the exception after a comma", "Take your folic acid every day, except on Monday."),
    ("en", "a curly apostrophe", "Don\u2019t take it every day."),
    ("en", "a contraction", "You mustn't take it every day."),
    ("en", "harm, not an instruction", "Taking it every day, even by mistake, can kill."),
    # A review: a "miss" or "skip" in another clause undoes no negation
    ("en", "a missed dose in the clause before", "If you miss your dose, never take it every day."),
    ("es", "a forgotten dose in the clause before", "Si olvidó una dosis, no la tome todos los días."),
    ("en", "a second verb of a negated one", "Never take or give it every day."),
    # "or" joins what a negation covers; "no" before the medicine's name or a dose word (a second review)
    ("en", "a negation over or", "Do not take a double dose or take it every day."),
    ("en", "a passive prohibition", "Methotrexate must not be taken every day."),
    ("en", "an adverb between", "Do not accidentally take it every day."),
    ("es", "three fillers", "No se lo debe tomar todos los días."),
    ("es", "two pronouns before the verb", "No se lo tome todos los días."),
    ("en", "no and the medicine's name", "No methotrexate every day."),
    ("en", "no and a dose word", "No taking it every day."),
    ("en", "what happened", "If you took it every day by mistake, call your doctor now."),
    ("es", "what happened in Spanish", "Si tomó sus comprimidos todos los días por error, llame a su médico ahora."),
    ("en", "a negated gerund, then a contrast", "Not taking it every day, but once a week, is the rule."),
    ("es", "a Spanish infinitive prohibition", "No tomarlo todos los días; es peligroso."),
    # A review: a negated dose that is the subject of no consequence is a prohibition
    ("en", "a negated gerund is vital", "Not taking it every day is vital."),
    ("en", "never taking keeps you safe", "Never taking methotrexate every day keeps you safe."),
    ("es", "a Spanish rule", "No tomarlo todos los días es la regla más importante."),
    ("en", "what happened, then urgent help", "If you took it every day this week, call your doctor right away."),
    ("en", "what happened, then the emergency room", "If you have taken it every day for several days, go to the "
     "emergency room."),
    ("en", "a negated gerund, then because", "Not taking it every day is vital, because a daily dose can kill."),
    ("en", "a negated gerund avoids an overdose", "Not taking it every day is the best way to avoid an overdose."),
    ("en", "a negated gerund is something you should remember", "Not taking it every day is something you should "
     "always remember."),
    ("en", "what happened, then get help", "If you took it every day for 3 days, get help now."),
    ("en", "help before what happened", "Call your doctor right away if you took it every day."),
    ("es", "help before what happened in Spanish", "Llame a su médico de inmediato si lo tomó todos los días."),
    ("en", "what happened, with a clause of its own", "If you took it every day because the label was unclear, call "
     "your doctor right away."),
    ("en", "a negated gerund is not a problem", "Not taking it every day is not a problem, because it is a weekly "
     "medicine."),
    ("en", "what happened, four words on", "If you took your weekly methotrexate tablets every day, call your doctor "
     "right away."),
    ("en", "never the maximum dose", "Never take the maximum dose every day."),
    ("en", "a negated gerund is no reason for worry", "Not taking it every day is no reason for worry."),
]


def _copy(tmp_path: Path, lang: str) -> Path:
    dst = tmp_path / "data" / "methotrexate"
    dst.mkdir(parents=True)
    for name in ("handout.yaml", "en.yaml", f"{lang}.yaml"):
        shutil.copy(DATA / "methotrexate" / name, dst / name)
    return dst


def _check(tmp_path: Path, capsys, lang: str, sentence: str) -> tuple[Path, list[str]]:
    folder = _copy(tmp_path, lang)
    edit(folder / f"{lang}.yaml", TIP[lang], sentence if not sentence.startswith("**") else f'"{sentence}"')
    _, _, err = run(["check", str(folder), "--lang", lang], capsys)
    assert "got a mapping" not in err and "YAML syntax" not in err, err  # read (": " in a plain scalar is a mapping)
    return folder, [line for line in err.splitlines() if "[H154]" in line]


@pytest.mark.parametrize("lang,what,sentence,said", WARNED, ids=[c[1] for c in WARNED])
def test_a_dose_every_day_in_a_weekly_handout_is_warned_of_at_its_line(tmp_path: Path, capsys, lang: str,
                                                                       what: str, sentence: str, said: str) -> None:
    folder, found = _check(tmp_path, capsys, lang, sentence)
    line = line_of(folder / f"{lang}.yaml", sentence.strip("*"))
    assert len(found) == 1, found
    assert f"{lang}.yaml:{line}:" in found[0] and "warning" in found[0]
    assert f"'{said}' in a sentence about a dose, where the plan gives" in found[0] and "once a week" in found[0]


@pytest.mark.parametrize("lang,what,sentence", PASSED, ids=[c[1] for c in PASSED])
def test_a_sentence_about_another_medicine_or_warning_against_it_passes(tmp_path: Path, capsys, lang: str,
                                                                        what: str, sentence: str) -> None:
    _, found = _check(tmp_path, capsys, lang, sentence)
    assert found == []


def test_strict_makes_it_an_error_and_a_daily_plan_is_not_held_to_it(tmp_path: Path, capsys) -> None:
    folder = _copy(tmp_path, "en")
    edit(folder / "en.yaml", TIP["en"], "Take 1 tablet every morning with water.")
    code, _, err = run(["check", str(folder), "--lang", "en", "--strict"], capsys)
    assert code != 0 and any("error:" in line and "[H154]" in line for line in err.splitlines())
    # LDN is taken every night: "every night" is its plan, not a mistake
    ldn = tmp_path / "ldn"
    shutil.copytree(DATA / "ldn", ldn)
    edit(ldn / "en.yaml", "Take **1 capsule at bedtime**.", "Take **1 capsule every night at bedtime**.")
    _, _, err = run(["check", str(ldn), "--lang", "en"], capsys)
    assert "[H154]" not in err


# A sentence that says the dose of the one before it again ("Repeat every morning"), and an order cut by an
# abbreviation's full stop ("p.o."): each is read with the sentence before it.
REPEATED = [
    # (language, what, the sentences, the words said, said as the dose before it again)
    ("en", "repeat", "Take 6 tablets. Repeat every morning.", "every morning", True),
    # a clause of when the repeats end, with a verb of its own (the last note's)
    ("en", "until the doctor says", "Take 6 tablets. Repeat every morning until your doctor tells you to stop.",
     "every morning", True),
    ("es", "hasta que", "Tome 6 comprimidos. Repita cada mañana hasta que su médico le diga que pare.", "cada mañana",
     True),
    # how often alone, as a medicine list's next line says it (a review of H155)
    ("en", "how often alone", "Take 6 tablets on Monday. Every morning.", "Every morning", True),
    ("es", "cada mañana alone", "Tome 6 comprimidos el lunes. Luego cada mañana.", "cada mañana", True),
    ("en", "do the same", "Take 6 tablets. Do the same every day.", "every day", True),
    ("en", "do this, after swallow", "Swallow 6 tablets. Do this every morning.", "every morning", True),
    ("es", "repita", "Tome 6 comprimidos. Repita cada mañana.", "cada mañana", True),
    ("es", "haga lo mismo", "Tome 6 comprimidos. Haga lo mismo todos los días.", "todos los días", True),
    ("en", "an abbreviation's full stop", "Take 15 mg p.o. every morning.", "every morning", False),
    ("es", "a Spanish abbreviation's full stop", "Tome 15 mg v.o. cada mañana.", "cada mañana", False),
    ("en", "a time's full stop", "Take it at 8 a.m. every day.", "every day", False),
    # a review: more ways of saying it again; a form of the verb; a repeat chained; with what to take it with
    ("en", "again", "Take 6 tablets. Again every morning.", "every morning", True),
    ("en", "then", "Take 6 tablets. Then every morning.", "every morning", True),
    ("en", "continue", "Take 6 tablets. Continue every morning.", "every morning", True),
    ("en", "repeated", "Take 6 tablets. Repeated every morning.", "every morning", True),
    ("en", "keep doing this", "Take 6 tablets. Keep doing this every morning.", "every morning", True),
    ("en", "with a glass of water", "Take 6 tablets. Repeat every morning with a glass of water.", "every morning",
     True),
    ("en", "a repeat after a repeat", "Take 6 tablets. Repeat at bedtime. Do the same every morning.",
     "every morning", True),
    ("es", "repítala", "Tome 6 comprimidos. Repítala cada mañana.", "cada mañana", True),
    ("es", "otra vez", "Tome 6 comprimidos. Otra vez cada mañana.", "cada mañana", True),
    ("es", "continúe", "Tome 6 comprimidos. Continúe cada mañana.", "cada mañana", True),
    # a second review: two repeat words; when, for how long, what it is taken with; an abbreviation before a
    # number, in brackets, with one dot
    ("en", "then do the same", "Take 6 tablets. Then do the same every morning.", "every morning", True),
    ("en", "continue to repeat", "Take 6 tablets. Continue to repeat every morning.", "every morning", True),
    ("en", "before breakfast", "Take 6 tablets. Repeat every morning before breakfast.", "every morning", True),
    ("en", "for 4 weeks", "Take 6 tablets. Repeat every morning for 4 weeks.", "every morning", True),
    ("en", "this dose", "Take 6 tablets. Repeat this dose every morning.", "every morning", False),  # (a dose word)
    ("en", "morning and evening", "Take 6 tablets. Repeat every morning and evening.", "every morning", True),
    ("es", "antes del desayuno", "Tome 6 comprimidos. Repita cada mañana antes del desayuno.", "cada mañana", True),
    ("en", "an abbreviation before a number", "Take 6 tablets p.o. 4 times a day.", "times a day", False),
    ("en", "an abbreviation in brackets", "Take 15 mg (p.o.) every morning.", "every morning", False),
    ("en", "a one-dot abbreviation", "Take 6 tab. every morning.", "every morning", False),
    # a third review: phrases one after another; a title's full stop
    ("en", "before breakfast with a full glass of water", "Take 6 tablets. Repeat every morning before breakfast "
     "with a full glass of water.", "every morning", True),
    ("en", "a title's full stop", "Take 6 tablets as per Dr. Smith every morning.", "every morning", False),
    ("en", "same", "Take 6 tablets. Same every morning.", "every morning", True),
    ("en", "after that", "Take 6 tablets on Monday. And every morning after that.", "every morning", True),
    # a day or less until the weekly dose again (left in the last note)
    ("en", "repeat in 24 hours", "Take 6 tablets on Monday. Repeat in 24 hours.", "in 24 hours", True),
    ("en", "more the next day", "Take 6 tablets on Monday. Take 6 more tablets the next day.", "the next day", False),
    ("en", "again after 2 days", "Take 6 tablets on Monday. Take them again after 2 days.", "after 2 days", False),
    ("es", "repita en 24 horas", "Tome 6 comprimidos el lunes. Repita en 24 horas.", "en 24 horas", True),
    ("es", "pasado mañana", "Tome 6 comprimidos el lunes. Repita pasado mañana.", "pasado mañana", True),
    # (another weekday named in the handout's words is refused for the plan's days: the next sentence's is read
    # in a note, below)
]
NOT_REPEATED = [
    ("en", "a weekly repeat", "Take 6 tablets on Monday. Repeat every week."),
    ("en", "the other medicine's dose again", "Take 1 folic acid tablet. Do the same every day."),
    ("en", "no repeat word", "Take 6 tablets on Monday. Drink water every day."),
    ("en", "something else every day", "Take 6 tablets on Monday. Check your mouth for sores every day."),
    ("en", "a repeat warned against", "Take 6 tablets. Never repeat every day."),
    ("en", "do this, negated", "Take 6 tablets. Do not do this every day."),
    ("en", "no dose before", "Check your mouth. Do this every day."),
    ("es", "no lo repita", "Tome 6 comprimidos. No lo repita todos los días."),
    ("es", "the other medicine, again", "Tome 1 comprimido de ácido fólico. Haga lo mismo todos los días."),
    ("en", "an abbreviation, the plan's day", "Take 15 mg p.o. on Monday only."),
    ("en", "a name in small letters after a sentence", "Take 6 tablets on Monday. iPhone alarms help every day."),
    # a review: a repeat of something else (an object of its own, another order before it, another medicine)
    ("en", "a repeat with an object", "Take 6 tablets on Monday. Repeat the mouth rinse every morning."),
    ("en", "do this after another order", "Take 6 tablets on Monday. Walk for 30 minutes; do this every morning."),
    ("en", "likewise, another order", "Take 6 tablets on Monday. Likewise, check your mouth for sores every morning."),
    ("en", "the same with the other medicine", "Take 6 tablets on Monday. Do the same with folic acid every morning."),
    ("en", "then another order", "Take 6 tablets on Monday. Then walk every morning."),
    ("en", "another order after until's clause", "Take 6 tablets on Monday. Repeat every morning until noon, then walk."),
    ("en", "continue to do something else", "Take 6 tablets on Monday. Continue to drink water every morning."),
    ("en", "a sentence after plain words", "Swallow the tablets with water. 30 minutes of walking every morning helps."),
    ("es", "repita after another order", "Tome 6 comprimidos el lunes. Enjuague la boca; repita cada mañana."),
    # a second review: a sentence with a repeat word that orders something else ends the dose it repeated
    ("en", "then another order, then a repeat", "Take 6 tablets on Monday. Then rinse your mouth. Repeat every morning."),
    ("en", "again, another order", "Take 6 tablets on Monday. Again, drink water. Repeat every morning."),
    ("en", "continue with something else", "Take 6 tablets on Monday. Continue with your exercises. Do this every "
     "morning."),
    # a third review: an order inside what looked like a phrase of when
    ("en", "an order after when", "Take 6 tablets on Monday. Then every morning before breakfast rinse your mouth."),
    ("en", "as you do something else", "Take 6 tablets on Monday. Continue every morning as you rinse your mouth."),
    ("en", "after that, another order", "Take 6 tablets on Monday. After that, walk every morning."),
    ("en", "the same something else", "Take 6 tablets on Monday. Keep the same routine every morning."),
    # ... a week on; a span that is no repeat; the other medicine; a missed dose taken late once
    ("en", "repeat in 7 days", "Take 6 tablets on Monday. Repeat in 7 days."),
    ("en", "a span, no repeat", "Take 6 tablets on Monday. Methotrexate leaves your body in 24 hours."),
    ("en", "folic acid the next day", "Take 6 tablets on Monday. Take 1 folic acid tablet the next day."),
    ("en", "a forgotten dose the next day", "Take 6 tablets on Monday. If you forget, take them the next day."),
    ("en", "no more the next day", "Take 6 tablets on Monday. Do not take more the next day."),
    # a missed dose taken late (what the label says), folic acid the day after, a repeat on a weekday refused
    ("en", "a missed dose the next day, then Monday", "Take 6 tablets on Monday. If you miss your dose, take it the "
     "next day, then go back to Monday the following week."),
    ("es", "al día siguiente, olvidada", "Tome 6 comprimidos el lunes. Si olvida la dosis del lunes, tómela al día "
     "siguiente."),
    ("es", "ácido fólico al día siguiente", "Tome el ácido fólico al día siguiente del metotrexato."),
    ("en", "no more the day after", "Take 6 tablets on Monday. Never take more the day after."),
]


@pytest.mark.parametrize("lang,what,sentences,said,again", REPEATED, ids=[c[1] for c in REPEATED])
def test_a_dose_said_again_or_cut_by_an_abbreviation_is_read_with_the_sentence_before(
        tmp_path: Path, capsys, lang: str, what: str, sentences: str, said: str, again: bool) -> None:
    folder, found = _check(tmp_path, capsys, lang, sentences)
    assert len(found) == 1, found
    assert f"{lang}.yaml:{line_of(folder / f'{lang}.yaml', sentences)}:" in found[0]
    again_said = " (the sentence before it gives the dose)" if again else ""
    assert f"'{said}' in a sentence about a dose{again_said}, where the plan gives " in found[0], found
    assert "once a week" in found[0]


@pytest.mark.parametrize("lang,what,sentences", NOT_REPEATED, ids=[c[1] for c in NOT_REPEATED])
def test_what_is_not_the_weekly_dose_again_passes(tmp_path: Path, capsys, lang: str, what: str,
                                                   sentences: str) -> None:
    _, found = _check(tmp_path, capsys, lang, sentences)
    assert found == []


# Notes typed for one patient of the Monday-only methotrexate plan, and what in each is refused (None: printed)
NOTES = [
    ("Take 3 tablets every morning with food.", "every morning"),
    ("Your methotrexate dose is daily now.", "daily"),
    ("Take 1 folic acid tablet every morning.", None),  # the plan's other medicine
    ("Never take methotrexate every day.", None),
    ("Drink a glass of water every morning.", None),  # no dose
    # A third review: French "ne ... pas" puts the undoing verb before "pas"; weekly said with a number
    ("N'oubliez pas de prendre 6 comprimés chaque matin.", "chaque matin"),
    ("N'hésitez pas à prendre vos comprimés chaque matin.", "chaque matin"),
    ("Prenez 6 comprimés 1 fois par semaine, le lundi.", None),
    ("Take 6 tablets every 7 days, on Monday.", None),
    ("Call 555-0100 a day before your Monday dose.", None),  # a phone number is no "# a day"
    # "ne ... pas" governs the tablets; "et prenez-les" is an order of its own
    ("Ne croquez pas les comprimés et prenez-les chaque matin.", "chaque matin"),
    ("Ne prenez pas les comprimés avec du lait et avalez-les chaque matin.", "chaque matin"),
    ("Ne les coupez pas et prenez 1 comprimé chaque matin.", "chaque matin"),
    ("Il faut l'avaler tous les jours.", "tous les jours"),
    ("Si vous ne pouvez pas avaler les comprimés prenez la solution tous les jours.", "tous les jours"),
    ("Ne l'avalez jamais tous les jours.", None),
    # "pas" after the verb it negates: "ne marche pas" (a review); "ne pas prendre", "ne faut pas le prendre"
    ("Si le méthotrexate ne marche pas prenez 2 comprimés tous les jours.", "tous les jours"),
    ("Il ne faut pas le prendre tous les jours.", None),
    ("N'en prenez jamais tous les jours.", None),
    ("Vous ne pouvez pas le prendre tous les jours.", None),
    ("Il ne faut surtout pas le prendre tous les jours.", None),
    ("Si vous ne le prenez pas tous les jours, il ne marchera pas.", "tous les jours"),
    ("No methotrexate every morning.", None),
    ("Even if you have no pain take 1 tablet every morning.", "every morning"),
    # the dose of the sentence before, again; French read in an English page's note
    ("Take 3 tablets. Repeat every morning.", "every morning"),
    ("Prenez 6 comprimés. Recommencez tous les matins.", "tous les matins"),
    ("Prenez 6 comprimés. Ne le répétez jamais tous les jours.", None),
    # a review: the French prescription's own words; notes typed in small letters, or about something else
    ("Prenez 6 comprimés. À renouveler tous les matins.", "tous les matins"),
    ("Take 3 tablets. Again every morning.", "every morning"),
    ("take 6 tablets on monday. check your mouth for sores every morning.", None),
    ("Take 6 tablets on Monday. Repeat the mouthwash every morning.", None),
    ("Take 6 tablets on Monday with water. 5 minutes of stretching every morning helps.", None),
    # a second review
    ("Take your 6 tablets on Monday morning. Then check your mouth for sores. Do this every morning.", None),
    ("Tome 6 comprimidos el lunes. Continúe con los ejercicios. Hágalo cada mañana.", None),
    ("Prenez 6 comprimés. À renouveler tous les matins pendant 4 semaines.", "tous les matins"),
    ("Take 3 tablets. Then do the same every morning.", "every morning"),
    # a third review: a number after a time's dots starts a sentence; French "reprenez"
    ("MTX 15 mg Monday 8 a.m. 1 mg folic acid every morning except Monday.", None),
    # a review of H155: several days of the week for the weekly dose (the handout's words are refused for
    # naming a day the plan does not give; a note was not)
    ("Take 6 tablets on Monday and Thursday.", "Monday and Thursday"),
    ("Take 6 tablets on Monday, Wednesday and Friday.", "Monday, Wednesday and Friday"),
    ("Take 6 tablets on Monday and 1 folic acid tablet on Tuesday.", None),
    # the daily words in a clause of the other medicine alone; tablets are tied to it only within a clause
    ("Take your tablets on Monday morning; folic acid every morning except Monday.", None),
    ("Take 6 tablets on Monday morning, and 1 folic acid tablet every morning.", None),
    ("Take 6 tablets every morning; folic acid on Tuesday.", "every morning"),
    ("Take your methotrexate on Monday, and take it with folic acid every morning.", "every morning"),
    ("Prenez 6 comprimés le lundi. Reprenez-les chaque matin.", "chaque matin"),
    # a day or less until the weekly dose again
    ("Take 6 tablets on Monday. Repeat in 24 hours.", "in 24 hours"),
    ("Prenez 6 comprimés le lundi. Recommencez le lendemain.", "le lendemain"),
    ("If you miss Monday, take it on Tuesday.", None),  # a missed dose, late: what the label says (a review)
    ("Take 6 tablets on Monday. Take the same dose again on Tuesday.", "Monday. Take the same dose again on Tuesday"),
    ("Tome 6 comprimidos el lunes. Tome otra vez la dosis el martes.", "lunes. Tome otra vez la dosis el martes"),
    ("Take 6 tablets on Monday. Never take them again on Tuesday.", None),
    ("Si olvida el lunes, tómelo al día siguiente.", None),
    ("Tome 6 comprimidos el lunes. Repita la dosis mañana.", "dosis mañana"),  # (tomorrow, not the morning)
    ("Take 6 tablets 5 days a week.", "5 days a week"),  # (a sixth review)
    ("Take 6 tablets 1 day a week, on Monday.", None),
    ("If you stop feeling sick, take 6 tablets on Monday and Thursday.", "Monday and Thursday"),  # (no missed dose)
    ("You missed Monday: take your 6 tablets on Tuesday this week, then Monday as usual.", None),  # (missed_past)
    ("Never miss Monday; take 6 tablets on Monday and Thursday.", "Monday; take 6 tablets on Monday and Thursday"),
    # a seventh review: the missed day is the missed clause's; the rest is read; a negation ends with its clause
    ("You forgot Monday, so take 6 tablets on Tuesday and Wednesday.", "Tuesday and Wednesday"),
    ("You missed Monday: take it on Tuesday and again on Wednesday.", "Tuesday and again on Wednesday"),
    ("Take 6 tablets on Monday and Thursday, even if you missed a dose.", "Monday and Thursday"),
    ("Do not worry, repeat the dose the next day.", "the next day"),
    ("If needed, take it again the next day, and never skip doses.", "the next day"),  # (skip: not the condition's)
    ("Take 6 tablets on Monday; take them again the next day, as you missed last week.", "the next day"),  # (not a lead)
    ("Never repeat the dose the next day, even if you feel unwell.", None),
    ("Nunca repita la dosis al día siguiente.", None),
    ("Tome 6 comprimidos el lunes por la mañana. Repita cada semana por la mañana.", None),
    # the weekly dose on several days running: days "in a row", "de suite", "seguidos"
    ("Take 6 tablets on 2 days in a row.", "2 days in a row"), ("Tome 6 comprimidos 3 dias seguidos.", "3 dias seguidos"),
    ("Prenez 6 comprimés 3 jours de suite.", "3 jours de suite"), ("Take 6 tablets on Monday for 12 weeks.", None),
    # ... not "for" a number of days, of other things more often than of the dose (a review)
    ("Take 6 tablets on Monday, then nothing for 6 days.", None), ("Tome 6 comprimidos el lunes y nada durante 6 días.", None),
    ("Avoid alcohol for 2 days after your dose.", None), ("Stop taking it for 7 days before your operation.", None),
    # ... nor the days of other things, or of a warning (a review): "today and tomorrow", "consecutive days"
    ("Take 6 tablets on Monday; avoid alcohol today and tomorrow.", None),
    ("Take 6 tablets on Monday only, not on consecutive days.", None),
    ("Tome 6 comprimidos el lunes por la mañana y pasado un rato desayune.", None),
    ("Tome 6 comprimidos el lunes por 12 semanas.", None),
    ("Take 6 tablets on Monday. Do not drink alcohol for 2 days after.", None),
    # ... but what is counted out, for days, is the dose on each of them; "#" a number in words too (a review:
    # "every two days" and "for 3 days" were printed under the Monday-only table)
    ("Take 6 tablets for 3 days.", "for 3 days"), ("Take it for three days.", "for three days"),
    ("Tome 6 comprimidos durante 3 días.", "durante 3 días"),
    ("Prenez 6 comprimés pendant trois jours.", "pendant trois jours"),
    ("Do not take your tablets for 7 days before surgery.", None), ("Take your 6 tablets on Monday, for 1 day only.", None),
    ("Take 6 tablets every two days.", "every two days"), ("Take 6 tablets two days in a row.", "two days in a row"),
    ("Tome 6 comprimidos cada dos días.", "cada dos días"), ("Take 6 tablets seven days a week.", "seven days a week"),
    ("Prenez 6 comprimés tous les deux jours.", "tous les deux jours"),
    ("Take 6 tablets every seven days.", None), ("Tome 6 comprimidos cada siete días.", None),
    ("Prenez 6 comprimés une fois par semaine.", None), ("Take 6 tablets every fourteen days.", None),
    # a second review: a course of days is its clause's order ("by mouth for 3 days", "15 mg"), seven days or more
    # too ("for 7 days" is no "every 7 days"), with what comes after it ("for 7 days in a row" passed)
    ("Take 6 tablets by mouth for 3 days.", "for 3 days"), ("Take 15 mg for 7 days.", "for 7 days"),
    ("Take 6 tablets for fourteen days.", "for fourteen days"), ("Take 6 tablets x 3 days.", "x 3 days"),
    ("Take 6 tablets for 7 days in a row.", "for 7 days"), ("Tome 6 comprimidos durante 3 dias.", "durante 3 dias"),
    ("Tome 6 comprimidos el lunes por la mañana durante 3 días.", "durante 3 días"),
    ("Prenez-en 6 pendant 3 jours.", "pendant 3 jours"), ("Take 6 tablets on 3 consecutive days.", "3 consecutive days"),
    ("Take 6 tablets on Monday. Repeat in two days.", "in two days"), ("Take 6 tablets twice weekly.", "twice weekly"),
    ("Take 6 tablets three times weekly.", "three times weekly"), ("Take 6 tablets every couple of days.",
                                                                    "every couple of days"),
    ("Tome 6 comprimidos dos veces a la semana.", "dos veces a la semana"), ("Take 6 tablets nocte.", "nocte"),
    # ... not a course that is no order, nor a condition naming no dose, nor a dose taken by mistake
    ("Stop your tablets for 3 days before your operation.", None), ("Hold the tablets for 2 days after a vaccine.", None),
    ("If you have been unable to take your tablets for 2 days, call us.", None),
    ("Your doctor may give you prednisolone tablets for 5 days.", None),
    ("Suspenda los comprimidos durante 3 días antes de la operación.", None),
    ("Arrêtez les comprimés pendant 3 jours avant l'opération.", None),
    ("If you have a fever for two days running, skip your tablets and call us.", None),
    ("Si tiene diarrea dos días seguidos, no tome sus comprimidos y llámenos.", None),
    ("If you accidentally take it two days in a row, call poison control.", None),
    ("Take 6 tablets once weekly.", None), ("Take 6 tablets one time per week.", None),
    ("Take 6 tablets x3 days.", "x3 days"), ("Take 6 tablets for three more days.", "for three more days"),
    ("Take 6 tablets three days straight.", "three days straight"), ("Take 6 tablets for a few days.", "for a few days"),
    ("Tome 6 comprimidos un día sí, un día no.", "un día sí, un día no"),
    ("Tome 6 comprimidos cada cuarenta y ocho horas.", "cada cuarenta y ocho horas"),
    ("Take 6 tablets on Monday; the side effects may last two days in a row.", None),
    ("Tome 6 comprimidos el lunes; las náuseas pueden durar dos días seguidos.", None),
    ("Take 6 tablets on Monday; you may feel tired for a few days.", None),
    ("Take 6 tablets on Monday; take 6 more two days in a row.", "two days in a row"),
    # a second review: the dose word nearest before the course, across commas, said as an order; not another
    # verb's course, nor what a dose word takes that is no dose, nor a clause of its own
    ("You should take 6 tablets for 3 days.", "for 3 days"), ("Debe tomar 6 comprimidos durante 3 días.", "durante 3 días"),
    ("Vous prendrez 6 comprimés pendant 3 jours.", "pendant 3 jours"), ("Dose: 6 tablets for 3 days.", "for 3 days"),
    ("Take 6 tablets by mouth, with food, for 3 days.", "for 3 days"),
    ("Take 6 tablets with no food for 3 days.", "for 3 days"),
    ("Tome 6 comprimidos (no más de 6) durante 3 días.", "durante 3 días"),
    ("When you wake up each morning, take 6 tablets.", "each morning"),
    ("Take 6 tablets; you can do this every morning.", "every morning"),
    ("Take 6 tablets today and tomorrow.", "today and tomorrow"), ("Take 6 tablets TIW.", "TIW"),
    ("Take 6 tablets two mornings in a row.", "two mornings in a row"),
    ("Take it easy for 2 days after your dose.", None), ("Use sunscreen for a few days after each dose.", None),
    ("Take 6 tablets on Monday and drink plenty of water for 2 days.", None),
    ("Take 6 tablets on Monday, then take a break for 6 days.", None),
    ("Take 6 tablets on Monday and you may feel tired for a couple of days.", None),
    ("Take 6 tablets on Monday; avoid alcohol today and tomorrow.", None),
    # a third review: a repeat, a course before its order, polite and infinitive orders, a second dose verb, a
    # limit that is no "nothing"; and "no alcohol", a stop, a clause of its own after the dose
    ("Take 6 tablets. Repeat for 3 days.", "for 3 days"), ("For 3 days, take 6 tablets.", "For 3 days"),
    ("Durante 3 días tome 6 comprimidos.", "Durante 3 días"), ("Por favor tome 6 comprimidos durante 3 días.",
                                                                "durante 3 días"),
    ("Veuillez prendre 6 comprimés pendant 3 jours.", "pendant 3 jours"),
    ("6 comprimés à prendre pendant 3 jours.", "pendant 3 jours"), ("Usted debe tomar 6 comprimidos durante 3 días.",
                                                                     "durante 3 días"),
    ("It is important to take 6 tablets for 3 days.", "for 3 days"),
    ("Take 6 tablets and swallow them with water for 3 days.", "for 3 days"),
    ("Take 6 tablets by mouth, then continue for 3 days.", "for 3 days"),
    ("Take 6 tablets, no more, for 3 days.", "for 3 days"), ("Take 6 tablets with nothing else for 3 days.", "for 3 days"),
    ("Take 6 tablets on Monday; this is your routine every morning.", "every morning"),
    ("Take 6 tablets on Monday, then no alcohol for 2 days.", None),
    ("Prenez 6 comprimés le lundi, puis pas d'alcool pendant 3 jours.", None),
    ("Take 6 tablets on Monday, then off for 6 days.", None), ("Deje de tomar los comprimidos durante 3 días.", None),
    ("Prenez 6 comprimés le lundi, vous pouvez être fatigué pendant quelques jours.", None),
    ("Take 6 tablets on Monday, then feel tired for a day or two.", None),
    ("Take 6 tablets on Monday, the nausea lasts for a day or two.", None),
    # a fourth look: short day names in a list or a range, chart shorthand, a course with no preposition, to a day,
    # days of a range, a condition with no comma, a third person; and what stays printed beside them
    ("Take 6 tablets Mon, Wed and Fri.", "Mon, Wed and Fri"), ("Take 6 tablets Mon-Fri.", "Mon-Fri"),
    ("Take 6 tablets Mon. and Thurs.", "Mon. and Thurs"), ("Tome 6 comprimidos lun, mié y vie.", "lun, mié y vie"),
    ("Prenez 6 comprimés lun., mer. et ven.", "lun., mer. et ven"), ("Take 6 tablets MWF.", "MWF"),
    ("Take 6 tablets at weekends.", "at weekends"), ("Prenez 6 comprimés le week-end.", "le week-end"),
    ("Take 6 tablets 3 days.", "3 days"), ("Tome 6 comprimidos tres días.", "tres días"),
    ("Take 6 tablets until Thursday.", "until Thursday"), ("Tome 6 comprimidos hasta el jueves.", "hasta el jueves"),
    ("Take 6 tablets on days 1 to 3 of each week.", "on days 1 to 3"),
    ("If your pain is bad take 6 tablets for 3 days.", "for 3 days"),
    ("Si vous avez mal prenez 6 comprimés pendant 3 jours.", "pendant 3 jours"),
    ("Ana should take 6 tablets for 3 days.", "for 3 days"), ("Ana debe tomar 6 comprimidos durante 3 días.",
                                                              "durante 3 días"),
    ("Take 6 tablets all 7 days.", "all 7 days"), ("Tome 6 comprimidos hoy y repita dentro de 3 días.", "dentro de 3 días"),
    ("Take 6 tablets on Mon. Avoid the sun.", None), ("Take 6 tablets on Mon and stay out of the sun.", None),
    ("Take 6 tablets 2 days before your operation.", None), ("Take 6 tablets on Monday, then wait 7 days.", None),
    ("Take 6 tablets on Monday, days 1 and 8 of the cycle.", None), ("Take 6 tablets every 7 days.", None),
    ("If you take 6 tablets for 3 days, call us.", None), ("If you forget to take your tablets for 2 days, call us.", None),
    ("It will take 3 days.", None), ("Your doctor may give you prednisolone tablets for 5 days for a flare.", None),
    ("If you forget, take them within two days, then go back to Monday.", None),
    ("Take 6 tablets on Monday. Do not drink alcohol until Wednesday.", None),
    # a fifth review: an order after a condition and a modal, a curly apostrophe; and, printed, the weekly dose's own
    # warning, a late dose's last day, days another verb governs (a clinic's hours, alcohol, side effects)
    ("If it hurts you should take 6 tablets for 3 days.", "for 3 days"),
    ("Si tiene un brote debe tomar 6 comprimidos durante 3 días.", "durante 3 días"),
    ("Prenez 6 comprimés jusqu’à jeudi.", "jusqu'à jeudi"), ("Tome 6 comprimidos hasta el próximo viernes.",
                                                            "hasta el próximo viernes"),
    ("No vuelva a tomarlo hasta el lunes siguiente.", None), ("If you miss your dose, take it up to Thursday.", None),
    ("Si vous oubliez la dose, prenez-la dès que possible, jusqu'à mercredi.", None),
    ("Call us Mon-Fri 9-5 if you miss your dose.", None), ("Take 6 tablets on Monday; physio is Tues & Thurs.", None),
    ("N'oubliez pas de prendre 6 comprimés pendant 3 jours.", "pendant 3 jours"),
    # ... and days no dose verb governs print; with none before them, their part of the sentence decides
    ("Appelez-nous du lun. au ven. si vous oubliez votre dose.", None), ("Llámenos de lun a vie si olvida la dosis.", None),
    # (a day no verb governs in a sentence about a dose counts: safe side, "Take 6 tablets; remember: Monday and
    # Thursday" is a dose on both; the clinician rewords the alcohol)
    ("Take 6 tablets on Monday; no alcohol Fri-Sun.", "Monday; no alcohol Fri-Sun"),
    ("Your child should take plenty of water for 3 days.", None), ("Mon-Fri: take 6 tablets.", "Mon-Fri"),
    ("Methotrexate 15 mg Mon & Thu.", "Mon & Thu"),
    # ... and what the fifth review found printed: a day in each of two sentences, a lead-in with no comma, a word
    # between the modal and the verb, the future, weeks and weekends, cycle days, a range that ends in a full stop
    ("Take 6 tablets on Monday. Take 6 tablets on Thursday.", "Monday. Take 6 tablets on Thursday"),
    ("Take 6 tablets on Monday. Never take them on any other day, such as Tuesday.", None),
    ("Take 6 tablets on Monday. Take 1 folic acid tablet on Tuesday.", None),
    ("In case of a flare take 6 tablets for 3 days.", "for 3 days"), ("En caso de brote tome 6 comprimidos durante 3 días.",
                                                                      "durante 3 días"),
    ("Ana should also take 6 tablets for 3 days.", "for 3 days"), ("Votre fils doit le prendre pendant 3 jours.",
                                                                   "pendant 3 jours"),
    ("The patient will take 6 tablets for 3 days.", "for 3 days"), ("It will take 3 days.", None),
    ("Take 6 tablets for a week.", "for a week"), ("Take 6 tablets on Monday, once a week, for 12 weeks.", None),
    ("Take 6 tablets until the end of the week.", "until the end of the week"), ("Take 6 tablets weekdays.", "weekdays"),
    ("Take 6 tablets on Monday; tiredness may last until the weekend.", None),
    # a sixth review: a second sentence's "take" that takes no dose, a negation after a course's opening, another
    # medicine past a condition or for a third person, a day said against in brackets
    ("Take 6 tablets on Monday. Take the form to the lab on Wednesday.", None),
    ("Take 6 tablets on Monday. Take paracetamol on Tuesday if achy.", None),
    ("Tome 6 comprimidos el lunes. Tome la misma dosis el martes.", "lunes. Tome la misma dosis el martes"),
    ("Until Friday do not take any ibuprofen.", None), ("If you feel sick take ondansetron for 2 days.", None),
    ("She will take the antibiotics for 7 days.", None), ("Take 6 tablets on Mondays only (not Mon-Fri!)", None),
    ("Do not take it on Mon, Wed and Fri.", None), ("If the pain is bad take your methotrexate for 3 days.", "for 3 days"),
    # how often after a verb whose object is never a dose, once the dose has its day
    # (how often after another verb is still the dose's, as before this session: a review found every excuse of it
    # let a dose through; the clinician rewords)
    ("Take 6 tablets on Monday and avoid alcohol at weekends.", "at weekends"),
    ("Take 6 tablets and drink water every day.", "every day"), ("Take 6 tablets with a drink of water every day.",
                                                                 "every day"),
    ("Avoid alcohol and take 6 tablets every day.", "every day"),
    # a seventh review: the names a clinic writes (MTX, FA, folate, ácido fólico on an English page), a choice of
    # day for a late dose, side effects on days after the dose, and the other medicine's day beside the weekly one
     ("MTX Mon-Wed", "Mon-Wed"),
    ("mtx twice weekly", "twice weekly"), ("If you miss it, take Tue or Wed", None),
    ("headache Mon & Tue after dose", None),
    ("Take the methotrexate every day and the folic acid on Mondays", "every day"),
    # an eighth review, against the seventh's rules: a phrase of when before the order, a folic-acid name before
    # both medicines' days, a choice of both, a negation a verb undoes or in the middle of a list, another verb
    # taking the tablets themselves
    ("Monday and Thursday after breakfast: take 6 tablets.", "Monday and Thursday"),
    ("Take 6 tablets and FA on Monday and Thursday.", "Monday and Thursday"),
    ("Take FA on Sunday and MTX Monday to Friday.", "Monday to Friday"),
    ("Take 6 tablets on Monday or Thursday or both.", "Monday or Thursday"),
    ("Take 6 tablets on Mon, Tue or Wed, once a week only.", None),
    ("Never miss Monday or Thursday: 6 tablets each.", "Monday or Thursday"),
    ("Take 6 tablets Monday, not Sunday, and Thursday.", "Monday, not Sunday, and Thursday"),
    ("Take it Monday only, never Tue or Thu.", None),
    ("Take your tablets on Monday and wash them down with milk every morning.", "every morning"),
     ("After the Monday dose take another 6 tablets on Wednesday.",
                                                         "Monday dose take another 6 tablets on Wednesday"),
    ("Pain Tue and Wed after taking it on Monday is common.", None),
    # a ninth review, of what each excuse let through: a phrase of when with the dose after it, a verb not known to
    # take no dose, a folic-acid name after the tablets, a list of choices mixing "and", a dose noun after "use"
    ("Monday and Thursday before bed 6 tablets.", "Monday and Thursday"),
    ("Take 6 tablets; we agreed Monday and Thursday.", "Monday and Thursday"),
    ("Take 6 tablets, then FA, on Monday and Thursday.", "Monday and Thursday"),
    ("Take 6 tablets on Tuesday or Wednesday and Friday, once a week.", "Tuesday or Wednesday and Friday"),
    ("Use the prescribed dose daily.", "daily"), ("Tome 6 comprimidos además del ácido fólico el lunes y el jueves.",
                                                  "lunes y el jueves"),
    # a tenth review: a day by its full name is read whatever verb comes before it, a choice of full days is two
    # days, "FA" is no name of the other medicine, and how often after another verb needs the dose's day
    ("Take 6 tablets, then rest, on Monday and Thursday.", "Monday and Thursday"),
    ("Monday and Thursday after methotrexate, rest.", "Monday and Thursday"),
    ("Take 6 tablets on Monday or Thursday instead - whichever days you are sore.", "Monday or Thursday"),
    ("Take 6 tablets on Monday and repeat with your FA on Thursday.", "Monday and repeat with your FA on Thursday"),
    ("Methotrexate 15 mg; rest afterwards every day.", "every day"),
    # a twelfth review: a later day's negation may mean "as well as", so a day by its name is said against from the
    # first day's clause only, as before this session
    ("Take 6 tablets on Thursday, not just Monday.", "Thursday, not just Monday"),
    # a late or a moved dose: the usual day come back to, a day of next week, one of two late days (reviews: refused)
    ("If you forget your Monday dose, take it on Tuesday or Wednesday, then go back to Monday the next week.", None),
    ("A late dose is fine up to Wednesday; after that, wait for next Monday.", None),
    ("This week only, take methotrexate on Wednesday instead of Monday because of your scan, then back to Monday.", None),
    ("From next week your methotrexate day moves to Tuesday; take this week's Monday dose as usual.", None),
    ("To switch your methotrexate day to Thursday, take this Monday's dose as normal, then the next dose on Thursday of "
     "the following week.", None),
    ("Si olvida el metotrexato del lunes, tómelo el martes o el miércoles; si pasan más de dos días, espere al lunes "
     "siguiente.", None),
    ("Para cambiar su día a jueves, tome este lunes como siempre y la siguiente dosis el jueves de la semana que viene.",
     None),
    # ... but not days of one list, a wait for a day this week, a day the dose is said to move to this week, nor the
    # missed day's name in a list of the days to take it
    ("Take 6 tablets on Monday and Thursday, then back to Monday.", "Monday and Thursday"),
    ("Take 6 tablets on Monday and Thursday of next week.", "Monday and Thursday"),
    ("Take 6 tablets Monday, then wait for Thursday and take 6 more.", "Monday, then wait for Thursday"),
    ("Tome 6 comprimidos el lunes y el jueves siguiente.", "lunes y el jueves"),
    ("If you miss Monday, take 6 tablets on Monday and on Thursday.", "Monday and on Thursday"),
    ("If you miss Monday, take 6 tablets on Tuesday or Wednesday and Friday.", "Tuesday or Wednesday and Friday"),
    # a third review's look-alikes: a negation's reach ends at ", on"; more waits, a second dose, days from today and
    # from an event; a wait's own sentence; a week's wait "later"
    ("Methotrexate: on day 1, not day 2, on day 3, not days 4-7.", "day 1, not day 2, on day 3"),
    ("Leave a 48-hour gap and repeat the methotrexate 15 mg dose.", "a 48-hour gap"),
    ("After your Monday methotrexate, wait 36 hours and take a second 15 mg dose.", "wait 36 hours"),
    ("Methotrexate: take 6 tablets, rest 2 days, take 6 more, then stop until Monday.", "rest 2 days"),
    ("Dose 15 mg methotrexate, then a second 15 mg dose once 24 hours have passed.", "once 24 hours have passed"),
    ("Take methotrexate on Monday and once more in the second half of the week.",
     "Monday and once more in the second half of the week"),
    ("Missed today's dose? Take 6 tablets tomorrow and your usual 6 the day after.", "tomorrow and your usual 6 the day after"),
    ("Take methotrexate 15 mg Monday. Wait 48 hours. Take another 15 mg Wednesday.", "Wait 48 hours"),
    ("Deje 48 horas y repita la dosis de metotrexato de 15 mg.", "Deje 48 horas"),
    ("Take methotrexate 15 mg Monday. Wait 48 hours. Bloods on Wednesday.", None),
    ("Methotrexate 6 tablets Monday, then repeat 7 days later.", None),
    ("Start methotrexate 15 mg tonight; repeat the blood test tomorrow morning.", None),
    ("Missed today's dose? Take 6 tablets tomorrow, then back to Monday next week.", None),
    ("Moving day: last Monday dose this week, then Thursdays from next week onward.", None),
    ("MTX 15 mg PO qwk Mondays; FA 1 mg PO daily except Mon.", None),
    ("Shift work: methotrexate 15 mg on Monday and on Wednesday from next week onwards.", "Monday and on Wednesday"),
    # "not a daily tablet": a negation before an article governs what follows it (two reviews: refused)
    ("Weekly MTX on Mondays; it is not a daily tablet.", None),
    ("It is not a problem to take it daily.", "daily"),
    # a code review's dangerous notes: another "medicine" that is a word of more or a misspelled name, a part that
    # counts or opens with the dose's words, a next-week day before another day
    ("Take 15 mg Monday, additional 10 mg Thursday.", "Monday, additional 10 mg Thursday"),
    ("Take 6 tablets on Monday. Further 10 mg daily.", "daily"), ("Take 6 tablets on Monday. Methotrexat 10 mg daily.",
                                                                 "daily"),
    ("Take 6 tablets on Monday; a further 6 on Thursday.", "Monday; a further 6 on Thursday"),
    ("Take 6 tablets on Monday; rest on Thursday.", "Monday; rest on Thursday"),
    ("Take 6 tablets on Monday; jab on Thursday.", "Monday; jab on Thursday"),
    ("Take 6 tablets on Monday; split: 3 Monday, 3 Thursday.", "Monday; split: 3 Monday, 3 Thursday"),
    ("Take 6 tablets on Monday next week and on Tuesday.", "Monday next week and on Tuesday"),
    ("Tome 6 comprimidos el lunes de la semana que viene y el martes.", "lunes de la semana que viene y el martes"),
    ("Take 6 tablets on Monday. Wait 48 hours. Take another 6 tablets.", "Wait 48 hours"),
    ("Take 6 tablets. Wait 3 days. Repeat.", "Wait 3 days"), ("Take 6 tablets on Monday. Wait 7 days. Repeat.", None),
    ("Take 6 tablets on 2027-06-03 and 2027-06-05.", "2027-06-03 and 2027-06-05"),
    ("Take 6 tablets on 2027-06-03 and 2027-06-10.", None), ("Tome el metotrexato el 10 y 12.", "el 10 y 12"),
    ("Tome el 1 y 2 comprimidos.", None),
    ("Methotrexate 6 tablets on Mon and Fr.", "Mon and Fr"), ("Methotrexate 15 mg q3d.", "q3d"),
    ("Take 6 tablets on Monday and We will call.", None), ("Methotrexate 15 mg q7d.", None),
    # ... a quote as the note has it, where a part was left out of the reading
    ("Take 6 tablets on Monday, Prednisolone 5 mg each morning, Thursday as well.",
     "Monday, Prednisolone 5 mg each morning, Thursday"),
    # ... and still printed
    ("Vitamin D 20,000 units on Thursdays; methotrexate on Mondays.", None),
    ("Vitamina B12 el martes 4; metotrexato el lunes 3 como siempre.", None),
    # (a letter re.I matches that lower() does not give back, read as that letter: two dates two days apart)
    ("Take 6 tablets on 3 ſept and 5 ſept.", "3 sept and 5 sept"),
    # a semicolon's part that opens with "your" and a day word is the dose's
    ("Take 6 tablets Monday; your day moves to Tuesday this week.", "Monday; your day moves to Tuesday"),
    # another medicine's dose alone between semicolons or commas, beside the weekly dose on its day
    ("Hidroxicloroquina 200 mg al día; metotrexato 15 mg los lunes.", None),
    ("Prednisona 5 mg diarios; el metotrexato sigue siendo solo el lunes.", None),
    ("MTX 15 mg Monday, prednisolone 5 mg and 6 tablets daily.", "daily"),
    ("Take 6 tablets on Monday, then 6 tablets daily.", "daily"),
    ("Take 6 tablets on Monday; Thursday too, skipping it is dangerous.", "Monday; Thursday"),
    # a thirteenth review: a missed short day is not a full day after it, "MTX" names no warning, and a colon after a
    # count ties it to no name after it
    ("If you missed Mon/Tue, take 6 tablets on Monday and Thursday.", "Monday and Thursday"),
    ("No MTX on Sunday; 6 tablets Monday and Thursday.", "Sunday; 6 tablets Monday and Thursday"),
    ("Take 6 tablets: folic acid, every day.", "every day"),
    # a fourteenth review: a repeat's day is its last day by name, not a short day said against after it
    ("Take 6 tablets on Monday. Take them again on Thursday, do not take Sat/Sun.", "Monday. Take them again on Thursday"),
    # a fifteenth review: a colon ties no count to the other medicine's name ("No folic acid: 6 tablets every day")
    ("No folic acid: 6 tablets every day.", "every day"),
    # days of a course by their numbers, listed or at the sentence's end (a number before "," or "." was unread), and
    # "today, tomorrow"; a cycle's days a week apart stay printed
    ("Take 6 tablets on days 1, 2 and 3.", "on days 1, 2"), ("Take 6 tablets D1-D3.", "D1-D3"),
    ("Take 6 tablets on day 1 and day 2.", "day 1 and day 2"), ("Tome 6 comprimidos los días 1, 2 y 3.", "los días 1, 2"),
    ("Prenez 6 comprimés J1-J3.", "J1-J3"), ("Take 6 tablets today, tomorrow and Thursday.", "today, tomorrow and"),
    ("Take 6 tablets today, tomorrow you may feel sick.", None), ("Tome 6 comprimidos hoy, mañana no.", None),
    ("Take 6 tablets on days 1, 8 and 15 of the cycle.", None), ("Take 6 tablets on day 1 and day 8.", None),
    # the weekly medicine's other name orders the dose again on another day, as its name does
    ("Take 6 tablets on Monday. MTX on Thursday.", "Monday. MTX on Thursday"),
    ("Take 6 tablets on Monday. No MTX on Thursday.", None),
    # a short day alone that is no other word ("Thu", "jue"; not "Sun", "mar") gives the dose on its day
    ("Mon 6 tabs, Thu 6 tabs.", "Mon 6 tabs, Thu"), ("Take 6 tablets Mon and 6 tablets Thu.", "Mon and 6 tablets Thu"),
    ("MTX: lun 6 comp, jue 6 comp.", "lun 6 comp, jue"), ("Take 6 tablets Mon. Take 6 tablets Fri.", "Mon. Take 6 tablets Fri"),
    ("Take 6 tabs Mon. Bloods due Thu.", None), ("Take 6 tablets on Mon; clinic is closed Fri.", None),
    # (a review: a short day alone in a missed dose's clause is that day alone; a repeat is judged at a day it names
    # in a list, not at a short day alone said against after it)
    ("If you miss Mon, take 6 tablets Mon and Thu.", "Mon and Thu"),
    ("Take 6 tablets on Monday. Repeat Tue-Thu, not Fri.", "Monday. Repeat Tue-Thu"),
    ("If you miss Mon, take it Tue, then Mon as usual.", None),
    # a second review: day numbers as charts write them, a meal of every day, "ditto", a short day alone after a
    # negated one, Spanish "comp", keeping a missed dose going; and, printed, a cycle's days and the weekly dose's name
    # in advice
    ("Take 6 tablets D1 and D2.", "D1 and D2"), ("Take 6 tablets on D1 and D8.", None),
    ("Take 6 tablets at every meal.", "at every meal"), ("Take 6 tablets on Monday. Ditto Thursday.", "Monday. Ditto Thursday"),
    ("Take 6 tablets on Monday. Take 6 more on Wed, not Thu.", "Monday. Take 6 more on Wed"),
    ("If you forget Monday, carry on taking 6 tablets until Thursday.", "until Thursday"),
    ("Drink plenty of water every day on your weekly medicine.", None),
    # a third review: a range after a list of days' numbers, a brand in a repeat or a missed dose's clause, a day
    # asked, and "go on and" before one late dose
    ("Take 6 tablets D1 and D8-D10 with food.", "D1 and D8"),
    ("Take 6 tablets on Monday. Repeat every 7 days with Trexall. Take 6 tablets on Thursday.",
     "Monday. Repeat every 7 days with Trexall. Take 6 tablets on Thursday"),
    ("If your Metoject is due Mon/Tue and you miss it, take 6 tablets Mon and Thu.", "Mon and Thu"),
    ("Metoject every day.", "every day"),
    ("Take 6 tablets on Monday. Thursday? No.", None), ("If you miss your dose, go on and take it up to Thursday.", None),
    # a sentence of days and their links only is the dose before it on those days
    ("Take 6 tablets on Monday. Also on Friday.", "Monday. Also on Friday"),
    ("Tome 6 comprimidos el lunes. Y el jue.", "lunes. Y el jue"),
    ("Take 6 tablets on Monday. Not on Thursday.", None), ("Take 6 tablets on Mon. Wed. is your blood test.", None),
    # "your weekly medicine" and "MTX" are the dose an order takes after a condition or for a third person
    ("If your joints flare take your weekly medicine for 3 days.", "for 3 days"),
    ("If it flares take the MTX for 3 days.", "for 3 days"), ("If you feel sick take ondansetron for 2 days.", None),
    # a missed dose kept going to a day is a dose a day, not one late dose
    ("If you miss Monday, keep taking 6 tablets until Thursday.", "until Thursday"),
    ("If you miss your dose, take it up to Thursday.", None),
    ("If you miss Monday, continue with 1 folic acid tablet till Wednesday.", None),
    # a meal of every day (not "7/7", a date as often as a chart's seven days of seven)
    ("School nurse, please give them to him every lunchtime.", "every lunchtime"), ("Take 6 tablets on Monday 7/7.", None),
    ("Take 6 tablets on Monday; folic acid every lunchtime.", None),
    # its brands, and a chart's day letters
    ("Metoject Monday and Thursday.", "Monday and Thursday"), ("If it flares take Metoject for 3 days.", "for 3 days"),
    ("MTX: M T W Th F.", "M T W Th F"),
    # days' numbers listed tight or with their link words, and more meals of every day (a review's printed notes)
    ("Take 6 tablets on days 1,2,3.", "days 1,2,3"), ("Take 6 tablets days 1/2/3.", "days 1/2/3"),
    ("Take 6 tablets D1+D2.", "D1+D2"), ("Take 6 tablets on day 1 and on day 2.", "day 1 and on day 2"),
    ("Take 6 tablets on day 1, then day 2.", "day 1, then day 2"),
    ("Tome 6 comprimidos el día 1 y el día 2.", "el día 1 y el día 2"),
    ("Take 6 tablets on days 1/8/15.", None), ("Take 6 tablets on day 1 and on day 8.", None),
    ("Take 6 tablets on Monday. Blood test on day 1, 2 weeks later a review.", None),
    ("Take 6 tablets at each breakfast.", "each breakfast"), ("Tome 6 comprimidos con cada cena.", "con cada cena"),
    ("Prenez 6 comprimés chaque dîner.", "chaque dîner"), ("Take 6 tablets Monday lunchtime.", None),
    # (a second review: a number alone after a link is no day's, and a list's last days before a verb of their own
    # are that verb's; a day's meal is no meal of every day)
    ("Take 6 tablets on day 1, 2 hours after food.", None), ("Take 6 tablets on day 1 and 1 mg folic acid on day 3.", None),
    ("Take 6 tablets on day 1, 12/4.", None), ("Take 6 tablets on day 1 & 6 on day 8.", None),
    ("Take 6 tablets on day 1, then on day 2 rest and drink water.", None), ("Take 6 tablets on Monday lunchtimes.", None),
    ("Tome 6 comprimidos solo el lunes, no en cada desayuno.", None),
    ("Take 6 tablets on day 1 and also on day 2.", "day 1 and also on day 2"), ("Take 6 tablets D1 D2 D3.", "D1 D2 D3"),
    ("Prenez 6 comprimés le jour 1 ensuite le jour 2.", "jour 1 ensuite le jour 2"), ("Take 6 tablets D1 D8 D15.", None),
    ("Take 6 tablets after each meal.", "after each meal"), ("Prenez 6 comprimés à tous les repas.", "à tous les repas"),
    ("Take 6 tablets on Monday. Wash your hands before each meal.", None),
    # days' numbers of 7 and more are days, never a gap of a week ("every 7 days")
    ("Take 6 tablets on days 8, 9 and 10.", "on days 8, 9"), ("Take 6 tablets day 20, D22, D25.", "day 20, D22, D25"),
    ("Take 6 tablets on days 8, 15 and 22.", None),
    # a list of days that opens its sentence, its order after the list or after its own colon
    ("On days 1, 2 and 3 take 6 tablets.", "On days 1, 2"), ("Days 1-3: take 6 tablets.", "Days 1-3"),
    ("Days 1, 2 and 3: take 6 tablets.", "Days 1, 2"), ("On days 1, 2 and 3 do not take any tablets.", None),
    ("Days 1, 2 and 3: do not take your tablets.", None), ("Days 1-3: blood tests.", None),
    # a range of days' numbers in words or arrows, a colon after it, a cycle's first days (a review's printed notes)
    ("Take 6 tablets on days 1 thru 3.", "on days 1 thru 3"), ("D1-D3: take 6 tablets.", "D1-D3"),
    ("Take 6 tablets D1→D3.", "D1→D3"), ("Prenez 6 comprimés du J1 au J3.", "du J1 au J3"),
    ("Take 6 tablets on the first 3 days.", "first 3 days"), ("Take 6 tablets on the first and second day.", "first and second day"),
    ("Tome 6 comprimidos los tres primeros días.", "los tres primeros días"), ("Take 6 tablets at 8:00 on day 1.", None),
    ("Take vitamin D3 on Monday with 6 tablets.", None),
    # days named one by one, each with its own words (a review's printed notes); and, printed, days a week apart, the
    # other medicine's days, days said against or in a part of their own
    ("Take 6 tablets from day 1 to day 3.", "day 1 to day 3"), ("Take 6 tablets on day 1 to 3 of the cycle.", "day 1 to 3"),
    ("Take 6 tablets on day 1 and take 6 tablets on day 2.", "day 1 and take 6 tablets on day 2"),
    ("Take 6 tablets on day 1. Repeat on day 2.", "day 2"), ("Take 6 tablets on day 1. Then take 6 tablets on day 2.", "day 2"),
    ("Take 6 tablets day1, day2.", "day1, day2"), ("Take 6 tablets on Day-1 and Day-2.", "Day-1 and Day-2"),
    ("Take 6 tablets on day one and day two.", "day one and day two"), ("Take 6 tablets D1;D2;D3.", "D1;D2;D3"),
    ("Take 6 tablets: day 1, day 2, day 3.", "day 1, day 2, day 3"), ("On day 1 and day 2, take 6 tablets.", "day 1 and day 2"),
    ("Take 6 tablets on day 1. Repeat on day 8.", None), ("Take 6 tablets on day 1 and take 6 tablets on day 8.", None),
    ("Take 6 tablets on day 1 then 1 tablet of folic acid on day 3.", None), ("If you miss day 1, take it on day 2.", None),
    ("Take 6 tablets on day 1 only, never day 2 and day 3.", None), ("Take 6 tablets on day 1; blood tests on day 2.", None),
    ("Take 6 tablets on day 1; day 2 and 3 you may feel tired.", None),
    ("You may feel sick on day 1 and day 2 after your tablets.", None),
    ("Take 6 tablets on D1. No tablets on D2, D3, D4, D5, D6 or D7.", None),
    # the dose again the next day, said with "and" (a review's printed notes); not a clause of its own after it
    ("Take 6 tablets on Monday and the next day.", "and the next day"),
    ("Tome 6 comprimidos el día 1 y al día siguiente.", "y al día siguiente"),
    ("Prenez 6 comprimés le jour 1 et le lendemain.", "et le lendemain"),
    ("Take 6 tablets on Monday and the next day drink plenty of water.", None),
    ("Take 6 tablets on Monday and the next day you may feel tired.", None),
    # a third review: a chart's dose after its day, bare numbers after a day; and, printed, a time, a date or a
    # duration after a day, each missed dose's own late day, another thing or medicine on a day, a clause of its own
    # after "and the next day", a repeat said against
    ("Day 1: 6 tablets. Day 2: 6 tablets.", "Day 2"), ("D1 6 tabs, D2 6 tabs.", "D1 6 tabs, D2"),
    ("On D1 and D2: 6 tablets.", "D1 and D2"), ("Take 6 tablets on day 1 and 2.", "day 1 and 2"),
    ("Tome 6 comprimidos el día 1 y 2.", "día 1 y 2"), ("Take 6 tablets on day 1 and repeat on day 4.", "day 1 and repeat on day 4"),
    ("Take 6 tablets on day 1, and the next day as well.", "and the next day"),
    ("Take 6 tablets on day 1 up to 2 hours after food.", None), ("Take 6 tablets on day 1 until 3 pm.", None),
    ("Take 6 tablets on day 1, 3 with water and 3 with milk.", None),
    ("Take 6 tablets on day 1 - 6 days off - day 8 again.", None),
    ("If you miss day 1, take it on day 2; if you miss day 2, take it on day 3.", None),
    ("If you forget day 1, take it on day 2 or day 3 at the latest.", None),
    ("Take 6 tablets on day 1 and sunscreen on day 2.", None),
    ("Take 6 tablets on day 1 and the next day, take folic acid.", None),
    ("Take 6 tablets on day 1 and the next day have a blood test.", None),
    ("Take 6 tablets on day 1. Day 2: 1 tablet of folic acid.", None),
    ("Bloods on days 1 and 2, take 6 tablets on days 1, 8 and 15.", None), ("Day 1 and 2 - 6 tablets.", "Day 1 and 2"),
    ("MTX D1, D8 and D9-D10, 6 tabs Thu.", "D1, D8 and D9-D10"), ("MTX D1, D8 and D15, 6 tabs.", None),
    # the next sentence says the dose again on a day, with a repeat word or a dose of its own; not another medicine
    ("Take 6 tablets on day 1. Take them again on day 2.", "day 2"), ("Take 6 tablets on day 1. Do the same on day 2.", "day 2"),
    ("Take 6 tablets on day 1. Take paracetamol on day 2.", None), ("Take 6 tablets on day 1. Never repeat it on day 2.", None),
    ("Take 6 tablets on Monday. Take the same on Monday; bloods on days 1 and 2.", None),
    # a clock time's colon parts no sentence ("Take 6 tablets at 8:00" still orders what follows it)
    ("Take 6 tablets at 8:00 on day 1 and day 2.", "day 1 and day 2"), ("Take 6 tablets at 8:00 for 3 days.", "for 3 days"),
    ("Blood test at 8:00; take 6 tablets on day 1.", None),
    # the other medicine named right after its day, or after the weekly dose's own day
    ("D1: 6 tabs, then folic acid D2-D7.", None), ("Take 6 tablets on day 1 (day 2: folic acid).", None),
    ("On day 1 and day 2, take 6 tablets and folic acid.", "day 1 and day 2"),
    ("Take 6 tablets on day 1 and 1 folic acid tablet on days 2-7.", None),
    ("Take folic acid on days 2-7 and 6 tablets on day 1.", None), ("Take 6 tablets and folic acid on days 1-3.", "on days 1-3"),
    # a count's number is read with its word after a space: "1 tablet of folic acid" is the other medicine's count
    ("Take 6 tablets on Monday and 1 tablet of folic acid Tue-Sun.", None),
    # the weekly medicine's amount named before its days, a chart's way (printed, where its count was refused)
    ("MTX 15 mg D1+D2", "D1+D2"), ("Methotrexate 15 mg on days 1-3.", "on days 1-3"),
    ("Methotrexate 15 mg for 3 days.", "for 3 days"), ("MTX 15 mg D1, FA 1 mg D2-D7", None), ("MTX 15 mg D1, D8, D15", None),
    ("MTX 15 mg Monday, ibuprofen 400 mg for 3 days.", None), ("Methotrexate 15 mg on Monday, nausea for 2 days.", None),
    # days' numbers listed with spaces, semicolons, dots or a tight "and" (printed); a space before a time is no list
    ("Take 6 tablets on days 1 2 3.", "on days 1"), ("Take 6 tablets on days 1;2;3.", "on days 1"),
    ("Take 6 tablets on days 1.2.3.", "days 1.2.3"), ("Take 6 tablets on days 1and2.", "days 1and2"),
    ("MTX 6 tabs: Days 1;2.", "Days 1;2"), ("Take 6 tablets: days 1 2 3.", "days 1 2 3"),
    ("Take 6 tablets on day 1 2 hours after food.", None), ("Take 6 tablets on days 1 8 15.", None),
    ("Take 6 tablets on day 1;2 glasses of water after.", None),
    ("Take 6 tablets on day 1 and folic acid on days 2,3,4,5,6,7.", None),
    ("Take 6 tablets on day 1 and folic acid on days 2.3.4.", None),
    # a sentence of days alone after the dose gives its days, as after a colon
    ("Take 6 tablets. Day 1 and day 2.", "Day 1 and day 2"), ("MTX 6 tabs. Days 1 2 3.", "Days 1 2 3"),
    ("Take 6 tablets of methotrexate. Mon/Tue.", "Mon/Tue"), ("Take 6 tablets on day 1. Day 2 and day 3.", "Day 2 and day 3"),
    ("Take 6 tablets on day 1. Day 8 and day 15.", None), ("Take 6 tablets on day 1. Day 2: blood test.", None),
    ("Take 6 tablets on day 1. Days 2-7 folic acid.", None), ("Take 6 tablets on Mon. Wed. is your blood test.", None),
    ("If you miss day 1, take 6 tablets. Day 2 or day 3.", None),
    # a day said against, and its list, left out: the days after it are still two
    ("Never take methotrexate on Sunday; take 6 tablets on Monday and Tuesday.", "Monday and Tuesday"),
    ("Never take it on Monday or Tuesday; take it on Wednesday.", None),
    ("Do not take 6 tablets on Monday and Tuesday, only on Monday.", None),
    # the plan said as what the dose is, or as a passive order
    ("Your methotrexate dose is 6 tablets on D1+D2.", "D1+D2"), ("Your dose is 6 tablets for 3 days.", "for 3 days"),
    ("Weekly dose 15 mg methotrexate, to be taken on D1, D2, D3.", "D1, D2, D3"),
    ("Nausea is worse on days 1 and 2.", None), ("Your blood test is on days 1 and 2.", None),
    ("The tablets should not be taken on days 1 and 2.", None),
    ("Your methotrexate dose is 6 tablets on day 1 and folic acid is 1 tablet on days 2 to 7.", None),
    ("Methotrexate 15 mg to be taken on day 1; folic acid 1 mg to be taken on days 2-7.", None),
    # a chart's day letter with a dot or a space, a day's typo, and the route after an amount
    ("MTX 6 tabs dy 1 and dy 2", "dy 1 and dy 2"), ("Your methotrexate dose is 6 tablets on D.1 & D.2.", "D.1 & D.2"),
    ("Take methotrexate 6 tablets on d 1 + d 2.", "d 1 + d 2"), ("MTX 15 mg PO days 1/2/3, FA other days", "days 1/2/3"),
    ("MTX 15 mg PO D1, D8, D15", None), ("Take 6 tablets on day 1; vitamin D 1000 units on day 2.", None),
    # days by their place in the cycle, and the dose said again between two days
    ("Take 6 tablets on the first day and the second day.", "first day and the second day"),
    ("Take 6 tablets on the 1st & 2nd days.", "1st & 2nd days"), ("Tome 6 comprimidos el 1.º y 2.º día.", "1.º y 2.º día"),
    ("From now on take your 6 tablets of methotrexate on the 1st and 3rd days.", "1st and 3rd days"),
    ("mtx 6 tab on the 1st day and again on the 2nd day", "1st day and again on the 2nd day"),
    ("Take 6 tablets on day 1 and the same on day 2.", "day 1 and the same on day 2"),
    ("Take 6 tablets on the 1st and 8th days.", None), ("Take 6 tablets on the 1st of May and the 8th of May.", None),
    ("Take your 6 tablets of methotrexate every 7th day starting day 1.", None),
    ("Take 6 tablets on the 1st day and folic acid on the 2nd and 3rd days.", None),
    ("Take 6 tablets on day 1 and again check your blood on day 2.", None),
    # Spanish and French charts' counts ("6 cp", "6 comp.") and a multiplier after an amount ("2,5 mg x6")
    ("MTX 6 comp los días 1 y 2", "los días 1"), ("Metotrexato 15 mg (6 comp. de 2,5 mg) día1 y día2.", "día1 y día2"),
    ("MTX 2,5 mg x6 los días 1/2/3", "días 1/2/3"), ("MTX 6 cp J1 et J2", "J1 et J2"),
    ("MTX 6 cp el día 1 y el día 8.", None),
    # two days' numbers with a space alone between, after a plural day's word, where the list ends
    ("From now on take your 6 tablets of methotrexate on days 1 2.", "on days 1"),
    ("Take 6 tablets on days 1 2 hours apart.", None), ("Take 6 tablets on days 1 8.", None), ("MTX 6 cp el día 1; bloods on days 2 and 3.", None),
    # a repeat word whose object is another thing takes no dose again
    ("Please do not take methotrexate this Monday. Repeat bloods on Wednesday and we will call you.", None),
    ("Take 6 tablets on Monday. Repeat the dose on Wednesday.", "Monday. Repeat the dose on Wednesday"),
    ("Take 6 tablets on Monday; repeat MTX 24h later.", "24h later"),
    # a chart's line of the other medicine, opening with its short name and its dose, is its own (ordinary notes)
    ("FA 1 mg Tue-Sun.", None), ("MTX 15 mg weekly on Mondays. FA 1 mg Thursdays.", None), ("Folate 1 mg Tue-Sun.", None),
    ("FA 1 mg Tue-Sun and MTX 15 mg Wed.", "Tue-Sun and MTX 15 mg Wed"), ("FA 1 mg + 6 tablets Mon & Thu.", "Mon & Thu"),
    ("FA 1 mg Mon-Fri. Take 6 tablets on Monday and Thursday.", "Monday and Thursday"),
    ("Take 6 tablets on Monday and repeat with your FA on Thursday.", "Monday and repeat with your FA on Thursday"),
    # "daily" before what is kept every day says no frequency; after a number or the weekly medicine, it does
    ("Please keep your methotrexate in a separate place from your daily tablets.", None),
    ("Take 6 daily tablets of methotrexate.", "daily"), ("Take your MTX daily tablets.", "daily"),
    ("Take your daily tablets of methotrexate.", "daily"), ("Take your daily tablets.", "daily"),
    # more ways of the dose on close days (a review): ordinals with a dot, "1and 2", "+ 2 this week", days alone
    # after days alone, the subsequent day, the following morning, days of a week counted, c/48 h
    ("Metotrexato 6 cp el 1.er y 2.º día de la semana", "1.er y 2.º día"), ("Take methotrexate 6 tablets on days 1and 2.", "days 1and 2"),
    ("Take all 6 methotrexate tablets on day 1 + 2 this week.", "day 1 + 2"),
    ("Take all 6 tablets of methotrexate. On day 1. And on day 2.", "And on day 2"),
    ("Take 6 tablets. On day 1. And on day 8.", None), ("Take 6 tablets. On day 1. Blood test on day 2.", None),
    ("Take 6 tablets of methotrexate on day 1 and again on the subsequent day.", "on the subsequent day"),
    ("Take methotrexate 15 mg, then take 15 mg again the following morning.", "the following morning"),
    ("Take 6 tablets on Monday; if you forget, take it the following morning.", None),
    ("Take methotrexate 15 mg on any two days this week.", "on any two days"), ("MTX 15 mg c/48 h.", "c/48 h"),
    # what the new readings took for the weekly dose, and is not (a second review)
    ("Never take methotrexate 15 mg D1+D2.", None), ("Your folic acid dose is 1 tablet on D2 to D7.", None),
    ("Prednisolone is to be taken on D1, D2, D3.", None), ("Take prednisolone 5 mg. Day 1 and day 2.", None),
    ("Take 2 paracetamol tablets. Day 1 and day 2.", None),
    ("Paracetamol 1 g, repeat dose 24h later if the headache comes back.", None),
    ("Take 6 tablets on Monday; repeat blood test 24h later.", None),
    ("Take 6 tablets of MTX on Monday and again the day after.", "the day after"),
    ("MTX 15 mg D1 then repeat next day", "next day"), ("Take your 6 methotrexate tablets today and again tomorrow.", "tomorrow"),
    # the other medicine named after the weekly dose's own short day is on its days
    ("Methotrexate 6 tablets on Mon; folic acid on Tue & Wed.", None), ("Methotrexate 6 tabs Mon / folic acid 1 tab Tue", None),
    ("Take 6 tablets Mon and folic acid, then 6 tablets Tue.", "Mon and folic acid, then 6 tablets Tue"),
    # a contrast word ends a negation's reach over the days after it
    ("Take 6 methotrexate tablets on day 1, not day 2, but day 3.", "day 1, not day 2, but day 3"),
    ("Take 6 tablets on day 1, not day 2 but day 8.", None), ("Take 6 tablets on day 1, not day 2 and 3.", None),
    # a course after the other medicine's count is its
    ("Take 6 tablets on Monday and 1 folic acid tablet for the next 6 days.", None),
    ("Take 6 tablets and folic acid for 3 days.", "for 3 days"),
    # days after the first, days running and the day after said in other words
    ("Take 6 tablets on consecutive days.", "on consecutive days"), ("Never take methotrexate on consecutive days.", None),
    ("Methotrexate: 6 tablets on day 1 and the next 2 days.", "and the next 2 days"),
    ("Take 6 methotrexate tablets on day 1 and on the day that follows.", "and on the day that follows"),
    ("MTX 6 tabs, repeat dose 24h later", "24h later"), ("Take 6 tablets on Monday; check your temperature 24h later.", None),
    ("Tome 6 comprimidos de metotrexato el día 1 y los 2 días siguientes.", "y los 2 días siguientes"),
    # days by one or two letters, two or more together (a review: each printed under the Monday-only plan)
    ("Take 6 tablets Mo/We/Fr.", "Mo/We/Fr"), ("MTX 15 mg Tu+Fr", "Tu+Fr"), ("Methotrexate 6 tabs MWF", "MWF"),
    ("MTX 15 mg TTh", "TTh"), ("Take 6 tablets M-F", "M-F"), ("Take 6 tablets M.W.F.", "M.W.F"),
    ("Tome 6 comprimidos L, X y V.", "L, X y V"), ("Metotrexato 15 mg L-X", "L-X"), ("MTX 15 mg LXV", "LXV"),
    # ... and not a letter alone, nor letters out of the week's order, nor another thing's
    ("Take 6 tablets on Monday and We will call.", None), ("Take 6 tablets Mo.", None),
    ("Take 6 tablets with food (W/ food) on Monday.", None), ("MTX 15 mg on Monday (TM brand).", None),
    ("Tome 6 comprimidos el lunes. Guantes talla M y L.", None), ("Take 6 tablets Mon; Physio Tu+Fr.", None),
    # a semicolon's part about another thing on its own days, beside the dose on its day
    ("X-ray on Tuesday; methotrexate once a week on Monday as usual.", None),
    ("Avoid alcohol on Monday and Tuesday; methotrexate on Monday only.", None),
    ("Bloods Mo/We/Fr at the GP surgery; methotrexate stays on Monday.", None),
    ("Pharmacy will deliver on Tuesday and Thursday; take methotrexate only on Monday.", None),
    ("Vacuna de la gripe el miércoles; metotrexato sin cambios, el lunes.", None),
    # ... but not a part that gives the dose, more of it, or the days alone, nor beside a dose with no day
    ("Take 6 tablets on Monday; we agreed Thursday as well.", "Monday; we agreed Thursday"),
    ("Take 6 tablets Mon; extra Thu.", "Mon; extra Thu"), ("Take 6 tablets Monday; if flaring, Thursday as well.",
                                                          "Monday; if flaring, Thursday"),
    ("Take 6 tablets; Mo-Fr.", "Mo-Fr"), ("MTX 6 tabs Monday; bloods and MTX Thursday.", "Monday; bloods and MTX Thursday"),
    ("Take 6 tablets; we agreed Monday and Thursday.", "Monday and Thursday"),
    # parts of the week said for days (a review: each printed under the Monday-only plan)
    ("Take methotrexate 15 mg at the start of the week and again midweek.", "start of the week and again midweek"),
    ("MTX 6 tabs early in the week and at the weekend.", "early in the week and at the weekend"),
    ("Take your methotrexate on Monday and again at the weekend.", "Monday and again at the weekend"),
    ("MTX 15 mg start of week + end of week.", "start of week + end of week"),
    ("Take methotrexate on Monday, then again later in the week.", "Monday, then again later in the week"),
    ("Tome el metotrexato a principios de semana y otra vez a mitad de semana.",
     "principios de semana y otra vez a mitad de semana"),
    # ... not where another verb governs them, nor a deadline, nor one part alone
    ("Take 6 tablets on Monday; you may feel tired at the weekend.", None),
    ("Take methotrexate on Monday so the side effects settle by the weekend.", None),
    # (one part alone is no second dose; "at the weekend" alone is another day than Monday: H161, test_noteday)
    ("Take 6 tablets at the start of the week.", None), ("Take 6 tablets on Monday and rest midweek.", None),
    ("Tome 6 comprimidos el lunes; descanse el fin de semana.", None),
    # dates less than a week apart (a review: each printed under the Monday-only plan)
    ("Take 6 tablets on the 1st of May and the 2nd of May.", "1st of May and the 2nd of May"),
    ("Take methotrexate 15 mg on the 10th and 12th.", "10th and 12th"), ("MTX 6 tabs 3 June and 5 June.", "3 June and 5 June"),
    ("Please take all 6 methotrexate tablets on the 2nd, then again on the 4th.", "2nd, then again on the 4th"),
    ("Take methotrexate on 7 March and again on 9 March.", "7 March and again on 9 March"),
    ("methotrexate 6 tabs Sept 9 + Sept 11", "Sept 9 + Sept 11"), ("Take 6 tablets on 12/14 and 12/16.", "12/14 and 12/16"),
    ("Tome el metotrexato el 10 y el 12.", "el 10 y el 12"), ("MTX 15 mg 14.12 y 16.12, fólico resto de días.", "14.12 y 16.12"),
    # ... not a week apart, nor a number of something else
    ("Take 6 tablets on 3 June and 10 June.", None), ("Take 6 tablets on the 1st and the 8th.", None),
    ("Take 6 tablets on the 3rd; 4 may help if the pain is bad.", None), ("Take your 2nd and 3rd tablets with food.", None),
    ("Take 6 tablets on Monday 3rd; blood test on Tuesday 4th.", None),
    ("Tome 6 comprimidos el 3 de junio y el 10 de junio.", None),
    # a wait, a gap or a rest before the dose again (a review: each printed under the Monday-only plan)
    ("Take 6 methotrexate tablets on Monday, wait one day, then take 6 tablets again.", "wait one day"),
    ("Take methotrexate 15 mg, leave a gap of 48 hours and repeat.", "a gap of 48 hours"),
    ("Methotrexate: take 6 tablets, wait 2 days, then take another 6.", "wait 2 days"),
    ("MTX 15 mg then repeat after 72 hrs.", "after 72 hrs"), ("MTX 6 tabs; leave 24h gap; repeat dose.", "24h gap"),
    ("Methotrexate 15 mg Monday; after a day's rest, take the same again.", "a day's rest"),
    ("Methotrexate 15 mg on Monday and then again a few days later.", "a few days later"),
    ("Tome 15 mg de metotrexato, espere un día y vuelva a tomar 6 comprimidos.", "espere un día"),
    ("Metotrexato 15 mg, deje pasar 48 horas y repita la dosis.", "deje pasar 48 horas"),
    # ... not a week's wait, another thing repeated, a missed dose, nor a dose said against
    ("Take 6 tablets on Monday, wait 7 days, then take 6 tablets again.", None),
    ("Take 6 tablets on Monday; wait 2 days, then repeat the blood test.", None),
    ("If you miss your dose, wait a day and take it then.", None), ("Si vomita, no vuelva a tomar la dosis.", None),
    # days said from today or from an event (a review: each printed under the Monday-only plan)
    ("Take 6 methotrexate tablets today and 6 tomorrow.", "today and 6 tomorrow"),
    ("MTX 15 mg today + tomorrow, folic acid from Thursday.", "today + tomorrow"),
    ("Take methotrexate 15 mg the day before and the day of your clinic visit.", "the day before and the day of"),
    ("Take your methotrexate the day before your appointment and again on the day.",
     "the day before your appointment and again on the day"),
    ("Methotrexate 15 mg 2 days before surgery and again on the day of surgery.", "2 days before surgery and again on the day"),
    ("Metotrexato 15 mg hoy, y mañana la misma dosis.", "hoy, y mañana"),
    ("Tome el metotrexato el día antes de la revisión y el día después.", "el día antes de la revisión y el día después"),
    # ... not one of them with a day's name (the same day, maybe), nor another thing's, a held dose's, one said
    # against, a missed dose's, nor one that opens a clause of its own
    ("Take 6 tablets tomorrow, Monday.", None), ("Take 6 tablets today; bloods tomorrow.", None),
    ("Take 6 tablets today and folic acid tomorrow.", None), ("If you forget today, take it tomorrow.", None),
    ("Do not take methotrexate the day before or the day of your surgery.", None),
    ("Stop methotrexate the day before surgery and restart the day after.", None),
    ("Take 6 tablets today (Monday) and none tomorrow or for the rest of the week.", None),
    ("Tome 6 comprimidos hoy por la mañana.", None), ("Tome 6 comprimidos hoy, mañana no.", None),
    # a contrast after a day said against, with "on" before each day (a review: printed)
    ("Take methotrexate on day 1, not on day 2, but on day 3.", "day 1, not on day 2, but on day 3"),
    ("Take methotrexate 15 mg on the 1st, not on the 2nd, but on the 3rd.", "1st, not on the 2nd, but on the 3rd"),
    ("Tome el metotrexato el día 1, no el día 2, pero sí el día 3.", "día 1, no el día 2, pero sí el día 3"),
    ("Take 6 tablets on day 1, not on day 2 but on day 8.", None), ("Take 6 tablets on day 1; on day 2 bloods.", None),
    # another medicine's dose alone, by its name and an amount the plan does not give (a review of ordinary notes)
    ("Prednisolone 5 mg each morning for 4 weeks, then reduce as per the steroid sheet.", None),
    ("Prednisolone 5 mg tablets each morning.", None),
    # ... not beside a count or a name of the weekly dose, nor an amount of the plan's (a brand no list has)
    ("Take 6 tablets daily with paracetamol 1 g.", "daily"), ("Zexate 15 mg daily.", "daily"),
    ("Your weekly medicine and ibuprofen 400 mg every day.", "every day"), ("Ibuprofen 400 mg and 6 tablets every day.",
                                                                             "every day"),
    # a day by its name right after a negation is not a dose's (a review: day changes were refused)
    ("From next week, take methotrexate on Tuesday instead of Monday.", None),
    ("Take methotrexate on Friday rather than Monday.", None), ("Take 6 tablets on Thursday, not Monday.", None),
    ("Take methotrexate on Monday, not on Tuesday, and not on any other day.", None),
    ("A partir de la próxima semana, tome el metotrexato el martes en lugar del lunes.", None),
    # ... but "not just" is "as well as", and the other days stay
    ("Take 6 tablets on Thursday, not just Monday.", "Thursday, not just Monday"),
    ("Take 6 tablets on Monday and Thursday, not Friday.", "Monday and Thursday"),
    ("Not Monday but Thursday and Friday: take 6 tablets.", "Thursday and Friday"),
    # the other medicine named after the days of the weekly one's name (a review: printed), and its own days
    ("Methotrexate Monday, again Wednesday, folic acid the other days.", "Monday, again Wednesday"),
    ("Methotrexate Monday, folic acid Wednesday and Friday.", None),
    # a negation right after a day from today is the next day's (a review: "today, not tomorrow, but …" printed)
    ("Take 6 tablets today, not tomorrow, but the day after tomorrow.", "today, not tomorrow, but the day after tomorrow"),
    ("Take 6 tablets today, not tomorrow.", None), ("Take 6 tablets tomorrow, not today.", None),
    # parts of each week (a review)
    ("Take 6 tablets at the start of each week and again at the end of each week.",
     "start of each week and again at the end of each week"), ("Take 6 tablets at the start of each week.", None),
    ("Take 6 tablets the day before your flight and again on arrival.", "the day before your flight and again on arrival"),
    ("Take 6 tablets on arrival.", None),
    # "missed" naming a dose inside an order is no missed dose's clause (a review: the whole sentence was)
    ("Take the missed dose today and your usual dose tomorrow.", "today and your usual dose tomorrow"),
    ("Take the missed dose on Tuesday, then go back to Monday the next week.", None),
    # a day from today and a day by its name, joined by "and": within a week unless they are one day (a code review)
    ("Take 6 tablets today and Thursday.", "today and Thursday"), ("Take 6 tablets today or Thursday.", None),
    ("Take 6 tablets tomorrow, Monday.", None), ("Take your missed dose today and on Monday as usual.", None),
    ("Take 6 tablets today and then every Monday.", None), ("Take 6 tablets today and also Thursday.",
                                                            "today and also Thursday"),
    # the other days without their number: six a week, unless the other medicine is named (printed: a review of notes)
    ("Take 1 tablet on the other days.", "the other days"), ("On the other days, take 1 tablet.", "the other days"),
    ("Tome 1 tableta los demás días.", "los demás días"), ("Prenez 1 comprimé les autres jours.", "les autres jours"),
    ("On the other days, take 1 folic acid tablet.", None),
    # a warning of harm is no order to take it again (the handout's own words, refused: a test of every rule)
    ("Taking more can be serious or fatal.", None), ("Tomar más puede ser grave o mortal.", None),
    ("Prendre plus peut être grave.", None),
    ("Take 6 tablets on Monday. On the other days, take 1 folic acid tablet.", None),
    # a note's first sentence that only repeats a dose repeats the plan's, printed beside it (a review of notes)
    ("Repeat every morning.", "every morning"), ("Repeat daily in the morning.", "daily"),
    ("Repita cada mañana.", "cada mañana"), ("Check your blood pressure. Repeat every morning.", None),
    # the weekly dose on the other medicine's days (six days a week; a review of notes, printed)
    ("Take your methotrexate on the same days as your folic acid.", "same days as your folic acid"),
    ("Take it on the same days as your folic acid.", "same days as your folic acid"),
    ("Tome el metotrexato los mismos días que el ácido fólico.", "mismos días que el ácido fólico"),
    ("Never take methotrexate on the same day as folic acid.", None),
    ("Do not take folic acid on the same day as methotrexate.", None),
    ("Take methotrexate on the same day as your blood test.", None),
    ("Take your folic acid on the same days as last month.", None),
    # "twice" on its own after the week's dose, and each day of the weekend (a portal administrator's review: printed)
    ("Take 6 tablets every Monday, twice.", "twice"), ("Take 6 tablets weekly, twice.", "twice"),
    ("Take 6 tablets each weekend day.", "each weekend day"), ("Never take methotrexate twice in one week.", None),
    ("Take 6 tablets every Monday. Do not take it twice.", None),
]


@pytest.fixture(scope="module")
def methotrexate():
    from handout.content import read
    from handout.folders import Target

    (h,) = read(Target(DATA / "methotrexate", ("en",))).handouts
    return h


@pytest.mark.parametrize("note, refused", NOTES)
def test_a_note_typed_for_one_patient_is_held_to_the_weekly_plan(methotrexate, note: str, refused: str | None) -> None:
    """A note is printed on the patient's page under the Monday-only table: "every morning" there is
    refused (an error: the clinician is there to say it again), as the note's ISMP rules are.  Each note goes
    through the checks a build runs on the patient's fields before it lays anything out (``personalize.problems``);
    the test below builds a few of them from the command line."""
    from datetime import date

    from handout.errors import Location
    from handout.personal import parse
    from handout.personalize import problems

    p, unread = parse({"patient": "Ana", "note": note}, None, lambda f: Location(f.flag or f.name))
    assert unread == []
    found = [f for f in problems(methotrexate, p, "standard", date.today()) if f.severity == "error"]
    if refused is None:  # (H154's: a day moved from the plan's is H161's to refuse, --day's to print: test_noteday)
        assert all(f.code == "H161" for f in found), found
    else:
        # (a repeat of the sentence before says so in brackets, before "where": tested with the handout's words)
        said = [f for f in found if f.code == "H154" and f.path == "note" and f.message.startswith(f"'{refused}' in the note")]
        assert said and "where the plan gives methotrexate once a week" in said[0].message, found


@pytest.mark.parametrize("note, refused", [NOTES[0], NOTES[1], ("Take 6 tablets on Monday with food.", None),
                                           ("Take 6 tablets every Monday. Do not take it twice.", None)])
def test_a_note_held_to_the_weekly_plan_is_refused_or_printed_by_the_command(tmp_path: Path, capsys, note: str,
                                                                            refused: str | None) -> None:
    out = tmp_path / "out"
    code, _, err = run(["build", "methotrexate", "--data", str(DATA), "--lang", "en", "--patient", "Ana",
                        "--edition", "standard", "--note", note, "--out", str(out)], capsys)
    if refused is None:
        assert code == 0 and len(list(out.rglob("*.pdf"))) == 1, err
    else:
        assert code == 1 and not list(out.rglob("*.pdf")), err
        assert f"--note: error: note: '{refused}' in the note" in err, err
        assert "where the plan gives methotrexate once a week" in err, err


@pytest.mark.parametrize("text, read", [("days 1.", "days 1"), ("days 1, 2", "days 1"), ("days 1-3.", "days 1-3"),
                                        ("days 1.5", None), ("days 1,000", None), ("days 12/4", None), ("days 8:00", None)])
def test_a_listed_number_may_end_at_a_stop_or_a_comma_never_inside_a_number(text: str, read: str | None) -> None:
    """A course's "#" (``LISTED_NUMBER``) ends before a full stop or a comma that ends the sentence or a list's item,
    never inside a decimal, a grouped number, a date or a time (the word lists' own NUMBER_MARK refuses all four)."""
    from handout.wordpatterns import LISTED_NUMBER

    found = re.match(rf"days {LISTED_NUMBER}", text)
    assert (found.group(0).rstrip() if found else None) == read


@pytest.mark.parametrize("items, warned", [
    (["Take 6 tablets on Monday.", "Repeat every morning."], 1),
    (["Take 6 tablets on Monday.", "Check your mouth every morning."], None),
    (["Take 6 tablets p.o. on Monday.", "Repeat every morning."], 1),  # (the item's last sentence, joined: a review)
    (["Take 6 tablets.", "Repeat at bedtime.", "Repeat every morning."], 2),  # (what a repeat repeats stays)
])
def test_a_list_item_that_repeats_the_one_before_is_read_with_it(tmp_path: Path, capsys, items: list[str],
                                                                  warned: int | None) -> None:
    """A review: steps are written as a list's items ("Take 6 tablets on Monday." / "Repeat every morning.")."""
    folder = _copy(tmp_path, "en")
    edit(folder / "en.yaml", TIP["en"], "\n      - ".join(items))
    _, _, err = run(["check", str(folder), "--lang", "en"], capsys)
    found = [line for line in err.splitlines() if "[H154]" in line]
    assert (len(found) == 1 and f"bullets[{warned}]: 'every morning' in a sentence about a dose (the sentence before "
            "it gives the dose)" in found[0]) if warned is not None else found == [], err


@pytest.mark.parametrize("path, of", [("sections[2].bullets[1]", "sections[2]"), ("sections[2].body[0]", "sections[2]"),
                                      ("key_points[1]", "key_points"), ("faq[1].q", "faq[1].q"),
                                      ("serious_action", "serious_action")])
def test_a_fields_list_is_its_section_or_list_never_a_faqs_next_question(path: str, of: str) -> None:
    """A second review: an answer went on the next question ("A: Take 6 tablets." / "Q: Repeat every 6 hours?"),
    and a section's paragraph did not go on to its bullets."""
    from handout.clauses import list_of

    assert list_of(path) == of


def test_a_language_without_the_words_is_said_not_judged(tmp_path: Path, capsys) -> None:
    """A review: the Arabic methotrexate was skipped without a word; its readers are the least likely to
    have the plan read to them by someone who knows it."""
    _, _, err = run(["check", str(DATA / "methotrexate"), "--lang", "ar"], capsys)
    assert "note: H154 (a dose every day, where the plan gives a medicine once a week) is not judged for 'ar'" in err
    _, _, err = run(["check", str(DATA / "ldn"), "--lang", "ar"], capsys)
    assert "H154" not in err  # no weekly medicine: nothing to judge


def test_a_question_its_answer_refuses_passes_and_one_it_does_not_is_warned(tmp_path: Path, capsys) -> None:
    """A review: "Can I take it every day?" in a FAQ was warned although its answer is "No"; a question
    whose answer says yes is still said."""
    folder = _copy(tmp_path, "en")
    text = (folder / "en.yaml").read_text(encoding="utf-8")
    faq = ('faq:\n  - q: "Can I take it every day?"\n    a: "No. Take it only on Monday, once a week."\n'
           '  - q: "Can I take my tablets every morning?"\n    a: "Yes, if your prescriber says so."\n'
           '  - q: "May I take it daily?"\n    a: "No problem is known with that."\n')  # "No" is no refusal here
    (folder / "en.yaml").write_text(text.replace("\nside_effects:", f"\n{faq}\nside_effects:", 1), encoding="utf-8")
    _, _, err = run(["check", str(folder), "--lang", "en"], capsys)
    found = [line for line in err.splitlines() if "[H154]" in line]
    assert len(found) == 2 and "faq[1].q" in found[0] and "'every morning'" in found[0], err
    assert "faq[2].q" in found[1] and "'daily'" in found[1], err


def test_a_question_an_abbreviation_cut_is_read_whole_with_its_answer(tmp_path: Path, capsys) -> None:
    """A review: "Can I take 15 mg p.o. every morning?" (read as one sentence) was warned though its answer
    is "No."; the daily words were in the piece after "p.o.", the question mark too."""
    folder = _copy(tmp_path, "en")
    text = (folder / "en.yaml").read_text(encoding="utf-8")
    faq = ('faq:\n  - q: "Can I take 15 mg p.o. every morning?"\n    a: "No. Take it only on Monday, once a week."\n'
           '  - q: "Can I take it at 8 a.m. every morning?"\n    a: "Yes, if your prescriber says so."\n')
    (folder / "en.yaml").write_text(text.replace("\nside_effects:", f"\n{faq}\nside_effects:", 1), encoding="utf-8")
    _, _, err = run(["check", str(folder), "--lang", "en"], capsys)
    found = [line for line in err.splitlines() if "[H154]" in line]
    assert len(found) == 1 and "faq[1].q" in found[0], err


@pytest.mark.parametrize("note", ["Take 6 tablets every morning.", "Prenez 6 comprimés tous les matins.",
                                  "Take **1 tablet every** day.",
                                  # the weekly medicine by its source-language name (a third review)
                                  "Take 1 folic acid tablet and your methotrexate every morning.",
                                  # a negated dose as the subject of more asks for it (French too)
                                  "Ne pas le prendre tous les jours peut aggraver la maladie."])
def test_a_note_is_read_in_each_language_shipped_whatever_the_handouts(tmp_path: Path, capsys, note: str) -> None:
    """A second review: a note in English on a Spanish page, or any note on an Arabic one, was not read;
    bold markers, printed as typed in a note, hid "every" from "day"."""
    for lang in ("es", "ar"):
        out = tmp_path / lang
        code, _, err = run(["build", "methotrexate", "--data", str(DATA), "--lang", lang, "--patient", "Ana",
                            "--edition", "standard", "--note", note, "--out", str(out)], capsys)
        assert code == 1 and "[H154]" in err and not list(out.rglob("*.pdf")), err


def test_a_note_no_word_list_reads_gives_no_dose_on_a_weekly_plan(tmp_path: Path, capsys) -> None:
    """A third review: an Arabic note on the Arabic methotrexate page ("take 6 tablets every morning with food") built
    with no word; then with a warning only.  How often it says cannot be read, so under a weekly plan its dose is
    refused (H164, noteforeign); under a daily plan, its dose is the plan's and it prints, said unread."""
    arabic = "تناول 6 أقراص كل صباح مع الطعام."
    for hid, lang, note, refused in (("methotrexate", "ar", arabic, True), ("methotrexate", "en", "Call us any time.", False)):
        out = tmp_path / f"{hid}-{lang}"
        code, _, err = run(["build", hid, "--data", str(DATA), "--lang", lang, "--patient", "Ana", "--edition",
                            "standard", "--note", note, "--out", str(out)], capsys)
        assert (code == 1 and "'6 أقراص' in the note, under a plan that gives a medicine once a week" in err
                and "[H164]" in err) is refused, err
        assert bool(list(out.rglob("*.pdf"))) is not refused, err


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_each_short_day_name_is_a_day_of_its_list(lang: str) -> None:
    """"Mon" and "Monday" are one day: a short form's day is written as its list's weekdays write it, or "lun et
    lundi" counts two days."""
    from handout.wordlists import load

    words = load(lang)
    assert words is not None and words.weekday_short
    assert set(words.weekday_short.values()) <= set(words.weekdays), lang
    assert len(set(words.weekday_short.values())) == 7, lang


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_each_letter_part_month_and_relative_day_is_a_day_of_its_list(lang: str) -> None:
    """The day forms read as days of a week name one of the list's weekdays ("Mo": monday, "midweek": wednesday), each
    month is named, and a day from today or an event is a whole number of days on: a form whose day is misspelled
    would count as a day of its own ("Mo" and "Monday" two days)."""
    from handout.wordlists import load

    words = load(lang)
    assert words is not None
    days = set(words.weekdays)
    assert set(words.weekday_letters.values()) <= days and set(words.week_parts.values()) <= days, lang
    assert set(words.months.values()) == set(range(1, 13)), lang
    assert words.relative_days and all(isinstance(v, int) and -7 < v < 7 for v in words.relative_days.values()), lang
    assert all(k.islower() for k in (*words.week_parts, *words.months, *words.relative_days)), lang


def test_a_sentence_of_dozens_of_days_is_refused_as_a_whole(tmp_path: Path, capsys) -> None:
    """A sentence that names more days than are read one by one (``daynames.MOST_DAYS``; each was a pass over the
    sentence, and a 5,000-character note took seconds) is refused at once, from its first day to its last."""
    from handout.daynames import MOST_DAYS

    note = "Take 6 tablets " + "/".join(["Mo", "We"] * (MOST_DAYS // 2 + 1)) + "."
    assert len(note) <= 300  # (a note's most)
    code, _, err = run(["build", "methotrexate", "--data", str(DATA), "--lang", "en", "--patient", "Ana", "--note", note,
                        "--out", str(tmp_path / "out")], capsys)
    assert code == 1 and "'Mo/We/Mo" in err and "[H154]" in err, err

