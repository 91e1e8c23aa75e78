"""The tour file on the projector says of a care note what the app says: its first sentence
(what the step holds); the advice to the teacher after it is marked to stay off the projector
(css/tourfile.css hides ``.t-off-projector`` in presenter mode)."""

from __future__ import annotations

import re

from escape_routes.content.sentences import plain
from escape_routes.explore import tour_steps
from escape_routes.html.render import esc
from escape_routes.outputs import tourfile


def test_care_advice_is_kept_off_the_projector(atlas):
    html = tourfile.tour_html(atlas)
    notes = re.findall(r'<p class="t-(?:ahead|care-note)" role="note">.*?</p>', html, re.DOTALL)
    care = [plain(s.care) for s in atlas.tour if s.care]
    advice = [c for c in care if tour_steps.first_sentence(c) != c]
    assert advice and notes, "the content should have a care note with advice after it"
    for note in notes:
        shown = note.split('<span class="t-off-projector">')[0]
        for text in advice:
            rest = text.removeprefix(tour_steps.first_sentence(text)).strip()
            assert esc(rest) not in shown, f"advice to the teacher on the projector: {rest}"
    assert '<span class="t-off-projector">' in html
    assert "body.t-present .t-off-projector{display:none}" in html
