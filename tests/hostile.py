"""Hostile strings, and a copy of the real content with them put into every text field."""

from __future__ import annotations

from escape_routes.content import Atlas

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
    """The real atlas with the payload in every text field a user can see."""

    def hx(text: str | None) -> str:
        return f"{payload} {text or ''}"

    out = Atlas(
        countries=atlas.countries,
        rivers=atlas.rivers,
        tour=[
            s.model_copy(
                update={
                    "title": hx(s.title),
                    "body": hx(s.body),
                    "question": hx(s.question),
                    "notes": hx(s.notes),
                }
            )
            for s in atlas.tour
        ],
    )
    out.sources = {
        k: s.model_copy(update={"title": hx(s.title), "outlet": hx(s.outlet)})
        for k, s in atlas.sources.items()
    }
    out.quotes = {
        k: q.model_copy(
            update={
                "text": hx(q.text),
                "contested": hx(q.contested),
                "speaker": q.speaker.model_copy(update={"name": hx(q.speaker.name)})
                if q.speaker
                else None,
            }
        )
        for k, q in atlas.quotes.items()
    }
    out.risks = {
        k: r.model_copy(update={"label": hx(r.label), "description": hx(r.description)})
        for k, r in atlas.risks.items()
    }
    out.routes = {
        k: r.model_copy(update={"name": hx(r.name), "summary": hx(r.summary)})
        for k, r in atlas.routes.items()
    }
    out.places = {
        k: p.model_copy(
            update={
                "name": hx(p.name),
                "summary": hx(p.summary),
                "location_note": hx(p.location_note),
            }
        )
        for k, p in atlas.places.items()
    }
    out.segments = {
        k: s.model_copy(update={"name": hx(s.name), "summary": hx(s.summary)})
        for k, s in atlas.segments.items()
    }
    out.figures = atlas.figures
    return out
