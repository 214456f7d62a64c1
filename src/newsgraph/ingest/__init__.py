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
from pathlib import Path

from newsgraph.errors import InputError
from newsgraph.ingest.cleanup import clean_body, repair_spacing
from newsgraph.ingest.decode import decode_article_bytes
from newsgraph.ingest.formats import parse_html_article, parse_markdown_article, parse_text_article
from newsgraph.ingest.language import LANGUAGE_NAMES, detect_language
from newsgraph.ingest.walk import ARTICLE_SUFFIXES, find_article_files
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
]


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
        name = LANGUAGE_NAMES.get(language, f"language {language!r}")
        raise InputError(f"{path}: written in {name}, not English; newsgraph reads English articles only")
    return article
