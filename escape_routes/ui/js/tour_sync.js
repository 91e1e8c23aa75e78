/* The tour page's link between windows (escape_routes/ui/tour_sync.py): two windows of one
 * browser (the speaker view on the laptop, the presenter view on the projector) stay on the
 * same step, with nothing kept on the server. Each window is its own Streamlit session; this
 * script tells the other windows of the same lesson when its step changes or hidden passages
 * are shown (BroadcastChannel), and asks its own session to follow theirs (a trigger value).
 *
 * It also scrolls the page to the top when the step changes, opens the speaker or projector
 * window, and in the speaker view runs the lesson clock. It gets numbers and links as data,
 * sets text and attributes only (never HTML), and keeps one state object per window.
 */
export default function (component) {
  "use strict";
  const { data, setTriggerValue, parentElement } = component;
  const CHANNEL = "escape-routes-tour";
  const w = window;
  let s = w.__erTourSync;
  if (!s) {
    s = w.__erTourSync = {step: null, lesson: null, t: 0, expect: null, revealed: [],
                          set: null, channel: null};
    if ("BroadcastChannel" in w) {
      s.channel = new BroadcastChannel(CHANNEL);
      s.channel.onmessage = (e) => receive(s, e.data || {});
    }
  }
  s.set = setTriggerValue;

  const lessonChanged = s.lesson !== data.lesson;
  s.lesson = data.lesson;
  if (s.step === null || lessonChanged) {
    s.step = data.step;
    s.revealed = data.revealed.slice();
    s.t = 0;  // a window just opened follows the windows already open
    post(s, {kind: "hello"});
  } else {
    const newly = data.revealed.filter((n) => s.revealed.indexOf(n) < 0);
    s.revealed = data.revealed.slice();
    if (s.step !== data.step) {
      s.step = data.step;
      toTop();
      if (s.expect === data.step) { s.expect = null; }
      else { s.t = Date.now(); post(s, state(s)); }
    } else if (newly.length) {
      post(s, state(s));
    }
  }

  draw(parentElement, data);
  const timer = data.role === "speaker" ? w.setInterval(() => tick(parentElement, data), 1000) : 0;
  if (timer) { tick(parentElement, data); }
  return () => { if (timer) { w.clearInterval(timer); } s.set = null; };

  function state(st) {
    return {kind: "state", step: st.step, t: st.t, revealed: st.revealed};
  }

  function post(st, msg) {
    if (st.channel) { st.channel.postMessage(Object.assign({lesson: st.lesson}, msg)); }
  }

  function receive(st, msg) {
    if (msg.lesson !== st.lesson || !st.set) { return; }
    if (msg.kind === "hello") { post(st, state(st)); return; }
    if (msg.kind !== "state") { return; }
    const reveal = (msg.revealed || []).filter((n) => st.revealed.indexOf(n) < 0);
    const go = msg.step !== st.step && msg.t >= st.t;
    if (go) { st.expect = msg.step; st.t = msg.t; }
    if (go || reveal.length) {
      st.set("sync", {step: go ? msg.step : null, reveal: reveal});
    }
  }

  function toTop() {
    const up = () => {
      const main = document.querySelector('[data-testid="stMain"]');
      if (main) { main.scrollTop = 0; }
      w.scrollTo(0, 0);
    };
    up();
    w.requestAnimationFrame(up);
    w.setTimeout(up, 200);
  }
}

function draw(root, data) {
  let bar = root.querySelector(".ts-bar");
  if (!bar) {
    bar = document.createElement("div");
    bar.className = "ts-bar";
    root.appendChild(bar);
  }
  bar.textContent = "";
  const open = (label, href, name, hint) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.title = hint;
    b.addEventListener("click", () => {
      window.open(href, name, "popup=yes,width=1100,height=760");
    });
    bar.appendChild(b);
  };
  if (data.role === "speaker") {
    const clock = document.createElement("span");
    clock.className = "ts-clock";
    clock.setAttribute("role", "timer");
    bar.appendChild(clock);
    const restart = document.createElement("button");
    restart.type = "button";
    restart.textContent = "Restart the clock";
    restart.addEventListener("click", () => {
      window.localStorage.setItem(clockKey(data), String(Date.now()));
      tick(root, data);
    });
    bar.appendChild(restart);
    open("Projector window ⧉", data.projectorHref, "er-projector",
         "Open the clean presenter view in a second window, for the projector; " +
         "← → in either window move both");
  } else {
    open("Speaker view ⧉", data.speakerHref, "er-speaker",
         "Open the speaker view (notes, next step, a clock) in a second window for your " +
         "laptop; ← → in either window move both");
  }
}

function clockKey(data) { return "escape-routes-clock:" + data.lesson; }

function tick(root, data) {
  const clock = root.querySelector(".ts-clock");
  if (!clock) { return; }
  const key = clockKey(data);
  let start = parseInt(window.localStorage.getItem(key) || "", 10);
  if (!(start > 0) || Date.now() - start > 4 * 3600 * 1000) {
    start = Date.now();
    window.localStorage.setItem(key, String(start));
  }
  const secs = Math.floor((Date.now() - start) / 1000);
  const mm = Math.floor(secs / 60), ss = String(secs % 60).padStart(2, "0");
  clock.textContent = "Lesson clock " + mm + ":" + ss + " · this step: minute " +
    data.plannedFrom + " to " + data.plannedTo + " of " + data.plannedTotal;
  clock.classList.toggle("ts-late", mm >= data.plannedTo);
}
