"""A server that shows maps never imports pandas (issue 19: memory per process); the pages with
tables and charts still import it and work, and Streamlit's answer about component arguments is
unchanged."""

from __future__ import annotations

import json
import subprocess
import sys

from escape_routes.content.paths import ROOT


def _run(code: str, *args: str) -> dict:
    """Run ``code`` in a fresh interpreter in the repository; its last line of output, as JSON."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


_PAGES = """
import json, sys
from streamlit.testing.v1 import AppTest
from escape_routes.ui import keys as K
from escape_routes.ui import pages
at = AppTest.from_file(sys.argv[1], default_timeout=120)
at.run()
at.multiselect(key=K.RISKS).select(at.multiselect(key=K.RISKS).options[0]).run()
out = {"map": [str(e.value) for e in at.exception], "map_pandas": "pandas" in sys.modules}
at.toggle(key=K.MATRIX_OPEN).set_value(True).run()
at.toggle(key=K.TEXT_ALT).set_value(True).run()
out["tables"] = [str(e.value) for e in at.exception]
out["tables_shown"] = len(at.dataframe)
at.switch_page(pages.NUMBERS.script).run()
out["numbers"] = [str(e.value) for e in at.exception]
out["numbers_pandas"] = "pandas" in sys.modules
print(json.dumps(out))
"""


def test_the_map_page_runs_without_pandas_and_the_tables_import_it():
    """The map page, a filter change included, leaves pandas out; its two tables and the
    Numbers page import it when shown, and run without an exception."""
    out = _run(_PAGES, str(ROOT / "app.py"))
    assert out["map"] == [] and out["map_pandas"] is False
    assert out["tables"] == [] and out["tables_shown"] == 3  # routes x risks, segments, places
    assert out["numbers"] == [] and out["numbers_pandas"] is True


_FOLIUM = """
import json, sys
if sys.argv[1] == "pandas first":
    import pandas
import escape_routes.map
import folium.utilities
loaded = "pandas" in sys.modules
import pandas
print(json.dumps({"loaded": loaded, "real": hasattr(pandas, "DataFrame"),
                  "folium_sees": folium.utilities.pd is pandas}))
"""


def test_folium_is_imported_without_pandas_unless_pandas_is_there():
    """The map package imports folium with pandas left out; pandas still imports afterwards. With
    pandas already imported, folium gets it as usual."""
    alone = _run(_FOLIUM, "map first")
    assert alone == {"loaded": False, "real": True, "folium_sees": False}
    after = _run(_FOLIUM, "pandas first")
    assert after == {"loaded": True, "real": True, "folium_sees": True}


_ANSWERS = """
import json, sys
from escape_routes.ui import map_adapter
from streamlit.components.v1 import custom_component
check = custom_component.is_dataframe_like
plain = [[], ["a.css", "b.js"], [{"a": 1}], [[1, 2]], {}, {"last_active_drawing": None},
         {"a": [1, 2]}, {"a": {"b": 1}}, "text", None, 3]
ours = [check(x) for x in plain]
pandas_before = "pandas" in sys.modules
streamlits = [check.streamlit_own(x) for x in plain]
import pandas as pd
frames = [check(pd.DataFrame({"a": [1]})), check({"a": pd.Series([1])}), check(pd.Series([1]))]
print(json.dumps({"ours": ours, "streamlits": streamlits, "pandas_before": pandas_before,
                  "frames": frames}))
"""


def test_component_arguments_get_streamlits_own_answer():
    """Plain lists and dicts are never data frames, as Streamlit's own check says too (which
    imports pandas to say so); data frames and Series still are, through Streamlit's check."""
    out = _run(_ANSWERS)
    assert out["pandas_before"] is False
    assert out["ours"] == out["streamlits"] == [False] * len(out["ours"])
    assert out["frames"] == [True, True, True]
