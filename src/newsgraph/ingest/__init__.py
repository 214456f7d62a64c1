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

import os
import stat
from pathlib import Path

from newsgraph.errors import InputError, one_line
from newsgraph.ingest.cleanup import clean_body, repair_spacing, unwrap_lines, visible_text
from newsgraph.ingest.decode import decode_article_bytes
from newsgraph.ingest.formats import parse_html_article, parse_markdown_article, parse_text_article
from newsgraph.ingest.language import LANGUAGE_NAMES, detect_language
from newsgraph.ingest.metadata import full_date
from newsgraph.ingest.walk import ARTICLE_SUFFIXES, display_path, find_article_files
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
    "repair_spacing",
    "unwrap_lines",
    "visible_text",
    "full_date",
    "display_path",
]


def read_article(path: str | os.PathLike[str]) -> Article:
    """Read one article file, choosing the parser by its suffix.

    Raises :class:`InputError` for a file that cannot be read or decoded, that is not a regular
    file, or that is clearly not in English (see :func:`detect_language`); any other failure
    while reading one file (a parser bug, a value no parser expected, memory) is an
    :class:`InputError` too, so it skips that file instead of ending a build. The article's
    ``path`` is the file name as text (:func:`display_path`): bytes that are not UTF-8 become
    U+FFFD, so every output can be written whatever the name.
    """
    path = Path(path)
    shown = display_path(path)
    data = _read_regular_file(path, shown)
    suffix = path.suffix.lower()
    parse = (parse_html_article if suffix in (".html", ".htm")
             else parse_markdown_article if suffix in (".md", ".markdown")
             else parse_text_article)
    try:
        text = decode_article_bytes(data, shown)
        article = parse(text, shown)
        language = detect_language(article.text)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - one file's failure (a parser bug, a missing optional
        # module, a value no parser expected) must skip that file, never end the whole build
        reason = f"{type(exc).__name__}: {exc}"
        raise InputError(one_line(f"{shown}: cannot be read as an article ({reason})")) from exc
    if language is not None:
        name = LANGUAGE_NAMES.get(language, f"language {language!r}")
        raise InputError(f"{shown}: written in {name}, not English; newsgraph reads English articles only")
    return article


def _read_regular_file(path: Path, shown: str) -> bytes:
    """The bytes of a regular file. Opened without blocking (a pipe put in its place between the
    walk and the read does not hang), checked to be a regular file once open, and read to the
    size it reports: a file of the kernel's (``/proc/kmsg``) reports 0 bytes and is never read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise InputError(f"{shown}: cannot read ({exc.strerror or exc})") from exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{shown}: not a regular file")
        if info.st_size == 0:
            return b""
        try:
            return handle.read(info.st_size)
        except OSError as exc:
            raise InputError(f"{shown}: cannot read ({exc.strerror or exc})") from exc
