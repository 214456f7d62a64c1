"""Read article files (.txt, .md, .html) into :class:`~newsgraph.model.Article`.

Metadata is read, not treated as text: a leading ``Key: value`` block in .txt, YAML front matter
in .md, ``<meta>``/``<time>`` tags in HTML. Page furniture (photo captions and their credits,
promos, share lines, repeated captions) is dropped before any NLP sees the text.

Examples
--------
>>> a = parse_text_article("Title: Raid\\nDate: 2024-03-14\\n\\nThe group attacked a base.", "x.txt")
>>> a.title, a.published.isoformat(), a.text
('Raid', '2024-03-14', 'The group attacked a base.')
"""

from __future__ import annotations

import hashlib
import html as html_lib
import logging
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from pathlib import Path

from dateutil import parser as date_parser

from newsgraph.errors import InputError
from newsgraph.model import Article

__all__ = [
    "ARTICLE_SUFFIXES",
    "find_article_files",
    "read_article",
    "decode_article_bytes",
    "detect_language",
    "parse_text_article",
    "parse_markdown_article",
    "parse_html_article",
    "clean_body",
]

log = logging.getLogger("newsgraph")

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

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
_FURNITURE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^skip to (main )?content\.?$",
        r"^(look|watch|read more|read also|see also|related|also read|more|listen|video|photo|gallery)\s*:",
        r"^share( this( article| story)?)?\s*:?\s*$",
        r"^share (on|via) ",
        r"^(most popular|most read|trending|advertisement|subscribe.*|sign up.*|follow us.*)$",
        r"^\S+\.(jpe?g|png|gif|webp|svg)$",
        r".*\.(jpe?g|png|gif|webp)$",
        r"^\(?[\w ./&-]{0,40}/\)?\.?$",  # bare credits such as "(HANDOUT/)"
        r"^(?:\(\s*)?[\w .&'-]{0,25}/[\w .&'-]{0,25}(?:\s*\))?\.?$",
        r".*,\s*(left|right|center|centre|above|below|pictured)\s*\.?$",  # "Name, left."
        r"^(photo|image|file photo|credit)s?\b.*",
    )
]
# A trailing photo credit such as "(AFP)." or "(REUTERS)." or "(Reuters/Alamy)." marks a caption.
# A trailing photo credit such as "(AFP)." or "(REUTERS)" or "(Reuters/Alamy)." marks a caption;
# "... claimed by the Front (NLF)." is a sentence: its brackets name no news or photo agency.
_CAPTION_CREDIT = re.compile(r"\(\s*([A-Z][\w .&/'-]{0,40})\s*\)\s*\.?\s*(\(\s*([\w .&/'-]*)\)\s*)?$")
_PHOTO_CREDIT_WORDS = {"handout", "getty", "getty images", "alamy", "epa", "photo", "file", "ap photo",
                       "afp photo", "reuters photo", "pool", "courtesy", "supplied"}
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]{2,}(?:,\s*[A-Z][A-Za-z.]*(?:\s+\d{1,2})?)?\s*\([A-Za-z .]{1,30}\)\s*[-—–]+\s*"
)
_TERMINAL = re.compile(r"[.!?\"”’»)]\s*$")
_FULL_DATE = re.compile(
    r"\b(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})\b"
)


def find_article_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand files and folders into a sorted list of article files.

    Folders are walked recursively without following symlinked folders (so a symlink loop
    cannot hang the walk); files are returned in a stable order. What is left out for a reason
    a user would want to know (a folder that cannot be listed, a symlinked folder, a broken or
    looping link, a pipe or device named like an article) is logged as a warning.
    """
    found: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            reason = "broken or looping symbolic link" if path.is_symlink() else "no such file or folder"
            raise InputError(f"{path}: {reason}")
        if path.is_dir():
            found.update(_walk(path))
        elif path.suffix.lower() not in ARTICLE_SUFFIXES:
            raise InputError(
                f"{path}: not an article file (expected one of {', '.join(ARTICLE_SUFFIXES)})"
            )
        elif not path.is_file():
            # Reading a named pipe or a device would block or never end.
            raise InputError(f"{path}: not a regular file")
        else:
            found.add(path)
    return sorted(found)


def _walk(folder: Path) -> Iterator[Path]:
    def unreadable(exc: OSError) -> None:
        log.warning("skipped folder %s: cannot list it (%s)", exc.filename, exc.strerror or exc)

    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=False):
        for name in dirs:
            if (Path(root) / name).is_symlink():
                log.warning("skipped %s: symbolic link to a folder, not followed (give its target instead)",
                            Path(root) / name)
        for name in files:
            candidate = Path(root) / name
            if candidate.suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            if candidate.is_file():
                yield candidate
            elif candidate.is_symlink() and not candidate.exists():
                log.warning("skipped %s: broken or looping symbolic link", candidate)
            else:
                log.warning("skipped %s: not a regular file", candidate)


# Leading bytes of file types that are never articles, for a clearer message than "binary".
_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
    b"%PDF-": "PDF document",
    b"PK\x03\x04": "ZIP archive or office document",
    b"\x1f\x8b": "gzip archive",
    b"\x7fELF": "executable",
}
# Longest first: the UTF-32-LE byte-order mark starts with the UTF-16-LE one.
_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)


def decode_article_bytes(data: bytes, path: str | os.PathLike[str]) -> str:
    """Decode an article file: by its byte-order mark, as UTF-8, or by charset detection.

    Text that is not UTF-8 is decoded with the encoding ``charset-normalizer`` finds; when the
    text it gives is Latin script, Windows-1252 is preferred (what Western pages not in UTF-8
    mostly are, and the detector cannot tell Latin code pages apart on short English text).
    Binary files and bytes in no detectable encoding raise :class:`InputError`.

    >>> decode_article_bytes("The café was attacked.".encode("latin-1"), "old.txt")
    'The café was attacked.'
    >>> decode_article_bytes(b"\\x89PNG\\r\\n\\x1a\\n...", "photo.txt")
    Traceback (most recent call last):
    ...
    newsgraph.errors.InputError: photo.txt: binary file (PNG image), not an article
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}: starts with a {encoding.upper()} byte-order mark but is not "
                                 f"{encoding.upper()} text (bad byte at {exc.start + len(bom)})") from exc
    kind = next((name for magic, name in _SIGNATURES.items() if data.startswith(magic)), None)
    if kind is not None:
        raise InputError(f"{path}: binary file ({kind}), not an article")
    if b"\x00" in data:
        return _utf16_without_bom(data, path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None:
        raise InputError(f"{path}: binary file or text in an unknown encoding, not an article")
    if all(alphabet.startswith(("Basic Latin", "Latin", "General Punctuation"))
           for alphabet in match.alphabets):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(match)


def _utf16_without_bom(data: bytes, path: str | os.PathLike[str]) -> str:
    """Text files have no NUL bytes unless they are UTF-16, where Latin text has one in every
    other byte (the odd ones in little-endian order); anything else with NULs is binary."""
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    quarter = len(sample) // 4
    encoding = "utf-16-le" if odd > quarter > even else "utf-16-be" if even > quarter > odd else None
    if encoding is not None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    raise InputError(f"{path}: binary file or text in an unknown encoding, not an article")


def read_article(path: str | os.PathLike[str]) -> Article:
    """Read one article file, choosing the parser by its suffix.

    Raises :class:`InputError` for a file that cannot be read or decoded, and for an article
    that is clearly not in English (see :func:`detect_language`).
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    text = decode_article_bytes(data, path)
    suffix = path.suffix.lower()
    parse = (parse_html_article if suffix in (".html", ".htm")
             else parse_markdown_article if suffix in (".md", ".markdown")
             else parse_text_article)
    try:
        article = parse(text, str(path))
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - one file's failure (a parser bug, a missing optional
        # module, a value no parser expected) must skip that file, never end the whole build
        raise InputError(f"{path}: cannot be read as an article ({type(exc).__name__}: {exc})") from exc
    language = detect_language(article.text)
    if language is not None:
        name = _LANGUAGE_NAMES.get(language, f"language {language!r}")
        raise InputError(f"{path}: written in {name}, not English; newsgraph reads English articles only")
    return article


# The most frequent English function words: news prose in English is 30-50 % these words,
# other languages written in Latin script almost none (Spanish "a", "no" aside).
_ENGLISH_WORDS = frozenset(
    "the of and a an to in is was were are be been has had have that this it its for on with as by at "
    "from he she his her they their them who which said says but not or after before also will would "
    "could there than into over about more two three".split()
)
_LANGUAGE_SAMPLE = 20_000  # characters: enough to tell, cheap on a 20 MB file
_MIN_WORDS = 20  # shorter texts are too short to reject on statistics
_MIN_CONFIDENCE = 0.9
_LANGUAGE_NAMES = {
    "ar": "Arabic", "de": "German", "es": "Spanish", "fa": "Persian", "fr": "French", "it": "Italian",
    "ja": "Japanese", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese", "ru": "Russian", "tr": "Turkish",
    "uk": "Ukrainian", "ur": "Urdu", "zh": "Chinese",
}


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of a text that is clearly not English, else ``None``.

    Two opinions must agree, so that short English articles full of foreign names are never
    rejected: the share of English function words is low, and the ``py3langid`` classifier
    names another language with high confidence. Text mostly in a non-Latin script (Cyrillic,
    Arabic, CJK) with almost no English words is rejected whatever its length.

    >>> detect_language("Rebels attacked Bogotá on Monday.") is None
    True
    >>> detect_language("Боевики атаковали военную базу в понедельник.")
    'ru'
    """
    sample = text[:_LANGUAGE_SAMPLE]
    words = re.findall(r"[^\W\d_]+", sample.lower())
    if not words or sum(w in _ENGLISH_WORDS for w in words) / len(words) >= 0.15:
        return None
    letters = [c for c in sample if c.isalpha()]
    latin = sum(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in letters) / len(letters)
    if latin >= 0.5 and len(words) < _MIN_WORDS:
        return None
    language, confidence = _language_identifier().classify(sample)
    if language == "en" or (latin >= 0.5 and confidence < _MIN_CONFIDENCE):
        return None
    return language


@cache
def _language_identifier():  # -> py3langid.langid.LanguageIdentifier
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date_parser.parse(value, fuzzy=True, default=None).date()  # type: ignore[arg-type]
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
    if rest and len(first) < 200 and not _TERMINAL.search(first):
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


def _is_furniture(paragraph: str) -> bool:
    if any(p.match(paragraph) for p in _FURNITURE):
        return True
    # A photo caption: short, ends with a credit in brackets such as "(AFP)." or "(REUTERS)".
    match = _CAPTION_CREDIT.search(paragraph)
    if not match or len(paragraph) >= 300:
        return False
    from newsgraph.gazetteer import fold, gazetteer

    credits = " / ".join(filter(None, (match.group(1), match.group(3)))).split("/")
    return any(gazetteer().news_source(c.strip()) or fold(c.strip()) in _PHOTO_CREDIT_WORDS
               for c in credits if c.strip()) or "/" in match.group(0)


def _paragraphs(body: str) -> Iterator[str]:
    for block in re.split(r"\n\s*\n|\n(?=\S)", body):
        paragraph = re.sub(r"\s+", " ", block).strip()
        if paragraph:
            yield paragraph


def clean_body(body: str) -> str:
    """Drop furniture and repeated captions, normalise spacing; paragraphs joined by blank lines.

    >>> clean_body("A raid.\\n\\nA photo. (AFP).\\n\\nShare this article:\\n\\nMore text.")
    'A raid.\\n\\nMore text.'
    """
    paragraphs = list(_paragraphs(body))
    if paragraphs:
        # "BOGOTA (AFP) - ...": the dateline says where the report was filed, not what happened.
        paragraphs[0] = _DATELINE.sub("", paragraphs[0])
    counts = Counter(paragraphs)
    kept = [
        p
        for p in paragraphs
        # A paragraph printed twice in one article is a caption repeated by the page layout.
        if counts[p] == 1 and not _is_furniture(p)
    ]
    return repair_spacing("\n\n".join(kept))


# Function words that never end a proper name: "Marskovthe" is "Marskov the".
_ALWAYS_GLUED = ("according", "indicated", "the")
_GLUED_IF_KNOWN = ("and", "on", "who", "said", "says", "that", "with", "from", "in", "was", "is")


def repair_spacing(text: str) -> str:
    """Undo spacing damage common in scraped and machine-translated news.

    >>> repair_spacing("the Corps (CVR)one of the groups and Putinand Putin")
    'the Corps (CVR) one of the groups and Putin and Putin'
    """
    text = re.sub(r"\)(?=[A-Za-z])", ") ", text)
    text = re.sub(r"([”\"])(?=[A-Za-z])", r"\1 ", text) if text.count("“") or text.count("”") else text
    text = re.sub(r"\b([A-Z][a-z]{3,})(\d{1,3})\b", r"\1 \2", text)
    words = set(re.findall(r"\b[A-Za-z]+\b", text))

    def split(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower()
        for glue in _ALWAYS_GLUED + _GLUED_IF_KNOWN:
            if lower.endswith(glue) and len(word) - len(glue) >= 4:
                stem = word[: -len(glue)]
                if stem in words or (glue in _ALWAYS_GLUED and word[0].isupper()):
                    return f"{stem} {word[-len(glue):]}"
        return word

    return re.sub(r"\b[A-Za-z]{7,}\b", split, text)
