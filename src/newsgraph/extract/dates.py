"""Resolve date expressions against the article's date, as precisely as the text allows.

Examples
--------
>>> from datetime import date
>>> anchor = date(2023, 5, 23)  # a Tuesday
>>> resolve_date("Monday", anchor)
Literal(value='2023-05-22', datatype='date')
>>> resolve_date("In March", anchor)
Literal(value='2023-03', datatype='gYearMonth')
>>> resolve_date("in August 2022", anchor)
Literal(value='2022-08', datatype='gYearMonth')
>>> resolve_date("late 2020", None)
Literal(value='2020', datatype='gYear')

An article dated only to the month resolves a month without a year, not a weekday:

>>> from newsgraph.model import MonthAnchor
>>> resolve_date("the June 12 attack", MonthAnchor(2024, 6)), resolve_date("Monday", MonthAnchor(2024, 6))
(Literal(value='2024-06-12', datatype='date'), None)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from spacy.tokens import Span, Token

from newsgraph.extract.words import SPEECH_VERBS
from newsgraph.model import DateAnchor, Literal

__all__ = ["resolve_date", "date_near", "dates_under"]

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _month_year(month: int, anchor: DateAnchor | None) -> int | None:
    if anchor is None:
        return None
    # A month named without a year is the latest such month up to the article date.
    return anchor.year if month <= anchor.month else anchor.year - 1


def resolve_date(text: str, anchor: DateAnchor | None) -> Literal | None:
    """A typed literal for a date expression, or None when it cannot be pinned down."""
    t = text.lower().replace(",", " ").replace(".", " ")
    words = re.findall(r"[a-z]+|\d+", t)
    years = [int(w) for w in words if len(w) == 4 and w.isdigit() and 1800 < int(w) < 2200]
    months = [_MONTHS[w] for w in words if w in _MONTHS and not (w == "may" and not _month_context(words))]
    days = [int(w) for w in words if w.isdigit() and len(w) <= 2 and 1 <= int(w) <= 31]
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if iso:
        return Literal(iso.group(0), "date")
    if not months and (holiday := _holiday(words)) is not None:
        months, days = [holiday[0]], [holiday[1]]  # "on Christmas Day 2009"
    if months:
        month = months[0]
        year = years[0] if years else _month_year(month, anchor)
        if year is None:
            return None
        if days:
            try:
                return Literal(date(year, month, days[0]).isoformat(), "date")
            except ValueError:
                return None
        return Literal(f"{year:04d}-{month:02d}", "gYearMonth")
    if years:
        return Literal(f"{years[0]:04d}", "gYear")
    if not isinstance(anchor, date):
        return None  # "Monday", "yesterday": only a full date says which day
    if "yesterday" in words:
        return Literal((anchor - timedelta(days=1)).isoformat(), "date")
    if "today" in words or "tonight" in words:
        return Literal(anchor.isoformat(), "date")
    for word in words:
        if word in _WEEKDAYS:
            back = (anchor.weekday() - _WEEKDAYS.index(word)) % 7
            if back == 0 and "last" in words:
                back = 7
            return Literal((anchor - timedelta(days=back)).isoformat(), "date")
    return None


def resolve_date_entity(ent: Span, anchor: DateAnchor | None) -> Literal | None:
    """:func:`resolve_date` of a DATE entity, with the day number spaCy's English models leave
    out of a date that premodifies a noun: in "a 6 April 2010 ambush" the entity is "April
    2010", and "6" is a number modifying the same noun."""
    text = ent.text
    if ent.start > 0 and ent[0].lower_.rstrip(".") in _MONTHS:
        before = ent.doc[ent.start - 1]
        day = before.text
        if (day.isascii() and day.isdigit() and len(day) <= 2 and 1 <= int(day) <= 31
                and before.head.i in (ent[0].i, ent.root.head.i)):
            text = f"{day} {text}"
    return resolve_date(text, anchor)


def _holiday(words: list[str]) -> tuple[int, int] | None:
    """(month, day) of a holiday with a fixed date in the Gregorian calendar: "Christmas Day",
    "Christmas Eve", "New Year's Day", "New Year's Eve", "Boxing Day", "Halloween"."""
    if "christmas" in words:
        return (12, 24) if "eve" in words else (12, 25)
    if "new" in words and "year" in words:
        return (12, 31) if "eve" in words else (1, 1) if "day" in words else None
    if "boxing" in words and "day" in words:
        return (12, 26)
    if "halloween" in words:
        return (10, 31)
    return None


def _month_context(words: list[str]) -> bool:
    """"May" is a month only next to a number or after a preposition ("in May", "May 23")."""
    i = words.index("may")
    before = words[i - 1] if i else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    return before in ("in", "on", "of", "since", "until", "by", "mid", "early", "late", "") or after.isdigit()


def date_near(tok: Token, sent: Span, anchor: DateAnchor | None, strict: bool = False) -> Literal | None:
    """The date of the clause an attack word is in: a DATE attached to it or its verb first,
    then (unless ``strict``) any other date of the sentence; never the date someone *said*
    something, nor a date of comparison ("the deadliest since the siege in 2004")."""
    candidates = list(_clause_dates(tok, sent, anchor, strict))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def refined_date(value: Literal, tok: Token, sent: Span, anchor: DateAnchor | None,
                 strict: bool = False) -> Literal:
    """``value`` (an attack's year or month), or the most precise date of the sentence within it
    that :func:`date_near` would also accept: "the April 2010 attack was a 6 April 2010 ambush"
    gives 2010-04-06, as precise as the text allows."""
    finer = [v for _, v in _clause_dates(tok, sent, anchor, strict)
             if len(v.value) > len(value.value) and v.value.startswith(value.value + "-")]
    return max(finer, key=lambda v: len(v.value)) if finer else value


def _clause_dates(tok: Token, sent: Span, anchor: DateAnchor | None, strict: bool):
    """The sentence's dates :func:`date_near` may give the attack word ``tok``, each as
    ((outside its clause, hops from it, position), value); ``strict``: only those of its clause
    or opening the sentence."""
    anchors = {tok.i}
    node = tok
    while node.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "prep", "compound") and node.head.i != node.i:
        if node.dep_ == "prep" and node.head.pos_ in ("NOUN", "PROPN"):
            break  # "the mastermind of the attack ... was killed in 2022": that clause is the mastermind's
        node = node.head
        anchors.add(node.i)
    for ent in sent.ents:
        if ent.label_ != "DATE" or (value := resolve_date_entity(ent, anchor)) is None:
            continue
        hops, node = 0, ent.root
        while node.i not in anchors and node.head.i != node.i and hops < 6:
            node, hops = node.head, hops + 1
        if ent.root.head.lemma_ in SPEECH_VERBS or any(t.lower_ in ("since", "until") for t in ent):
            continue
        if ent.root.head.lower_ in ("since", "until", "before", "after"):
            continue
        if any((a.lower_ in _COMPARISON_WORDS or any(c.dep_ == "mark" and c.lower_ in _COMPARISON_WORDS
                                                     for c in a.children)) and a.i not in anchors
               for a in [ent.root, *_path_up(ent.root, anchors)]):
            continue  # "the largest since it lost its last territory in 2019"
        # "In 2024, G claimed it had ...": a date that opens the sentence frames all of it.
        opening = ent.start - sent.start <= 3 and ent.end < sent.end and sent.doc[ent.end].text == ","
        if strict and node.i not in anchors and not opening:
            continue
        yield (node.i not in anchors, hops, ent.start), value


_COMPARISON_WORDS = {"since", "until", "before", "after", "than", "prior"}


def _path_up(tok: Token, stop: set[int]) -> list[Token]:
    """The tokens from ``tok`` up the tree to the first of ``stop`` (or the root)."""
    path: list[Token] = []
    while tok.i not in stop and tok.head.i != tok.i and len(path) < 8:
        tok = tok.head
        path.append(tok)
    return path


def dates_under(tok: Token, ents: Sequence[Span], anchor: DateAnchor | None) -> Literal | None:
    """A date inside the phrase a token heads, attached to it or to its direct dependent."""
    for ent in ents:
        if ent.label_ == "DATE" and tok.left_edge.i <= ent.start and ent.end <= tok.right_edge.i + 1:
            if ent.root.head.i == tok.i or ent.root.head.head.i == tok.i:
                value = resolve_date_entity(ent, anchor)
                if value is not None:
                    return value
    return None
