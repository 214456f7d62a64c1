"""The relation rules, one module per family, and the order they run in.

Each rule reads one sentence and a narrow view of the article (:class:`~newsgraph.extract.context.
ArticleContext`: names, coreference, attacks, sources) and calls ``ctx.emit``. Every rule runs on
every sentence, in the order of :data:`RULES`. The order matters where a rule reads what an
earlier one emitted for the same sentence: membership skips a person whom leadership already
made the group's (former) leader; participation finds "his men"'s group from leadership and
membership; casualty denials look back at earlier counts. ``tests/test_rules.py`` holds the order.
"""

from __future__ import annotations

from newsgraph.extract.rules.alliances import alliance, command, part_of, support
from newsgraph.extract.rules.attacks import accusation, claims, participation, targets
from newsgraph.extract.rules.casualties import casualties
from newsgraph.extract.rules.citizenship import citizenship
from newsgraph.extract.rules.common import Rule
from newsgraph.extract.rules.designations import terrorist_designation
from newsgraph.extract.rules.founding import founding
from newsgraph.extract.rules.leadership import leadership
from newsgraph.extract.rules.membership import membership
from newsgraph.extract.rules.weapons import weapons
from newsgraph.gazetteer import parse_count

__all__ = ["RULES", "Rule", "parse_count"]

RULES: tuple[tuple[str, Rule], ...] = (
    ("founding", founding),
    ("leadership", leadership),
    ("membership", membership),
    ("alliance", alliance),
    ("part-of", part_of),
    ("command", command),
    ("support", support),
    ("claims", claims),
    ("participation", participation),
    ("targets", targets),
    ("accusation", accusation),
    ("casualties", casualties),
    ("terrorist-designation", terrorist_designation),
    ("citizenship", citizenship),
    ("weapons", weapons),
)
