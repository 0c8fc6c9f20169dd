"""Date expressions resolved against the publication date.

>>> import datetime as dt
>>> pub = dt.date(2012, 9, 24)
>>> [v for _, _, v in find_dates("le 21 septembre, selon Reuters", pub)]
['2012-09-21']
>>> [v for _, _, v in find_dates("La panne de vendredi", pub)]
['2012-09-21']
>>> [v for _, _, v in find_dates("en octobre 2011, puis au deuxième trimestre", pub)]
['2011-10', '2012-Q2']
>>> [v for _, _, v in find_dates("d'ici fin 2013 et en 2016", pub)]
['2013-Q4', '2016']
>>> [v for _, _, v in find_dates("d'ici à la fin de 2013", pub)]
['2013-Q4']

Relative expressions: "l'an dernier" and "cette année" count from the publication date;
"un an plus tôt", "deux ans plus tard", "la même année", "le même jour" from the reference
date, i.e. the nearest date expression before them in the text (the publication year when
there is none), keeping its granularity (a quarter shifted by a year stays a quarter) except
that "N ans plus tard/tôt" after a day or a month is only a year.

>>> [v for _, _, v in find_dates("au deuxième trimestre, contre 3 % un an plus tôt", pub)]
['2012-Q2', '2011-Q2']
>>> [v for _, _, v in find_dates("levé 100 millions l'an dernier", pub)]
['2011']
>>> [v for _, _, v in find_dates("au trimestre clos fin juin", pub)]
['2012-Q2']
>>> [v for _, _, v in find_dates("au trimestre avril-juin, puis entre octobre et décembre 2011", pub)]
['2012-Q2', '2011-Q4']
>>> [v for _, _, v in find_dates("remonte à 2005, lors de son exercice 2011, à 2000 euros", pub)]
['2005', '2011']
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
            "dimanche": 6}
NUMBERS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "dix": 10}
ORDINALS = {"premier": 1, "1er": 1, "deuxième": 2, "second": 2, "2e": 2, "troisième": 3,
            "3e": 3, "quatrième": 4, "dernier": 4, "4e": 4}

_M = "|".join(sorted(MONTHS, key=len, reverse=True))
_W = "|".join(WEEKDAYS)
_O = "|".join(sorted(ORDINALS, key=len, reverse=True))
_N = "|".join(NUMBERS)
_PATTERNS = [
    # "le trimestre avril-juin", "entre octobre et décembre": three months that make a quarter
    ("span", re.compile(rf"\b(?:(?:trimestre|période)\s+(?:d['’]\s*|de\s+)?|entre\s+|d['’]\s*)({_M})\s*(?:-|à|au|et)\s*({_M})(?:\s+(\d{{4}}))?\b", re.I)),
    # "au trimestre clos fin septembre": a quarter named by the month that closes it
    ("closed", re.compile(rf"\b(?:trimestre(?:\s+(?:fiscal|décalé)|\s+de\s+(?:son|l['’])\s*exercice(?:\s+(?:fiscal|décalé))?)?|"
                          rf"trois\s+mois),?\s+(?:clos|achevée?s?|terminée?s?|arrêtée?s?)\s+"
                          rf"(?:fin|à\s+la\s+fin|le\s+\d{{1,2}})\s+({_M})(?:\s+(\d{{4}}))?", re.I)),
    # "sur son exercice clos fin mars": the fiscal year, named by the year it closed in
    ("fyear", re.compile(rf"\bexercice(?:\s+(?:fiscal|décalé))?,?\s+(?:clos|achevé|terminé|arrêté)\s+"
                         rf"(?:fin|à\s+la\s+fin|le\s+\d{{1,2}})\s+({_M})(?:\s+(\d{{4}}))?", re.I)),
    # "le premier trimestre de son exercice décalé": a fiscal quarter, i.e. the calendar quarter
    # that last ended before publication (results come out in the weeks after a quarter closes)
    ("fiscal", re.compile(rf"\b(?:{_O})\s+trimestre\s+(?:fiscal|décalé|de\s+(?:son|l['’]|leur)\s*exercice"
                          rf"(?:\s+(?:fiscal|décalé))?)(?:\s+\d{{4}})?", re.I)),
    # "les trois derniers mois de 2023", "les six premiers mois de l'année 2022": a quarter, a half
    ("months", re.compile(r"\b(trois|six)\s+(derniers|premiers)\s+mois\s+de\s+(?:l['’]année(?:\s+(\d{4}))?|(\d{4}))\b", re.I)),
    # "sur l'ensemble de l'année": the year just closed when told in its first months
    ("wholeyear", re.compile(r"\bl['’]ensemble\s+de\s+l['’]année\b(?!\s+\d)", re.I)),
    ("dmy", re.compile(rf"\b(\d{{1,2}}|1er)\s+({_M})\s+(\d{{4}})\b", re.I)),
    ("dm", re.compile(rf"\b(\d{{1,2}}|1er)\s+({_M})\b(?!\s+\d{{4}})", re.I)),
    ("quarter", re.compile(rf"\b({_O})\s+trimestre(?:\s+(?:de\s+l'année\s+|fiscal\s+)?(\d{{4}}))?", re.I)),
    ("half", re.compile(rf"\b({_O})\s+semestre(?:\s+(\d{{4}}))?", re.I)),
    ("edge", re.compile(r"\b(fin|début|mi-?)\s*(?:de\s+|d['’]\s*)?(\d{4})\b", re.I)),
    ("my", re.compile(rf"\b(?:mi-)?({_M})\s+(\d{{4}})\b", re.I)),
    ("m", re.compile(rf"\b(?:en|depuis|fin|début|mi-|à la mi-|mois\s+de|mois\s+d['’])\s*({_M})\b(?!\s+\d)", re.I)),
    ("y", re.compile(r"\b(?:en|depuis|dès|d'ici|avant|après|année)\s+(\d{4})\b", re.I)),
    # "remonte à 2005", "lors de son exercice 2023": a year, not an amount ("à 2000 euros")
    ("y", re.compile(r"\b(?:à|exercice(?:\s+fiscal)?)\s+((?:19[5-9]|20[0-4])\d)\b(?![,.]?\d|\s*(?:%|€|\$|euros?|dollars?|"
                     r"salariés|employés|postes|emplois|personnes|unités|exemplaires|clients|abonnés|utilisateurs|points|mètres))", re.I)),
    ("weekday", re.compile(rf"\b({_W})\b(?!\s+\d)", re.I)),
    ("rel", re.compile(r"\b(hier|aujourd['’]hui|avant-hier)\b", re.I)),
    # "il y a deux ans": counted from the publication year
    ("ago", re.compile(rf"\bil\s+y\s+a\s+({_N}|\d+)\s+ans?\b", re.I)),
    ("lastyear", re.compile(r"\b(?:l['’]an|l['’]année)\s+(dernier|dernière|passé|passée|précédent)\b|"
                            r"\b(cette|l['’]an)\s+(?:année|prochain)\b", re.I)),
    ("season", re.compile(r"\b(?:printemps|été|automne|hiver)\s+(\d{4})\b", re.I)),
]
# Relative to the reference date (the previous date expression), resolved in a second pass.
_SHIFTS = [
    ("shift", re.compile(rf"\b({_N}|\d+)\s+ans?\s+plus\s+(tôt|tard)\b", re.I)),
    ("shift", re.compile(r"\bl['’](année)\s+(précédente|suivante|d['’]avant|d['’]après)\b", re.I)),
    ("same", re.compile(r"\b(?:la|le)\s+même\s+(année|jour)\b", re.I)),
    # "quelques mois plus tard": within the reference's year; "dans la foulée": at the reference
    ("within", re.compile(r"\b(?:quelques|plusieurs)\s+(?:mois|semaines|jours)\s+plus\s+(?:tôt|tard)\b", re.I)),
    ("meanwhile", re.compile(r"\b(?:dans\s+la\s+foulée|au\s+même\s+moment|ce\s+jour-là)\b", re.I)),
]


# Words of which a pattern needs one (in any case) to match at all. Each pattern scans the whole
# text, and most articles hold no quarter, season or "plus tard": testing the lower-cased text
# for these words first skips most scans (find_dates was 1.7 ms of an article's 2 ms).
_MONTH_WORDS = tuple(MONTHS)
_NEEDS = {
    "span": _MONTH_WORDS, "closed": ("trimestre", "mois"), "quarter": ("trimestre",), "half": ("semestre",),
    "fiscal": ("trimestre",), "months": ("mois",), "fyear": ("exercice",), "wholeyear": ("ensemble",),
    "dmy": _MONTH_WORDS, "dm": _MONTH_WORDS, "my": _MONTH_WORDS, "m": _MONTH_WORDS,
    "edge": ("fin", "début", "mi"), "ago": ("il y a",), "weekday": tuple(WEEKDAYS), "rel": ("hier", "aujourd"),
    "season": ("printemps", "été", "automne", "hiver"), "same": ("même",),
}
_SHIFT_NEEDS = {_SHIFTS[0][1]: ("plus",), _SHIFTS[1][1]: ("année",), _SHIFTS[3][1]: ("plus",),
               _SHIFTS[4][1]: ("foulée", "même moment", "jour-là")}
# re.IGNORECASE also matches "ı" to "i" and "ſ" to "s", which lower() does not fold: a text
# holding either runs every pattern as written.
_FOLD_EXCEPTIONS = ("ı", "ſ")
# Case-sensitive twins of the patterns (all written in lower case), run on the lower-cased
# text: a third faster than re.IGNORECASE, and the same matches at the same offsets, since
# every group is lower-cased or digits before use.
_EXACT = {p: re.compile(p.pattern, p.flags & ~re.I)
          for _, p in _PATTERNS + _SHIFTS if p.pattern == p.pattern.lower()}


def _scanner(text: str):
    """``scan(kind, pattern)`` → the pattern's matches in ``text``, none when a word it needs
    is absent, found on the lower-cased text when that gives the same offsets."""
    if any(c in text for c in _FOLD_EXCEPTIONS):
        return lambda kind, pattern: pattern.finditer(text)
    low = text.lower()
    exact = len(low) == len(text)  # "İ" lower-cases to two characters: offsets would move
    seen: dict[tuple[str, ...], bool] = {}

    def scan(kind: str, pattern: re.Pattern):
        words = _SHIFT_NEEDS.get(pattern) or _NEEDS.get(kind)
        if words is not None:
            if words not in seen:
                seen[words] = any(w in low for w in words)
            if not seen[words]:
                return iter(())
        twin = _EXACT.get(pattern) if exact else None
        return twin.finditer(low) if twin is not None else pattern.finditer(text)

    return scan


def _past_year(month: int, day: int, pub: dt.date) -> int:
    """The year that puts day/month at or before the publication date (with a week's slack)."""
    try:
        cand = dt.date(pub.year, month, day)
    except ValueError:
        return pub.year
    return pub.year if cand <= pub + dt.timedelta(days=7) else pub.year - 1


def _closed(g, m, pub):
    month = MONTHS[g[0].lower()]
    year = int(g[1]) if g[1] else (_past_year(month, 28, pub) if pub else None)
    return f"{year}-Q{(month - 1) // 3 + 1}" if year else None


def _span(g, m, pub):
    first, last = MONTHS[g[0].lower()], MONTHS[g[1].lower()]
    if last - first != 2 or first % 3 != 1:
        return None  # "de mars à mai" is no calendar quarter
    year = int(g[2]) if g[2] else (_past_year(last, 28, pub) if pub else None)
    return f"{year}-Q{last // 3}" if year else None


def _fiscal(g, m, pub):
    q = (pub.month - 1) // 3  # the quarter before the current one, 0 = the previous year's last
    return f"{pub.year - 1}-Q4" if q == 0 else f"{pub.year}-Q{q}"


def _fyear(g, m, pub):
    return g[1] or (str(_past_year(MONTHS[g[0].lower()], 28, pub)) if pub else None)


def _months(g, m, pub):
    n = 1 if g[1].lower() == "premiers" else 2
    year = g[2] or g[3] or (str(pub.year - (1 if n == 2 and pub.month <= 6 else 0)) if pub else None)
    if year is None:
        return None
    return f"{year}-Q{4 if n == 2 else 1}" if g[0].lower() == "trois" else f"{year}-H{n}"


def _lastyear(g, m, pub):
    if g[0]:
        return str(pub.year - 1)
    return str(pub.year + (1 if "prochain" in m.group(0).lower() else 0))


def _day(g):
    return 1 if g[0].lower() == "1er" else int(g[0])


def _dm(g, m, pub):
    month = MONTHS[g[1].lower()]
    return f"{_past_year(month, _day(g), pub):04d}-{month:02d}-{_day(g):02d}"


def _half(g, m, pub):
    n = 2 if ORDINALS[g[0].lower()] >= 2 else 1
    if g[1] or pub is None:
        return f"{g[1]}-H{n}" if g[1] else None
    return f"{pub.year - (1 if n == 2 and pub.month <= 6 else 0)}-H{n}"  # the latest such half


def _quarter(g, m, pub):
    n = ORDINALS[g[0].lower()]
    year = int(g[1]) if g[1] else (pub.year if pub else None)
    if year is None:
        return None
    if not g[1] and pub and (n - 1) * 3 + 1 > pub.month:
        year -= 1
    return f"{year}-Q{n}"


def _edge(g, m, pub):
    return f"{g[1]}-Q4" if g[0].lower() == "fin" else (f"{g[1]}-Q1" if g[0].lower() == "début" else g[1])


def _month(g, m, pub):
    month = MONTHS[g[0].lower()]
    return f"{_past_year(month, 1, pub):04d}-{month:02d}"


def _weekday(g, m, pub):
    return (pub - dt.timedelta(days=(pub.weekday() - WEEKDAYS[g[0].lower()]) % 7)).isoformat()


def _rel(g, m, pub):
    word = g[0].lower()
    return (pub - dt.timedelta(days=2 if word == "avant-hier" else (1 if word == "hier" else 0))).isoformat()


# kind → (needs the publication date, value from the match groups, the match and that date)
_VALUES = {
    "closed": (False, _closed), "span": (False, _span), "fiscal": (True, _fiscal),
    "fyear": (False, _fyear), "months": (False, _months),
    "wholeyear": (True, lambda g, m, pub: str(pub.year - 1 if pub.month <= 3 else pub.year)),
    "ago": (True, lambda g, m, pub: str(pub.year - (NUMBERS.get(g[0].lower()) or int(g[0])))),
    "lastyear": (True, _lastyear), "season": (False, lambda g, m, pub: g[0]),
    "dmy": (False, lambda g, m, pub: f"{int(g[2]):04d}-{MONTHS[g[1].lower()]:02d}-{_day(g):02d}"),
    "dm": (True, _dm), "quarter": (False, _quarter), "half": (False, _half), "edge": (False, _edge),
    "my": (False, lambda g, m, pub: f"{int(g[1]):04d}-{MONTHS[g[0].lower()]:02d}"),
    "m": (True, _month), "y": (False, lambda g, m, pub: g[0]),
    "weekday": (True, _weekday), "rel": (True, _rel),
}


def _value(kind: str, m: re.Match, pub: dt.date | None) -> str | None:
    """The normalised value of a date match of ``kind``, resolved against ``pub`` when needed."""
    needs_pub, value = _VALUES.get(kind, (True, None))
    if value is None or (needs_pub and pub is None):
        return None
    return value(m.groups(), m, pub)


def shift_years(value: str, years: int) -> str:
    """``value`` (a day, month, quarter, half or year) moved by whole years, same granularity.

    >>> shift_years("2012-Q2", -1), shift_years("2019", -1), shift_years("2012-02-29", 1)
    ('2011-Q2', '2018', '2013-02-28')
    """
    year, rest = int(value[:4]) + years, value[4:]
    if rest.endswith("-29") and rest.startswith("-02-"):
        rest = "-02-28"  # no 29 February in the shifted year unless it is a leap year too
        if (year % 4 == 0 and year % 100) or year % 400 == 0:
            rest = "-02-29"
    return f"{year:04d}{rest}"


def _relative(kind: str, m: re.Match, ref: str | None) -> str | None:
    """A date relative to the reference date ``ref`` ("un an plus tôt", "la même année")."""
    if ref is None:
        return None
    g = m.groups()
    if kind == "within":
        return ref[:4]
    if kind == "meanwhile":
        return ref
    if kind == "same":
        if g[0].lower() == "jour":
            return ref if len(ref) == 10 else None
        return ref[:4]
    if g[0].lower() == "année":
        n = -1 if g[1].lower() in ("précédente", "d'avant", "d’avant") else 1
    else:
        n = NUMBERS.get(g[0].lower()) or int(g[0])
        n = -n if g[1].lower() == "tôt" else n
        if len(ref) in (7, 10) and ref[5].isdigit():
            ref = ref[:4]  # "en mars 2020 … deux ans plus tard": a year, not March 2022
    return shift_years(ref, n)


def find_dates(text: str, pub: dt.date | None) -> list[tuple[int, int, str]]:
    """(start, end, value) for every date expression, earliest first, without overlaps."""
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    scan = _scanner(text)
    for kind, pattern in _PATTERNS:
        for m in scan(kind, pattern):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            value = _value(kind, m, pub)
            if value:
                found.append((m.start(), m.end(), value))
                taken.append((m.start(), m.end()))
    relative = sorted((m.start(), kind, m) for kind, pattern in _SHIFTS for m in scan(kind, pattern))
    for start, kind, m in relative:
        if any(start < e and s < m.end() for s, e in taken):
            continue
        before = [v for s, _, v in sorted(found) if s < start]
        if kind == "meanwhile":  # "dans la foulée": right after the last day told, if any
            before = [v for v in before if len(v) == 10]
            if not before:
                continue
        ref = before[-1] if before else (str(pub.year) if pub else None)
        value = _relative(kind, m, ref)
        if value:
            found.append((start, m.end(), value))
            taken.append((start, m.end()))
    return sorted(found)
