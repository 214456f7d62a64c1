"""Drop page furniture (captions and credits, promos, share lines, datelines) and repair spacing
damaged by scraping or translation, before any NLP sees the text."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

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
