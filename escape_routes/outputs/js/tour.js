/* The tour file's steps (made by escape_routes/tourfile.py).
 *
 * Every step's text is HTML already in the page (escaped when the file was made); this script
 * only shows one step at a time and moves the map. It gets Leaflet objects and numbers only:
 *   map         the Leaflet map (its own arrow-key panning is off: the keys change steps)
 *   stepGroups  for each step, the layer groups it shows (its routes and places)
 *   views       for each step, {center: [lat, lon], zoom}
 * Keys: Right / Page Down next, Left / Page Up previous, Home first, End last, P presenter mode.
 * The address ends in #step-N, so a link to a step opens that step.
 * window.escapeRoutesTourState gives the map and the step number (for tests and the curious).
 */
function escapeRoutesTour(map, stepGroups, views) {
  "use strict";
  var sections = Array.prototype.slice.call(document.querySelectorAll(".t-step"));
  var count = document.getElementById("t-count");
  var prev = document.getElementById("t-prev");
  var next = document.getElementById("t-next");
  var link = document.getElementById("t-link");
  var present = document.getElementById("t-present");
  var text = document.querySelector(".t-text");
  var index = Array.prototype.slice.call(document.querySelectorAll(".t-all a"));
  var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var n = sections.length;
  var current = 0;
  var shown = [];

  function clamp(k) { return Math.min(Math.max(k, 1), n); }

  function fromHash() {
    var m = /^#step-(\d+)$/.exec(window.location.hash);
    return m ? clamp(parseInt(m[1], 10)) : 1;
  }

  function go(k) {
    k = clamp(k);
    if (k === current) { return; }
    var first = current === 0;
    current = k;
    sections.forEach(function (s, i) { s.hidden = i !== k - 1; });
    shown.forEach(function (g) { map.removeLayer(g); });
    shown = stepGroups[k - 1];
    shown.forEach(function (g) { map.addLayer(g); });
    var v = views[k - 1];
    if (first || still) { map.setView(v.center, v.zoom); }
    else { map.flyTo(v.center, v.zoom, {duration: 1.2}); }
    count.textContent = "Step " + k + " of " + n;
    prev.disabled = k === 1;
    next.disabled = k === n;
    link.href = "#step-" + k;
    index.forEach(function (a, i) {
      if (i === k - 1) { a.setAttribute("aria-current", "step"); }
      else { a.removeAttribute("aria-current"); }
    });
    text.scrollTop = 0;
    if (window.location.hash !== "#step-" + k) {
      try { window.history.replaceState(null, "", "#step-" + k); }
      catch (e) { window.location.replace("#step-" + k); }
    }
  }

  function togglePresenter() {
    var on = !document.body.classList.contains("t-present");
    document.body.classList.toggle("t-present", on);
    present.setAttribute("aria-pressed", String(on));
    map.invalidateSize();
  }

  document.documentElement.classList.add("t-js");
  map.getContainer().setAttribute("role", "region");
  map.getContainer().setAttribute("aria-label", "Map of this step");
  prev.addEventListener("click", function () { go(current - 1); });
  next.addEventListener("click", function () { go(current + 1); });
  present.addEventListener("click", togglePresenter);
  window.addEventListener("hashchange", function () { go(fromHash()); });
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
      togglePresenter();
    }
  });
  go(fromHash());
  window.escapeRoutesTourState = {map: map, step: function () { return current; }};
}
