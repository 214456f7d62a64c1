"""The three article formats: ``.txt`` with a leading ``Key: value`` block, ``.md`` with YAML front
matter, ``.html`` (trafilatura for the main text, ``<meta>``/``<time>`` for metadata)."""

from __future__ import annotations

import hashlib
import html as html_lib
import re
from datetime import date

from dateutil import parser as date_parser

from newsgraph.errors import InputError
from newsgraph.ingest.cleanup import TERMINAL, clean_body
from newsgraph.model import Article

_META_KEYS = {
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
_META_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z ]{1,20}):\s*(.*?)\s*$")

# Lines that are page furniture, not article text.
_FULL_DATE = re.compile(
    r"\b(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})\b"
)


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date_parser.parse(value, fuzzy=True, default=None).date()
    except (ValueError, OverflowError, TypeError):
        return None


def _anchor_date(raw: str) -> date | None:
    dates = [d for d in (_parse_date(m.group(0)) for m in _FULL_DATE.finditer(raw)) if d]
    return max(dates) if dates else None


def _meta_from_lines(lines: list[str]) -> dict[str, str]:
    meta: dict[str, str] = {}
    for line in lines:
        match = _META_LINE.match(line)
        if match and match.group(1).strip().lower() in _META_KEYS:
            meta.setdefault(_META_KEYS[match.group(1).strip().lower()], match.group(2))
    return meta


def _make_article(path: str, body: str, meta: dict[str, str], raw: str) -> Article:
    source = meta.get("source", "")
    url = meta.get("url") or (source if re.match(r"https?://", source) else None)
    publisher = meta.get("publisher") or (source if source and not url else None)
    cleaned = clean_body(body)
    title = meta.get("title")
    if not title:
        title, cleaned = _split_headline(cleaned)
    published = _parse_date(meta.get("date"))
    digest = hashlib.sha256(cleaned.encode("utf-8")).hexdigest()[:16]
    return Article(
        id=digest,
        path=path,
        text=cleaned,
        title=title,
        url=url,
        published=published,
        publisher=publisher or None,
        anchor_date=published or _anchor_date(raw),
    )


def _split_headline(text: str) -> tuple[str | None, str]:
    """A first paragraph without terminal punctuation is the headline, not a sentence."""
    first, _, rest = text.partition("\n\n")
    if rest and len(first) < 200 and not TERMINAL.search(first):
        return first, rest
    return None, text


def parse_text_article(text: str, path: str) -> Article:
    """Plain text: an optional leading ``Key: value`` block and trailing ``Source: X`` line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    head: list[str] = []
    while lines and (not lines[0].strip() and not head):
        lines.pop(0)
    # The header is the leading run of "Key: value" lines, unknown keys ("Category:") included,
    # provided it names at least one key we know.
    run = 0
    while run < len(lines) and _META_LINE.match(lines[run]):
        run += 1
    if any(_META_LINE.match(line).group(1).strip().lower() in _META_KEYS for line in lines[:run]):  # type: ignore[union-attr]
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
    return _make_article(path, "\n".join(body_lines), meta, text)


def parse_markdown_article(text: str, path: str) -> Article:
    """Markdown: YAML front matter for metadata; headings, emphasis and links reduced to text."""
    import yaml

    meta: dict[str, str] = {}
    body = text.replace("\r\n", "\n")
    match = re.match(r"^\ufeff?---\n(.*?)\n---\s*\n", body, re.DOTALL)
    if match:
        try:
            front = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as exc:
            raise InputError(f"{path}: front matter is not valid YAML ({exc.problem})") from exc
        if isinstance(front, dict):
            for key, value in front.items():
                name = _META_KEYS.get(str(key).lower())
                if name and value is not None:
                    meta.setdefault(name, str(value))
        body = body[match.end() :]
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

    page = re.sub(r"(?is)<(figure|figcaption|script|style|noscript)\b.*?</\1>", " ", text)
    doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                      include_tables=False, include_images=False)
    body = trafilatura.extract(page, output_format="txt", include_comments=False,
                               include_tables=False, include_images=False) or ""
    meta: dict[str, str] = {}
    if doc is not None:
        for key, attr in (("title", "title"), ("date", "date"), ("publisher", "sitename"), ("url", "url")):
            value = getattr(doc, attr, None)
            if value:
                meta[key] = html_lib.unescape(str(value))
    time_tag = re.search(r"<time[^>]*datetime=\"([^\"]+)\"", text)
    if "date" not in meta and time_tag:
        meta["date"] = time_tag.group(1)
    return _make_article(path, body, meta, re.sub(r"<[^>]+>", " ", text))
