"""Hostile strings, and a copy of the fixture content with them put into every text field."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from escape_routes.content.model import Atlas
from escape_routes.content.paths import Paths

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">click</a>',
    "`;alert(1);`",
    "${alert(1)}",
    "</script><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "<style>body{display:none}</style>",
    '<div style="position:fixed;inset:0;background:red">x</div>',
    "<iframe src=javascript:alert(1)></iframe>",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "{{7*7}} {% raw %}",
    "<!-- comment --><b>bold</b>",
    "\u202eevil right-to-left\u202c and zero\u200bwidth\u200d joiners",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "[link](javascript:alert(1)) **bold**",
    "A" * 5000,
]


def hostile_atlas(atlas: Atlas, payload: str) -> Atlas:
    """The atlas with the payload in every text field a user can see."""

    def hx(text: str | None) -> str:
        return f"{payload} {text or ''}"

    return replace(
        atlas,
        tour=[
            s.model_copy(
                update={
                    "title": hx(s.title),
                    "body": hx(s.body),
                    "question": hx(s.question),
                    "notes": hx(s.notes),
                    "care": hx(s.care),
                }
            )
            for s in atlas.tour
        ],
        sources={
            k: s.model_copy(
                update={
                    "title": hx(s.title),
                    "short_title": hx(s.short_title),
                    "outlet": hx(s.outlet),
                }
            )
            for k, s in atlas.sources.items()
        },
        quotes={
            k: q.model_copy(
                update={
                    "text": hx(q.text),
                    "contested": hx(q.contested),
                    "excerpt_from": hx(q.excerpt_from) if q.excerpt_from else None,
                    "comment_time": hx(q.comment_time) if q.comment_time else None,
                    "speaker": q.speaker.model_copy(update={"name": hx(q.speaker.name)})
                    if q.speaker
                    else None,
                }
            )
            for k, q in atlas.quotes.items()
        },
        risks={
            k: r.model_copy(update={"label": hx(r.label), "description": hx(r.description)})
            for k, r in atlas.risks.items()
        },
        routes={
            k: r.model_copy(update={"name": hx(r.name), "summary": hx(r.summary)})
            for k, r in atlas.routes.items()
        },
        places={
            k: p.model_copy(
                update={
                    "name": hx(p.name),
                    "summary": hx(p.summary),
                    "location_note": hx(p.location_note),
                }
            )
            for k, p in atlas.places.items()
        },
        segments={
            k: s.model_copy(
                update={
                    "name": hx(s.name),
                    "summary": hx(s.summary),
                    "happened": s.happened.model_copy(update={"note": hx(s.happened.note)})
                    if s.happened
                    else None,
                }
            )
            for k, s in atlas.segments.items()
        },
    )


TEXT_FIELDS = {
    "sources.yaml": ("title", "outlet", "reliability", "date_note"),
    "risks.yaml": ("label", "description"),
    "routes.yaml": ("name", "summary"),
    "tour.yaml": ("title", "body", "question", "notes", "care"),
    "figures.yaml": ("measures",),
}
PLACE_FIELDS = ("name", "summary", "location_note")
SEGMENT_FIELDS = ("name", "summary")


def write_hostile_copy(root: Path) -> Paths:
    """A valid copy of the fixture content with a payload in every text field (cycling the
    list).

    Every quote gets all payloads appended. The copy's "supplied texts" are made from its own
    quotes, so the copy passes the validator, the verbatim check included, and the payloads
    reach the page.
    """
    import json
    import shutil

    import yaml

    from tests.conftest import FIXTURES

    paths = Paths(root / "content", root / "geodata", root / "sources")
    shutil.copytree(FIXTURES / "content", paths.content)
    shutil.copytree(FIXTURES / "geodata", paths.geodata)
    paths.sources.mkdir()
    cycle = iter(PAYLOADS * 100)
    tail = " ".join(p for p in PAYLOADS if len(p) < 200)

    def dump(path: Path, data: object) -> None:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")

    for name, fields in TEXT_FIELDS.items():
        rows = yaml.safe_load((paths.content / name).read_text("utf-8"))
        for row in rows:
            for f in fields:
                if row.get(f):
                    payload = next(cycle)
                    row[f] = f"{payload} {row[f]}"
                    if f == "title" and row.get("short_title"):  # still words of the title
                        row["short_title"] = f"{payload} {row['short_title']}"
        dump(paths.content / name, rows)
    files = {
        s["id"]: s["file"] for s in yaml.safe_load((paths.content / "sources.yaml").read_text())
    }
    quotes = yaml.safe_load((paths.content / "quotes.yaml").read_text("utf-8"))
    appended: dict[str, list[str]] = {}
    for q in quotes:
        q["text"] = f"{q['text']} {next(cycle)} {tail}"
        if q.get("speaker"):
            q["speaker"]["name"] = f"{next(cycle)} {q['speaker']['name']}"
        appended.setdefault(files[q["source"]], []).append(q["text"])
    dump(paths.content / "quotes.yaml", quotes)
    for file in files.values():
        (paths.sources / file).write_text("\n".join(appended.get(file, [])) + "\n", "utf-8")
    geo_files = [paths.geodata / "places.geojson", *(paths.geodata / "routes").glob("*.geojson")]
    for path in geo_files:
        data = json.loads(path.read_text("utf-8"))
        fields = PLACE_FIELDS if path.name == "places.geojson" else SEGMENT_FIELDS
        for feat in data["features"]:
            for f in fields:
                if feat["properties"].get(f):
                    feat["properties"][f] = f"{next(cycle)} {feat['properties'][f]}"
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return paths
