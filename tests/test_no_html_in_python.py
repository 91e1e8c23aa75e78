"""No HTML or CSS is built in Python: markup lives in templates (escape_routes/html/templates/),
styles in CSS files (escape_routes/html/css/), and content is escaped only by the one Environment.

Read from the source (the AST of every module of the package, the pages and app.py): an f-string,
a ``+``, a ``%`` or a ``.format`` that puts an HTML tag together; a string holding ``<style``; a
module-level ``*_CSS`` constant; a call of ``esc`` outside ``escape_routes/html/``.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

from escape_routes.content.paths import ROOT

TAG = re.compile(r"<\s*/?\s*[a-zA-Z]|<!--|<!DOCTYPE", re.IGNORECASE)
CSS_RULE = re.compile(r"[\w\]):-]\s*\{[^{}]*:[^{}]*\}")

# Modules whose owners are converting them to the Environment (HELPERS.md, wave 2), with the
# branch that does it: the lead removes each as it is merged. test_pending_list_is_current
# fails when a module listed here has nothing left to convert.
PENDING = {
    "escape_routes/map/labels.py": "map",
    "escape_routes/map/assets.py": "map",
}


def _text(node: ast.AST) -> str | None:
    """The literal text of a string constant or of an f-string's literal parts."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_text(v) or "" for v in node.values)
    return None


def html_in_python(source: str) -> list[str]:
    """Each place in ``source`` where HTML or CSS is built in Python, as "line: what"."""
    tree = ast.parse(source)
    found = []
    docstrings = {
        id(body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and (body := node.body)
        and isinstance(body[0], ast.Expr)
    }
    messages = {  # an error message may name a tag: it is not markup
        id(sub) for node in ast.walk(tree) if isinstance(node, ast.Raise) for sub in ast.walk(node)
    }
    for node in ast.walk(tree):
        if id(node) in messages:
            continue
        text = _text(node)
        if isinstance(node, ast.JoinedStr) and TAG.search(text or ""):
            found.append(f"{node.lineno}: HTML in an f-string")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
            sides = [node.left] + ([node.right] if isinstance(node.op, ast.Add) else [])
            if any(TAG.search(_text(s) or "") for s in sides):
                found.append(f"{node.lineno}: HTML put together with {type(node.op).__name__}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
            and TAG.search(_text(node.func.value) or "")
        ):
            found.append(f"{node.lineno}: HTML put together with .format")
        elif text is not None and "<style" in text and id(node) not in docstrings:
            found.append(f"{node.lineno}: a <style> in a string")
        if isinstance(node, ast.Assign) and node.col_offset == 0:
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if any(n.endswith("CSS") for n in names) and CSS_RULE.search(_text(node.value) or ""):
                found.append(f"{node.lineno}: CSS in a constant ({names[0]})")
    return sorted(set(found), key=lambda s: int(s.split(":")[0]))


def esc_calls(source: str) -> list[str]:
    """Each call of ``esc(...)`` (the escape for modules not converted yet)."""
    return [
        f"{node.lineno}: esc() called"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and (getattr(node.func, "id", None) == "esc" or getattr(node.func, "attr", None) == "esc")
    ]


def modules() -> list[Path]:
    return sorted(
        [*(ROOT / "escape_routes").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"]
    )


@cache
def everything_found() -> dict[str, list[str]]:
    found = {}
    for path in modules():
        name = path.relative_to(ROOT).as_posix()
        source = path.read_text(encoding="utf-8")
        hits = html_in_python(source)
        if not name.startswith("escape_routes/html/"):
            hits += esc_calls(source)
        if hits:
            found[name] = hits
    return found


def test_the_check_finds_html_built_in_python():
    """Each way of building HTML in Python is caught; markup-free code and docstrings are not."""
    caught = {
        "f-string": 'x = f"<p>{a}</p>"',
        "plus": 'x = "<b>" + a',
        "plus on the right": 'x = a + "</b>"',
        "percent": 'x = "<i>%s</i>" % a',
        "format": 'x = "<i>{}</i>".format(a)',
        "style": 'x = "<style>p{color:red}</style>"',
        "css constant": 'PANEL_CSS = """\nbody{margin:0}\n.a .b{color:red}"""',
    }
    for what, source in caught.items():
        assert html_in_python(source), what
    assert esc_calls("y = esc(a)") and esc_calls("y = render.esc(a)")
    harmless = [
        'x = f"{a} < {b}"',
        'x = "a" + b',
        '"""<style> in a docstring"""',
        'def f():\n    """A <b>docstring</b>."""',
        'x = render("page/note_line.html", text=t)',
        'LEAFLET_CSS = "leaflet/leaflet.css"',
        r'pattern = re.compile(r"(?<!\w)(" + "|".join(words) + r")(?!\w)")',
        "raise ValueError(f\"{name} must not contain '</script'\")",
    ]
    for source in harmless:
        assert not html_in_python(source), source


def test_no_html_built_in_python():
    """Outside the modules still being converted, no HTML or CSS is built in Python."""
    found = {name: hits for name, hits in everything_found().items() if name not in PENDING}
    assert not found, "\n".join(f"{name}:{hit}" for name, hits in found.items() for hit in hits)


def test_pending_list_is_current():
    """Every module listed as still being converted still has something to convert."""
    found = everything_found()
    done = [name for name in PENDING if name not in found]
    assert not done, f"converted, take them off PENDING: {done}"
