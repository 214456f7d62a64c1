"""Find the names in a parsed article and decide what kind of thing each one names.

spaCy's NER is one vote among several: the small English model misses multi-word group names
and tags unfamiliar towns as people or nationalities, so names are also found as runs of
capitalised tokens, and their class is decided by gazetteers, cue words ("... Legion",
"... Ministry"), the syntax around them ("the region of X", "governor of X") and NER, strongest
evidence first. National militaries ("Ukrainian troops", "Armed Forces of Ukraine") become one
canonical government body per country.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.words import CLASS_FAMILY, SPEECH_VERBS
from newsgraph.gazetteer import fold, gazetteer

__all__ = ["NameSpan", "find_names", "PLACE_NOUNS", "NAMING_VERBS", "military_name"]

# Evidence strength: a gazetteer or cue word beats syntax, which beats NER.
GAZETTEER, CUE, CONTEXT, NER = 4, 3, 2, 1

PLACE_NOUNS = {
    "region",
    "province",
    "district",
    "city",
    "town",
    "village",
    "oblast",
    "state",
    "county",
    "municipality",
    "governorate",
    "area",
    "capital",
    "territory",
    "border",
    "prefecture",
    "commune",
    "department",
    "valley",
    "island",
    "port",
    "settlement",
    "neighbourhood",
    "neighborhood",
    "suburb",
    "camp",
    "airport",
    "base",
    "outskirts",
    "krai",
    "republic",
}
PERSON_TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "governor",
    "minister",
    "deputy",
    "commander",
    "leader",
    "general",
    "colonel",
    "major",
    "captain",
    "lieutenant",
    "sergeant",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "mayor",
    "senator",
    "mp",
    "chief",
    "head",
    "founder",
    "king",
    "queen",
    "prince",
    "emir",
    "sheikh",
    "imam",
    "pastor",
    "father",
    "judge",
    "prosecutor",
    "chairman",
    "chairwoman",
    "premier",
    "journalist",
    "correspondent",
    "reporter",
    "analyst",
    "fighter",
    "member",
    "warlord",
}
NAMING_VERBS = {"identify", "call", "name", "know", "nickname", "dub", "style"}
_CONNECTORS = {"of", "for", "de", "del", "al", "el", "bin", "ibn", "la", "le", "du", "van", "von", "and"}
_MILITARY_WORDS = (
    "armed forces",
    "army",
    "military",
    "troops",
    "forces",
    "command",
    "navy",
    "air force",
    "military forces",
    "defence forces",
    "defense forces",
)
_NAME_POS = {"PROPN", "NOUN", "ADJ", "NUM", "X"}
# Words whose possessive belongs inside an organisation's name: "Lord's Liberation Army",
# "Velka Workers' Party", "People's Protection Units". After other words the possessive
# separates an owner from what it owns ("Velka's Defence Ministry").
_POSSESSIVE_NAME_WORDS = {
    "people",
    "peoples",
    "workers",
    "lord",
    "martyrs",
    "women",
    "mothers",
    "patriots",
    "nation",
    "god",
    "prophet",
    "farmers",
    "students",
    "soldiers",
    "mujahideen",
}
_NEVER_NAME = {
    "i",
    "we",
    "you",
    "he",
    "she",
    "it",
    "they",
    "its",
    "his",
    "her",
    "their",
    "our",
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "according",
    "unlike",
    "while",
    "after",
    "before",
    "although",
    "since",
    "but",
    "and",
    "or",
    "also",
    "as",
    "members",
    "member",
    "inhabitants",
    "some",
    "one",
    "two",
    "many",
    "most",
    "stay",
}


@dataclass
class NameSpan:
    """A name in the text with its class votes; ``canonical`` overrides the surface form."""

    start: int  # token indices in the Doc, end exclusive
    end: int
    text: str
    cls: str | None
    strength: int
    canonical: str | None = None
    abbreviation: str | None = None
    # "Kharkiv Governor Anton Veles": the title before a person's name and the token span
    # of what it is the title of ("Kharkiv"), if the name says.
    title: str | None = None
    title_at: int | None = None  # token index of the title
    title_of: tuple[int, int] | None = None
    alias_of: int | None = None  # "X, also known as Y": the index (in find_names' list) of X


def _is_name_token(tok: Token, sent_start: int) -> bool:
    text = tok.text
    if not text or not (text[0].isupper() or (text[0].isdigit() and any(c.isupper() for c in text))):
        return False
    if text.lower() in _NEVER_NAME and tok.i == sent_start:
        return False
    if tok.pos_ in ("PRON", "DET", "AUX", "ADP", "CCONJ", "SCONJ", "PART", "PUNCT", "SYM"):
        return False
    if tok.pos_ == "VERB" and tok.tag_ not in ("NNP", "NNPS"):
        return False
    if tok.lower_ in ("he", "she", "it", "its", "they", "we"):
        return False
    if tok.i == sent_start and tok.pos_ not in ("PROPN",) and not tok.ent_type_:
        return False
    if tok.i == sent_start and tok.tag_ in ("NNS", "NNPS") and tok.lemma_.lower() != tok.lower_:
        return False  # "Photographs released by ...": a plural common noun opening a sentence
    return tok.pos_ in _NAME_POS or bool(tok.ent_type_)


# Lowercase particles inside transliterated Arabic, Persian and Urdu names: "al-Velkar",
# "Tehrik-i-Taliban", "Lashkar-e-Taiba", "Jama'at Ahl al-Velka wal-Jihad".
_PARTICLES = {
    "al",
    "el",
    "ad",
    "ar",
    "as",
    "ash",
    "at",
    "az",
    "an",
    "ul",
    "ud",
    "ur",
    "i",
    "e",
    "wal",
    "wa",
    "bil",
}
# ... and inside European place names: "Rostov-on-Don", "Stratford-upon-Avon", "Frankfurt-am-Main".
_INFIXES = _PARTICLES | {"on", "upon", "am", "an", "en", "sur", "de", "du", "la", "le", "les", "sous", "im"}


def _particle_start(doc: Doc, i: int, end: int, sent_start: int) -> bool:
    """ "al-Velkar": a lowercase article, a hyphen and a name start a name."""
    return (
        doc[i].lower_ in _PARTICLES
        and doc[i].text.islower()
        and i + 2 < end
        and doc[i + 1].text == "-"
        and _is_name_token(doc[i + 2], sent_start)
    )


def _known_name_end(doc: Doc, start: int, j: int, end: int) -> int | None:
    """Where a name that goes on with "of the", "in the" or a dash ends, if the gazetteers know it
    whole: "Democratic Republic of the Congo", "Ansar al-Velka in the Northern Hills", "Velka Front –
    Northern Province"."""
    g = gazetteer()
    k = j + 1 + (doc[j + 1].lower_ == "the")
    best = None
    while k < end and (doc[k].text[:1].isupper() or doc[k].text == "-"):
        k += 1
        text = doc[start:k].text
        if g.countries.get(fold(text)) or g.organisation(text) or g.armed_group(text):
            best = k
    return best


def _chunks(sent: Span, texts: list[str]) -> list[tuple[int, int]]:
    """Runs of name tokens in a sentence (``texts``: every token's text in the document)."""
    doc = sent.doc
    out: list[tuple[int, int]] = []
    i = sent.start
    while i < sent.end:
        text = texts[i]
        if not (text[:1].isupper() or text[:1].isdigit()) and text not in _PARTICLES:
            i += 1  # neither a capital nor "al-": most words, decided without the checks below
            continue
        particle = _particle_start(doc, i, sent.end, sent.start)
        if not particle and (not _is_name_token(doc[i], sent.start) or doc[i].lower_ in _NEVER_NAME):
            i += 1
            continue
        j = i + 3 if particle else i + 1
        while j < sent.end:
            if (
                doc[j].lower_ in ("of", "in", "for", "–", "—")
                and j + 1 < sent.end
                and (known := _known_name_end(doc, i, j, sent.end)) is not None
            ):
                j = known
            elif _is_name_token(doc[j], sent.start) and doc[j].lower_ not in ("he", "she", "it"):
                j += 1
            elif (
                doc[j].text == "("
                and j + 2 < sent.end
                and doc[j + 2].text == ")"
                and gazetteer().organisation(doc[i : j + 3].text)
            ):
                j += 3  # "Communist Party of Velka (Maoist)": the bracket is part of the name
            elif (
                doc[j].text in ("-", "–")
                and j + 3 < sent.end
                and doc[j + 1].lower_ in _INFIXES
                and doc[j + 2].text == "-"
                and _is_name_token(doc[j + 3], sent.start)
            ):
                j += 4  # "Tehrik-i-Taliban", "Lashkar-e-Taiba"
            elif (
                doc[j].lower_ in _PARTICLES
                and doc[j].text.islower()
                and j + 2 < sent.end
                and doc[j + 1].text == "-"
                and _is_name_token(doc[j + 2], sent.start)
            ):
                j += 3  # "Nasr al-Islam wal-Muslimin"
            elif (
                doc[j].lower_ in _CONNECTORS
                and j + 1 < sent.end
                and _is_name_token(doc[j + 1], sent.start)
                and not (doc[j].lower_ == "and" and not _same_name_continues(doc, i, j))
            ):
                j += 2
            elif doc[j].text == "-" and j + 1 < sent.end and _is_name_token(doc[j + 1], sent.start):
                j += 2
            elif (
                doc[j].text in ("'s", "’s", "'", "’")
                and j + 1 < sent.end
                and doc[j - 1].lower_ in _POSSESSIVE_NAME_WORDS
                and _is_name_token(doc[j + 1], sent.start)
            ):
                j += 2  # "the Krifeit People's Militia" is one name
            elif (
                doc[j].lower_ in _CONNECTORS
                and j + 2 < sent.end
                and doc[j + 1].text == "-"
                and _is_name_token(doc[j + 2], sent.start)
            ):
                j += 3  # "Ansar al-Lumbeze", "Abu Khattab al-Dirani"
            elif (
                doc[j].lower_ in ("of", "for")
                and j + 2 < sent.end
                and doc[j + 1].lower_ == "the"
                and _is_name_token(doc[j + 2], sent.start)
                and (
                    _opens_organisation(doc, i, j)
                    or _title_length(doc, _after_and(doc, i, j), j) == j - _after_and(doc, i, j)
                )
            ):
                j += 3  # "Front for the Liberation of ...", "Chief of the General Staff X": "the" inside
            else:
                break
        out.append((i, j))
        i = j
    return out


def _after_and(doc: Doc, start: int, end: int) -> int:
    """Where the last name joined by "and" starts in a run of capitals."""
    return max((k + 1 for k in range(start, end) if doc[k].lower_ == "and"), default=start)


def _opens_organisation(doc: Doc, start: int, end: int) -> bool:
    """The words before the first connector are an organisation's head ("Alliance", "Popular
    Front"), so "of the"/"for the" continues its name rather than starting a new phrase."""
    head = next((k for k in range(start, end) if doc[k].lower_ in _CONNECTORS), end)
    return head > start and gazetteer().org_class(doc[start:head].text) is not None


def _same_name_continues(doc: Doc, start: int, conj: int) -> bool:
    """ "and" joins one name only inside an organisation name ("Ministry of Trade and Industry")."""
    return any(doc[k].lower_ == "of" for k in range(start, conj))


def military_name(country: str) -> str:
    """The canonical name of a country's state armed forces.

    >>> military_name("Ukraine")
    'Armed Forces of Ukraine'
    """
    return f"Armed Forces of {country}"


def _ner_label(doc: Doc, start: int, end: int) -> str:
    labels = [t.ent_type_ for t in doc[start:end] if t.ent_type_]
    # A tie goes to the earliest token's label: iterating a set of strings would break it by
    # hash order, which changes from process to process (and so between --jobs workers).
    return max(labels, key=labels.count) if labels else ""


def _described_class(doc: Doc, start: int, end: int) -> str | None:
    """ "a militia known as X", "a cell calling itself X", "rebels who call themselves X": X is
    what the described noun is."""
    node = doc[start:end].root.head
    if start > 0 and doc[start - 1].lower_ in ("itself", "themselves"):
        node = doc[start - 1].head  # also where the parser hung the name elsewhere
    if node.lower_ == "as":
        node = node.head
    if (
        node.lemma_ not in NAMING_VERBS
        or node.dep_ not in ("acl", "relcl")
        or node.head.i in range(start, end)
    ):
        return None
    described = node.head
    g = gazetteer()
    reflexive = {t.lower_ for t in node.children}
    if reflexive & {"himself", "herself"}:
        return "Person"
    if number := g.group_members.get(fold(described.text)):
        return "ArmedGroup" if number == "plural" else "Person"  # "rebels calling themselves X"
    if cls := g.org_class(described.lemma_):
        return cls
    if reflexive & {"itself", "themselves"}:
        return "Organization"  # "an offshoot calling itself X": not a person
    return None


def _listed_after_place_noun(root: Token) -> bool:
    """ "the villages of Kozinka, Gora-Podol, and Glotovo": every name of the list is a place."""
    node = root
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return (
        node.i != root.i
        and node.dep_ == "pobj"
        and node.head.lower_ == "of"
        and node.head.head.lemma_ in PLACE_NOUNS
    )


_FIGHTERS = {
    "fighter",
    "militant",
    "insurgent",
    "gunman",
    "rebel",
    "jihadist",
    "guerrilla",
    "combatant",
    "operative",
    "commander",
    "attacker",
    "bomber",
}


def _names_fighters(root: Token) -> bool:
    """ "fighters of X", "militants from X", "X fighters": X is an armed group."""
    if (
        root.dep_ == "pobj"
        and root.head.lower_ in ("of", "from")
        and root.head.head.lemma_.lower() in _FIGHTERS
    ):
        return True
    return root.dep_ == "compound" and root.head.lemma_.lower() in _FIGHTERS and root.head.tag_ == "NNS"


def _described_as_person(doc: Doc, start: int, end: int) -> bool:
    """ "Dana Kral, deputy Pentagon press secretary": an apposition that is a person's title."""
    titles = gazetteer().leader_titles
    for c in doc[start:end].root.children:
        if (
            c.dep_ == "appos"
            and c.i >= end
            and doc[end].text == ","
            and (c.lemma_.lower() in PERSON_TITLES or fold(c.lemma_) in titles)
        ):
            return True
    return False


_GROUP_NOUN_CLASS = {
    "group": "Organization",
    "organisation": "Organization",
    "organization": "Organization",
    "company": "Organization",
    "club": "Organization",
    "gang": "ArmedGroup",
    "cartel": "ArmedGroup",
    "militia": "ArmedGroup",
    "party": "Organization",
    "movement": "Organization",
    "faction": "ArmedGroup",
    "network": "Organization",
    "firm": "Organization",
    "agency": "GovernmentBody",
    "outlet": "NewsSource",
    "newspaper": "NewsSource",
    "channel": "NewsSource",
    "website": "NewsSource",
    # A part of a larger body ("the ruling body", "its armed wing"): an organisation.
    "body": "Organization",
    "wing": "Organization",
    "branch": "Organization",
    "council": "Organization",
}


def _described_as_group(doc: Doc, start: int, end: int) -> str | None:
    """ "Yaroslavka, a football hooligan group", "Baza, a Telegram channel", "the Telegram channel
    Baza", "X, which is G's ruling body": an apposition, or a relative clause that says what it
    is, says what kind of body a name is."""
    root = doc[start:end].root
    if root.dep_ == "appos" and root.head.i < start and root.head.pos_ == "NOUN":
        return _GROUP_NOUN_CLASS.get(root.head.lemma_.lower())  # "the Telegram channel Baza"
    if end + 2 >= len(doc) or doc[end].text != ",":
        return None
    if doc[end + 1].lower_ in ("which", "that") and doc[end + 2].lemma_ == "be":
        verb = doc[end + 2]
        attr = next((c for c in verb.children if c.dep_ == "attr"), None)
        if attr is None or verb.dep_ != "relcl" or verb.head.i != root.i:
            return None
        return _GROUP_NOUN_CLASS.get(attr.lemma_.lower())
    k = end + 1 + (doc[end + 1].lower_ in ("a", "an", "the"))
    head = doc[k]
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i and head.head.i - k < 5:
        head = head.head
    if head.dep_ == "appos" and root.i == head.head.i:
        return _GROUP_NOUN_CLASS.get(head.lemma_.lower())
    return None


def _described_as_place(doc: Doc, end: int) -> bool:
    """ "Gogolevka, a village in Kursk Oblast": an apposition says what it is."""
    if end + 2 >= len(doc) or doc[end].text != ",":
        return False
    k = end + 1 + (doc[end + 1].lower_ in ("a", "an", "the"))
    while k < len(doc) and doc[k].pos_ == "ADJ":
        k += 1
    return k < len(doc) and doc[k].lemma_ in _SETTLEMENTS


_SETTLEMENTS = {
    "village",
    "town",
    "city",
    "settlement",
    "hamlet",
    "suburb",
    "district",
    "region",
    "province",
    "port",
    "capital",
}


def _context_class(doc: Doc, start: int, end: int) -> str | None:
    """Syntax that says what a name is, whatever NER thinks."""
    if described := _described_class(doc, start, end):
        return described
    before = [t.lower_ for t in doc[max(0, start - 5) : start] if not t.is_quote][-3:]
    nxt = end
    if nxt < len(doc) and doc[nxt].text == "(":  # "the Ghuwayran (Geweran) area": past the aside
        nxt = next((k + 1 for k in range(nxt, min(len(doc), nxt + 6)) if doc[k].text == ")"), nxt)
    after = doc[nxt].lower_ if nxt < len(doc) else ""
    if len(before) >= 2 and before[-1] == "of" and before[-2] in PLACE_NOUNS:
        return "Place"
    if _listed_after_place_noun(doc[start:end].root) or _described_as_place(doc, end):
        return "Place"
    if _described_as_person(doc, start, end):
        return "Person"
    if _names_fighters(doc[start:end].root):
        return "ArmedGroup"
    if (described := _described_as_group(doc, start, end)) is not None:
        return described
    if len(before) >= 2 and before[-1] == "of" and before[-2] in ("governor", "mayor"):
        return "Place"
    if after in PLACE_NOUNS and after not in ("state", "capital", "base", "camp", "border"):
        return "Place"
    if (
        before
        and before[-1] in ("himself", "herself")
        or (
            len(before) >= 2
            and before[-1] in ("as", "pseudonym", "alias", "nicknamed", "named", "called")
            and doc[end - 1].ent_type_ != "ORG"
            and end - start <= 3
        )
    ):
        return "Person"
    if len(before) >= 2 and before[-1] == "the" and before[-2] in ("pseudonym", "alias", "nom"):
        return "Person"
    if (
        before
        and before[-1] in PERSON_TITLES
        and doc[start - 1].pos_ in ("NOUN", "PROPN")
        and doc[end - 1].ent_type_ not in ("ORG", "GPE")
    ):
        return "Person"
    if (
        before
        and before[-1] in ("in", "near", "outside")
        and doc[start].ent_type_ not in ("ORG", "DATE")
        and not (end < len(doc) and doc[end].text in ("'s", "’s"))
    ):
        return "Place"  # "a hotel in Ostrava Dol", whatever NER reads; not "in Ivo Danek's house"
    return None


def _classify(doc: Doc, start: int, end: int) -> tuple[str | None, int, str | None]:
    g = gazetteer()
    span = doc[start:end]
    text = span.text
    if (news := g.news_source(text)) is not None:
        return "NewsSource", GAZETTEER, news
    if (known := g.organisation(text)) is not None and (
        text[0].isupper() or re.match(r"[a-z]{1,3}-[A-Z]", text)
    ):
        return known[1], GAZETTEER, known[0]
    if (country := g.countries.get(fold(text))) is not None:
        return "Country", GAZETTEER, country
    if end - start == 1 and fold(text) in g.demonyms:
        return "Demonym", GAZETTEER, g.demonyms[fold(text)]
    military = _national_military(text)
    if military:
        return "GovernmentBody", CUE, military
    if (
        _place_cue(text)
        or (end - start >= 2 and g.place(text) in ("admin1", "admin2"))
        or _unit_of_a_place(doc, start, end)
    ):
        return "Place", CUE, None  # "Barsalogho Department": a unit of a place
    cue = None
    if end - start > 1 or fold(text) in g.org_cues:
        # The head word ends the part before "of" ("Ministry of Defence") or before "for"
        # ("Front for the Liberation of ..."; but "Justice for Velka Legion" ends in its cue).
        cue = g.org_class(re.split(r"\s+of\s+", text, maxsplit=1)[0]) or g.org_class(
            re.split(r"\s+for\s+", text, maxsplit=1)[0]
        )
    if cue:
        return cue, CUE, None
    context = _context_class(doc, start, end)
    if context:
        return context, CONTEXT, None
    label = _ner_label(doc, start, end)
    # GeoNames: a known place whatever NER says, unless NER reads a full personal name that is
    # also some town's name.
    person_shaped = end - start >= 2 and all(t.is_alpha and t.is_title for t in span)
    # "..., Singh said": a town does not speak; a surname NER reads as a person is one.
    speaks = span.root.dep_ == "nsubj" and span.root.head.lemma_ in SPEECH_VERBS
    if (kind := g.place(text)) is not None and not (
        label == "PERSON" and (person_shaped or speaks) and kind == "city"
    ):
        return "Place", CONTEXT, None
    if label == "PERSON" and all(t.text[0].isupper() for t in span):
        return "Person", NER, None
    if label in ("GPE", "LOC", "FAC") or (
        label == "NORP"
        and fold(text) not in g.demonyms
        and span.root.pos_ == "PROPN"
        and span.root.tag_ != "JJ"
    ):
        return "Place", NER, None
    if label == "ORG":
        if end - start >= 2 and all(t.is_alpha and t.is_title for t in span) and not _has_org_word(span):
            return "Person", NER, None  # "Velka, Ana Strommer" style ORG over a name
        return "Organization", NER, None
    return None, 0, None


def _has_org_word(span: Span) -> bool:
    return any(fold(t.text) in gazetteer().org_cues for t in span)


_MILITARY_WORDS_LONGEST_FIRST = sorted(_MILITARY_WORDS, key=len, reverse=True)
_MILITARY_WORD = re.compile(r"(?:^| )(?:" + "|".join(map(re.escape, _MILITARY_WORDS)) + r")(?: |$)")


def _national_military(text: str) -> str | None:
    g = gazetteer()
    folded = fold(text)
    if not _MILITARY_WORD.search(folded):
        return None  # most names: no word for armed forces at either end
    for word in _MILITARY_WORDS:
        for prefix in (f"{word} of ", f"{word} "):
            rest = folded[len(prefix) :] if folded.startswith(prefix) else ""
            if rest and (country := g.country_of(rest) or g.country_of(rest.removeprefix("the "))):
                return military_name(country)  # also "Armed Forces of the X Republic"
        if folded.endswith(" " + word) and (country := g.country_of(folded[: -len(word) - 1])):
            return military_name(country)
    return None


def _military_mentions(sent: Span, texts: list[str]) -> list[NameSpan]:
    """ "Ukrainian troops", "the Russian army", "under Ukrainian command": a state's forces."""
    g = gazetteer()
    doc = sent.doc
    out = []
    for i in range(sent.start, sent.end):
        if not texts[i][:1].isupper() or not (country := g.country_of(texts[i])):
            continue
        tok = doc[i]
        nxt = " ".join(t.lower_ for t in doc[tok.i + 1 : min(tok.i + 3, sent.end)])
        for word in _MILITARY_WORDS_LONGEST_FIRST:
            if nxt == word or nxt.startswith(word + " "):
                n = len(word.split())
                if doc[tok.i + n].text[0].isupper():
                    break  # capitalised: a name, found by the chunker
                out.append(
                    NameSpan(
                        tok.i,
                        tok.i + 1 + n,
                        doc[tok.i : tok.i + 1 + n].text,
                        "GovernmentBody",
                        CUE,
                        military_name(country),
                    )
                )
                break
    return out


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    g = gazetteer()
    before = -1
    while before != start:  # "Chief of the General Staff": the title, then what it left in front
        before = start
        while start < end and (
            doc[start].lower_ in _NEVER_NAME
            or doc[start].pos_ in ("DET", "PRON")
            or (doc[start].lower_ in ("of", "for", "and") and doc[start].text.islower())
        ):
            start += 1
        # A title before a name is not part of it: "MP Ilya X", "President Y", "Chief of the
        # General Staff"; but "General Staff" is a body, not General Staff.
        while (
            end - start > 1
            and doc[start].lower_ in PERSON_TITLES
            and (doc[start + 1].lower_ == "of" or not g.org_class(doc[start:end].text))
        ):
            start += 1
    while end > start and (doc[end - 1].lower_ in _CONNECTORS or doc[end - 1].text in "-'’"):
        end -= 1
    # "Ilya X Russian citizen": a trailing nationality modifies the noun after the name.
    while (
        end - start > 1 and fold(doc[end - 1].text) in g.demonyms and not (start <= doc[end - 1].head.i < end)
    ):
        end -= 1
    # "French TR-9": a leading nationality before something that is not an organisation name.
    if (
        end - start > 1
        and fold(doc[start].text) in g.demonyms
        and not g.org_class(doc[start:end].text)
        and not _national_military(doc[start:end].text)
    ):
        start += 1
    return start, end


def _cut_at_known_names(doc: Doc, chunks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "The Legion Cooperate with ...": where a run of capitals extends a name the article uses
    on its own elsewhere, the name ends there (translated text capitalises stray verbs)."""
    known = {tuple(t.lower_ for t in doc[s:e]) for s, e in chunks if e - s >= 2}
    out = []
    for start, end in chunks:
        cut = end
        for k in range(end - 1, start + 1, -1):
            if tuple(t.lower_ for t in doc[start:k]) in known and gazetteer().org_class(doc[start:k].text):
                cut = k
                break
        out.append((start, cut))
    return out


_FORMER = {"former", "ex", "then", "late", "previous", "ousted", "onetime"}
_DATE_WORDS = {
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}
# What sits between a name and another name for the same thing, once bracketed asides are left out:
# "X, also known as Y", "X (a.k.a. Y)", "X ... or by his nom de guerre Y", "X (callsign Y)", "X and its
# alias, Y".
_ALIAS_CUE = re.compile(
    r"^[,;(\s]*(?:or\s+)?(?:(?:also|better|formerly|previously|widely)\s+)?"
    r"(?:known|referred to)\s+as[\s\"“‘']*$"
    r"|^[,;(\s]*(?:or\s+)?(?:by\s+)?(?:his\s+|her\s+|its\s+|the\s+)?"
    r"(?:a\.?k\.?a\.?|aka|alias|nom de guerre|callsign|call sign|codename|code name|pseudonym)[\s:,\"“‘']*$"
    r"|^[,;\s]*(?:and|or)\s+(?:its|his|their)\s+(?:alias|aliases|other name)[,\s:\"“‘']*$"
)
_ASIDE = re.compile(r"\([^()]*\)")


def _title_length(doc: Doc, i: int, end: int) -> int:
    """How many tokens of a leadership or person title start at ``i`` ("Prime Minister": 2)."""
    titles = gazetteer().leader_titles
    for size in (3, 2, 1):
        if i + size <= end and fold(doc[i : i + size].text) in titles:
            return size
    return 1 if doc[i].lower_ in PERSON_TITLES else 0


def _split_title(
    doc: Doc, start: int, end: int, persons: dict[int, Span]
) -> tuple[int, int, str, tuple[int, int] | None] | None:
    """(where the person's name starts, the title, what it is the title of) of a run of capitals
    that is a title and a name: "President of Russia Ivo Danek", "Kharkiv Governor
    Anton Veles", "Chief of the General Staff Milan Orsag"."""
    person: Span | None = persons.get(end)  # the PERSON entity ending where the run does
    if person is not None and person.start < start:
        person = None
    if (
        person is None
        and end - start >= 5
        and _title_length(doc, start, end) == 1
        and doc[start + 1].lower_ == "of"
        and all(t.pos_ == "PROPN" and t.is_title for t in doc[end - 2 : end])
        and not gazetteer().org_class(doc[end - 2 : end].text)
        and not gazetteer().place(doc[end - 2 : end].text)
    ):
        person = doc[end - 2 : end]  # "Minister of Defence Pavel Gradov", where NER saw no person
    if person is None or person.start <= start:
        return None
    for t in range(start, person.start):
        size = _title_length(doc, t, person.start)
        if not size:
            continue
        title = doc[t : t + size].text
        after = t + size
        if after < person.start and doc[after].lower_ in ("of", "for"):
            first = after + 1 + (doc[after + 1].lower_ == "the")
            return person.start, t, title, (first, person.start) if first < person.start else None
        return person.start, t, title, (start, t) if t > start else None
    return None


_Titled = tuple[int, int, tuple[str, int] | None, tuple[int, int] | None]


def _titles_and_names(doc: Doc, start: int, end: int, persons: dict[int, Span]) -> list[_Titled]:
    """A run of capitals cut into its names, each with the title that precedes it: "Minister of
    Defence Petr Halas and Chief of the General Staff Milan Orsag" is two titled names."""
    parts, s = [], start
    for k in range(start + 1, end - 1):
        if doc[k].lower_ == "and" and _title_length(doc, k + 1, end):
            parts.append((s, k))
            s = k + 1
    parts.append((s, end))
    out: list[_Titled] = []
    for s, e in parts:
        split = _split_title(doc, s, e, persons)
        if split is None:
            out.append((s, e, None, None))
            continue
        person, at, title, of = split
        if of is not None:
            out.append((of[0], of[1], None, None))
        out.append((person, e, (title, at), of))
    return out


def _trim_dates(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """ "Kerdoumbe Sunday", "Varnost Thursday": a day or month is never part of a name."""
    while end - start > 1 and doc[end - 1].lower_ in _DATE_WORDS:
        end -= 1
    while end - start > 1 and doc[start].lower_ in _DATE_WORDS and doc[start].ent_type_ == "DATE":
        start += 1
    return start, end


def _unit_of_a_place(doc: Doc, start: int, end: int) -> bool:
    """ "in the Barsalogho Department": a name, then a word for an administrative unit, where the
    sentence says where something happened, and nothing before the unit word names an
    organisation ("in the Police Department")."""
    g = gazetteer()
    words = [t.lower_ for t in doc[start:end]]
    before = doc[start - 1].lower_ if start else ""
    if before == "the" and start > 1:
        before = doc[start - 2].lower_
    return (
        len(words) >= 2
        and words[-1] in g.place_units
        and before in ("in", "near", "across", "throughout")
        and g.org_class(doc[start : end - 1].text) is None
        and all(t.pos_ == "PROPN" for t in doc[start : end - 1])
    )


def _place_cue(text: str) -> bool:
    """A name whose head word says it is a place: "Kharkiv Oblast", "County Tyrone", "Sahafi Hotel"."""
    g = gazetteer()
    words = fold(re.split(r"\s+of\s+", text, maxsplit=1)[0]).replace("-", " ").split()
    if len(words) < 2:
        return False
    return (
        g.place_heads.get(("end", words[-1])) is not None
        or g.place_heads.get(("start", words[0])) is not None
    )


def _persons_in_lists(doc: Doc, names: list[NameSpan]) -> None:
    """ "Emil Vrana, Jan Sedlak and Ota Bilek": a name nothing else classifies,
    listed with persons, is a person."""
    by_root = {doc[n.start : n.end].root.i: n for n in names}
    for name in names:
        if name.cls is not None or not all(t.is_title for t in doc[name.start : name.end]):
            continue
        root = doc[name.start : name.end].root
        linked = [root.head] if root.dep_ == "conj" else []
        linked += [c for c in root.children if c.dep_ == "conj"]
        if any((other := by_root.get(t.i)) is not None and other.cls == "Person" for t in linked):
            name.cls, name.strength = "Person", CONTEXT


def _mark_aliases(doc: Doc, names: list[NameSpan], sent_starts: list[int]) -> None:
    """ "Karel Novotny (born 1984), also known as Karel Stary": the second name is another name
    of the first. A name in another script in brackets right after a name is that name too."""
    for i, b in enumerate(names):
        sent_start = sent_starts[bisect_right(sent_starts, b.start) - 1]
        for j in range(i - 1, -1, -1):
            a = names[j]
            if a.start < sent_start:
                break
            if a.end > b.start or a.cls in (None, "Demonym"):
                continue
            between = doc[a.end : b.start].text
            if len(between) > 120:
                break
            if ")" in between and "(" not in between.split(")", 1)[0]:
                between = between.split(")", 1)[1]  # "X (Y; born 1984), also known as Z": past Y's aside
            # "Lesna (Lisna)", "(Карел Стары; born ...)": a bracket that opens with another name
            closed = b.end < len(doc) and (
                doc[b.end].text == ")" or (doc[b.end].text in (";", ",") and not b.text.isascii())
            )
            aside = (
                between.strip() == "("
                and closed
                and (
                    not b.text.isascii()
                    or (
                        not b.text.isupper()
                        and b.cls != "Country"
                        and (
                            b.strength <= NER
                            or CLASS_FAMILY.get(b.cls or "") in (None, CLASS_FAMILY.get(a.cls or ""))
                        )
                    )
                )
            )
            if aside or _ALIAS_CUE.match(_ASIDE.sub(" ", between).lower()):
                b.alias_of = j
            break


def find_names(doc: Doc) -> list[NameSpan]:
    """Every name in the document, in text order, with a class (None when nothing says)."""
    names: list[NameSpan] = []
    sents = list(doc.sents)
    sent_starts = [sent.start for sent in sents]  # Token.sent walks the sentence: look it up here
    texts = [t.text for t in doc]  # read once: most tokens are passed over on their text alone
    titled: dict[tuple[int, int], tuple[tuple[str, int], tuple[int, int] | None]] = {}
    # doc.ents makes every entity span anew on each access: read once
    persons = {ent.end: ent for ent in doc.ents if ent.label_ == "PERSON"}
    ministries: dict[tuple[int, int], str] = {}  # "Minister of Defence": the span "Defence" names a ministry
    led: set[tuple[int, int]] = set()  # "Chief of the General Staff X": what a title is of is some body
    pieces = []
    for sent in sents:
        for s, e in _chunks(sent, texts):
            for ps, pe, title, of in _titles_and_names(doc, s, e, persons):
                span = _trim_dates(doc, *_trim(doc, ps, pe))
                pieces.append(span)
                if title is not None:
                    titled[span] = (title, of)
                    if of is not None:
                        led.add(_trim_dates(doc, *_trim(doc, *of)))
                    if (
                        of is not None
                        and fold(title[0]).split()[-1] in ("minister", "secretary")
                        and doc[of[0] - 1].lower_ in ("of", "the")
                    ):
                        ministries[_trim_dates(doc, *_trim(doc, *of))] = (
                            f"Ministry of {doc[of[0] : of[1]].text}"
                        )
    chunks = _cut_at_known_names(doc, pieces)
    by_sent: dict[int, list[tuple[int, int]]] = {}
    for start, end in chunks:
        sent_start = sent_starts[bisect_right(sent_starts, start) - 1] if start < end else -1
        by_sent.setdefault(sent_start, []).append((start, end))
    for sent in sents:
        military = _military_mentions(sent, texts)
        taken = {i for m in military for i in range(m.start, m.end)}
        names.extend(military)
        for start, end in by_sent.get(sent.start, []):
            if start >= end or any(i in taken for i in range(start, end)):
                continue
            if gazetteer().is_combatant_noun(doc[start:end].text):
                continue  # "Rebels said ...": a capitalised common noun, not a name
            cls, strength, canonical = _classify(doc, start, end)
            name = NameSpan(start, end, doc[start:end].text, cls, strength, canonical)
            if cls is None and (start, end) in led:
                cls, strength = "Organization", CONTEXT
                name.cls, name.strength = cls, strength
            if (start, end) in ministries:
                name.cls, name.strength, name.canonical = "GovernmentBody", CUE, ministries[(start, end)]
            if (start, end) in titled:
                (name.title, name.title_at), name.title_of = titled[(start, end)]
                name.cls, name.strength = "Person", max(strength, CONTEXT)
            # "Northern Liberation Front (NLF)": the bracketed abbreviation names the same thing.
            if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text in (")", ",", ";"):
                abbr = doc[end + 1].text
                if abbr.isupper() and 2 <= len(abbr) <= 8:
                    name.abbreviation = abbr
            names.append(name)
    names.sort(key=lambda n: n.start)
    _persons_in_lists(doc, names)
    _mark_aliases(doc, names, sent_starts)
    return names
