"""Load test with clients that speak Streamlit's own websocket protocol (no browser).

Each simulated session does what the Streamlit frontend does on the wire, read from the installed
Streamlit 1.67 (``web/server/starlette/starlette_websocket.py``, ``runtime/app_session.py``,
``runtime/scriptrunner_utils/script_run_context.py``, ``runtime/forward_msg_cache.py``,
``elements/widgets/multiselect.py``):

1. ``GET /_stcore/health`` (which sets the ``_streamlit_xsrf`` cookie) and
   ``GET /_stcore/host-config``, as the frontend does before it opens the socket;
2. a websocket to ``/_stcore/stream`` with the subprotocols ``["streamlit", <xsrf token>]``
   (the server picks the first; the second entry is the XSRF token, checked against the cookie),
   the cookie and a same-origin ``Origin`` header. The server (uvicorn) speaks the protocol in
   binary frames, one serialized protobuf per frame: ``BackMsg`` up, ``ForwardMsg`` down;
3. nothing runs until the client asks: the first ``BackMsg`` is ``rerun_script`` with a
   ``ClientState`` holding the URL's ``query_string`` (empty for ``/``), an empty
   ``page_script_hash`` and ``page_name`` (the default page of ``st.navigation``), empty
   ``widget_states`` and a ``context_info`` (time zone, locale, URL, colour scheme);
4. the server answers with ``new_session``, then the run's deltas (``navigation``,
   ``page_info_changed`` with the query string the app wrote, ...), and ends each run with
   ``script_finished`` (``FINISHED_SUCCESSFULLY``; ``FINISHED_EARLY_FOR_RERUN`` when a new
   request interrupted it, followed by the next run's messages);
5. a filter change is another ``rerun_script``: ``page_script_hash`` from the last
   ``navigation`` message, ``query_string`` from the last ``page_info_changed`` (the browser's
   address bar), and in ``widget_states`` the *Risks* multiselect's id (the ``id`` of the
   ``multiselect`` element whose id ends in ``-f_risks``) with ``string_array_value`` = the
   chosen options' *formatted* labels (``MultiSelectSerde`` maps labels back to option values;
   that is what the frontend sends in 1.67). Other widgets are left out; the server keeps their
   last values.

Cached messages: in 1.67 the cache lives in the client. Every ForwardMsg has a ``hash``; a
``new_element`` delta of ≥ ``global.minCachedMessageSize`` (10 kB) is marked
``metadata.cacheable``. The client keeps those and lists their hashes in
``ClientState.cached_message_hashes`` on its next requests; the server then sends, for a message
the client already holds, only a ``ForwardMsg`` with ``ref_hash`` (and the metadata with the
delta path), which the client resolves from its own cache (expiry as the frontend's:
``new_session.config.max_cached_message_age`` script runs). There is no HTTP endpoint for
messages any more (no ``/_stcore/message``): a new session has an empty cache, so everything
reaches it inline. This client keeps such a cache, resolves references and counts them; a
reference it cannot resolve is an error.

Only 127.0.0.1 is contacted (enforced); every wait is bounded (``STEP_TIMEOUT_S`` per step,
``MAX_MSGS_PER_STEP`` messages per step, ``MAX_SESSIONS`` sessions per scenario).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import math
import os
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect as ws_connect
from websockets.exceptions import WebSocketException

from bench import common

STEP_TIMEOUT_S = 30.0  # connect + first run, and each filter change
MAX_SESSIONS = 100
MAX_MSGS_PER_STEP = 5000
MAX_FRAME_BYTES = 64 * 2**20
DEFAULT_MAX_CACHED_AGE = 2  # global.maxCachedMessageAge, if new_session does not say
RISKS_KEY = "f_risks"
MAP_COMPONENT = "st_folium"
CAPTION = re.compile(r"Showing (.+?)\.(?:\s|$)")
FINISHED = ForwardMsg.ScriptFinishedStatus


class StepTimeout(Exception):
    """A step did not finish within STEP_TIMEOUT_S."""


class ProtocolError(Exception):
    """The server did something a browser would treat as broken."""


def _loopback(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    if parts.hostname != "127.0.0.1" or parts.scheme != "http" or not parts.port:
        raise ValueError(f"protocol clients only talk to http://127.0.0.1:PORT, not {url!r}")
    return parts.hostname, parts.port


async def http_get(host: str, port: int, path: str, cookie: str = "", timeout: float = 10):
    """A minimal HTTP/1.1 GET (Connection: close): status, headers (lower-case names), body."""

    async def go():
        reader, writer = await asyncio.open_connection(host, port)
        try:
            head = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: */*\r\n"
            if cookie:
                head += f"Cookie: {cookie}\r\n"
            writer.write((head + "Connection: close\r\n\r\n").encode())
            await writer.drain()
            raw = await reader.read(4 * 2**20)
        finally:
            writer.close()
        top, _, body = raw.partition(b"\r\n\r\n")
        lines = top.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1]) if lines and len(lines[0].split()) > 1 else 0
        headers = []
        for line in lines[1:]:
            k, _, v = line.partition(":")
            headers.append((k.strip().lower(), v.strip()))
        return status, headers, body

    return await asyncio.wait_for(go(), timeout)


@dataclass
class Step:
    """One script run as the client saw it (from its request to ``script_finished``)."""

    kind: str  # load | filter
    ms: float = math.nan
    first_ms: float = math.nan  # to the first ForwardMsg of the answer
    status: str = ""
    msgs: int = 0
    bytes: int = 0
    refs: int = 0  # ForwardMsgs that came as ref_hash (resolved from the client's cache)
    refs_missing: int = 0
    cacheable: int = 0
    early_reruns: int = 0  # FINISHED_EARLY_FOR_RERUN seen before the run that counted
    exceptions: list[str] = field(default_factory=list)
    feature_group: str | None = None  # sha1 of the map component's feature_group argument
    feature_group_chars: int = 0
    json_args_chars: int = 0
    caption: str | None = None
    risks_id: str | None = None
    risks_options: list[str] = field(default_factory=list)


class Client:
    """One browser-like session on the wire."""

    def __init__(self, base_url: str, step_timeout_s: float = STEP_TIMEOUT_S) -> None:
        self.base = base_url.rstrip("/")
        self.host, self.port = _loopback(self.base)
        self.step_timeout_s = step_timeout_s
        self.ws = None
        self.cookie = ""
        self.xsrf = ""
        self.query_string = ""
        self.page_hash = ""
        self.max_age = DEFAULT_MAX_CACHED_AGE
        self.runs_done = 0
        self.cache: dict[str, list] = {}  # hash -> [ForwardMsg, run number of last use]
        self.connect_ms = math.nan

    # --- connection -------------------------------------------------------------

    async def open(self) -> None:
        t0 = time.perf_counter()
        status, headers, _ = await http_get(
            self.host, self.port, "/_stcore/health", timeout=self.step_timeout_s
        )
        if status != 200:
            raise ProtocolError(f"/_stcore/health answered {status}")
        for k, v in headers:
            if k == "set-cookie" and v.startswith("_streamlit_xsrf="):
                self.xsrf = v.split(";", 1)[0].split("=", 1)[1]
                self.cookie = f"_streamlit_xsrf={self.xsrf}"
        status, _, _ = await http_get(
            self.host, self.port, "/_stcore/host-config", self.cookie, timeout=self.step_timeout_s
        )
        if status != 200:
            raise ProtocolError(f"/_stcore/host-config answered {status}")
        protocols = ["streamlit"] + ([self.xsrf] if self.xsrf else [])
        self.ws = await ws_connect(
            f"ws://{self.host}:{self.port}/_stcore/stream",
            subprotocols=protocols,  # type: ignore[arg-type]
            origin=self.base,  # type: ignore[arg-type]
            additional_headers={"Cookie": self.cookie} if self.cookie else None,
            max_size=MAX_FRAME_BYTES,
            open_timeout=self.step_timeout_s,
            ping_interval=None,  # the frontend does not ping; uvicorn pings and we answer
            close_timeout=5,
        )
        if self.ws.subprotocol != "streamlit":
            raise ProtocolError(f"server chose subprotocol {self.ws.subprotocol!r}")
        self.connect_ms = (time.perf_counter() - t0) * 1000

    async def close(self) -> None:
        if self.ws is not None:
            try:
                await asyncio.wait_for(self.ws.close(), 10)
            except (TimeoutError, WebSocketException, OSError):
                pass
            self.ws = None

    # --- requests ---------------------------------------------------------------

    def _rerun_msg(self, widgets: dict[str, list[str]] | None) -> bytes:
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query_string
        cs.page_script_hash = self.page_hash
        cs.page_name = ""
        cs.widget_states.SetInParent()
        for wid, values in (widgets or {}).items():
            w = cs.widget_states.widgets.add()
            w.id = wid
            w.string_array_value.data.extend(values)
        cs.cached_message_hashes.extend(sorted(self.cache))
        ci = cs.context_info
        ci.timezone = "UTC"
        ci.timezone_offset = 0
        ci.locale = "en-US"
        ci.url = self.base + "/" + (f"?{self.query_string}" if self.query_string else "")
        ci.is_embedded = False
        ci.color_scheme = "light"
        return msg.SerializeToString()

    async def run(self, kind: str, widgets: dict[str, list[str]] | None = None) -> Step:
        """Ask for a script run and read until it has finished; the time is to script_finished."""
        if self.ws is None:
            raise ProtocolError("not connected")
        step = Step(kind)
        t0 = time.perf_counter()
        deadline = t0 + self.step_timeout_s
        await self.ws.send(self._rerun_msg(widgets))
        while True:
            left = deadline - time.perf_counter()
            if left <= 0 or step.msgs >= MAX_MSGS_PER_STEP:
                raise StepTimeout(
                    f"{kind}: no script_finished within {self.step_timeout_s:.0f} s "
                    f"({step.msgs} messages)"
                )
            try:
                data = await asyncio.wait_for(self.ws.recv(), left)
            except TimeoutError:
                continue
            if isinstance(data, str):
                raise ProtocolError("text frame from the server")
            if not step.msgs:
                step.first_ms = (time.perf_counter() - t0) * 1000
            step.msgs += 1
            step.bytes += len(data)
            msg = ForwardMsg()
            msg.ParseFromString(data)
            if self._handle(msg, step):
                step.ms = (time.perf_counter() - t0) * 1000
                return step

    def _handle(self, msg: ForwardMsg, step: Step) -> bool:
        """Apply one ForwardMsg; True when it ends the requested run."""
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            step.refs += 1
            hit = self.cache.get(msg.ref_hash)
            if hit is None:
                step.refs_missing += 1
                step.exceptions.append(f"unresolvable ref_hash {msg.ref_hash[:12]}")
                return False
            hit[1] = self.runs_done
            full = ForwardMsg()
            full.CopyFrom(hit[0])
            full.metadata.CopyFrom(msg.metadata)
            msg, kind = full, full.WhichOneof("type")
        elif msg.metadata.cacheable and msg.hash:
            step.cacheable += 1
            self.cache[msg.hash] = [msg, self.runs_done]
        if kind == "new_session":
            age = msg.new_session.config.max_cached_message_age
            self.max_age = age if age > 0 else DEFAULT_MAX_CACHED_AGE
            if not self.page_hash:
                self.page_hash = msg.new_session.page_script_hash
        elif kind == "navigation":
            self.page_hash = msg.navigation.page_script_hash or self.page_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "session_event":
            ev = msg.session_event
            if ev.HasField("script_compilation_exception"):
                x = ev.script_compilation_exception
                step.exceptions.append(f"compile: {x.type}: {x.message[:200]}")
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._element(msg.delta.new_element, step)
        elif kind == "script_finished":
            status = msg.script_finished
            self.runs_done += 1
            self._expire()
            if status == FINISHED.FINISHED_EARLY_FOR_RERUN:
                step.early_reruns += 1
                return False
            if status == FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
                return False
            step.status = FINISHED.Name(status)
            return True
        return False

    def _element(self, el, step: Step) -> None:
        et = el.WhichOneof("type")
        if et == "exception":
            step.exceptions.append(f"{el.exception.type}: {el.exception.message[:200]}")
        elif et == "multiselect" and el.multiselect.id.endswith("-" + RISKS_KEY):
            step.risks_id = el.multiselect.id
            step.risks_options = list(el.multiselect.options)
        elif et == "component_instance" and MAP_COMPONENT in el.component_instance.component_name:
            raw = el.component_instance.json_args
            step.json_args_chars = len(raw)
            try:
                fg = json.loads(raw).get("feature_group") or ""
            except ValueError:
                fg = ""
            step.feature_group_chars = len(fg)
            step.feature_group = hashlib.sha1(fg.encode()).hexdigest()
        elif et == "markdown" and step.caption is None:
            m = CAPTION.search(el.markdown.body)
            if m:
                step.caption = m.group(1)

    def _expire(self) -> None:
        """Drop cached messages not used for more than max_age runs (as the frontend does)."""
        for h in [h for h, (_, used) in self.cache.items() if self.runs_done - used > self.max_age]:
            del self.cache[h]


# --- one user -------------------------------------------------------------------------------


@dataclass
class SessionResult:
    connect_ms: float | None = None
    load_ms: float | None = None
    filter_ms: list[float] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    stage: str = "connect"  # where it stopped: connect, load, filter, done
    steps: list[Step] = field(default_factory=list)
    checked: int = 0  # filter changes verified (map layers and caption changed as expected)
    captions: list[str | None] = field(default_factory=list)

    @property
    def timed_out(self) -> bool:
        return any(k == "timeout" for k, _ in self.errors)


async def session(
    url: str,
    labels: list[str],
    expected: list[str] | None = None,
    step_timeout_s: float = STEP_TIMEOUT_S,
    think_s: float = 0.0,
) -> SessionResult:
    """Open the map page ("/"), then pick ``labels`` one after another in *Risks* (cumulative).

    ``expected``: the "Showing ..." summary expected after the load and after each pick (from
    ``filters.apply``); a mismatch is an error, as is a pick that leaves the map's layers or
    the caption unchanged.
    """
    res = SessionResult()
    client = Client(url, step_timeout_s)
    t_start = time.perf_counter()
    try:
        try:
            await asyncio.wait_for(client.open(), step_timeout_s)
        except TimeoutError:
            res.errors.append(("timeout", f"connect: not open within {step_timeout_s:.0f} s"))
            return res
        except (OSError, WebSocketException, ProtocolError) as exc:
            res.errors.append(("connect", f"{type(exc).__name__}: {str(exc)[:200]}"))
            return res
        res.connect_ms = client.connect_ms
        res.stage = "load"
        prev = await _step(client, res, "load", None, expected[0] if expected else None)
        if prev is None:
            return res
        res.load_ms = (time.perf_counter() - t_start) * 1000  # HTTP + socket + first run
        if prev.feature_group is None:
            res.errors.append(("check", "load: no map component (streamlit_folium) in the page"))
        res.stage = "filter"
        for i in range(len(labels)):
            if think_s:
                await asyncio.sleep(think_s)
            rid = prev.risks_id
            if not rid:
                res.errors.append(("check", "no Risks multiselect (key f_risks) in the page"))
                return res
            missing = [x for x in labels[: i + 1] if x not in prev.risks_options]
            if missing:
                res.errors.append(("check", f"not an option of Risks: {missing}"))
                return res
            want = expected[i + 1] if expected and len(expected) > i + 1 else None
            step = await _step(client, res, "filter", {rid: labels[: i + 1]}, want)
            if step is None:
                return res
            res.filter_ms.append(step.ms)
            problems = []
            if step.feature_group is None:
                problems.append("no map component in the rerun")
            elif step.feature_group == prev.feature_group:
                problems.append("map layers (feature_group) unchanged")
            if step.caption is not None and step.caption == prev.caption:
                problems.append(f"caption unchanged ({step.caption!r})")
            if problems:
                res.errors.append(("no effect", f"pick {i + 1}: " + "; ".join(problems)))
            else:
                res.checked += 1
            prev = step
        res.stage = "done"
    finally:
        await client.close()
    return res


async def _step(client: Client, res: SessionResult, kind: str, widgets, want) -> Step | None:
    try:
        step = await client.run(kind, widgets)
    except StepTimeout as exc:
        res.errors.append(("timeout", str(exc)))
        return None
    except (OSError, WebSocketException, ProtocolError) as exc:
        res.errors.append(("connect", f"{kind}: {type(exc).__name__}: {str(exc)[:200]}"))
        return None
    res.steps.append(step)
    res.captions.append(step.caption)
    for x in step.exceptions:
        res.errors.append(("exception", f"{kind}: {x}"))
    if step.status != "FINISHED_SUCCESSFULLY":
        res.errors.append(("exception", f"{kind}: script_finished {step.status}"))
    if want is not None and step.caption is not None and step.caption != want:
        res.errors.append(("check", f"{kind}: caption {step.caption!r}, expected {want!r}"))
    return step


# --- scenarios ------------------------------------------------------------------------------

ERROR_KINDS = ("connect", "exception", "timeout", "no effect", "check")


def summarise(results: list[SessionResult], n: int) -> dict:
    """Latencies (a timed-out step counts as longer than any measured), errors by kind."""
    inf = math.inf
    loads = [r.load_ms for r in results if r.load_ms is not None]
    filt = [ms for r in results for ms in r.filter_ms]
    loads_c = loads + [inf] * sum(r.stage == "load" and r.timed_out for r in results)
    filt_c = filt + [inf] * sum(r.stage == "filter" and r.timed_out for r in results)
    errs = [(k, t) for r in results for k, t in r.errors]
    if len(results) < n:
        errs.append(("timeout", f"{n - len(results)} sessions did not finish in time"))
    by_kind = {k: sum(1 for e in errs if e[0] == k) for k in ERROR_KINDS}
    steps = [s for r in results for s in r.steps]

    def per(kind: str, attr: str) -> float:
        xs = [getattr(s, attr) for s in steps if s.kind == kind]
        return common.median(xs) if xs else math.nan

    return {
        "loads": loads,
        "filters": filt,
        "connects": [r.connect_ms for r in results if r.connect_ms is not None],
        "load_p50": common.pct(loads_c, 50),
        "load_p95": common.pct(loads_c, 95),
        "filter_p50": common.pct(filt_c, 50),
        "filter_p95": common.pct(filt_c, 95),
        "errors": len(errs),
        "errors_by_kind": by_kind,
        "error_samples": [f"{k}: {t}" for k, t in errs[:8]],
        "timeouts": by_kind["timeout"],
        "load_timeouts": sum(r.stage in ("connect", "load") and r.timed_out for r in results),
        "completed": sum(r.stage == "done" for r in results),
        "verified_filters": sum(r.checked for r in results),
        "captions": sorted({c for r in results for c in r.captions if c}, key=str),
        "first_msg_load": per("load", "first_ms"),
        "first_msg_filter": per("filter", "first_ms"),
        "msgs_per_load": per("load", "msgs"),
        "bytes_per_load": per("load", "bytes"),
        "msgs_per_filter": per("filter", "msgs"),
        "bytes_per_filter": per("filter", "bytes"),
        "refs_per_filter": per("filter", "refs"),
        "refs": sum(s.refs for s in steps),
        "refs_missing": sum(s.refs_missing for s in steps),
        "early_reruns": sum(s.early_reruns for s in steps),
        "json_args_chars": per("load", "json_args_chars"),
        "feature_group_chars": per("filter", "feature_group_chars"),
    }


def thread_cpu(pid: int) -> dict[str, float]:
    """CPU seconds of a process: its main thread (Streamlit's event loop: HTTP, websockets,
    sending the messages) and all other threads, dead ones included (script runs, watchers)."""
    tick = os.sysconf("SC_CLK_TCK")

    def read(path: str) -> float:
        try:
            raw = open(path).read()
        except OSError:
            return math.nan
        f = raw[raw.rindex(")") + 2 :].split()
        return (int(f[11]) + int(f[12])) / tick

    total, main = read(f"/proc/{pid}/stat"), read(f"/proc/{pid}/task/{pid}/stat")
    return {"main thread": main, "other threads": total - main}


async def _loop_lag(lags: list, stop, every_s: float = 0.05) -> None:
    """How late this process's event loop wakes up: the clients' own delay (should stay small)."""
    while not stop.is_set():
        t = time.perf_counter()
        await asyncio.sleep(every_s)
        lags.append((time.perf_counter() - t - every_s) * 1000)


async def _sample(server, samples: list, every_s: float, t0: float, stop, tracker=None) -> None:
    while not stop.is_set():
        samples.append((time.monotonic() - t0, server.rss_mb()))
        if tracker:
            tracker.sample()
        try:
            await asyncio.wait_for(stop.wait(), timeout=every_s)
        except TimeoutError:
            pass


async def warm(url: str) -> SessionResult:
    """One load, to fill the app's caches (the first view after a server start is slow)."""
    return await session(url, [], step_timeout_s=90)


ALONE_RUNS = 3


def section_medians(runs: list[dict]) -> dict[str, float]:
    """Median wall seconds per wrapped app function over the map-page runs, largest first."""
    runs = [x for x in runs if x.get("page") == "map"]
    keys = {k for x in runs for k in x.get("sections", {})}
    med = {k: common.median([x["sections"].get(k, 0.0) for x in runs]) for k in keys}
    return dict(sorted(med.items(), key=lambda kv: -kv[1]))


async def one_at_a_time(server, labels: list[str], expected, runs: int = ALONE_RUNS) -> dict:
    """The same session, ``runs`` times one after another on an otherwise idle server: the
    latencies without contention, and the server CPU that one session costs."""
    c0 = thread_cpu(server.pid)
    res = [await session(server.url, labels, expected) for _ in range(runs)]
    c1 = thread_cpu(server.pid)
    loads = [r.load_ms for r in res if r.load_ms is not None]
    filt = [x for r in res for x in r.filter_ms]
    return {
        "runs": runs,
        "load_ms": common.median(loads),
        "filter_ms": common.median(filt),
        "errors": sum(len(r.errors) for r in res),
        "server_cpu_s": sum(c1[k] - c0[k] for k in c0) / runs,
        "main_thread_cpu_s": (c1["main thread"] - c0["main thread"]) / runs,
    }


async def scenario(
    server: common.Server,
    n: int,
    spread_s: float,
    labels: list[str],
    expected: list[str] | None,
    name: str,
    log=print,
    limit_s: float | None = None,
) -> dict:
    """n protocol sessions arriving evenly over spread_s seconds (0: all at once); each loads
    the map page and picks the risks in ``labels`` one after another."""
    if not 0 < n <= MAX_SESSIONS:
        raise ValueError(f"1..{MAX_SESSIONS} sessions, not {n}")
    url = server.url
    _loopback(url)
    how = "all start at once" if not spread_s else f"arriving evenly over {spread_s:.0f} s"
    log(f"[5] {n} concurrent protocol sessions ({how}; load, then {len(labels)} filter changes)")
    await warm(url)
    alone = await one_at_a_time(server, labels, expected, ALONE_RUNS)
    log(
        f"  one session alone (median of {ALONE_RUNS}): load {_fmt(alone['load_ms'])}, filter "
        f"change {_fmt(alone['filter_ms'])}; server CPU per session "
        f"{alone['server_cpu_s'] * 1000:.0f} ms (main thread "
        f"{alone['main_thread_cpu_s'] * 1000:.0f} ms)"
    )
    await asyncio.sleep(2)
    rss_before = server.rss_mb()
    cpu0 = common.cpu_seconds(server.pid)
    th0 = thread_cpu(server.pid)
    tracker = common.CpuTracker()
    tracker.start()
    samples: list = []
    lags: list = []
    stop = asyncio.Event()
    t0 = time.monotonic()
    epoch0 = time.time()
    sampler = asyncio.create_task(_sample(server, samples, 0.5, t0, stop, tracker))
    lagger = asyncio.create_task(_loop_lag(lags, stop))

    async def user(i: int) -> SessionResult:
        await asyncio.sleep(spread_s * i / n)
        return await session(url, labels, expected)

    limit = limit_s or spread_s + STEP_TIMEOUT_S * (len(labels) + 2) + 30
    tasks = [asyncio.create_task(user(i)) for i in range(n)]
    done, pending = await asyncio.wait(tasks, timeout=limit)
    for t in pending:
        t.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    results = [t.result() for t in done if not t.cancelled() and t.exception() is None]
    crashed = [repr(t.exception())[:200] for t in done if not t.cancelled() and t.exception()]
    wall = time.monotonic() - t0
    cpu1 = common.cpu_seconds(server.pid)
    th1 = thread_cpu(server.pid)
    tracker.sample()
    rss_closed = server.rss_mb()
    n_lags = len(lags)
    await asyncio.sleep(5)
    stop.set()
    await sampler
    await lagger
    lags = lags[:n_lags]
    rss_after = server.rss_mb()
    runs = server.script_runs(epoch0)
    out = summarise(results, n)
    if crashed:
        out["error_samples"] = [f"client crash: {c}" for c in crashed[:4]] + out["error_samples"]
    out.update(
        {
            "client": "protocol",
            "alone": alone,
            "name": name,
            "spread_s": spread_s,
            "sessions": n,
            "picks": list(labels),
            "step_timeout_s": STEP_TIMEOUT_S,
            "wall_s": wall,
            "rss_before": rss_before,
            "rss_after_close": rss_closed,
            "rss_after": rss_after,
            "rss_peak": max((m for _, m in samples), default=math.nan),
            "rss_samples": samples[:: max(1, len(samples) // 12)],
            "cpu": {k: cpu1[k] - cpu0[k] for k in ("server", "bench")},
            "server_threads": {k: th1[k] - th0[k] for k in th0},
            "client_loop_lag_ms": {
                "p50": common.pct(lags, 50),
                "p95": common.pct(lags, 95),
                "max": max(lags, default=math.nan),
            },
            "cpu_share": tracker.result(),
            "script_runs": len(runs),
            "script_wall": [x["wall"] for x in runs],
            "script_cpu": [x["cpu"] for x in runs],
            "script_pages": sorted({x.get("page") or "?" for x in runs}),
            "sections": section_medians(runs),
        }
    )
    log(
        f"  load p50 {_fmt(out['load_p50'])}, p95 {_fmt(out['load_p95'])}; filter p50 "
        f"{_fmt(out['filter_p50'])}, p95 {_fmt(out['filter_p95'])}; errors {out['errors']} "
        f"{out['errors_by_kind']}; {out['completed']}/{n} sessions completed, "
        f"{out['verified_filters']} filter changes verified; server RSS {rss_before:.0f} -> "
        f"{rss_after:.0f} MB (peak {out['rss_peak']:.0f} MB); {len(runs)} script runs, wall "
        f"median {common.median(out['script_wall']) * 1000:.0f} ms vs CPU "
        f"{common.median(out['script_cpu']) * 1000:.0f} ms; server CPU "
        f"{out['cpu']['server']:.1f} s (main thread {out['server_threads']['main thread']:.1f} s), "
        f"clients {out['cpu']['bench']:.1f} s, client loop lag max "
        f"{out['client_loop_lag_ms']['max']:.0f} ms; first message after a load request "
        f"{out['first_msg_load']:.0f} ms (median); {wall:.0f} s"
    )
    return out


async def soak(
    server: common.Server,
    n: int,
    duration_s: float,
    labels: list[str],
    expected: list[str] | None,
    think_s: float = 1.0,
    max_rounds: int = 200,
    log=print,
) -> dict:
    """n users, each opening a session (load + picks, ``think_s`` between steps), closing it
    and starting again until duration_s is over (at most max_rounds per user)."""
    if not 0 < n <= MAX_SESSIONS:
        raise ValueError(f"1..{MAX_SESSIONS} sessions, not {n}")
    url = server.url
    _loopback(url)
    log(f"[6] soak: {n} protocol users for {duration_s / 60:.0f} minutes (think {think_s:g} s)")
    await warm(url)
    await asyncio.sleep(2)
    rss_before = server.rss_mb()
    cpu0 = common.cpu_seconds(server.pid)
    samples: list = []
    stop = asyncio.Event()
    t0 = time.monotonic()
    epoch0 = time.time()
    deadline = t0 + duration_s
    sampler = asyncio.create_task(_sample(server, samples, 10.0, t0, stop))
    results: list[SessionResult] = []
    per_minute: dict[int, list[SessionResult]] = {}

    async def user(i: int) -> None:
        await asyncio.sleep(min(30.0, duration_s / 4) * i / n)  # arrivals over the first 30 s
        for _ in range(max_rounds):
            if time.monotonic() > deadline:
                return
            r = await session(url, labels, expected, think_s=think_s)
            results.append(r)
            per_minute.setdefault(int((time.monotonic() - t0) // 60), []).append(r)
            await asyncio.sleep(think_s)

    limit = duration_s + STEP_TIMEOUT_S * (len(labels) + 2) + 60
    tasks = [asyncio.create_task(user(i)) for i in range(n)]
    _done, pending = await asyncio.wait(tasks, timeout=limit)
    for t in pending:
        t.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    wall = time.monotonic() - t0
    cpu1 = common.cpu_seconds(server.pid)
    rss_closed = server.rss_mb()
    await asyncio.sleep(5)
    samples.append((time.monotonic() - t0, server.rss_mb()))
    stop.set()
    await sampler
    runs = server.script_runs(epoch0)
    out = summarise(results, len(results))
    out.update(
        {
            "client": "protocol",
            "users": n,
            "think_s": think_s,
            "duration_s": wall,
            "rounds": len(results),
            "rss_before": rss_before,
            "rss_after_close": rss_closed,
            "rss_samples": samples,
            "rss_after": samples[-1][1] if samples else math.nan,
            "rss_peak": max((m for _, m in samples), default=math.nan),
            "cpu": {k: cpu1[k] - cpu0[k] for k in ("server", "bench")},
            "script_runs": len(runs),
            "script_wall": [x["wall"] for x in runs],
            "script_cpu": [x["cpu"] for x in runs],
            "per_minute": {
                m: {
                    "sessions": len(rs),
                    "errors": sum(len(r.errors) for r in rs),
                    "load_p95": common.pct([r.load_ms for r in rs if r.load_ms is not None], 95),
                    "filter_p95": common.pct([x for r in rs for x in r.filter_ms], 95),
                }
                for m, rs in sorted(per_minute.items())
            },
        }
    )
    log(
        f"  {len(results)} sessions; errors {out['errors']} {out['errors_by_kind']}; load p50/p95 "
        f"{_fmt(out['load_p50'])}/{_fmt(out['load_p95'])}; filter p50/p95 "
        f"{_fmt(out['filter_p50'])}/{_fmt(out['filter_p95'])}; RSS "
        + ", ".join(f"{t:.0f}s {m:.0f}MB" for t, m in samples)
    )
    return out


def _fmt(ms: float) -> str:
    if math.isinf(ms):
        return f"> {STEP_TIMEOUT_S:.0f} s (timeouts)"
    if math.isnan(ms):
        return "–"
    return f"{ms:.0f} ms"


if __name__ == "__main__":  # a quick look: python -m bench.protocol [N]
    import sys

    from bench.run import expected_summaries, pick_risks

    async def _main(n: int) -> None:
        full, per_risk, atlas = common.expected_counts()
        labels = [lab for lab, _ in pick_risks(full, per_risk, atlas)]
        server = common.start_server("protocol-try")
        try:
            out = await scenario(
                server, n, 0.0, labels, expected_summaries(atlas, per_risk, labels), "try"
            )
            print(json.dumps({k: v for k, v in out.items() if "samples" not in k}, default=str))
        finally:
            server.stop()

    asyncio.run(_main(min(int(sys.argv[1]) if len(sys.argv) > 1 else 3, MAX_SESSIONS)))
