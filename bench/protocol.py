"""Sessions that speak Streamlit's own websocket protocol, for loads no set of browsers on two
cores could make (30 Chromium contexts would take the machine themselves).

What a session does is what the frontend does on the wire (read from Streamlit 1.67's
``web/server``, ``runtime/app_session.py``, ``runtime/forward_msg_cache.py``):

1. ``GET /_stcore/health`` (sets the ``_streamlit_xsrf`` cookie; behind HAProxy also the
   affinity cookie ``ER_SERVER``) and ``GET /_stcore/host-config``;
2. a websocket to ``/_stcore/stream`` with the subprotocols ``streamlit`` + the XSRF token, the
   cookies and a same-origin ``Origin``; one protobuf per binary frame (``BackMsg`` up,
   ``ForwardMsg`` down);
3. ``BackMsg.rerun_script`` with the URL's query string, the page hash of the last
   ``navigation`` message, the widget states and the hashes of the cached messages it holds; the
   run ends with ``script_finished``. A filter change sends the *Risks* multiselect's id (from
   the page's ``multiselect`` element) with the chosen options' labels.

Messages of 10 kB or more are ``cacheable``: the client keeps them, lists their hashes, and the
server then sends only a ``ref_hash``, resolved from the cache (an unresolvable one is an error).
Only ``http://127.0.0.1:PORT`` is ever contacted; every step has a time limit.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import math
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect
from websockets.exceptions import WebSocketException

from bench.measure import med, pct

STEP_TIMEOUT_S = 30.0
MAX_MSGS = 5000
RISKS_KEY = "f_risks"
CAPTION = re.compile(r"Showing (.+?)\.(?:\s|$)")
FINISHED = ForwardMsg.ScriptFinishedStatus
ERROR_KINDS = ("connect", "exception", "timeout", "no effect", "check")


class ProtocolError(Exception):
    """The server did something a browser would treat as broken."""


@dataclass
class Step:
    """One script run as the client saw it, from its request to ``script_finished``."""

    ms: float = math.nan
    msgs: int = 0
    bytes: int = 0
    refs: int = 0
    status: str = ""
    exceptions: list[str] = field(default_factory=list)
    map_layers: str | None = None  # sha1 of the map component's feature_group argument
    caption: str | None = None
    risks_id: str | None = None
    risks_options: list[str] = field(default_factory=list)


class Client:
    """One browser-like session on the wire."""

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        if parts.scheme != "http" or parts.hostname != "127.0.0.1" or not parts.port:
            raise ValueError(f"only http://127.0.0.1:PORT, not {base_url!r}")
        self.base = base_url.rstrip("/")
        self.cookies: dict[str, str] = {}
        self.ws = None
        self.query_string = self.page_hash = ""
        self.cache: dict[str, list] = {}  # hash -> [ForwardMsg, run of last use]
        self.max_age, self.runs = 2, 0

    async def open(self) -> None:
        async with httpx.AsyncClient(base_url=self.base, timeout=STEP_TIMEOUT_S) as http:
            for path in ("/_stcore/health", "/_stcore/host-config"):
                resp = await http.get(path, headers=self._cookie_header())
                if resp.status_code != 200:
                    raise ProtocolError(f"{path} answered {resp.status_code}")
                for raw in resp.headers.get_list("set-cookie"):
                    name, _, value = raw.split(";", 1)[0].partition("=")
                    self.cookies[name] = value
        xsrf = self.cookies.get("_streamlit_xsrf")
        self.ws = await connect(
            f"ws://{self.base[7:]}/_stcore/stream",
            subprotocols=["streamlit"] + ([xsrf] if xsrf else []),  # type: ignore[list-item]
            origin=self.base,  # type: ignore[arg-type]
            additional_headers=self._cookie_header(),
            max_size=64 * 2**20,
            open_timeout=STEP_TIMEOUT_S,
            ping_interval=None,
        )

    def _cookie_header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}

    async def close(self) -> None:
        if self.ws is not None:
            try:
                await asyncio.wait_for(self.ws.close(), 10)
            except (TimeoutError, WebSocketException, OSError):
                pass

    async def run(self, widgets: dict[str, list[str]] | None = None) -> Step:
        """Ask for a script run and read until it has finished."""
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string, cs.page_script_hash = self.query_string, self.page_hash
        cs.widget_states.SetInParent()
        for wid, values in (widgets or {}).items():
            w = cs.widget_states.widgets.add()
            w.id = wid
            w.string_array_value.data.extend(values)
        cs.cached_message_hashes.extend(sorted(self.cache))
        ci = cs.context_info
        ci.timezone, ci.locale, ci.color_scheme = "UTC", "en-US", "light"
        ci.url = self.base + "/" + (f"?{self.query_string}" if self.query_string else "")
        step, t0 = Step(), time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        while step.msgs < MAX_MSGS:
            left = t0 + STEP_TIMEOUT_S - time.perf_counter()
            data = await asyncio.wait_for(self.ws.recv(), max(left, 0.001))
            step.msgs += 1
            step.bytes += len(data)
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            if self._handle(fwd, step):
                step.ms = (time.perf_counter() - t0) * 1000
                return step
        raise TimeoutError(f"no script_finished after {MAX_MSGS} messages")

    def _handle(self, msg: ForwardMsg, step: Step) -> bool:
        """Apply one ForwardMsg; True when it ends the requested run."""
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            step.refs += 1
            hit = self.cache.get(msg.ref_hash)
            if hit is None:
                step.exceptions.append(f"unresolvable ref_hash {msg.ref_hash[:12]}")
                return False
            hit[1] = self.runs
            full = ForwardMsg()
            full.CopyFrom(hit[0])
            msg, kind = full, full.WhichOneof("type")
        elif msg.metadata.cacheable and msg.hash:
            self.cache[msg.hash] = [msg, self.runs]
        if kind == "new_session":
            self.max_age = msg.new_session.config.max_cached_message_age or 2
            self.page_hash = self.page_hash or msg.new_session.page_script_hash
        elif kind == "navigation":
            self.page_hash = msg.navigation.page_script_hash or self.page_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._element(msg.delta.new_element, step)
        elif kind == "script_finished":
            self.runs += 1
            for h in [h for h, (_, used) in self.cache.items() if self.runs - used > self.max_age]:
                del self.cache[h]
            if msg.script_finished in (
                FINISHED.FINISHED_EARLY_FOR_RERUN,
                FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
            ):
                return False
            step.status = FINISHED.Name(msg.script_finished)
            return True
        return False

    def _element(self, el, step: Step) -> None:
        et = el.WhichOneof("type")
        if et == "exception":
            step.exceptions.append(f"{el.exception.type}: {el.exception.message[:200]}")
        elif et == "multiselect" and el.multiselect.id.endswith("-" + RISKS_KEY):
            step.risks_id, step.risks_options = el.multiselect.id, list(el.multiselect.options)
        elif et == "component_instance" and "st_folium" in el.component_instance.component_name:
            args = json.loads(el.component_instance.json_args or "{}")
            step.map_layers = hashlib.sha1(str(args.get("feature_group")).encode()).hexdigest()
        elif et == "markdown" and step.caption is None:
            m = CAPTION.search(el.markdown.body)
            step.caption = m.group(1) if m else None


@dataclass
class Session:
    """One user: load the map page, then pick risks one after another."""

    load_ms: float | None = None
    filter_ms: list[float] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    steps: list[Step] = field(default_factory=list)
    backend: str = "-"  # HAProxy's affinity cookie, if any
    checked: int = 0  # filter changes whose map layers and caption changed as expected
    noop: Step | None = None  # the same widget states sent again


async def session(url: str, labels: list[str], expected: list[str], think_s: float = 0) -> Session:
    """Load "/", then pick ``labels`` cumulatively (then send the last state once more, timed
    apart: a rerun that changes nothing); ``expected``: the "Showing ..." caption after
    the load and after each pick (from ``filters.apply``). A wrong caption, a pick that changes
    neither the map's layers nor the caption, an exception or a step over STEP_TIMEOUT_S is an
    error."""
    res, client, t0 = Session(), Client(url), time.perf_counter()
    widgets: dict[str, list[str]] | None = None
    prev = None
    try:
        await asyncio.wait_for(client.open(), STEP_TIMEOUT_S)
        res.backend = client.cookies.get("ER_SERVER", "-")
        for i in range(len(labels) + 1):
            if i:
                await asyncio.sleep(think_s)
                if not prev.risks_id or labels[i - 1] not in prev.risks_options:
                    res.errors.append(("check", f"no Risks option {labels[i - 1]!r} to pick"))
                    break
                widgets = {prev.risks_id: labels[:i]}
            step = await client.run(widgets)
            res.steps.append(step)
            if i:
                res.filter_ms.append(step.ms)
            else:
                res.load_ms = (time.perf_counter() - t0) * 1000  # HTTP + socket + first run
            res.errors += [("exception", x) for x in step.exceptions]
            if step.status != "FINISHED_SUCCESSFULLY":
                res.errors.append(("exception", f"script_finished {step.status}"))
            if step.caption != expected[i]:
                res.errors.append(("check", f"caption {step.caption!r}, not {expected[i]!r}"))
            if i and step.map_layers == prev.map_layers:
                res.errors.append(("no effect", f"pick {i}: the map's layers did not change"))
            elif i:
                res.checked += 1
            prev = step
        if widgets:  # a rerun that changes nothing: what it still sends
            res.noop = await client.run(widgets)
    except TimeoutError:
        res.errors.append(("timeout", f"a step took over {STEP_TIMEOUT_S:.0f} s"))
    except (OSError, WebSocketException, ProtocolError, httpx.HTTPError) as exc:
        res.errors.append(("connect", f"{type(exc).__name__}: {str(exc)[:200]}"))
    finally:
        await client.close()
    return res


def summarise(sessions: list[Session]) -> dict:
    """Latencies (a step that timed out counts as longer than any), errors by kind, bytes."""
    timed_out = [s for s in sessions if any(k == "timeout" for k, _ in s.errors)]
    loads = [s.load_ms for s in sessions if s.load_ms is not None]
    loads += [math.inf] * sum(s.load_ms is None for s in timed_out)
    filt = [ms for s in sessions for ms in s.filter_ms]
    filt += [math.inf] * sum(s.load_ms is not None for s in timed_out)
    errs = [e for s in sessions for e in s.errors]
    steps = [(i, st) for s in sessions for i, st in enumerate(s.steps)]
    backends: dict[str, int] = {}
    for s in sessions:
        backends[s.backend] = backends.get(s.backend, 0) + 1
    return {
        "sessions": len(sessions),
        "load_p50": pct(loads, 50),
        "load_p95": pct(loads, 95),
        "filter_p50": pct(filt, 50),
        "filter_p95": pct(filt, 95),
        "errors": len(errs),
        "errors_by_kind": {k: sum(e[0] == k for e in errs) for k in ERROR_KINDS},
        "error_samples": [f"{k}: {t}" for k, t in errs[:5]],
        "verified": sum(s.checked for s in sessions),
        "kb_load": med([st.bytes for i, st in steps if i == 0]) / 1e3,
        "kb_filter": med([st.bytes for i, st in steps if i > 0]) / 1e3,
        "refs_filter": med([st.refs for i, st in steps if i > 0]),
        "kb_noop": med([s.noop.bytes / 1e3 for s in sessions if s.noop]),
        "msgs_noop": med([s.noop.msgs for s in sessions if s.noop]),
        "backends": dict(sorted(backends.items())),
    }


async def arrivals(url: str, n: int, spread_s: float, labels, expected) -> list[Session]:
    """n sessions arriving evenly over ``spread_s`` seconds."""

    async def user(i: int) -> Session:
        await asyncio.sleep(spread_s * i / n)
        return await session(url, labels, expected)

    return list(await asyncio.gather(*(user(i) for i in range(n))))


async def soak(url: str, users: int, duration_s: float, labels, expected, think_s: float = 1.0):
    """``users`` each running sessions (``think_s`` between steps) until ``duration_s`` is over;
    arrivals spread over the first 30 s. Returns (minute, Session) pairs."""
    done: list[tuple[int, Session]] = []
    t0 = time.monotonic()

    async def user(i: int) -> None:
        await asyncio.sleep(30 * i / users)
        while time.monotonic() - t0 < duration_s:
            s = await session(url, labels, expected, think_s)
            done.append((int((time.monotonic() - t0) // 60) + 1, s))
            await asyncio.sleep(think_s)

    await asyncio.gather(*(user(i) for i in range(users)))
    return done
