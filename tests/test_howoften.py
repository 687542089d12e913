"""The handout's words never tell a patient to take a dose more often than the plan gives (H155,
``handout.howoften``).

Each case puts one sentence in place of one of a bundled handout's, and runs ``check``:
acetaminophen (1 or 2 tablets, at least 6 hours apart), amoxicillin (morning and bedtime, 12 hours
apart), LDN (once a day, at bedtime; Spanish and French) and methotrexate (Monday only, folic acid
the other days).  A patient follows the sentence, not the table: "every 2 hours" is 12 doses a day.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, build_note, edit, line_of, run

# The sentence each case replaces, by handout and language
ANCHOR = {
    ("acetaminophen", "en"): "Before each dose, add up the tablets you took in the last 24 hours. Keep to 6 tablets "
                             "(3,000 mg) in 24 hours, even if another package allows more. [@fda_apap]",
    ("amoxicillin", "en"): "**Measure each dose in mL with an oral syringe.** Never use a kitchen spoon.",
    ("ldn", "en"): "Take **1 capsule at bedtime**.",
    ("prednisone", "en"): "**Take your dose each morning with breakfast.**",
    ("ldn", "es"): "Tome **1 cápsula al acostarse**.",
    ("ldn", "fr"): "Prenez **1 gélule au coucher**.",
    ("methotrexate", "en"): "Mark {weekly_day} on a calendar, or set a phone alarm.",
    ("methotrexate", "es"): "Marque el {weekly_day} en un calendario o ponga una alarma en el teléfono.",
}

GAP, DAY = "where the plan's doses are at least", "where the plan gives"

WARNED = [
    # (handout, language, what, the sentence, the words said, the message's plan)
    ("acetaminophen", "en", "every 2 hours", "Take 2 tablets every 2 hours.", "every 2 hours", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "in words", "Take 2 tablets every two hours.", "every two hours", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "a range's loosest end", "Take 1 or 2 tablets every 4 to 6 hours.", "every 4 to 6 hours",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "a range in words", "Take 2 tablets every four to six hours.", "every four to six hours",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "q4h", "Take 2 tablets q4h as needed.", "q4h", f"{GAP} 6 hours apart"),
    # a review: the gap said by the doses' noun, after a bold sentence whose "when you need them" made it a condition's
    ("acetaminophen", "en", "a bold sentence, then the gap", "**Take 1 or 2 tablets only when you need them.** Wait at least "
     "4 hours between doses.", "4 hours between doses", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "doses apart", "Doses must be 4 hours apart.", "4 hours apart", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "before you take more", "Wait at least 4 hours before you take more.",
     "4 hours before you take more", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "q4-6h", "Take 2 tablets q4-6h.", "q4-6h", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "hrs", "Take 2 tablets every 3 hrs.", "every 3 hrs", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "hourly", "Take 1 tablet hourly.", "hourly", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "a gap, apart", "Keep doses at least 4 hours apart.", "4 hours apart",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "times a day", "Take 2 tablets 5 times a day.", "5 times a day", f"{DAY} 4 doses a day"),
    ("acetaminophen", "en", "times a day in words", "Take 2 tablets eight times a day.", "eight times a day",
     f"{DAY} 4 doses a day"),
    ("acetaminophen", "en", "x/day", "Take 2 tablets 6x/day.", "6x/day", f"{DAY} 4 doses a day"),
    ("acetaminophen", "en", "said again", "Take 2 tablets. Repeat every 2 hours.", "every 2 hours",
     f"(the sentence before it gives the dose), {GAP} 6 hours apart"),
    # A ceiling above the plan's allows what the plan does not
    ("acetaminophen", "en", "a ceiling too high", "Do not take it more than 6 times a day.", "6 times a day",
     f"{DAY} 4 doses a day"),
    ("acetaminophen", "en", "more often than", "Do not take it more often than every 4 hours.", "every 4 hours",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "a count's ceiling", "Never take more than 2 tablets every 4 hours.", "every 4 hours",
     f"{GAP} 6 hours apart"),
    ("amoxicillin", "en", "three times a day", "Give the dose 3 times a day.", "3 times a day", f"{DAY} 2 doses a day"),
    ("amoxicillin", "en", "every 8 hours", "Give the dose every 8 hours.", "every 8 hours", f"{GAP} 12 hours apart"),
    ("amoxicillin", "en", "tid", "Measure each dose and give it tid.", "tid", f"{DAY} 2 doses a day"),
    ("ldn", "es", "dos veces al día", "Tome 1 cápsula dos veces al día.", "dos veces al día", f"{DAY} 1 dose a day"),
    ("ldn", "es", "cada doce horas", "Tome 1 cápsula cada doce horas.", "cada doce horas", f"{GAP} 24 hours apart"),
    ("ldn", "es", "más a menudo que", "No la tome más a menudo que cada 12 horas.", "cada 12 horas",
     f"{GAP} 24 hours apart"),
    ("ldn", "fr", "deux fois par jour", "Prenez 1 gélule deux fois par jour.", "deux fois par jour",
     f"{DAY} 1 dose a day"),
    ("ldn", "fr", "toutes les 12 heures", "Prenez 1 gélule toutes les 12 heures.", "toutes les 12 heures",
     f"{GAP} 24 hours apart"),
    ("ldn", "fr", "fois/jour", "Prenez 1 gélule 2 fois/jour.", "2 fois/jour", f"{DAY} 1 dose a day"),
    # A review: how often alone after the dose (a medicine list's lines), shorthand, abbreviations' full stops
    ("acetaminophen", "en", "how often alone", "Take 2 tablets. Every 2 hours.", "Every 2 hours",
     f"(the sentence before it gives the dose), {GAP} 6 hours apart"),
    ("acetaminophen", "en", "a label", "Take 2 tablets. How often: every 2 hours.", "every 2 hours",
     f"(the sentence before it gives the dose), {GAP} 6 hours apart"),
    ("acetaminophen", "en", "q.4.h.", "Take 2 tablets q.4.h.", "q.4.h.", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "q. 2 h after tab.", "Take 1 tab. q. 2 h.", "q. 2 h", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "approx. in brackets", "Give 2 tablets (approx. every 3 hours).", "every 3 hours",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "max.", "Take 2 tablets, max. 6x/day.", "6x/day", f"{DAY} 4 doses a day"),
    ("acetaminophen", "en", "intervals", "Take 2 tablets at 4-hour intervals.", "at 4-hour intervals",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "between doses", "Leave 4 hours between doses.", "4 hours between doses",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "times/day", "Take 2 tablets 5 times/day.", "5 times/day", f"{DAY} 4 doses a day"),
    ("acetaminophen", "en", "doses in 24 hours", "Take no more than 6 doses in 24 hours.", "6 doses in 24 hours",
     f"{DAY} 4 doses a day"),
    ("acetaminophen", "en", "four-to-six", "Take 2 tablets every four-to-six hours.", "every four-to-six hours",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "4 to six", "Take 2 tablets every 4 to six hours.", "every 4 to six hours",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "every 4th hour", "Take 2 tablets every 4th hour.", "every 4th hour", f"{GAP} 6 hours apart"),
    ("ldn", "es", "c/8h", "Tome 1 cápsula c/8h.", "c/8h", f"{GAP} 24 hours apart"),
    ("ldn", "es", "veces/día", "Tome 1 cápsula 2 veces/día.", "2 veces/día", f"{DAY} 1 dose a day"),
    ("ldn", "es", "luego alone", "Tome 1 cápsula. Luego cada 12 horas.", "cada 12 horas",
     f"(the sentence before it gives the dose), {GAP} 24 hours apart"),
    ("ldn", "fr", "fois/j", "Prenez 1 gélule 2 fois/j.", "2 fois/j", f"{DAY} 1 dose a day"),
    ("ldn", "fr", "à intervalles de", "Prenez 1 gélule à intervalles de 12 heures.", "à intervalles de 12 heures",
     f"{GAP} 24 hours apart"),
    ("ldn", "fr", "un intervalle de douze", "Prenez 1 gélule avec un intervalle de douze heures.",
     "avec un intervalle de douze heures", f"{GAP} 24 hours apart"),
    # A second review: more of the dose after another verb, minutes, labels' brackets, decimals, vague gaps,
    # times of the day counted, "later", a condition or a ceiling before how often alone
    ("acetaminophen", "en", "chew 2 more", "Take 2 tablets, then chew 2 more every 2 hours.", "every 2 hours",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "and continue", "Take 2 tablets, and continue every 2 hours.", "every 2 hours",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "use them", "Take 2 tablets, and use them every 2 hours.", "every 2 hours",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "minutes", "Take 2 tablets every 30 minutes.", "every 30 minutes", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "half an hour", "Take 2 tablets every half hour.", "every half hour", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "a decimal", "Take 2 tablets every 5.5 hours.", "every 5.5 hours", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "every few hours", "Take 2 tablets every few hours.", "every few hours",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "later", "Take the next dose 2 hours later.", "2 hours later", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "doses in a day", "You may have up to 8 doses in a day.", "8 doses in a day",
     f"{DAY} 4 doses a day"),
    ("acetaminophen", "en", "a condition before how often alone", "Take 2 tablets. If needed, every 2 hours.",
     "every 2 hours", f"(the sentence before it gives the dose), {GAP} 6 hours apart"),
    ("acetaminophen", "en", "up to, alone", "Take 2 tablets. Up to 8 times a day.", "8 times a day",
     f"(the sentence before it gives the dose), {DAY} 4 doses a day"),
    ("amoxicillin", "en", "eight (8)", "Give 5 mL every eight (8) hours.", "every eight (8) hours",
     f"{GAP} 12 hours apart"),
    ("amoxicillin", "en", "morning, noon and night", "Give 5 mL morning, noon and night.", "morning, noon and night",
     f"{DAY} 2 doses a day"),
    ("ldn", "es", "mastique otra", "Tome 1 cápsula, luego mastique otra cada 8 horas.", "cada 8 horas",
     f"{GAP} 24 hours apart"),
    ("ldn", "es", "mañana y noche", "Tome 1 cápsula mañana y noche.", "mañana y noche", f"{DAY} 1 dose a day"),
    ("ldn", "es", "minutos", "Tome 1 cápsula cada 30 minutos.", "cada 30 minutos", f"{GAP} 24 hours apart"),
    ("ldn", "fr", "puis continuez", "Prenez 1 gélule, puis continuez toutes les 8 heures.", "toutes les 8 heures",
     f"{GAP} 24 hours apart"),
    ("ldn", "fr", "matin et soir", "Prenez 1 gélule matin et soir.", "matin et soir", f"{DAY} 1 dose a day"),
    ("ldn", "fr", "plus tard", "Prenez 1 gélule, puis une autre 8 heures plus tard.", "8 heures plus tard",
     f"{GAP} 24 hours apart"),
    ("methotrexate", "en", "folic acid's dose again", "Take 1 folic acid tablet. Twice a day.", "Twice a day",
     f"(the sentence before it gives the dose), {DAY} 1 dose a day"),
    # A third review: again in hours, with a repeat or more of the dose; a phrase with a number before how often
    ("acetaminophen", "en", "repeat in 4 hours", "Take 2 tablets. You may repeat in 4 hours.", "in 4 hours",
     f"(the sentence before it gives the dose), {GAP} 6 hours apart"),
    ("acetaminophen", "en", "2 more after 3 hours", "You can take 2 more after 3 hours.", "after 3 hours",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "before the next dose", "Wait 3 hours before the next dose.", "3 hours before the next dose",
     f"{GAP} 6 hours apart"),
    ("ldn", "en", "after 2 weeks, twice a day", "Take 1 capsule at bedtime. After 2 weeks, twice a day.", "twice a day",
     f"(the sentence before it gives the dose), {DAY} 1 dose a day"),
    # Times of the day named, more than the plan's doses a day (a third review)
    ("ldn", "en", "morning and bedtime", "Take 1 capsule in the morning and at bedtime.", "morning and at bedtime",
     f"{DAY} 1 dose a day"),
    ("ldn", "en", "clock times", "Take 1 capsule at 8 a.m. and 8 p.m.", "8 a.m. and 8 p.m.", f"{DAY} 1 dose a day"),
    ("acetaminophen", "en", "six clock times", "Take 2 tablets at 6 am, 9 am, noon, 3 pm, 6 pm and 9 pm.",
     "6 am, 9 am, noon, 3 pm, 6 pm and 9 pm", f"{DAY} 4 doses a day"),
    ("amoxicillin", "en", "three meals", "Give 5 mL with breakfast, lunch and supper.", "breakfast, lunch and supper",
     f"{DAY} 2 doses a day"),
    ("ldn", "es", "desayuno y cena", "Tome 1 cápsula con el desayuno y la cena.", "desayuno y la cena",
     f"{DAY} 1 dose a day"),
    ("ldn", "fr", "le matin et le soir", "Prenez 1 gélule le matin et le soir.", "matin et le soir",
     f"{DAY} 1 dose a day"),
    # ... and the dose again at another time, in the next sentence (a third review)
    ("prednisone", "en", "again at bedtime", "Take your dose each morning with breakfast. Take it again at bedtime.",
     "morning with breakfast. Take it again at bedtime", f"(the sentence before it gives the dose), {DAY} 1 dose a day"),
    ("ldn", "en", "another in the morning", "Take 1 capsule at bedtime. Take another one in the morning.",
     "bedtime. Take another one in the morning", f"(the sentence before it gives the dose), {DAY} 1 dose a day"),
    # The plan's other medicine, daily: its own most
    ("methotrexate", "en", "folic acid twice a day", "Take 1 folic acid tablet twice a day.", "twice a day",
     f"{DAY} 1 dose a day"),
    ("methotrexate", "es", "ácido fólico", "Tome ácido fólico dos veces al día.", "dos veces al día",
     f"{DAY} 1 dose a day"),
    # Left by the last session's reviews: shorthand, fractions, "approx.", clock times' gaps, a condition's repeat
    ("acetaminophen", "en", "q. 2 hours", "Take 2 tablets q. 2 hours.", "q. 2 hours", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "a fraction", "Take 2 tablets every 2 ½ hours.", "every 2 ½ hours",
     f"{GAP} 6 hours apart (expected the plan's gap or a longer one, or a warning against it: doses 2.5 hours"),
    ("acetaminophen", "en", "approx., alone", "Take 2 tablets as needed. Approx. every 2 hours.", "every 2 hours",
     f"(the sentence before it gives the dose), {GAP} 6 hours apart"),
    ("acetaminophen", "en", "clock times 3 hours apart", "Give a dose at 8 am, 11 am, 2 pm and 5 pm.",
     "8 am, 11 am, 2 pm and 5 pm", f"{GAP} 6 hours apart (expected the plan's gap or a longer one, or a warning "
     "against it: doses 3 hours"),
    ("acetaminophen", "en", "clock times round midnight", "Take 2 tablets at 10 pm and 2 am.", "10 pm and 2 am",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "a condition, then the dose again", "If the fever is back after 2 hours, give another 2 "
     "tablets.", "after 2 hours", f"{GAP} 6 hours apart"),
    ("ldn", "en", "a clock time and bedtime", "Take 1 capsule at 8 am and at bedtime.", "8 am and at bedtime",
     f"{DAY} 1 dose a day"),
    ("ldn", "en", "a window, then another time", "Take 1 capsule between 8 pm and 10 pm and again at 8 am.",
     "8 pm and 10 pm and again at 8 am", f"{DAY} 1 dose a day"),
    ("ldn", "es", "a las … y a las", "Tome 1 cápsula a las 8:00 y a las 20:00.", "8:00 y a las 20:00",
     f"{DAY} 1 dose a day"),
    # A fourth review: the dose again at a clock time in the next sentence; a dose again between two times of
    # one time of the day; a dash chain; noon and midnight; "à 8h"; "otra"; gaps said other ways
    ("ldn", "en", "again at 8 am, next sentence", "Take 1 capsule at bedtime. Take it again at 8 am.",
     "bedtime. Take it again at 8 am.", f"(the sentence before it gives the dose), {DAY} 1 dose a day"),
    ("acetaminophen", "en", "2 more at 11 am, next sentence", "Give 2 tablets at 8 am. Give 2 more at 11 am if needed.",
     "8 am. Give 2 more at 11 am", f"(the sentence before it gives the dose), {GAP} 6 hours apart"),
    ("ldn", "en", "6 pm and again at bedtime", "Take 1 capsule at 6 pm and again at bedtime.",
     "6 pm and again at bedtime", f"{DAY} 1 dose a day"),
    ("ldn", "en", "dinner and bedtime", "Take 1 capsule at dinner and at bedtime.", "dinner and at bedtime",
     f"{DAY} 1 dose a day"),
    ("acetaminophen", "en", "a dash chain", "Take 2 tablets at 8 am - 11 am - 2 pm - 5 pm.", "8 am - 11 am - 2 pm - 5 pm",
     f"{GAP} 6 hours apart"),
    ("ldn", "en", "a dash, 12 hours", "Take 1 capsule at 8 am - 8 pm.", "8 am - 8 pm", f"{DAY} 1 dose a day"),
    ("acetaminophen", "en", "noon", "Take 2 tablets at 9 am and at noon.", "9 am and at noon", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "midnight", "Take 2 tablets at 10 pm and again at midnight.", "10 pm and again at midnight",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "six occasions listed", "Take 2 tablets on waking, mid-morning, at lunch, mid-afternoon, at "
     "dinner and at bedtime.", "waking, mid-morning, at lunch, mid-afternoon, at dinner and at bedtime", f"{DAY} 4 doses"),
    ("ldn", "fr", "à 8h et à 20h", "Prenez 1 gélule à 8h et à 20h.", "8h et à 20h", f"{DAY} 1 dose a day"),
    ("ldn", "es", "de desayuno y cena", "Tome 1 cápsula antes de desayuno y cena.", "desayuno y cena",
     f"{DAY} 1 dose a day"),
    ("ldn", "es", "tome otra", "Tome 1 cápsula al acostarse. Tome otra por la mañana.", "acostarse. Tome otra por la "
     "mañana", f"(the sentence before it gives the dose), {DAY} 1 dose a day"),
    ("acetaminophen", "en", "the next dose after", "You may take the next dose after 3 hours.", "after 3 hours",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "before taking more", "Wait 3 hours before taking more.", "3 hours before taking more",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "within", "If the fever comes back within 2 hours, give another 2 tablets.", "within 2 hours",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "after an hour", "If the pain is not better after an hour, take another 2 tablets.",
     "after an hour", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "a second count in 2 hours", "Take 2 tablets now and 2 tablets in 2 hours.", "in 2 hours",
     f"{GAP} 6 hours apart"),
    # a fifth review: Spanish "p. m." (one sentence, not three), French hours in a list
    ("ldn", "es", "p. m.", "Tome 1 cápsula a las 9 p. m. y a las 11 p. m.", "9 p. m. y a las 11 p. m.",
     f"{DAY} 1 dose a day"),
    ("ldn", "fr", "une liste d'heures", "Prenez 1 gélule à 8 h, 14 h et 20 h.", "8 h, 14 h et 20 h", f"{DAY} 1 dose a day"),
    ("acetaminophen", "en", "wait, then more", "Take 2 tablets, wait 2 hours, then take 2 more.", "wait 2 hours, then",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "after the first dose", "Take 2 tablets 3 hours after the first dose.",
     "3 hours after the first dose", f"{GAP} 6 hours apart"),
    # a sixth review: a list's clock time after a comma is an item; "an hour later"; "after school"
    ("acetaminophen", "en", "five occasions listed", "Take 2 tablets on waking, at 10 am, at lunch, at 4 pm and at "
     "bedtime.", "waking, at 10 am, at lunch, at 4 pm and at bedtime", f"{DAY} 4 doses a day"),
    ("acetaminophen", "en", "an hour later", "Take 2 tablets, and another 2 an hour later.", "an hour later",
     f"{GAP} 6 hours apart"),
    ("amoxicillin", "en", "after school", "Give it in the morning, after school and at bedtime.",
     "morning, after school and at bedtime", f"{DAY} 2 doses a day"),
    # a seventh review: a missed or lost dose's clause names the missed dose only; the rest is read as any other
    ("ldn", "en", "if you forget, two times", "If you forget, take 1 capsule at bedtime and in the morning.",
     "bedtime and in the morning", f"{DAY} 1 dose a day"),
    ("ldn", "en", "do not skip doses", "If needed, take 1 capsule in the morning and at bedtime, and do not skip doses.",
     "morning and at bedtime", f"{DAY} 1 dose a day"),
    ("ldn", "en", "Mississippi", "When you travel to Mississippi, take 1 capsule in the morning and at bedtime.",
     "morning and at bedtime", f"{DAY} 1 dose a day"),
    ("ldn", "en", "even if you missed", "Take 1 capsule in the morning and at bedtime, even if you missed a dose.",
     "morning and at bedtime", f"{DAY} 1 dose a day"),
    ("ldn", "en", "vomit, two times", "If you vomit within 1 hour, take 1 capsule in the morning and at bedtime.",
     "morning and at bedtime", f"{DAY} 1 dose a day"),
    ("ldn", "en", "a time before again, next sentence", "Take 1 capsule at bedtime. In the morning take it again.",
     "bedtime. In the morning", f"(the sentence before it gives the dose), {DAY} 1 dose a day"),
    # two doses at once: never, to make up for a missed one or otherwise (a review's "take 2 doses the next Monday")
    ("ldn", "en", "a double dose", "If you miss a dose, take a double dose the next day.", "a double dose",
     "where the plan gives one dose at a time"),
    ("ldn", "es", "dosis doble", "Si olvida una dosis, tome una dosis doble al día siguiente.", "dosis doble",
     "where the plan gives one dose at a time"),
    ("amoxicillin", "en", "two times before again", "Give 5 mL in the morning. After school and at bedtime give "
     "it again.", "morning. After school and at bedtime", f"(the sentence before it gives the dose), {DAY} 2 doses"),
    ("ldn", "en", "a condition of no missed dose", "If pain does not stop, take 1 capsule in the morning and at "
     "bedtime.", "morning and at bedtime", f"{DAY} 1 dose a day"),
    # Hours in a list, their half of the day unsaid or said once for all ("at 8, 11, 2 and 5": 8 am to 5 pm)
    ("acetaminophen", "en", "bare hours", "Take 2 tablets at 8, 11, 2 and 5.", "8, 11, 2 and 5",
     f"{GAP} 6 hours apart (expected the plan's gap or a longer one, or a warning against it: doses 3 hours"),
    ("acetaminophen", "en", "one am for two", "Take 2 tablets at 8 and 11 am.", "8 and 11 am", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "one pm for two", "Take 2 tablets at 8 and 10 pm.", "8 and 10 pm",
     f"{GAP} 6 hours apart (expected the plan's gap or a longer one, or a warning against it: doses 2 hours"),
    ("acetaminophen", "en", "hours with dots", "Take 2 tablets at 8.00 and 11.00.", "8.00 and 11.00",
     f"{GAP} 6 hours apart"),
    ("amoxicillin", "en", "three bare hours", "Give it at 8, 2 and 8.", "8, 2 and 8", f"{DAY} 2 doses"),
    ("ldn", "es", "a las 8 y a las 11", "Tome 1 cápsula a las 8 y a las 11.", "8 y a las 11", f"{DAY} 1 dose a day"),
    # A round-8 review: "at" again, "o'clock", noon, a time of the day after, a clause going on, a clock time
    # first, "then", hours apart in the sentence, French "h"
    ("acetaminophen", "en", "at again", "Take 2 tablets at 8 and at 11.", "8 and at 11", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "o'clock", "Take 2 tablets at 8 and 11 o'clock.", "8 and 11 o'clock",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "12 noon", "Take 2 tablets at 9 and 12 noon.", "9 and 12 noon", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "and noon", "Take 2 tablets at 8 and noon.", "8 and noon", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "in the morning after", "Take 2 tablets at 8 and 10 in the morning.",
     "8 and 10 in the morning", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "if needed after", "Take 2 tablets at 8 and 11 if needed.", "8 and 11", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "a clock time first", "Take 2 tablets at 10 pm, 1 and 4.", "10 pm, 1 and 4",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "then", "Take 2 tablets at 8, then 11, then 2.", "8, then 11, then 2", f"{GAP} 6 hours apart"),
    ("amoxicillin", "en", "hours apart in the sentence", "Give 5 mL at 8, 5 mL at 2 and 5 mL at 8.",
     "8, 5 mL at 2 and 5 mL at 8", f"{DAY} 2 doses"),
    ("ldn", "fr", "à 20, 22 et 23 h", "Prenez 1 gélule à 20, 22 et 23 h.", "20, 22 et 23 h", f"{DAY} 1 dose a day"),
    # A round-9 review: "&", hours in two parts each right after a dose, a dash
    ("acetaminophen", "en", "&", "Take 2 tablets at 8 & 11.", "8 & 11", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "two parts, each an hour after a dose", "Take 2 tablets at 8; take 2 more at 11.",
     "8; take 2 more at 11", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "a dash, then a dose at an hour", "Take 2 tablets at 8 - then 2 at 10.", "8 - then 2 at 10",
     f"{GAP} 6 hours apart"),
    # A round-10 review: an hour beside a clock time, a day between the dose and its hour, "again", "heures"
    ("methotrexate", "en", "an hour and a clock time, twice a Monday", "Take 6 tablets on Monday at 8 and 6 tablets "
     "at 8 pm.", "8 and 6 tablets at 8 pm", f"{DAY} 1 dose a day"),
    ("methotrexate", "en", "and again at 6", "Take 6 tablets on Monday morning at 8 and again at 6.",
     "morning at 8 and again at 6", f"{DAY} 1 dose a day"),
    ("ldn", "en", "another at 11", "Take 1 capsule at night at 9 and another at 11.", "night at 9 and another at 11",
     f"{DAY} 1 dose a day"),
    ("ldn", "fr", "à 21 heures et à 23 heures", "Prenez 1 gélule à 21 heures et à 23 heures.", "21 heures et à 23",
     f"{DAY} 1 dose a day"),
    # A round-11 review: the dose again before a list after a semicolon, a list before its dose, what follows three
    ("acetaminophen", "en", "; and again at", "Give it at 8; and again at 10 and 12.", "10 and 12", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "; then 2 more at", "Take 2 tablets at 8; then 2 more at 10 and 12.", "10 and 12",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "a list before its dose", "At 8, 10 and 12, take 2 tablets.", "8, 10 and 12",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "with water after four", "Take 2 tablets at 8, 10, 12 and 2 with water.", "8, 10, 12 and 2",
     f"{GAP} 6 hours apart"),
    ("ldn", "en", "at again, with water after", "Take 1 capsule at 9 and at 11 with water.", "9 and at 11",
     f"{DAY} 1 dose a day"),
    ("methotrexate", "en", "; and again at, weekly", "Take 6 tablets on Monday at 8; and again at 2 and 6.", "2 and 6",
     f"{DAY} 1 dose a day"),
    ("ldn", "es", "a las … antes de la dosis", "A las 9 y a las 11, tome 1 cápsula.", "9 y a las 11", f"{DAY} 1 dose a day"),
    # Minutes until the dose again ("after 30 minutes"), where it is taken again
    ("acetaminophen", "en", "2 more after 30 minutes", "Take 2 tablets, then 2 more after 30 minutes.",
     "after 30 minutes", f"{GAP} 6 hours apart (expected the plan's gap or a longer one, or a warning against it: "
     "doses 0.5 hours"),
    ("acetaminophen", "en", "repeat in 45 minutes", "Take 2 tablets and repeat in 45 minutes.", "in 45 minutes",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "90 minutes later", "Take 2 tablets, and take 2 more 90 minutes later.", "90 minutes later",
     f"{GAP} 6 hours apart"),
    ("ldn", "es", "repita a los 30 minutos", "Tome 1 cápsula al acostarse y repita a los 30 minutos.",
     "a los 30 minutos", f"{GAP} 24 hours apart"),
    ("ldn", "fr", "une autre 30 minutes plus tard", "Prenez 1 gélule au coucher, puis une autre 30 minutes plus tard.",
     "30 minutes plus tard", f"{GAP} 24 hours apart"),
    # ... said other ways (a round-8 review): numbers in words, "wait", "after", half an hour, "y otra"
    ("acetaminophen", "en", "in thirty minutes", "Take 2 tablets and repeat in thirty minutes.", "in thirty minutes",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "wait 30 minutes, then", "Take 2 tablets, wait 30 minutes, then take 2 more.",
     "wait 30 minutes, then", f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "30 minutes after", "Take 2 tablets, then 2 more 30 minutes after.", "30 minutes after",
     f"{GAP} 6 hours apart"),
    ("acetaminophen", "en", "half an hour after", "Take 2 tablets, then 2 more half an hour after.",
     "half an hour after", f"{GAP} 6 hours apart"),
    ("ldn", "es", "y otra a los 30 minutos", "Tome 1 cápsula y otra a los 30 minutos.", "a los 30 minutos",
     f"{GAP} 24 hours apart"),
    ("ldn", "fr", "attendez 30 minutes, puis", "Prenez 1 gélule, attendez 30 minutes, puis prenez-en une autre.",
     "attendez 30 minutes, puis", f"{GAP} 24 hours apart"),
]

PASSED = [
    # (handout, language, what, the sentence)
    ("acetaminophen", "en", "the plan's gap", "Take 1 or 2 tablets every 6 hours if needed."),
    ("acetaminophen", "en", "the plan's gap in words", "Take 2 tablets every six hours."),
    ("acetaminophen", "en", "apart, as the plan", "Keep doses at least 6 hours apart."),
    ("acetaminophen", "en", "the plan's most a day", "Take 2 tablets four times a day at most."),
    ("acetaminophen", "en", "a longer gap", "Take 2 tablets every 8 hours."),
    ("acetaminophen", "en", "a warning against it", "Never take it every 2 hours."),
    ("acetaminophen", "en", "a negated gap", "Do not take doses less than 6 hours apart."),
    ("acetaminophen", "en", "a ceiling at the plan's", "Do not take it more often than every 6 hours."),
    ("acetaminophen", "en", "said again, as the plan", "Take 2 tablets. Repeat every 6 hours if needed."),
    ("acetaminophen", "en", "no dose", "Walk every 2 hours."),
    ("acetaminophen", "en", "a clause of circumstance", "Drink water every 2 hours while you take it."),
    ("acetaminophen", "en", "a day's span, no gap", "Keep to 6 tablets in 24 hours."),
    ("amoxicillin", "en", "twice a day", "Give it twice a day."),
    ("acetaminophen", "en", "bare hours 6 apart", "Take 2 tablets at 6, 12, 6 and 12."),
    ("acetaminophen", "en", "24-hour times with dots", "Take 2 tablets at 8.00, 14.00 and 20.00."),
    ("acetaminophen", "en", "a count after and, no hour", "Take 1 tablet at 8 and 1 with food."),
    ("acetaminophen", "en", "ages, no hours", "Give it at 2 and 4 years of age, as the label says."),
    ("amoxicillin", "en", "two bare hours", "Give it at 8 and 8."),
    ("amoxicillin", "en", "one am for two, twice", "Give it at 7 and 11 am."),
    ("acetaminophen", "en", "a list said against", "Never take it at 8, 10 and 12."),
    ("acetaminophen", "en", "bare hours 6 apart, in several places", "Take 2 tablets at 8 and 2 tablets at 2."),
    ("ldn", "es", "a quarter past ten", "Tome 1 cápsula cada noche a las 10 y 15."),
    ("ldn", "en", "one hour and its time of the day", "Take 1 capsule in the evening at 9."),
    # ... and hours of other things (a round-9 review)
    ("ldn", "en", "opening hours", "Take 1 capsule at bedtime; the pharmacy opens at 9 and closes at 6."),
    ("ldn", "en", "appointments", "Take 1 capsule at bedtime; your scan is at 9 and your blood test at 11."),
    ("ldn", "en", "meals and sleep", "Take 1 capsule at bedtime; eat at 6, and sleep at 10."),
    ("ldn", "en", "weeks", "Take 1 capsule at bedtime; doses rose at 2, 3 and 4 weeks."),
    ("ldn", "en", "months", "Take 1 capsule at 10 pm; children at 6 and 12 months do not take it."),
    ("ldn", "en", "the same hour each night", "Take 1 capsule at 10 tonight, and at 10 every night after."),
    ("ldn", "en", "a correction", "Take 1 capsule at bedtime, at 10, not at 8."),
    ("ldn", "en", "another medicine after a wait", "Take 1 capsule at 10 each night, then wait 30 minutes before "
     "taking another medicine."),
    ("ldn", "en", "another glass of water", "Take 1 capsule at bedtime; another glass of water 30 minutes after helps."),
    ("ldn", "es", "opening hours, es", "Tome 1 cápsula al acostarse; la farmacia abre a las 9 y cierra a las 6."),
    ("ldn", "fr", "appointments, fr", "Prenez 1 gélule au coucher ; votre rendez-vous est à 9 et la prise de sang à 11."),
    ("acetaminophen", "en", "every 6 hours, the last at night", "Take 2 tablets at 8, 2, 8 and 2 at night."),
    # ... (a round-10 review)
    ("ldn", "en", "then, and another thing later", "Take 1 capsule at bedtime, then turn off the lights 15 minutes later."),
    ("ldn", "en", "minutes before an hour", "Take 1 capsule at 10, and walk for 20 minutes at 6."),
    ("ldn", "en", "a day's number before an hour", "Take 1 capsule at 10; we will call you on day 3 at 2."),
    ("acetaminophen", "en", "another's hours after a semicolon", "Take 2 tablets at 7 am; she has swim practice at 4 and 6."),
    ("acetaminophen", "en", "another order's hours", "Take 2 tablets at 8, then check the fever at 10 and at 12."),
    ("acetaminophen", "en", "another glass of water later", "Take 2 tablets with water, then another glass of water 30 "
     "minutes later."),
    ("ldn", "es", "appointments, es", "Tome 1 cápsula a las 9; su cita es a las 10 y a las 12."),
    ("ldn", "en", "another order: turn", "Take 1 capsule at 10 pm, and turn off the lights at 10 and 11."),
    ("acetaminophen", "en", "minutes, no dose again", "Take 2 tablets; it starts to work in 30 minutes."),
    ("acetaminophen", "en", "minutes, another thing later", "Take 2 tablets, then eat something 30 minutes later."),
    ("acetaminophen", "en", "minutes, a lost dose again", "Take 2 tablets. If you throw up within 30 minutes, take 2 "
     "more."),
    ("acetaminophen", "en", "minutes, as the plan", "Take 2 tablets and repeat in 360 minutes."),
    ("acetaminophen", "en", "minutes in another part", "Take 2 more tablets after 6 hours; the pain should ease in "
     "30 minutes."),
    ("acetaminophen", "en", "minutes, the repeat in another part", "Take 2 tablets with food or within 30 minutes of "
     "eating; you may take more after 6 hours."),
    ("acetaminophen", "en", "wait, and no dose again", "Take 2 tablets and wait 30 minutes before you eat."),
    ("acetaminophen", "en", "a repeat of the dose said against", "Do not repeat the dose in 30 minutes."),
    ("amoxicillin", "en", "a lost dose: is sick", "If your child is sick within 30 minutes, give the dose again."),
    ("amoxicillin", "en", "a lost dose: comes back up", "If the dose comes back up within 30 minutes, repeat it."),
    ("ldn", "es", "minutes in another part, es", "Tome otra cápsula mañana; el efecto empieza en 30 minutos."),
    ("amoxicillin", "en", "12 hours apart", "Give the dose morning and bedtime, about 12 hours apart."),
    ("ldn", "es", "una vez al día", "Tome 1 cápsula una vez al día."),
    ("ldn", "es", "cada 24 horas", "Tome 1 cápsula cada 24 horas."),
    ("ldn", "es", "nunca", "Nunca tome 1 cápsula cada 12 horas."),
    ("ldn", "fr", "une fois par jour", "Prenez 1 gélule une fois par jour."),
    ("ldn", "fr", "jamais", "Ne prenez jamais 1 gélule toutes les 12 heures."),
    # A review: what "take" takes that is no dose, another order's clause, a condition's, warnings against
    ("acetaminophen", "en", "a temperature", "Take your temperature every 2 hours."),
    ("acetaminophen", "en", "another order's clause", "Take 2 tablets, and rinse your mouth 5 times a day."),
    ("acetaminophen", "en", "avoid", "Avoid taking it every 2 hours."),
    ("acetaminophen", "en", "a condition's clause", "Stop taking it and call your doctor if you need it every 2 hours."),
    ("acetaminophen", "en", "a condition's dose", "Call your doctor if pain needs a dose every 2 hours."),
    ("acetaminophen", "en", "something else after the dose", "Take 2 tablets. 30 minutes of walking every 2 hours helps."),
    ("acetaminophen", "en", "tds, within the plan", "Take 2 tablets tds."),
    ("acetaminophen", "en", "fluids", "Take 2 tablets. Take fluids every hour."),
    ("acetaminophen", "en", "a lukewarm bath", "Take 2 tablets every 6 hours. Take a lukewarm bath every 2 hours if hot."),
    ("acetaminophen", "en", "a day's span", "Take 2 tablets. You may repeat, up to 6 tablets in 24 hours."),
    ("acetaminophen", "en", "after, with no repeat", "Acetaminophen lowers a fever after 1 hour."),
    ("ldn", "es", "agua", "Tome agua 8 veces al día."),
    ("ldn", "es", "la temperatura", "Tómese la temperatura cada 2 horas."),
    ("ldn", "fr", "votre température", "Prenez votre température toutes les 2 heures."),
    ("ldn", "fr", "what happened", "Si vous l'avez prise deux fois par jour par erreur, appelez votre médecin."),
    ("ldn", "fr", "évitez de", "Évitez de la prendre deux fois par jour."),
    ("ldn", "fr", "un intervalle de 24", "Prenez 1 gélule avec un intervalle de 24 heures."),
    # A second review: another order's how often in the dose's clause
    ("acetaminophen", "en", "drink water, no comma", "Take 2 tablets every 6 hours and drink water every 2 hours."),
    ("acetaminophen", "en", "a temperature first", "Take your temperature every 2 hours and 2 tablets every 6 hours."),
    ("acetaminophen", "en", "with water, as the plan", "Take 2 tablets with water every 6 hours."),
    ("amoxicillin", "en", "morning and night, as the plan", "Give 5 mL morning and night."),
    ("ldn", "es", "beba agua", "Tome 1 cápsula al acostarse y beba agua cada 2 horas."),
    ("ldn", "fr", "buvez de l'eau", "Prenez 1 gélule au coucher et buvez de l'eau toutes les 2 heures."),
    # ... not a choice, a negated time, one occasion, or as many as the plan gives
    ("ldn", "en", "a choice of times", "Take 1 capsule at bedtime or in the morning."),
    ("ldn", "en", "a negated time", "Take 1 capsule at bedtime, not in the morning."),
    ("ldn", "en", "one occasion", "Take 1 capsule every evening at bedtime."),
    ("ldn", "en", "24 h is no clock time", "Take 1 capsule every 24 h at bedtime."),
    ("ldn", "en", "instead", "If vivid dreams bother you, take it in the morning instead of at bedtime."),
    ("amoxicillin", "en", "the plan's two times", "Give 5 mL in the morning and at bedtime."),
    ("ldn", "en", "a side effect's time", "Take 1 capsule at bedtime. It may make you sleepy in the morning."),
    ("ldn", "en", "a forgotten dose instead", "Take 1 capsule at bedtime. If you forget, take it in the morning instead."),
    ("prednisone", "en", "again the next morning", "Take your dose each morning with breakfast. Take it again the next "
     "morning."),
    # A window is one time; a clock time names its time of the day; times of the day are held to no gap
    ("ldn", "en", "a window", "Take 1 capsule between 8 pm and 10 pm."),
    ("ldn", "en", "a window, from … to", "Take 1 capsule from 8 pm to 10 pm."),
    ("ldn", "en", "a window, a dash", "Take 1 capsule 8 pm–10 pm."),
    ("ldn", "en", "bedtime and its clock times", "Take your capsule at bedtime, between 9 pm and 11 pm."),
    ("ldn", "en", "the morning at 8 am", "Take 1 capsule in the morning at 8 am."),
    ("ldn", "es", "entre las … y las", "Tome 1 cápsula entre las 20:00 y las 22:00."),
    ("ldn", "fr", "de … à", "Prenez 1 gélule de 20h00 à 22h00."),
    ("acetaminophen", "en", "clock times 6 hours apart", "Take 2 tablets at 8 am and 2 pm if needed."),
    ("amoxicillin", "en", "10 hours apart, times of the day", "Give 5 mL at 8 am and 6 pm."),
    # ... harm, another order's verb, no dose again, a condition with no dose after it
    ("acetaminophen", "en", "not safe", "It is not safe to take it every 2 hours."),
    ("acetaminophen", "en", "unsafe", "Taking 2 tablets every 2 hours is unsafe."),
    ("acetaminophen", "en", "offer fluids", "Take 2 tablets and offer fluids every hour."),
    ("acetaminophen", "en", "it works in", "Take 2 tablets; it works in 2 hours."),
    ("acetaminophen", "en", "a condition, no dose again", "If you still have pain after 2 hours, do not take another "
     "dose."),
    ("acetaminophen", "en", "a condition, another refused", "Call your doctor if you need it every 2 hours, and do not "
     "take another."),
    # ... a fourth review: "again" on another order, warnings without harm's words, a bracketed window
    ("acetaminophen", "en", "a temperature again", "Take 2 tablets and check your temperature again in 2 hours."),
    ("acetaminophen", "en", "not recommended", "Taking 2 tablets every 2 hours is not recommended."),
    ("acetaminophen", "en", "too close together", "Doses every 2 hours are too close together."),
    ("ldn", "en", "a window in brackets", "Take 1 capsule at bedtime (9 pm to 11 pm)."),
    ("ldn", "fr", "vers 22h", "Prenez 1 gélule au coucher, vers 22h."),
    ("ldn", "es", "no tome otra", "Tome 1 cápsula al acostarse. Si olvida una dosis, no tome otra."),
    ("ldn", "en", "never a double dose", "If you miss a dose, skip it; never take a double dose."),
    ("ldn", "fr", "ne prenez pas 2 doses", "Ne prenez pas 2 doses pour rattraper un oubli."),
    # ... a sixth review: two times of its own with "again" is read alone; a missed or lost dose; windows of bare
    # hours; "au lieu du"
    ("amoxicillin", "en", "again, its own two times", "Give it at 7 am and again at 7 pm."),
    ("amoxicillin", "en", "again, 12 hours later", "Give it at 8 am, and again 12 hours later."),
    ("amoxicillin", "en", "vomits, again", "If your child vomits within 1 hour of the dose, give it again."),
    ("ldn", "en", "a missed dose, the next night", "If you miss your bedtime dose, skip it and take the next one the "
     "following night."),
    ("ldn", "en", "a missed dose, no if", "You missed your bedtime dose, so take it when you wake up."),
    ("ldn", "es", "entre las 9 y las 11 de la noche", "Tome 1 cápsula al acostarse (entre las 9 y las 11 de la noche)."),
    ("ldn", "fr", "au lieu du coucher", "Si vous faites des rêves intenses, prenez-la le matin au lieu du coucher."),
    # One warning a sentence: a weekly dose every day is H154's
    ("methotrexate", "en", "methotrexate twice a day (H154's)", "Take methotrexate twice a day."),
    ("methotrexate", "es", "metotrexato (H154's)", "Tome metotrexato dos veces al día."),
]


def _check(tmp_path: Path, capsys, hid: str, lang: str, sentence: str, *extra: str) -> tuple[Path, list[str], str]:
    dst = tmp_path / "data" / hid
    dst.mkdir(parents=True)
    for name in dict.fromkeys(("handout.yaml", "en.yaml", f"{lang}.yaml")):
        shutil.copy(DATA / hid / name, dst / name)
    quoted = sentence.startswith("**") or ": " in sentence  # (else YAML reads "How often: …" as a mapping)
    edit(dst / f"{lang}.yaml", ANCHOR[(hid, lang)], f'"{sentence}"' if quoted else sentence)
    if extra:  # the command line's own reading (--strict)
        _, _, err = run(["check", str(dst), "--lang", lang, "--edition", "standard", *extra], capsys)
    else:  # the words read and held to the plan as `check` holds them, without laying pages out (the suite's time)
        from handout.content import read
        from handout.folders import Target
        from handout.frequency import check_frequency
        from handout.howoften import check_how_often

        res = read(Target(dst, (lang,)), (lang,))
        assert res.handouts, [f.format() for f in res.findings]  # read (": " in a plain scalar is a mapping)
        h = res.handouts[0]
        err = "\n".join(f.format() for f in [*check_how_often(h), *check_frequency(h)])
    assert "got a mapping" not in err and "YAML syntax" not in err, err
    return dst, [line for line in err.splitlines() if "[H155]" in line], err


@pytest.mark.parametrize("hid,lang,what,sentence,said,plan", WARNED, ids=[c[2] for c in WARNED])
def test_a_dose_more_often_than_the_plan_is_warned_of_at_its_line(tmp_path: Path, capsys, hid: str, lang: str,
                                                                  what: str, sentence: str, said: str, plan: str) -> None:
    folder, found, err = _check(tmp_path, capsys, hid, lang, sentence)
    line = line_of(folder / f"{lang}.yaml", sentence.split(". ")[0])
    assert len(found) == 1, err
    assert f"{lang}.yaml:{line}:" in found[0] and "warning" in found[0], found
    assert f"'{said}' in a sentence about a dose" in found[0] and plan in found[0], found
    assert "[H154]" not in err  # (one warning a sentence)


@pytest.mark.parametrize("hid,lang,what,sentence", PASSED, ids=[c[2] for c in PASSED])
def test_the_plans_frequency_or_a_warning_against_more_passes(tmp_path: Path, capsys, hid: str, lang: str,
                                                              what: str, sentence: str) -> None:
    _, found, _ = _check(tmp_path, capsys, hid, lang, sentence)
    assert found == []


def test_a_weekly_dose_every_day_is_said_once_by_h154(tmp_path: Path, capsys) -> None:
    _, found, err = _check(tmp_path, capsys, "methotrexate", "en", "Take your tablets every 12 hours.")
    assert found == [] and sum("[H154]" in line for line in err.splitlines()) == 1, err


def test_strict_makes_it_an_error(tmp_path: Path, capsys) -> None:
    _, found, _ = _check(tmp_path, capsys, "acetaminophen", "en", "Take 2 tablets every 2 hours.", "--strict")
    assert len(found) == 1 and "error:" in found[0]


def test_the_bundled_handouts_pass() -> None:
    """Every bundled handout, in every language with the words, as written: nothing to warn of."""
    from handout.content import read
    from handout.folders import Target
    from handout.howoften import check_how_often

    judged = 0
    for folder in sorted(p for p in DATA.iterdir() if (p / "handout.yaml").exists()):
        for h in read(Target(folder, ())).handouts:
            judged += h.lang in ("en", "es", "fr")
            assert check_how_often(h) == [], (folder.name, h.lang)
    assert judged == 8  # five English handouts, LDN and methotrexate in Spanish, LDN in French


@pytest.mark.parametrize("hid,most", [("acetaminophen", (6, 4, True)), ("amoxicillin", (12, 2, False)),
                                      ("ldn", (24, 1, False)), ("prednisone", (24, 1, False)),
                                      ("methotrexate", (24, 1, False))])
def test_the_plans_most_is_its_loosest_step(hid: str, most: tuple[float, float, bool]) -> None:
    """The shortest gap and the most doses a day over every track, step and medicine (methotrexate's folic
    acid is daily; acetaminophen's every 6 hours as needed), and whether the gap is the plan's own (every 6
    hours: clock times are held to it) or times of the day spread over it (amoxicillin's)."""
    from handout.content import read
    from handout.folders import Target
    from handout.howoften import Most, most_often

    h = read(Target(DATA / hid, ("en",))).handouts[0]
    assert most_often(h) == Most(*most)


def test_a_plan_of_two_medicines_is_held_to_the_more_frequent(tmp_path: Path, capsys) -> None:
    """Folic acid twice a day beside weekly methotrexate: "twice a day" may be about it (passes), "3 times a
    day" is more than either medicine's most."""
    dst = tmp_path / "methotrexate"
    shutil.copytree(DATA / "methotrexate", dst)
    edit(dst / "handout.yaml", "thursday, friday, saturday, sunday], timing: morning}",
         "thursday, friday, saturday, sunday], timing: [morning, bedtime]}")
    edit(dst / "en.yaml", ANCHOR[("methotrexate", "en")],
         "Take 1 folic acid tablet twice a day, in the morning and at bedtime. Take 1 folic acid tablet 3 "
         "times a day with meals.")
    _, _, err = run(["check", str(dst), "--lang", "en"], capsys)
    found = [line for line in err.splitlines() if "[H155]" in line]
    assert len(found) == 1 and "'3 times a day'" in found[0] and f"{DAY} 2 doses a day" in found[0], err


@pytest.mark.parametrize("hid,note,refused", [
    ("acetaminophen", "Take 2 tablets every 2 hours.", "every 2 hours"),
    ("acetaminophen", "Tome 2 tabletas cada 2 horas.", "cada 2 horas"),  # (a Spanish note on an English page)
    ("acetaminophen", "Take 2 tablets every 6 hours if needed.", None),
    ("acetaminophen", "Take 2 tablets. Every 2 hours.", "Every 2 hours"),  # (a review: the next line's)
    # a note's first sentence that only repeats a dose repeats the plan's (a review of notes: each printed)
    ("acetaminophen", "Repeat every 2 hours if needed.", "every 2 hours"),
    ("acetaminophen", "Repeat after 1 hour if needed.", "after 1 hour"),
    ("acetaminophen", "Repetir cada 2 horas si es necesario.", "cada 2 horas"),
    ("ldn", "Repeat at 3 am if you wake up.", "3 am if you wake up"),
    ("acetaminophen", "Repeat in 6 hours if needed.", None),
    # what is left of the medicine given at once (a review of notes: printed above a 10-day calendar)
    ("amoxicillin", "Give the rest of the bottle on the last day.", "the rest of the bottle"),
    ("amoxicillin", "Dele el resto del frasco el último día.", "el resto del frasco"),
    ("amoxicillin", "Throw away the rest of the bottle after the course.", None),
    ("amoxicillin", "Keep the rest of the bottle in the fridge.", None),
    # every dose of the course at once (a review of notes: printed under prednisone's 12-day taper)
    ("prednisone", "Take all your tablets on the first day.", "all your tablets"),
    ("prednisone", "Take the whole course at once if you have a flare.", "the whole course"),
    ("prednisone", "Tome todas sus tabletas el primer día.", "todas sus tabletas"),
    ("prednisone", "Take all your tablets, even if you feel better.", None),
    ("prednisone", "Bring all your tablets to the clinic today.", None),
    ("methotrexate", "Take all 6 tablets together on Monday.", None),
    # a dose with each of a baby's feeds (6 to 12 a day) or each meal (a review of notes: printed above twice a day)
    ("amoxicillin", "Give a dose after each feed.", "after each feed"),
    ("amoxicillin", "Give it with every bottle.", "with every bottle"),
    ("amoxicillin", "Dele una dosis después de cada toma.", "después de cada toma"),
    ("amoxicillin", "Donnez-le à chaque biberon.", "à chaque biberon"),
    ("amoxicillin", "Give it after each meal.", "after each meal"),
    ("amoxicillin", "Give it after a feed, in the morning and at bedtime.", None),
    ("acetaminophen", "Check your temperature. Repeat every 2 hours.", None),
    ("acetaminophen", "Take your temperature every 2 hours.", None),  # (a review: refused, though no dose)
    ("acetaminophen", "Take 2 tablets at 0600, 1000, 1400, 1800 and 2200.", "0600, 1000, 1400, 1800 and 2200"),
    ("acetaminophen", "Take 1 tablet at 0800, 1400, 2000 and 0200.", None),  # (24-hour times, 6 hours apart; 2 tablets: H162)
    ("acetaminophen", "Tome 2 tabletas a las 9, 10 y 11.", "9, 10 y 11"),
    ("acetaminophen", "Take 2 tablets at 0600, 1000, 1400, 1800 and 2200 hrs.", "0600, 1000, 1400, 1800 and 2200"),
    ("acetaminophen", "Take 2 tablets at 0800/1000/1200/1400/1600.", "0800/1000/1200/1400/1600"),
    ("acetaminophen", "Take 2 tablets at 0800 hrs and 2000 hrs.", None),
    # (a chart's times after a colon: a review's "0800, 1200, 1600" with no "at")
    ("acetaminophen", "Take 2 tablets: 0800, 1200, 1600, 2000, 2400.", "0800, 1200, 1600, 2000, 2400"),
    ("acetaminophen", "Take 1 tablet 4 times a day: 0800, 1400, 2000 and 0200.", None),  # (2 tablets: 8 a day, H162)
    ("acetaminophen", "Take 2 tablets 0800, 1200, 1600, 2000 and 2400.", "0800, 1200, 1600, 2000 and 2400"),
    ("acetaminophen", "Give 1 tablet 0600, 1200, 1800, 2400.", None),  # (four, six hours apart: the plan's)
    # (a review: "around" is a time still; a chart's "@", a list in brackets or after a comma)
    ("acetaminophen", "Take 2 tablets around 0800, 1200, 1600 and 2000.", "0800, 1200, 1600 and 2000"),
    ("acetaminophen", "Take 2 tablets @ 0800, 1200, 1600, 2000.", "0800, 1200, 1600, 2000"),
    ("acetaminophen", "Take 2 tablets (0800, 1200, 1600, 2000).", "0800, 1200, 1600, 2000"),
    ("acetaminophen", "Take 2 tablets, 0800, 1200, 1600, 2000.", "0800, 1200, 1600, 2000"),
    ("acetaminophen", "Give 1 tablet (0600, 1200, 1800, 2400).", None),
    ("acetaminophen", "Prenez 2 comprimés 8h, 12h, 16h et 20h.", "12h, 16h et 20h"),  # (no "à": a review)
    ("acetaminophen", "Prenez 2 comprimés 8h, 14h et 20h.", None),
    ("acetaminophen", "Take 2 tablets at around 8, 11, 2 and 5.", "8, 11, 2 and 5"),  # (a second review)
    ("acetaminophen", "Check her temperature: 0800, 1000, 1200. Take 2 tablets every 6 hours if needed.", None),
    ("acetaminophen", "Take 2 tablets every 6 hours if needed, as in our leaflets: 2019, 2023.", None),  # (years)
    ("amoxicillin", "Give 5 mL three times a day.", "three times a day"),
    ("amoxicillin", "Give the dose in the morning and at bedtime.", None),
    ("methotrexate", "If you forget, take 2 doses the next Monday.", "2 doses"),  # (two at once: a seventh review)
    ("methotrexate", "If you miss Monday, take it on Tuesday.", None),
    # (two doses at once said so, and a missed dose's two doses in words: a review of notes, each printed)
    ("amoxicillin", "Give 2 doses at once.", "2 doses at once"),
    ("amoxicillin", "If you miss a dose, give two doses at the next time.", "two doses"),
    ("ldn", "Si olvida una dosis, tome dos dosis a la vez.", "dos dosis a la vez"),
    ("ldn", "Si vous oubliez une dose, prenez deux doses en même temps.", "deux doses en même temps"),
    ("acetaminophen", "Never take 2 doses at once.", None), ("ldn", "Ne prenez jamais deux doses à la fois.", None),
    ("amoxicillin", "Give 2 doses a day, 12 hours apart.", None),
    # ("mañana" alone is tomorrow, not the morning: refused as two doses a day, a review of notes)
    ("ldn", "Tome la primera cápsula mañana por la noche.", None),
    ("ldn", "Tome 1 cápsula en la mañana y en la noche.", "la mañana y en la noche"),
    ("ldn", "Tome 1 cápsula todas las mañanas y todas las noches.", "las mañanas y todas las noches"),
    # (read with French words too, "double dose" had refused the standard advice: no French negation before it)
    ("methotrexate", "Do not take a double dose to make up for a missed one.", None),
    ("ldn", "Never take a double dose.", None),
    ("ldn", "Ne prenez pas une double dose.", None),
    ("ldn", "Take a double dose to make up for a missed one.", "a double dose"),
    ("ldn", "Prenez une double dose si vous oubliez.", "double dose"),
    # (two doses at once ordered with no dose named: twice the week's methotrexate, printed; double_orders)
    ("methotrexate", "Double up next week.", "Double up"),
    ("methotrexate", "Next week, take both.", "take both"),
    ("methotrexate", "If you forget, make it up next week.", "make it up"),
    ("methotrexate", "Take an extra one next week.", "Take an extra one"),
    ("methotrexate", "Doublez la semaine prochaine.", "Doublez"),
    ("methotrexate", "Duplique la próxima semana.", "Duplique"),
    ("methotrexate", "Never double up.", None),
    ("methotrexate", "No duplique la dosis.", None),
    ("methotrexate", "Ne doublez pas la dose.", None),
    ("methotrexate", "If you miss a dose, do not make it up.", None),
    # (the standard advice: "to make up for" is the refused act's purpose, with no negation right before it)
    ("methotrexate", "Do not double up to make up for a missed dose.", None),
    ("methotrexate", "Do not double up; make it up next week.", "make it up"),
    ("amoxicillin", "If you miss a dose, give it when you remember. Never give both at once.", None),
    ("amoxicillin", "If you miss a dose, give both at the next time.", "give both"),
    ("acetaminophen", "Take twice as much.", "twice as much"), ("acetaminophen", "Do not take twice as much.", None),
    ("acetaminophen", "Take twice the amount if the pain is bad.", "twice the amount"),
    ("prednisone", "Take the whole pack today.", "the whole pack"), ("prednisone", "Never take the whole pack at once.", None),
])
def test_a_note_typed_for_one_patient_is_held_to_the_plan(tmp_path: Path, capsys, hid: str, note: str,
                                                          refused: str | None) -> None:
    """A note printed on the patient's page beside the plan's table: more often is refused (an error)."""
    code, err, written = build_note(tmp_path, capsys, hid, note)
    if refused is None:
        assert code == 0 and "[H155]" not in err, err
    else:
        assert code == 1 and not written, err
        assert f"--note: error: note: '{refused}' in the note" in err and "[H155]" in err, err


def test_a_list_item_that_repeats_the_one_before_is_read_with_it(tmp_path: Path, capsys) -> None:
    _, found, _ = _check(tmp_path, capsys, "acetaminophen", "en", "Take 2 tablets.\n      - Repeat every 2 hours.")
    assert len(found) == 1 and "'every 2 hours' in a sentence about a dose (the sentence before it gives" in found[0]


def test_a_question_its_answer_refuses_passes(tmp_path: Path, capsys) -> None:
    dst = tmp_path / "acetaminophen"
    shutil.copytree(DATA / "acetaminophen", dst)
    text = (dst / "en.yaml").read_text(encoding="utf-8")
    faq = ('faq:\n  - q: "Can I take 2 tablets every 2 hours?"\n    a: "No. Wait at least 6 hours between doses."\n'
           '  - q: "Can I take 2 tablets every 3 hours?"\n    a: "Yes, if your pain is bad."\n')
    (dst / "en.yaml").write_text(text.replace("\nsections:", f"\n{faq}\nsections:", 1), encoding="utf-8")
    _, _, err = run(["check", str(dst), "--lang", "en"], capsys)
    found = [line for line in err.splitlines() if "[H155]" in line]
    assert len(found) == 1 and "faq[1].q" in found[0] and "'every 3 hours'" in found[0], err


def test_a_gap_of_one_hour_is_said_in_the_singular(tmp_path: Path, capsys) -> None:
    code, _, err = run(["build", "acetaminophen", "--data", str(DATA), "--lang", "en", "--patient", "Ana", "--edition",
                        "standard", "--note", "Take 2 tablets at 8, 9 and 10.", "--out", str(tmp_path)], capsys)
    assert code == 1 and "doses 1 hour apart add up" in err and "1 hours" not in err, err


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_the_quick_looks_pass_every_phrase_the_full_pattern_finds(lang: str) -> None:
    """``oftenwords.Patterns.near`` passes over a field before the full how-often pattern is searched: every
    phrase of the word list, with a number of every form in its "#", must pass both quick looks."""
    from handout.oftenwords import patterns
    from handout.wordlists import load

    words, p = load(lang), patterns(lang)
    assert words is not None and p is not None
    counts = list(words.count_words)
    numbers = ["6", "4-6", "4 to 6", "4–6", "1½", "2 ½", "1.5", "4,5", "eight (8)", "8 (eight)", *counts,
               *(f"{a} to {b}" for a, b in zip(counts[:6], counts[1:7])), *(f"{a}-{b}" for a, b in zip(counts, counts[1:5]))]
    phrases = (*words.intervals, *words.minute_intervals, *words.later_intervals, *words.later_minutes, *words.per_day)
    found = 0
    for phrase in phrases:
        for n in numbers if "#" in phrase else [""]:
            for text in (phrase.replace("#", n), f"Take  it {phrase.replace('#', n).upper()}."):
                low = text.lower()
                single = " ".join(low.split())
                if p.lower.search(low):
                    found += 1
                    assert p.maybe.search(single) and p.near.search(single), text
    assert found > len(phrases)  # (the full pattern finds them: the test reads what it means to)
    # ... and it passes over what is no phrase: a strength, a count with another word after it
    for text in ("take 4.5 mg at night", "2 weeks", "1 tablet"):
        assert p.near.search(text) is None, text
