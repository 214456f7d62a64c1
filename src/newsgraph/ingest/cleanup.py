"""Drop page furniture (captions and credits, promos, share lines, datelines) and repair spacing
damaged by scraping or translation, before any NLP sees the text."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator

# Characters that show nothing but make two visibly identical names different strings: zero-width
# space, non-joiner and joiner, word joiner, byte-order mark (zero-width no-break space), the
# bidirectional marks, embeddings, overrides and isolates. They are removed from article text
# and metadata, which are then NFC-normalised (a precomposed "é" and "e" + U+0301 are one name).
INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u2060\ufeff"
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_INVISIBLE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")

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
TERMINAL = re.compile(r"[.!?\"”’»)]\s*$")


def visible_text(text: str) -> str:
    """``text`` without the :data:`INVISIBLE` characters, NFC-normalised.

    >>> visible_text("Velka\u200b Front\u202e") == "Velka Front", visible_text("Ce\u0301sar") == "César"
    (True, True)
    """
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text))


# A line that starts a block of its own in Markdown or a list, never a continuation of the line
# before: a heading, a list item, a quotation, a table row, a code fence, a horizontal rule.
_BLOCK_START = re.compile(r"^\s*(?:#{1,6}\s|[-*+•]\s|\d{1,3}[.)]\s|>|\||```|~~~|---|\*\*\*)")
# Hard-wrapped text is wrapped at 60-80 columns: a block whose longest line is longer holds
# paragraphs of one line each, one whose longest line is shorter than 40 is a list or page
# furniture ("Share this article:", "Most popular"), not a wrapped paragraph.
_WRAP_WIDTHS = range(40, 101)


def unwrap_lines(text: str) -> str:
    """Join the lines of hard-wrapped paragraphs, so a name broken across lines is one name.

    A line break is a wrap, not a paragraph break, when the line before it is full: the next
    line's first word would not have fitted on it within the widest line of its block (the run
    of non-blank lines), which is 40 to 100 columns wide. Blank lines, headings, list items, a
    line ending in a colon and short lines such as headlines keep their breaks.

    >>> unwrap_lines("Raid on Ostrava Dol\\n\\nThe raid on the depot was led by Colonel Abdoulaye\\nKanoute.")
    'Raid on Ostrava Dol\\n\\nThe raid on the depot was led by Colonel Abdoulaye Kanoute.'
    """
    lines = text.split("\n")
    widths = _block_widths(lines)
    out: list[str] = []
    for number, line in enumerate(lines):
        if number and _is_wrapped(lines[number - 1], line, widths[number]):
            out[-1] = out[-1].rstrip() + " " + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


def _block_widths(lines: list[str]) -> list[int]:
    """For each line, the length of the longest line in its block (its run of non-blank lines)."""
    widths = [0] * len(lines)
    start = 0
    for number in range(len(lines) + 1):
        if number == len(lines) or not lines[number].strip():
            width = max((len(x.rstrip()) for x in lines[start:number]), default=0)
            widths[start:number] = [width] * (number - start)
            start = number + 1
    return widths


def _is_wrapped(previous: str, line: str, width: int) -> bool:
    previous = previous.rstrip()
    if not previous.strip() or not line.strip() or width not in _WRAP_WIDTHS:
        return False
    if previous.endswith(":") or _BLOCK_START.match(line):
        return False
    if re.match(r"^\s*#{1,6}\s", previous):
        return False
    first_word = line.split()[0]
    return len(previous) + 1 + len(first_word) > width - 2


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
