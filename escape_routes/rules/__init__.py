"""Room 2, rules: the validator (DESIGN.md, "Rules the validator enforces"). Imports content.

Every rule is a line of :mod:`.registry`: its number (DESIGN's 1-9, and the project's own after
the rule they extend: 3a, 4a, 4b, 8a, 8b), its title, its check and what loading does about a
problem it finds. Each check lives in one module and returns Problems without changing the
atlas: :mod:`.verbatim` (R1), :mod:`.references` (R2, R3, R3a), :mod:`.numbers` (R4),
:mod:`.figures` (R4a), :mod:`.dates` (R4b), :mod:`.coordinates` (R5), :mod:`.attribution`
(R6), :mod:`.crossings` (R7), :mod:`.wording` (R8, R8a, R8b); :mod:`.ourtext` (our own
wording) and :mod:`.gazetteer` (the place names a text names) are what rules 4 and 8 read.
:mod:`.validator` runs them and traces each problem to its cause, :mod:`.prune` leaves out
what the problems say, and :func:`~.validator.load_atlas` does it all
(:mod:`escape_routes.content.report` words the problems, one line per cause). Rule 9 (where a
risk counts) is applied, not checked: :mod:`escape_routes.explore.scoping`.
"""
