"""The three article formats: ``.txt`` with a leading ``Key: value`` block, ``.md`` with YAML front
matter, ``.html`` (trafilatura for the main text, ``<meta>``/``<time>`` for metadata)."""

from __future__ import annotations

import hashlib
import html as html_lib
import re
from datetime import date
from html.parser import HTMLParser

from newsgraph.ingest.cleanup import TERMINAL, clean_body, unwrap_lines, visible_text
from newsgraph.ingest.metadata import META_KEYS, checked_metadata, front_matter, full_date, month_anchor
from newsgraph.model import Article, DateAnchor, MonthAnchor

_META_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z ]{1,20}):\s*(.*?)\s*$")

# Lines that are page furniture, not article text.
_FULL_DATE = re.compile(
    r"\b(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})\b"
)


def _anchor_date(raw: str) -> date | None:
    dates = [d for d in (full_date(m.group(0)) for m in _FULL_DATE.finditer(raw)) if d]
    return max(dates) if dates else None


def _meta_from_lines(lines: list[str]) -> dict[str, str]:
    meta: dict[str, str] = {}
    for line in lines:
        match = _META_LINE.match(line)
        if match and match.group(1).strip().lower() in META_KEYS:
            meta.setdefault(META_KEYS[match.group(1).strip().lower()], match.group(2))
    return meta


def _make_article(path: str, body: str, meta: dict[str, str], raw: str) -> Article:
    meta = checked_metadata(meta, path)
    source = meta.get("source", "")
    url = meta.get("url") or (source if re.match(r"https?://", source) else None)
    publisher = meta.get("publisher") or (source if source and not url else None)
    cleaned = clean_body(body)
    title = meta.get("title")
    if not title:
        title, cleaned = _split_headline(cleaned)
    published = full_date(meta.get("date"))
    digest = hashlib.sha256(cleaned.encode("utf-8")).hexdigest()[:16]
    return Article(
        id=digest,
        path=path,
        text=cleaned,
        title=title,
        url=url,
        published=published,
        publisher=publisher or None,
        anchor_date=published or _anchor(month_anchor(meta.get("date")), _anchor_date(raw)),
    )


def _anchor(month: MonthAnchor | None, seen: date | None) -> DateAnchor | None:
    """What relative dates resolve against without a publication date: the latest full date
    in the page where it falls in the month the article's date gives (it names the day), else
    that month; the latest full date in the page when the article gives no date at all."""
    if month is None:
        return seen
    return seen if seen is not None and (seen.year, seen.month) == month else month


def _split_headline(text: str) -> tuple[str | None, str]:
    """A first paragraph without terminal punctuation is the headline, not a sentence."""
    first, _, rest = text.partition("\n\n")
    if rest and len(first) < 200 and not TERMINAL.search(first):
        return first, rest
    return None, text


def parse_text_article(text: str, path: str) -> Article:
    """Plain text: an optional leading ``Key: value`` block and trailing ``Source: X`` line;
    hard-wrapped paragraphs are joined (see :func:`~newsgraph.ingest.cleanup.unwrap_lines`)."""
    text = visible_text(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    head: list[str] = []
    while lines and (not lines[0].strip() and not head):
        lines.pop(0)
    # The header is the leading run of "Key: value" lines, unknown keys ("Category:") included,
    # provided it names at least one key we know.
    run = 0
    while run < len(lines) and _META_LINE.match(lines[run]):
        run += 1
    if any(_META_LINE.match(line).group(1).strip().lower() in META_KEYS for line in lines[:run]):  # type: ignore[union-attr]
        head, lines = lines[:run], lines[run:]
    meta = _meta_from_lines(head)
    # A closing "Source: Outlet" line names the publisher; it is not article text.
    body_lines: list[str] = []
    for line in lines:
        match = _META_LINE.match(line)
        if match and match.group(1).strip().lower() in ("source", "publisher") and len(line) < 80:
            value = match.group(2)
            meta.setdefault("url" if re.match(r"https?://", value) else "publisher", value)
            continue
        body_lines.append(line)
    return _make_article(path, unwrap_lines("\n".join(body_lines)), meta, text)


def parse_markdown_article(text: str, path: str) -> Article:
    """Markdown: YAML front matter for metadata; headings, emphasis and links reduced to text."""
    meta: dict[str, str] = {}
    body = visible_text(text).replace("\r\n", "\n")
    match = re.match(r"^---\n(.*?)\n---\s*\n", body, re.DOTALL)
    if match:
        meta = front_matter(match.group(1), path)
        body = body[match.end() :]
    body = unwrap_lines(body)
    lines = []
    for line in body.split("\n"):
        heading = re.match(r"^\s*#{1,6}\s+(.*)$", line)
        if heading:
            meta.setdefault("title", heading.group(1).strip())
            continue
        line = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line)  # images
        line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)  # links keep their text
        line = re.sub(r"(\*\*|__|\*|_|`)(.+?)\1", r"\2", line)
        line = re.sub(r"^\s*(>|[-*+]\s)\s*", "", line)
        lines.append(line)
    return _make_article(path, "\n".join(lines), meta, text)


def parse_html_article(text: str, path: str) -> Article:
    """HTML: main text by trafilatura, metadata from ``<meta>``/``<time>``; captions dropped."""
    import trafilatura

    text = visible_text(text)
    page = re.sub(r"(?is)<(figure|figcaption|script|style|noscript)\b.*?</\1>", " ", text)
    doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                      include_tables=False, include_images=False)
    body = trafilatura.extract(page, output_format="txt", include_comments=False,
                               include_tables=False, include_images=False) or ""
    meta: dict[str, str] = {}
    if doc is not None:
        for key, attr in (("title", "title"), ("publisher", "sitename"), ("url", "url")):
            value = getattr(doc, attr, None)
            if value:
                meta[key] = html_lib.unescape(str(value))
    # The date is read from the page's own tags, not from trafilatura, which guesses one from the
    # text and the URL and refuses dates after the day it runs (so the result would depend on it).
    published = _page_date(text)
    if published:
        meta["date"] = published
    return _make_article(path, body, meta, re.sub(r"<[^>]+>", " ", text))


# Where pages state their publication date, most trusted first.
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "date", "pubdate",
              "publishdate", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
              "parsely-pub-date")


class _DateTags(HTMLParser):
    """The ``content`` of each date ``<meta>`` tag and the first ``<time datetime>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.time: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag == "meta":
            for attr in ("property", "name", "itemprop"):
                key = values.get(attr, "").strip().lower()
                if key in _DATE_META and values.get("content"):
                    self.meta.setdefault(key, values["content"])
        elif tag == "time" and self.time is None and values.get("datetime"):
            self.time = values["datetime"]


def _page_date(page: str) -> str | None:
    """The publication date a page states in its tags (the first that names one), as written."""
    tags = _DateTags()
    try:
        tags.feed(page)
        tags.close()
    except (AssertionError, ValueError):
        pass  # markup the parser gives up on: the tags read before it count
    stated = [tags.meta[k] for k in _DATE_META if k in tags.meta] + ([tags.time] if tags.time else [])
    return next((value for value in stated if full_date(value) is not None), stated[0] if stated else None)
