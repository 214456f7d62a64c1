"""Article metadata checked before it is believed: full dates only, plain values only, bounded sizes.

A metadata value comes from a stranger's file, so it is refused or cut rather than trusted:

* a date is a full calendar date that the value states (``2024-03-14``, ``14 March 2024``,
  ``March 14, 2024``) or no date at all. A value without a four-digit year, month and day
  (``Monday``, ``March 5``, ``2024-06``) or an impossible one (``2023-02-30``) gives none,
  never a date completed from the build day;
* YAML front matter is at most :data:`FRONT_MATTER_CHARS` characters and may not use aliases (the
  "billion laughs" alias bomb expands a 1 KB file into gigabytes); a known key whose value is a
  list, a mapping or a tagged value (``!!binary``) is ignored with a warning naming the key;
* each value is one line of visible text, at most :data:`METADATA_CAPS` characters: a longer
  title or publisher is cut, a longer URL or date dropped, with a warning.

Examples
--------
>>> full_date("March 14, 2024").isoformat(), full_date("2024-03-14T23:30:00+05:00").isoformat()
('2024-03-14', '2024-03-14')
>>> [full_date(v) for v in ("Monday", "March 5", "2024-06", "2023-02-30", "<script>1</script>")]
[None, None, None, None, None]
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime
from functools import cache

from dateutil import parser as date_parser

from newsgraph.errors import InputError, one_line
from newsgraph.ingest.cleanup import visible_text
from newsgraph.model import MonthAnchor

__all__ = ["META_KEYS", "METADATA_CAPS", "FRONT_MATTER_CHARS", "full_date", "month_anchor",
           "checked_metadata", "front_matter"]

log = logging.getLogger("newsgraph")

# The names a header, front matter or page gives a metadata field, and the field each one fills.
META_KEYS = {
    "title": "title",
    "headline": "title",
    "source": "source",
    "url": "url",
    "source url": "url",
    "link": "url",
    "date": "date",
    "published": "date",
    "publication date": "date",
    "publisher": "publisher",
    "outlet": "publisher",
    "site": "publisher",
    "author": "author",
    "byline": "author",
}
# Longest value kept per field, in characters. A title or name is cut (still readable); a URL or
# a date cut short would be a wrong one, so a longer one is dropped.
METADATA_CAPS = {"title": 500, "publisher": 200, "author": 200, "source": 2000, "url": 2000, "date": 100}
_CUT_FIELDS = frozenset({"title", "publisher", "author"})
FRONT_MATTER_CHARS = 65_536

_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
# Two defaults that differ in every field: a value that does not state its year, month and day
# gives two different dates, so it is no date (dateutil fills a missing field from its default,
# which is today's date unless one is given).
_DEFAULTS = (datetime(2000, 1, 1), datetime(2004, 12, 28))


def full_date(value: str | None) -> date | None:
    """The calendar date ``value`` states in full, else ``None``; never completed from today."""
    if not value or len(value) > METADATA_CAPS["date"]:
        return None
    years = set(_YEAR.findall(value))
    if not years:
        return None  # a two-digit year would be put in a century chosen by today's date
    try:
        first, second = (date_parser.parse(value, fuzzy=True, default=d) for d in _DEFAULTS)
        first.utcoffset()  # raises for an offset of a day or more ("+99:00")
    except (ValueError, OverflowError, TypeError):
        return None
    if first.date() != second.date() or f"{first.year:04d}" not in years:
        return None
    return first.date()


_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_YEAR_MONTH = re.compile(r"(\d{4})(?:-(\d{2}))?")
_MONTH_YEAR = re.compile(r"([A-Za-z]+)\.?,?\s+(\d{4})")


def month_anchor(value: str | None) -> MonthAnchor | None:
    """The latest month a date given only to the month or the year can be: ``2024-06``, ``June
    2024`` and ``Jun. 2024`` give June 2024, ``2024`` December 2024; anything else ``None``.

    >>> month_anchor("2024-06"), month_anchor("June 2024"), month_anchor("2024")
    (MonthAnchor(year=2024, month=6), MonthAnchor(year=2024, month=6), MonthAnchor(year=2024, month=12))
    >>> month_anchor("unknown"), month_anchor("2024-13"), month_anchor("Smarch 2024")
    (None, None, None)
    """
    text = (value or "").strip()
    if match := _YEAR_MONTH.fullmatch(text):
        year, month = int(match.group(1)), int(match.group(2) or 12)
    elif (match := _MONTH_YEAR.fullmatch(text)) and len(match.group(1)) >= 3:
        names = [i for i, name in enumerate(_MONTH_NAMES, 1) if name.startswith(match.group(1).lower())]
        if len(names) != 1:
            return None
        year, month = int(match.group(2)), names[0]
    else:
        return None
    return MonthAnchor(year, month) if 1 <= month <= 12 and year >= 1 else None


def checked_metadata(raw: dict[str, str], path: str) -> dict[str, str]:
    """Each value as one line of visible text within its field's cap (see the module docstring);
    a value cut or dropped is logged as a warning naming the file and the field."""
    meta: dict[str, str] = {}
    for name, value in raw.items():
        text = one_line(visible_text(value))
        cap = METADATA_CAPS.get(name)
        if cap is not None and len(text) > cap:
            if name not in _CUT_FIELDS:
                log.warning("%s: %s is %s characters long (at most %s); ignored", path, name,
                            f"{len(text):,}", f"{cap:,}")
                continue
            log.warning("%s: %s is %s characters long; cut to %s", path, name, f"{len(text):,}", f"{cap:,}")
            text = text[: cap - 1].rstrip() + "…"
        if text:
            meta[name] = text
    if "date" in meta and full_date(meta["date"]) is None:
        if (month := month_anchor(meta["date"])) is None:
            log.warning("%s: date %r is not a full calendar date; the article has no date",
                        path, meta["date"])
            del meta["date"]
        else:
            log.warning("%s: date %r is not a full calendar date; the article has no publication date, "
                        "and a month named without a year is read as the latest up to %04d-%02d",
                        path, meta["date"], *month)
    return meta


def front_matter(text: str, path: str) -> dict[str, str]:
    """The known fields of YAML front matter, as the text the file gives them.

    Raises :class:`InputError` for front matter that is too long, uses aliases or is not YAML.
    Values are the scalars' own text (``date: 2023-02-30`` is the string ``"2023-02-30"``, never
    a Python date or an exception); a list, mapping or tagged value is ignored with a warning.
    """
    import yaml

    if len(text) > FRONT_MATTER_CHARS:
        raise InputError(f"{path}: front matter is {len(text):,} characters long "
                         f"(at most {FRONT_MATTER_CHARS:,}); newsgraph refuses it")
    try:
        root = yaml.compose(text, Loader=_loader())
    except _AliasRefused as exc:
        raise InputError(f"{path}: front matter uses a YAML alias ({exc}); "
                         "newsgraph refuses aliases") from exc
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise InputError(one_line(f"{path}: front matter is not valid YAML ({problem})")) from exc
    meta: dict[str, str] = {}
    if not isinstance(root, yaml.MappingNode):
        return meta
    for key_node, value_node in root.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        name = META_KEYS.get(key_node.value.strip().lower())
        if name is None:
            continue
        if not isinstance(value_node, yaml.ScalarNode) or value_node.tag not in _PLAIN_TAGS:
            kind = ("a list" if isinstance(value_node, yaml.SequenceNode)
                    else "a mapping" if isinstance(value_node, yaml.MappingNode)
                    else f"tagged {value_node.tag.rsplit(':', 1)[-1]!r}")
            log.warning("%s: front matter key %r is %s, not a plain value; ignored", path,
                        one_line(key_node.value)[:80], kind)
            continue
        if value_node.tag != _NULL:
            meta.setdefault(name, value_node.value)
    return meta


_NULL = "tag:yaml.org,2002:null"
# The tags YAML gives plain scalars by itself; any other (``!!binary``, ``!!python/...``, ``!x``)
# was written into the file on purpose and is not a title or a date.
_PLAIN_TAGS = frozenset("tag:yaml.org,2002:" + t
                        for t in ("str", "int", "float", "bool", "null", "timestamp"))


class _AliasRefused(Exception):
    """A YAML alias in front matter."""


@cache
def _loader() -> type:
    import yaml

    class FrontMatterLoader(yaml.SafeLoader):
        """SafeLoader that stops at the first alias, before anything is expanded."""

        def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise _AliasRefused(f"*{event.anchor} at line {event.start_mark.line + 1}")
            return super().compose_node(parent, index)

    return FrontMatterLoader
