"""The occasions of the day a sentence names (``handout.occasions``), read with the shipped word lists:
how many doses a day its times give, and their hours (H155 holds both to the plan)."""

from __future__ import annotations

import pytest

from handout import occasions
from handout.oftenwords import patterns as _patterns


def _count(lang: str, text: str) -> tuple[int, list[float]]:
    p = _patterns(lang)
    assert p is not None and p.times is not None
    return occasions.count(text, list(p.times.finditer(text)), p.occasions)


@pytest.mark.parametrize("lang,text,n,hours", [
    # one occasion: a window, times of one time of the day side by side, a clock time in its time of the day
    ("en", "Take 1 capsule between 8 pm and 10 pm.", 1, [20]),
    ("en", "Take 1 capsule from 8 pm to 10 pm.", 1, [20]),
    ("en", "Take 1 capsule 8 pm–10 pm.", 1, [20]),
    ("en", "Take 1 capsule at bedtime (9 pm to 11 pm).", 1, [21]),
    ("en", "Take your capsule at bedtime, between 9 pm and 11 pm.", 1, [21]),
    ("en", "Take 1 capsule every evening at bedtime.", 1, []),
    ("en", "Take 1 capsule in the morning at 8 am.", 1, [8]),
    ("en", "Take 1 capsule late in the morning (10 am to 1 pm).", 1, [10]),
    ("es", "Tome 1 cápsula entre las 20:00 y las 22:00.", 1, [20]),
    ("fr", "Prenez 1 gélule de 20h00 à 22h00.", 1, [20]),
    # two or more: joined, a dose again between them, a list, a dash chain, twelve hours apart
    ("en", "Take 1 capsule in the morning and at bedtime.", 2, []),
    ("en", "Take 1 capsule at 6 pm and again at bedtime.", 2, [18]),
    ("en", "Take 1 capsule at dinner and 1 capsule at bedtime.", 2, []),
    ("en", "Take 1 capsule at dinner and at bedtime.", 2, []),
    ("en", "Take 1 capsule at 8 am - 8 pm.", 2, [8, 20]),
    ("en", "Take 2 tablets at 8 am - 11 am - 2 pm - 5 pm.", 4, [8, 11, 14, 17]),
    ("en", "Take 2 tablets on waking, mid-morning, at lunch, mid-afternoon, at dinner and at bedtime.", 6, []),
    ("en", "Take 2 tablets at 9 am and at noon.", 2, [9, 12]),
    ("en", "Take 2 tablets at 10 pm and again at midnight.", 2, [22, 0]),
    ("en", "Take 2 tablets at 8 o'clock and 11 o'clock.", 2, [8, 11]),
    ("es", "Tome 1 cápsula antes de desayuno y cena.", 2, []),
    ("es", "Tome 1 cápsula a las 8 h y a las 20 h.", 2, [8, 20]),
    ("fr", "Prenez 1 gélule à 8h et à 20h.", 2, [8, 20]),
    ("fr", "Prenez 1 gélule au coucher et une autre à minuit.", 2, [0]),
    # a fifth review: two clock times are two; a clock time beside its time of the day is one
    ("en", "Take 2 tablets at 8 am, 10 am.", 2, [8, 10]),
    ("en", "Take 2 tablets at 8am,11am,2pm,5pm.", 4, [8, 11, 14, 17]),
    ("en", "Take 1 capsule at bedtime; if you wake at 3 am, take another.", 2, [3]),
    ("en", "Give 1 dose in the morning, around 8 am, and 1 at bedtime, around 8 pm.", 2, [8, 20]),
    ("en", "Give the morning dose at 8 am and the bedtime dose at 8 pm.", 2, [8, 20]),
    ("en", "Take 1 capsule at bedtime, 2 hours after dinner.", 1, []),
    ("es", "Tome 1 cápsula al acostarse, a las 10 de la noche.", 1, []),
    ("en", "Take your dose each morning at 8 am (between 7 am and 9 am).", 1, [8]),
    ("en", "Take your dose each morning between 7 and 9 am, with breakfast.", 1, [9]),
    ("fr", "Prenez 1 gélule à 8 h, 14 h et 20 h.", 3, [8, 14, 20]),
    ("fr", "Prenez 1 gélule à 8h et 22h.", 2, [8, 22]),
    ("es", "Tome 1 cápsula a las 9 p. m. y a las 11 p. m.", 2, [21, 23]),
])
def test_the_occasions_a_sentence_names(lang: str, text: str, n: int, hours: list[float]) -> None:
    assert _count(lang, text) == (n, hours)


def test_a_span_of_hours_is_no_clock_time() -> None:
    """'toutes les 8 h' and 'cada 8 h' are every 8 hours, not 8 o'clock: no occasion."""
    assert _count("fr", "Prenez 1 gélule toutes les 8 h.") == (0, [])
    assert _count("es", "Tome 1 cápsula cada 8 h.") == (0, [])
