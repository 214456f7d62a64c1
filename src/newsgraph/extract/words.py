"""Word lists more than one part of the extraction stage reads."""

from __future__ import annotations

__all__ = ["SPEECH_VERBS"]

# Verbs that report what someone said: the clause they govern is that someone's statement.
SPEECH_VERBS = {
    "say", "tell", "report", "state", "announce", "confirm", "indicate", "assure", "add", "write",
    "argue", "insist", "claim", "explain", "declare", "allege", "accuse", "note", "post", "publish",
    "deny", "reject", "acknowledge", "admit", "warn", "estimate", "quote", "cite",
}
