/* The tour file's steps (made by escape_routes/outputs/tourfile.py).
 *
 * Every step's text is HTML already in the page (escaped when the file was made); this script
 * shows one step at a time, moves the map, and keeps two windows of the file in step. It gets
 * Leaflet objects, numbers and an id, never text:
 *   map         the Leaflet map (its own arrow-key panning is off: the keys change steps)
 *   stepGroups  for each step, the layer groups it shows (its routes and places)
 *   views       for each step, {center: [lat, lon], zoom, presenter: {center, zoom},
 *               planned: [minute it starts, minute it ends, the lesson's minutes]}
 *   lessonId    which lesson the file holds (windows of other lessons are not followed)
 * Keys: Right / Page Down next, Left / Page Up previous, Home first, End last, P presenter mode,
 * S shows a care step's hidden passages. The address ends in #step-N, so a link to a step opens
 * that step; ?speaker opens the speaker view (notes, next step, clock: the teacher's window).
 * Two windows of the file (speaker and projector) follow each other through BroadcastChannel,
 * and through the window that opened the other (postMessage), where a browser gives each file
 * its own origin. window.escapeRoutesTourState gives the map and the step (for tests).
 */
function escapeRoutesTour(map, stepGroups, views, lessonId) {
  "use strict";
  var sections = Array.prototype.slice.call(document.querySelectorAll(".t-step"));
  var count = document.getElementById("t-count");
  var prev = document.getElementById("t-prev");
  var next = document.getElementById("t-next");
  var link = document.getElementById("t-link");
  var present = document.getElementById("t-present");
  var second = document.getElementById("t-speaker");
  var clock = document.querySelector(".t-clock");
  var text = document.querySelector(".t-text");
  var index = Array.prototype.slice.call(document.querySelectorAll(".t-all a"));
  var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var speaker = /[?&]speaker(=1)?(&|$)/.test(window.location.search);
  var n = sections.length;
  var current = 0;
  var changed = 0;  // when this window's step last changed (the newest change wins)
  var shown = [];
  var other = null;  // the window this one opened, if any
  var channel = "BroadcastChannel" in window ? new BroadcastChannel("escape-routes-tour-file") : null;

  function clamp(k) { return Math.min(Math.max(k, 1), n); }

  function fromHash() {
    var m = /^#step-(\d+)$/.exec(window.location.hash);
    return m ? clamp(parseInt(m[1], 10)) : 1;
  }

  function presenting() { return document.body.classList.contains("t-present"); }

  function moveMap(k, fly) {
    var v = views[k - 1];
    var to = presenting() ? v.presenter : v;
    if (!fly || still) { map.setView(to.center, to.zoom); }
    else { map.flyTo(to.center, to.zoom, {duration: 1.2}); }
  }

  function go(k, remote) {
    k = clamp(k);
    if (k === current) { return; }
    var first = current === 0;
    current = k;
    sections.forEach(function (s, i) { s.hidden = i !== k - 1; });
    shown.forEach(function (g) { map.removeLayer(g); });
    shown = stepGroups[k - 1];
    shown.forEach(function (g) { map.addLayer(g); });
    map.closePopup();
    moveMap(k, !first);
    count.textContent = "Step " + k + " of " + n;
    prev.disabled = k === 1;
    next.disabled = k === n;
    link.href = "#step-" + k;
    index.forEach(function (a, i) {
      if (i === k - 1) { a.setAttribute("aria-current", "step"); }
      else { a.removeAttribute("aria-current"); }
    });
    text.scrollTop = 0;
    window.scrollTo(0, 0);
    if (window.location.hash !== "#step-" + k) {
      try { window.history.replaceState(null, "", "#step-" + k); }
      catch (e) { window.location.replace("#step-" + k); }
    }
    if (!remote && !first) { changed = Date.now(); tell(); }
    tick();
  }

  function revealed() {
    return sections.filter(function (s) { return s.classList.contains("t-revealed"); })
      .map(function (s) { return parseInt(s.getAttribute("data-number"), 10); });
  }

  function reveal(number, remote) {
    var done = false;
    sections.forEach(function (s) {
      if (parseInt(s.getAttribute("data-number"), 10) === number &&
          !s.classList.contains("t-revealed")) {
        s.classList.add("t-revealed");
        done = true;
      }
    });
    if (done && !remote) { tell(); }
  }

  function revealHere() {
    var s = sections[current - 1];
    if (s && s.hasAttribute("data-care")) {
      reveal(parseInt(s.getAttribute("data-number"), 10), false);
    }
  }

  function togglePresenter() {
    var on = !presenting();
    document.body.classList.toggle("t-present", on);
    present.setAttribute("aria-pressed", String(on));
    map.invalidateSize();
    moveMap(current, false);
  }

  // ---- two windows in step --------------------------------------------------------------------
  function message(kind) {
    return {app: "escape-routes-tour", lesson: lessonId, kind: kind, step: current, t: changed,
            revealed: revealed()};
  }

  function send(msg) {
    if (channel) { channel.postMessage(msg); }
    [other, window.opener].forEach(function (w) {
      if (w && !w.closed) {
        try { w.postMessage(msg, "*"); } catch (e) { /* a closed or foreign window */ }
      }
    });
  }

  function tell() { send(message("state")); }

  function receive(msg) {
    if (!msg || msg.app !== "escape-routes-tour" || msg.lesson !== lessonId) { return; }
    if (msg.kind === "hello") { tell(); return; }
    if (msg.kind !== "state") { return; }
    (msg.revealed || []).forEach(function (k) {
      if (typeof k === "number") { reveal(k, true); }
    });
    if (typeof msg.step === "number" && msg.step !== current && msg.t >= changed) {
      changed = msg.t;
      go(msg.step, true);
    }
  }

  function openSecond() {
    var url = window.location.href.split("#")[0].split("?")[0];
    url += (speaker ? "" : "?speaker=1") + "#step-" + current;
    other = window.open(url, speaker ? "er-projector" : "er-speaker",
                        "popup=yes,width=1100,height=760");
  }

  // ---- the speaker's clock ----------------------------------------------------------------------
  function tick() {
    if (!speaker || !clock) { return; }
    var key = "escape-routes-clock:" + lessonId, start = 0;
    try { start = parseInt(window.localStorage.getItem(key) || "", 10); } catch (e) { start = 0; }
    if (!(start > 0) || Date.now() - start > 4 * 3600 * 1000) {
      start = Date.now();
      try { window.localStorage.setItem(key, String(start)); } catch (e) { /* private mode */ }
    }
    var secs = Math.floor((Date.now() - start) / 1000);
    var plan = views[current - 1].planned;
    clock.textContent = "Lesson clock " + Math.floor(secs / 60) + ":" +
      String(secs % 60).padStart(2, "0") + " · this step: minute " + plan[0] + " to " + plan[1] +
      " of " + plan[2];
    clock.classList.toggle("t-late", secs >= plan[1] * 60);
  }

  document.documentElement.classList.add("t-js");
  if (speaker) {
    document.body.classList.add("t-speaker");
    second.textContent = "Projector window";
    second.title = "Open the clean presenter view in a second window, for the projector; " +
      "← → in either window move both";
    window.setInterval(tick, 1000);
  }
  map.getContainer().setAttribute("role", "region");
  map.getContainer().setAttribute("aria-label", "Map of this step");
  prev.addEventListener("click", function () { go(current - 1); });
  next.addEventListener("click", function () { go(current + 1); });
  present.addEventListener("click", togglePresenter);
  second.addEventListener("click", openSecond);
  Array.prototype.slice.call(document.querySelectorAll(".t-reveal")).forEach(function (b) {
    b.addEventListener("click", revealHere);
  });
  // Only a step's address changes the step: a passage's anchor (er-t…) stays in this step.
  window.addEventListener("hashchange", function () {
    if (/^#step-\d+$/.test(window.location.hash)) { go(fromHash()); }
  });
  // A sentence's marker [n] brings its passage into view without leaving the step's address.
  document.addEventListener("click", function (e) {
    var mark = e.target.closest && e.target.closest("a.er-mark");
    var target = mark && document.getElementById(mark.getAttribute("href").slice(1));
    if (target) {
      e.preventDefault();
      target.scrollIntoView({block: "nearest"});
    }
  });
  window.addEventListener("message", function (e) { receive(e.data); });
  if (channel) { channel.onmessage = function (e) { receive(e.data); }; }
  index.forEach(function (a) {
    a.addEventListener("click", function () { a.closest("details").open = false; });
  });
  document.addEventListener("keydown", function (e) {
    var tag = e.target && e.target.tagName;
    if (e.altKey || e.ctrlKey || e.metaKey || /^(INPUT|SELECT|TEXTAREA)$/.test(tag)) { return; }
    var to = {ArrowRight: current + 1, PageDown: current + 1, ArrowLeft: current - 1,
              PageUp: current - 1, Home: 1, End: n}[e.key];
    if (to !== undefined) {
      e.preventDefault();
      go(to);
    } else if (e.key === "p" || e.key === "P") {
      if (!speaker) { togglePresenter(); }
    } else if (e.key === "s" || e.key === "S") {
      revealHere();
    }
  });
  go(fromHash());
  send(message("hello"));
  window.escapeRoutesTourState = {map: map, step: function () { return current; }};
}
