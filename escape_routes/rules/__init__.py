"""Room 2, rules: the validator (DESIGN.md, "Rules the validator enforces"). Imports content.

One module per rule or family of rules, each returning Problems without changing the atlas:
:mod:`.verbatim` (rule 1), :mod:`.references` (rules 2-4 for places, segments, routes and tour
steps; vocabulary terms), :mod:`.figures` (rule 4 for figures), :mod:`.coordinates` (rule 5),
:mod:`.wording` (rules 6 and 8), :mod:`.dates` (happened vs reported), :mod:`.crossings`
(rule 7), with :mod:`.gazetteer` (the place names a text names) and :mod:`.honesty` (runs rules
6-9 with the gazetteer). :mod:`.validator` runs them all, prunes what they find and loads a
checked atlas (:func:`~.validator.load_atlas`). Rule 9 (where a risk counts) is applied, not
checked: :mod:`escape_routes.explore.scoping`.
"""
