"""The figure an event is about: jobs cut, an amount with its currency, a market share, units
sold, users cut off, a price — as French news prints them ("5 000 postes", "26,2 milliards de
dollars", "2 % du marché")."""

from __future__ import annotations

import re

# Numbers as French prints them: "5 000", "1,1", "54,20", "10 160" (thin and no-break spaces).
_NUM = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_SCALE = r"(?:milliards?|millions?|mds?|mlns?)\s*"
_OF = r"(?:d['’]\s*|de\s+)?"
_CURRENCY = r"(?:euros?|dollars?|€|\$|livres(?:\s+sterling)?|francs(?:\s+suisses)?|yens?|wons?|yuans?)"
# "un milliard de dollars", "deux millions d'euros": a number in words needs its scale
_WORDS = r"\b(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|cent|quelques)\s+"
MONEY = re.compile(rf"(?:(?:{_NUM})\s*(?:{_SCALE})?|{_WORDS}{_SCALE}){_OF}{_CURRENCY}(?:\s+(?:par|l['’])\s*action)?", re.I)
_JOBS = re.compile(rf"(?:{_NUM})\s*(?:{_SCALE})?{_OF}(?:postes|emplois|salariés|personnes|employés|"
                   r"collaborateurs|agents)\b", re.I)
_UNITS = re.compile(rf"(?:{_NUM})\s*(?:{_SCALE})?{_OF}(?:smartphones|terminaux|téléphones|tablettes|"
                    r"unités|exemplaires|appareils|consoles|ordinateurs|abonnés|utilisateurs|clients)\b", re.I)
_SHARE = re.compile(rf"(?:{_NUM})\s*%\s*(?:du\s+marché|de\s+parts?\s+de\s+marché)", re.I)
_PERCENT = re.compile(rf"(?:{_NUM})\s*%", re.I)
_USERS = re.compile(rf"(?:{_NUM})\s*(?:{_SCALE})?{_OF}(?:clients|utilisateurs|abonnés|usagers|"
                    r"comptes|internautes)\b", re.I)
MONEY_WORD = re.compile(r"euros?|dollars?|€|\$|milliards?|millions?", re.I)
FIGURE = re.compile(r"\d")

# What each type counts (issue: jobs for layoffs, amounts with their currency for deals, fines
# and rounds, market shares or sales for results, users cut off for outages, a launch price).
QUANTITIES = {
    "Layoff": (_JOBS,),
    "Funding": (MONEY,),
    "Acquisition": (MONEY,),
    "Lawsuit": (MONEY,),
    "Results": (_SHARE, MONEY, _UNITS, _PERCENT),  # a bare rate only when no figure
    "Outage": (_USERS,),
    "ProductLaunch": (MONEY,),
}
_SHARE_TRIGGERS = {"part de marche", "parts de marche", "du marche"}


def quantity(typ: str, text: str, at: int = 0, trigger: str = "") -> str | None:
    """The figure an event of type ``typ`` is about, in ``text`` (a sentence), nearest the
    trigger at offset ``at`` and preferably after it: jobs for a Layoff ("5 000 postes"), an
    amount with its currency for Funding, Acquisition and Lawsuit (a per-share price only when
    no total is given), a market share, an amount or units sold for Results, users cut off
    for an Outage, a price for a ProductLaunch.

    >>> quantity("Layoff", "SFR va supprimer 5 000 postes d'ici 2019, pour 1 milliard d'euros")
    '5 000 postes'
    >>> quantity("Acquisition", "rachat pour 196 dollars par action, soit 26,2 milliards de dollars")
    '26,2 milliards de dollars'
    >>> quantity("Results", "il détenait 2 % du marché", 12, "du marche")
    '2 % du marché'
    """
    patterns = QUANTITIES.get(typ, ())
    if typ == "Results" and trigger in _SHARE_TRIGGERS:
        patterns = (_SHARE, _PERCENT)
    for pattern in patterns:
        found = [m for m in pattern.finditer(text)]
        if typ in ("Acquisition", "Funding") and any("action" not in m.group(0) for m in found):
            found = [m for m in found if "action" not in m.group(0)]
        if found:
            best = min(found, key=lambda m: (m.start() < at, abs(m.start() - at)))
            return " ".join(best.group(0).split())
    return None
