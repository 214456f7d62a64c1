"""The click commands of ``newsgraph``, by topic; :mod:`newsgraph.cli` puts them in the command group
(the evaluation commands stay in ``cli.py`` until issue 12 moves evaluation)."""
