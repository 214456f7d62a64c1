"""Word lists more than one part of the extraction stage reads."""

from __future__ import annotations

__all__ = ["CLASS_FAMILY", "SPEECH_VERBS"]

# Verbs that report what someone said: the clause they govern is that someone's statement.
SPEECH_VERBS = {
    "say", "tell", "report", "state", "announce", "confirm", "indicate", "assure", "add", "write",
    "argue", "insist", "claim", "explain", "declare", "allege", "accuse", "note", "post", "publish",
    "deny", "reject", "acknowledge", "admit", "warn", "estimate", "quote", "cite",
}

# Classes that may be merged with each other when names agree (NER often confuses them).
CLASS_FAMILY = {
    "Person": "person",
    "ArmedGroup": "org",
    "Organization": "org",
    "GovernmentBody": "org",
    "NewsSource": "news",
    "Place": "place",
    "Country": "place",
    "Attack": "attack",
    "Event": "event",
    "Weapon": "weapon",
}
