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
  const RECENT_MS = 5000;  // a step another window asked for, this long ago, is theirs
  const w = window;
  let s = w.__erTourSync;
  if (!s) {
    s = w.__erTourSync = {step: null, lesson: null, t: 0, want: null, asked: [], revealed: [],
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
    s.want = null;
    post(s, {kind: "hello"});
  } else {
    const newly = data.revealed.filter((n) => s.revealed.indexOf(n) < 0);
    s.revealed = data.revealed.slice();
    if (s.step !== data.step) {
      s.step = data.step;
      toTop();
      if (askedFor(s, data.step)) {
        // Another window's step (maybe an older one, if a request was lost): follow the newest.
        if (s.want && s.want.step !== data.step) { ask(s); }
        else { s.want = null; }
      } else {
        s.want = null;
        s.t = Date.now();
        post(s, state(s));
      }
    } else if (newly.length) {
      post(s, state(s));
    }
  }

  draw(parentElement, data);
  const timer = data.role === "speaker" ? w.setInterval(() => tick(parentElement, data), 1000) : 0;
  if (timer) { tick(parentElement, data); }
  return () => { if (timer) { w.clearInterval(timer); } s.set = null; };

  function askedFor(st, step) {
    // Whether this step is one another window asked for (and not shown since): if so, the
    // request is used up; requests never answered are forgotten after RECENT_MS.
    const now = Date.now();
    st.asked = st.asked.filter((a) => now - a.at < RECENT_MS);
    const i = st.asked.findIndex((a) => a.step === step);
    if (i < 0) { return false; }
    st.asked.splice(i, 1);
    return true;
  }

  function ask(st) {
    // Ask this window's session to show st.want.step, and ask again if that request is lost.
    if (!st.set || !st.want) { return; }
    const want = st.want;
    st.asked.push({step: want.step, at: Date.now()});
    st.set("sync", {step: want.step, reveal: []});
    w.setTimeout(() => {
      if (st.want === want && st.step !== want.step && want.tries < 3) {
        want.tries += 1;
        ask(st);
      }
    }, 1500);
  }

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
    if (reveal.length) { st.set("sync", {step: null, reveal: reveal}); }
    if (typeof msg.step === "number" && msg.t >= st.t &&
        (msg.step !== st.step || (st.want && st.want.step !== msg.step))) {
      st.t = msg.t;
      st.want = {step: msg.step, tries: 0};
      ask(st);
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
    open("Projector window", data.projectorHref, "er-projector",
         "Open the clean presenter view in a second window, for the projector; " +
         "← → in either window move both");
  } else {
    open("Speaker view", data.speakerHref, "er-speaker",
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
