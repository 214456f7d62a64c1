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
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from spacy.tokens import Span, Token

from newsgraph.extract.words import SPEECH_VERBS
from newsgraph.model import Literal

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


def _month_year(month: int, anchor: date | None) -> int | None:
    if anchor is None:
        return None
    # A month named without a year is the latest such month up to the article date.
    return anchor.year if month <= anchor.month else anchor.year - 1


def resolve_date(text: str, anchor: date | None) -> Literal | None:
    """A typed literal for a date expression, or None when it cannot be pinned down."""
    t = text.lower().replace(",", " ").replace(".", " ")
    words = re.findall(r"[a-z]+|\d+", t)
    years = [int(w) for w in words if len(w) == 4 and w.isdigit() and 1800 < int(w) < 2200]
    months = [_MONTHS[w] for w in words if w in _MONTHS and not (w == "may" and not _month_context(words))]
    days = [int(w) for w in words if w.isdigit() and len(w) <= 2 and 1 <= int(w) <= 31]
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if iso:
        return Literal(iso.group(0), "date")
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
    if anchor is None:
        return None
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


def _month_context(words: list[str]) -> bool:
    """"May" is a month only next to a number or after a preposition ("in May", "May 23")."""
    i = words.index("may")
    before = words[i - 1] if i else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    return before in ("in", "on", "of", "since", "until", "by", "mid", "early", "late", "") or after.isdigit()


def date_near(tok: Token, sent: Span, anchor: date | None, strict: bool = False) -> Literal | None:
    """The date of the clause an attack word is in: a DATE attached to it or its verb first,
    then (unless ``strict``) any other date of the sentence; never the date someone *said*
    something, nor a date of comparison ("the deadliest since the siege in 2004")."""
    anchors = {tok.i}
    node = tok
    while node.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "prep", "compound") and node.head.i != node.i:
        node = node.head
        anchors.add(node.i)
    candidates = []
    for ent in sent.ents:
        if ent.label_ != "DATE" or (value := resolve_date(ent.text, anchor)) is None:
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
        candidates.append((node.i not in anchors, hops, ent.start, value))
    return min(candidates, key=lambda c: c[:3])[3] if candidates else None


_COMPARISON_WORDS = {"since", "until", "before", "after", "than", "prior"}


def _path_up(tok: Token, stop: set[int]) -> list[Token]:
    """The tokens from ``tok`` up the tree to the first of ``stop`` (or the root)."""
    path: list[Token] = []
    while tok.i not in stop and tok.head.i != tok.i and len(path) < 8:
        tok = tok.head
        path.append(tok)
    return path


def dates_under(tok: Token, ents: Sequence[Span], anchor: date | None) -> Literal | None:
    """A date inside the phrase a token heads, attached to it or to its direct dependent."""
    for ent in ents:
        if ent.label_ == "DATE" and tok.left_edge.i <= ent.start and ent.end <= tok.right_edge.i + 1:
            if ent.root.head.i == tok.i or ent.root.head.head.i == tok.i:
                value = resolve_date(ent.text, anchor)
                if value is not None:
                    return value
    return None
