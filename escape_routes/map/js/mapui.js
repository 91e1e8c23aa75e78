/* Escape Routes: how the map behaves in the browser (no content is pasted into this file).
 *
 * ErMap.setup(map, opt)    once per map, from the base map (escape_routes/map/mapui.py: MapUi)
 * ErMap.features(map, gj)  for every GeoJSON layer of places or segments (controls.FeatureLayer)
 * ErMap.setState(...)      what the filters show: js/mapstate.js (with the hit lines)
 *
 * - labels: place, river and country names, placed at every view so that no two overlap, none
 *   covers a control, a marker or a risk cue, and none is cut at the map's edge; the places a
 *   view is about first, then the other places, then rivers, then countries (a country or
 *   river name that a place's label already says is left out);
 * - views: the first view (Korea and northeast China), a "whole region" button, and a legend
 *   whose route entries fit the map to their route; the legend sits top left, as tall as the
 *   map allows, closed on a phone-sized map and whenever it would cover a place the view is
 *   about;
 * - popups pan clear of every control; a popup a link asked for opens once the map has settled;
 * - keyboard: places come before segments, each has a name and opens with Enter or Space as a
 *   click would; focusing the map never scrolls the page; on the tour the arrow keys still reach
 *   the page when the map has focus;
 * - short routes keep a minimum drawn length at every zoom;
 * - inside Streamlit, the map's frame is sized to the rest of the window.
 */
(function () {
  "use strict";
  var ER = (window.ErMap = window.ErMap || {});
  var PLACES_PANE = "er-places";
  var LABELS_PANE = "er-labels";
  var HITS_PANE = "er-hits";
  var MARGIN = 4;
  var PHONE_PX = 600;  // a map narrower than this starts with its legend closed
  var PHONE_MEDIA = "(max-width: 599px)";  // map.css's phone-sized map: the legend at the bottom

  function hit(a, b) {
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  }
  function grow(b, d) {
    return {x0: b.x0 - d, y0: b.y0 - d, x1: b.x1 + d, y1: b.y1 + d};
  }
  function decode(html) {
    // Text of an escaped fragment (our own, from render.esc), for an aria-label or a button.
    return new DOMParser().parseFromString(html || "", "text/html").body.textContent || "";
  }
  function fold(text) {
    return (text || "").replace(/\s+/g, " ").trim().toLowerCase();
  }
  ER.decode = decode;
  ER.HITS_PANE = HITS_PANE;

  // ---- controls: the part of the map they cover ------------------------------------------
  function controlBoxes(map) {
    var c = map.getContainer().getBoundingClientRect();
    var out = [];
    map.getContainer().querySelectorAll(".leaflet-control").forEach(function (el) {
      var r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return;
      var corner = el.parentNode.className || "";
      out.push({x0: r.left - c.left, y0: r.top - c.top, x1: r.right - c.left, y1: r.bottom - c.top,
                left: corner.indexOf("leaflet-left") >= 0, top: corner.indexOf("leaflet-top") >= 0});
    });
    return out;
  }
  // Insets that keep a fitted view or a popup clear of every control: everything right of the
  // left-hand controls, below the top-right ones and above the bottom-right ones.
  function insets(map) {
    var size = map.getSize(), l = 0, t = 0, b = 0, r = 0;
    controlBoxes(map).forEach(function (k) {
      if (k.left) { l = Math.max(l, k.x1); }
      else if (k.top) { t = Math.max(t, k.y1); }
      else { b = Math.max(b, size.y - k.y0); }
    });
    // A map too narrow for the left-hand controls and a popup: give up the left inset.
    if (size.x - l < 300) { l = 0; }
    return {tl: L.point(l + 8, t + 8), br: L.point(r + 8, b + 8)};
  }
  ER.insets = insets;

  function fit(map, bounds, animate) {
    // Leaflet drops a view asked for while a zoom animation runs (a "Whole region" click just
    // after a legend entry's): ask again when it ends.
    if (map._animatingZoom) {
      map.once("zoomend", function () { fit(map, bounds, animate); });
      return;
    }
    // Beside the legend, below the tools at the top right.
    var pad = insets(map), size = map.getSize();
    pad.br.y = 8;
    // On a map too small for the insets, fit to the whole map rather than to a sliver of it.
    if (size.x - pad.tl.x - pad.br.x < 240) { pad.tl.x = 8; pad.br.x = 8; }
    if (size.y - pad.tl.y - pad.br.y < 180) { pad.tl.y = 8; pad.br.y = 8; }
    map.fitBounds(bounds, {paddingTopLeft: pad.tl, paddingBottomRight: pad.br,
                           animate: !!animate, maxZoom: 9});
  }
  ER.fit = fit;

  // ---- labels --------------------------------------------------------------------------------
  var OFFSETS = [[1, 0], [-1, 0], [0, -1], [0, 1], [1, -1], [1, 1], [-1, -1], [-1, 1]];

  function labelEl(map, kind, html) {
    var el = L.DomUtil.create("div", "er-maplabel er-maplabel-" + kind, map.getPane(LABELS_PANE));
    el.innerHTML = html;  // escaped in Python (labels.py, render.esc)
    el.setAttribute("aria-hidden", "true");  // the places' own buttons carry their names
    el.style.display = "none";
    return el;
  }
  ER.labelEl = labelEl;

  function placeLabels(map) {
    var st = map._er;
    if (!st || !map._loaded) return;
    var size = map.getSize();
    var taken = controlBoxes(map).map(function (k) { return grow(k, 4); });
    var places = Object.keys(st.places).map(function (k) { return st.places[k]; });
    places.forEach(function (p) {
      var pt = map.latLngToContainerPoint(p.latlng), r = p.radius + 2;
      taken.push({x0: pt.x - r, y0: pt.y - r, x1: pt.x + r, y1: pt.y + r});
    });
    map.getContainer().querySelectorAll(".er-cue-icon").forEach(function (el) {
      var c = map.getContainer().getBoundingClientRect(), r = el.getBoundingClientRect();
      if (r.width) taken.push({x0: r.left - c.left, y0: r.top - c.top, x1: r.right - c.left,
                               y1: r.bottom - c.top});
    });
    function measure(item) {
      item.el.style.visibility = "hidden";
      item.el.style.display = "block";
      item.w = item.el.offsetWidth;
      item.h = item.el.offsetHeight;
    }
    function put(item, x, y) {
      var b = {x0: x, y0: y, x1: x + item.w, y1: y + item.h};
      if (b.x0 < MARGIN || b.y0 < MARGIN || b.x1 > size.x - MARGIN || b.y1 > size.y - MARGIN) return false;
      for (var i = 0; i < taken.length; i++) { if (hit(b, taken[i])) return false; }
      taken.push(grow(b, 2));
      L.DomUtil.setPosition(item.el, map.containerPointToLayerPoint([x, y]));
      item.el.style.visibility = "";
      return true;
    }
    // Places first: the ones the view is about, then the busiest; beside the point, on
    // whichever side is free, a little further out if no side is.
    var said = {};
    places.sort(function (a, b) { return (b.first - a.first) || (b.rank - a.rank); });
    places.forEach(function (p) {
      measure(p);
      var pt = map.latLngToContainerPoint(p.latlng), done = false;
      [p.radius + 4, p.radius + 14].forEach(function (gap) {
        for (var i = 0; i < OFFSETS.length && !done; i++) {
          var o = OFFSETS[i];
          var x = o[0] > 0 ? pt.x + gap : o[0] < 0 ? pt.x - gap - p.w : pt.x - p.w / 2;
          var y = o[1] > 0 ? pt.y + gap : o[1] < 0 ? pt.y - gap - p.h : pt.y - p.h / 2;
          if (o[0] !== 0 && o[1] !== 0) { y = o[1] > 0 ? pt.y + gap / 2 : pt.y - gap / 2 - p.h; }
          // A wrapped name's box is as wide as its widest allowed line, not its text: align
          // the text towards the point, so a name on the left does not float away from it.
          p.el.style.textAlign = o[0] < 0 ? "right" : o[0] > 0 ? "left" : "center";
          done = put(p, x, y);
        }
      });
      if (done) { said[fold(p.text)] = true; } else { p.el.style.display = "none"; }
    });
    // Then rivers and countries, each at the candidate nearest the middle of what of it is in
    // view; rivers in their order, countries with the fewest candidates first (North Korea
    // before China, which has room anywhere).
    var view = map.getBounds();
    var base = st.base.map(function (lab) {
      var pts = [];
      lab.anchors.forEach(function (a) {
        if (view.contains(a)) pts.push(map.latLngToContainerPoint(a));
      });
      return {lab: lab, pts: pts};
    });
    base.sort(function (a, b) {
      var ra = a.lab.kind === "river" ? 0 : 1, rb = b.lab.kind === "river" ? 0 : 1;
      return ra - rb || (ra ? a.pts.length - b.pts.length : 0);
    });
    base.forEach(function (it) {
      var lab = it.lab, pts = it.pts;
      if (!pts.length || said[fold(lab.el.textContent)]) { lab.el.style.display = "none"; return; }
      measure(lab);
      var mx = 0, my = 0;
      pts.forEach(function (q) { mx += q.x; my += q.y; });
      mx /= pts.length; my /= pts.length;
      pts.sort(function (a, b) {
        return (a.x - mx) * (a.x - mx) + (a.y - my) * (a.y - my)
             - (b.x - mx) * (b.x - mx) - (b.y - my) * (b.y - my);
      });
      // A river's name may also sit just beside its line.
      var shifts = lab.kind === "river" ? [0, -0.5 * lab.h - 6, 0.5 * lab.h + 6] : [0];
      for (var i = 0; i < pts.length; i++) {
        for (var j = 0; j < shifts.length; j++) {
          if (put(lab, pts[i].x - lab.w / 2, pts[i].y - lab.h / 2 + shifts[j])) return;
        }
      }
      lab.el.style.display = "none";
    });
  }

  function scheduleLabels(map) {
    if (!map._er || map._er.timer) return;
    map._er.timer = window.requestAnimationFrame(function () {
      map._er.timer = null;
      fitLegend(map);
      placeLabels(map);
      keepLegendClear(map);
    });
  }
  ER.placeLabels = placeLabels;
  ER.scheduleLabels = scheduleLabels;

  // ---- the legend, the tools -----------------------------------------------------------------
  function tools(map, opt) {
    var c = L.control({position: "topright"});
    c.onAdd = function () {
      var d = L.DomUtil.create("div", "er-tools");
      function button(cls, text, label, act) {
        var b = L.DomUtil.create("button", cls, d);
        b.type = "button";
        b.textContent = text;
        if (label) { b.setAttribute("aria-label", label); b.title = label; }
        L.DomEvent.on(b, "click", function (e) { L.DomEvent.stop(e); act(); });
      }
      if (opt.views) {
        button("er-view-home", opt.homeLabel, "", function () { fit(map, opt.views.home, true); });
        button("er-view-region", opt.regionLabel, "", function () {
          fit(map, opt.views.region, true);
        });
      }
      button("er-zoom", "+", "Zoom in", function () { map.zoomIn(); });
      button("er-zoom", "\u2212", "Zoom out", function () { map.zoomOut(); });
      button("er-fullscreen", "", "Full screen (Esc to leave)", function () {
        var el = map.getContainer();
        if (document.fullscreenElement) { document.exitFullscreen(); }
        else if (el.requestFullscreen) { el.requestFullscreen(); }
      });
      d.querySelector(".er-fullscreen").innerHTML =  // our own fixed markup
        '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">'
        + '<path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5" fill="none" stroke="#222" '
        + 'stroke-width="2"/></svg>';
      L.DomEvent.disableClickPropagation(d);
      return d;
    };
    c.addTo(map);
    document.addEventListener("fullscreenchange", function () { map.invalidateSize(); });
    L.control.scale({position: "bottomright"}).addTo(map);
  }

  function legendBox(map) {
    return map.getContainer().querySelector(".er-legend");
  }

  function legend(map, opt) {
    var box = legendBox(map);
    if (!box) return;
    box.querySelectorAll("[data-route]").forEach(function (b) {
      L.DomEvent.on(b, "click", function (e) {
        L.DomEvent.stop(e);
        var bounds = opt.routes[b.getAttribute("data-route")];
        if (bounds) fit(map, bounds, true);
      });
    });
    var all = box.querySelector("details");
    if (all && map.getSize().x < PHONE_PX) all.open = false;  // a phone: the map first
    box.querySelectorAll("details").forEach(function (d) {
      d.addEventListener("toggle", function () {
        if (d === all && d.open) map._er.legendShut = false;
        scheduleLabels(map);
      });
    });
  }

  function markLegend(map) {
    // Entries of routes the filters hide are greyed (still a button: it shows where they go).
    var box = legendBox(map);
    if (!box) return;
    var shown = map._er.routes;
    box.querySelectorAll("[data-route]").forEach(function (b) {
      var on = !!shown[b.getAttribute("data-route")];
      b.classList.toggle("er-off", !on);
      b.setAttribute("aria-label", b.textContent.trim() + (on ? "" : " (hidden by the filters)")
                     + ": show on the map");
    });
  }
  ER.markLegend = markLegend;

  function fitLegend(map) {
    // The legend is as tall as the map allows; it scrolls if it must. On a phone-sized map it
    // sits at the bottom left (map.css) and stops below the filter line and the tools.
    var box = legendBox(map);
    if (!box) return;
    var below = 0;
    if (window.matchMedia(PHONE_MEDIA).matches) {
      controlBoxes(map).forEach(function (k) {
        if (k.top && !k.left) below = Math.max(below, k.y1);
      });
    }
    box.style.maxHeight = Math.max(80, map.getSize().y - 20 - below) + "px";
  }

  function keepLegendClear(map) {
    // An open legend never covers a place the view is about (a tour step's, the selected
    // one): it closes, once for each new set of such places; the user may open it again.
    var box = legendBox(map), st = map._er, all = box && box.querySelector("details");
    if (!all || !all.open || st.legendShut === false) return;
    var c = map.getContainer().getBoundingClientRect(), r = box.getBoundingClientRect();
    var lb = {x0: r.left - c.left, y0: r.top - c.top, x1: r.right - c.left, y1: r.bottom - c.top};
    var covered = Object.keys(st.places).some(function (k) {
      var p = st.places[k];
      if (!p.first) return false;
      var pt = map.latLngToContainerPoint(p.latlng), q = p.radius + 2;
      return hit(lb, {x0: pt.x - q, y0: pt.y - q, x1: pt.x + q, y1: pt.y + q});
    });
    if (covered) {
      all.open = false;
      st.legendShut = true;
    }
  }

  // ---- keyboard and focus --------------------------------------------------------------------
  function focusWithoutScroll(map) {
    // Leaflet focuses the map on mouse down; a plain focus() scrolls the page to show the whole
    // map, and the mouse is released somewhere else: the first click did nothing.
    if (!map.keyboard) return;
    var kb = map.keyboard, on = kb.enabled();
    if (on) kb.disable();
    kb._onMouseDown = function () {
      if (!this._focused) this._map._container.focus({preventScroll: true});
    };
    if (on) kb.enable();
  }

  function forwardKeys() {
    // On the tour the arrow keys change steps: keys pressed while the map has focus go to the
    // page as well (the map's own arrow-key panning is off there).
    var parentDoc;
    try { parentDoc = window.parent !== window && window.parent.document; } catch (e) { return; }
    if (!parentDoc) return;
    // Both key down and key up: the page keeps track of which keys are held.
    function pass(e) {
      if (["ArrowLeft", "ArrowRight", "PageUp", "PageDown"].indexOf(e.key) < 0) return;
      if (e.type === "keydown" && (e.altKey || e.ctrlKey || e.metaKey)) return;
      e.preventDefault();
      var ev = new window.parent.KeyboardEvent(e.type, {
        key: e.key, code: e.code, keyCode: e.keyCode, which: e.which,
        shiftKey: e.shiftKey, bubbles: true, cancelable: true
      });
      parentDoc.body.dispatchEvent(ev);
    }
    document.addEventListener("keydown", pass);
    document.addEventListener("keyup", pass);
  }

  function activate(layer, e, latlng, byKeyboard) {
    // Open a place or segment as a click on it would (its popup; the app hears the click).
    var ll = latlng || (layer.getLatLng ? layer.getLatLng() : layer.getCenter());
    layer._erKeyboard = !!byKeyboard;
    layer.fire("click", {latlng: ll, originalEvent: e}, true);
  }
  ER.activate = activate;

  function describe(layer, kind) {
    var el = layer.getElement && layer.getElement();
    if (!el) return;
    var p = layer.feature.properties;
    el.setAttribute("role", "button");
    el.setAttribute("tabindex", "0");
    el.setAttribute("aria-label", (kind === "place" ? "Place: " : "Route: ") + decode(p.tip));
    if (el._erBound) return;
    el._erBound = true;
    el.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        e.stopPropagation();
        activate(layer, e, null, true);
      }
    });
    el.addEventListener("focus", function () { layer.fire("mouseover"); });
    el.addEventListener("blur", function () { layer.fire("mouseout"); });
  }

  // ---- popups ---------------------------------------------------------------------------------
  function popups(map) {
    var adjust = L.Popup.prototype._adjustPan;
    if (!L.Popup.prototype._erPatched) {
      L.Popup.prototype._erPatched = true;
      L.Popup.prototype._adjustPan = function () {
        if (this._map && this._map._er) {
          var pad = insets(this._map);
          this.options.autoPanPaddingTopLeft = pad.tl;
          this.options.autoPanPaddingBottomRight = pad.br;
        }
        return adjust.apply(this, arguments);
      };
    }
    map.on("popupopen", function (e) {
      markPanel(map);
      var el = e.popup.getElement();
      var content = el && el.querySelector(".leaflet-popup-content");
      if (!content) return;
      var title = content.querySelector("h2, h3, p");
      content.setAttribute("tabindex", "0");  // it scrolls: keyboard users must reach it
      content.setAttribute("role", "region");
      content.setAttribute("aria-label", title ? title.textContent : "Details");
      var close = el.querySelector(".leaflet-popup-close-button");
      if (close) close.setAttribute("aria-label", "Close");
      var src = e.popup._source;
      if (src && src._erKeyboard) {
        src._erKeyboard = false;
        content.focus({preventScroll: true});
        e.popup._erReturn = src;
      }
    });
    map.on("popupclose", function (e) {
      var src = e.popup._erReturn, el = src && src.getElement && src.getElement();
      e.popup._erReturn = null;
      if (el && el.isConnected) el.focus({preventScroll: true});
    });
  }

  // Where a popup's "more passages" are: in the app's evidence panel beside or below the map
  // (the map page; its container is .st-key-er-panel, escape_routes/ui/keys.py PANEL), or on the
  // Map page (another page's map). A map outside the app keeps the card's neutral words.
  function markPanel(map) {
    var where = null;
    try {
      var fe = window.frameElement;
      if (fe) {
        var panel = fe.ownerDocument.querySelector(".st-key-er-panel");
        var below = panel && panel.getBoundingClientRect().top >= fe.getBoundingClientRect().bottom - 1;
        where = !panel ? "none" : below ? "below" : "beside";
      }
    } catch (err) { /* a map outside a page */ }
    if (where) map.getContainer().setAttribute("data-er-panel", where);
  }

  // ---- short routes: a minimum drawn length ---------------------------------------------------
  function stubs(map, items) {
    items.forEach(function (s) {
      var a = map.project(s.coords[0]), b = map.project(s.coords[s.coords.length - 1]);
      var len = a.distanceTo(b), ll = s.coords, head = s.coords[s.coords.length - 1];
      if (len < s.minPx) {
        var mid = a.add(b).divideBy(2);
        var dir = len > 0 ? b.subtract(a).divideBy(len) : L.point(0, -1);
        var half = dir.multiplyBy(s.minPx / 2);
        ll = [map.unproject(mid.subtract(half)), map.unproject(mid.add(half))];
        head = ll[1];
      }
      s.layer.setLatLngs(ll);
      if (s.layer._erHit) s.layer._erHit.setLatLngs(ll);
      if (s.arrow) {
        var pa = map.project(ll[0]), pb = map.project(head), d = pb.subtract(pa);
        var at = pa.add(d.multiplyBy(0.72));
        s.arrow.setLatLng(map.unproject(at));
      }
    });
  }

  // ---- the frame: as tall as the window below it -----------------------------------------------
  function sizeFrame(map, opt) {
    var fe;
    try { fe = window.frameElement; } catch (e) { fe = null; }
    if (!fe || !opt.fill) return;
    var pw = window.parent;
    document.body.style.overflow = "hidden";  // the frame holds the map and nothing else
    function resize() {
      var main = fe.ownerDocument.querySelector('[data-testid="stMain"]');
      var scrolled = main ? main.scrollTop : 0;
      var top = fe.getBoundingClientRect().top + scrolled;
      var h = Math.max(opt.fill.min, Math.floor(pw.innerHeight - top - opt.fill.below));
      if (Math.abs(fe.offsetHeight - h) > 1 || map.getSize().y !== h) {
        fe.style.height = h + "px";
        map.getContainer().style.height = h + "px";
        map.invalidateSize({pan: false});
        fitLegend(map);
        home(map);
      }
    }
    resize();
    // The page above the map may still be laying out: look again a little later.
    [200, 800, 2000].forEach(function (ms) {
      window.setTimeout(function () { resize(); home(map); }, ms);
    });
    pw.addEventListener("resize", resize);
    var block = fe.ownerDocument.querySelector('[data-testid="stMainBlockContainer"]');
    if (block && window.ResizeObserver) new ResizeObserver(resize).observe(block);
    map._er.resizeFrame = resize;
  }

  function home(map) {
    // The first view, until the user moves the map.
    var st = map._er;
    if (!st.opt.home || st.touched) return;
    st.fitting = true;
    fit(map, st.opt.views.home, false);
    st.fitting = false;
  }

  // ---- accessibility of the frame --------------------------------------------------------------
  function describeMap(map, opt) {
    var c = map.getContainer();
    c.setAttribute("role", "region");
    c.setAttribute("aria-label", opt.name);
    c.setAttribute("aria-roledescription", "map");
    document.documentElement.lang = document.documentElement.lang || "en";
    var root = document.getElementById("root");
    if (root) {
      // The frame's own landmark and heading (the popups' titles are its h2s).
      root.setAttribute("role", "main");
      root.setAttribute("aria-label", "Map");
      if (!root.querySelector("h1.er-sr")) {
        var h1 = document.createElement("h1");
        h1.className = "er-sr";
        h1.textContent = opt.name.split(".")[0];
        root.insertBefore(h1, root.firstChild);
      }
    }
    document.querySelectorAll('meta[name="viewport"]').forEach(function (m) {
      m.setAttribute("content", "width=device-width, initial-scale=1");
    });
    try {
      if (window.frameElement) window.frameElement.setAttribute("aria-label", opt.name);
    } catch (e) { /* not ours to name */ }
  }

  // ---- entry points ---------------------------------------------------------------------------
  ER.setup = function (map, opt) {
    map._er = {opt: opt, places: {}, base: [], routes: {}, segments: {}, timer: null, stubs: [],
               state: null};
    var places = map.createPane(PLACES_PANE);
    places.style.zIndex = 450;
    // Tab order follows the document: the places' pane goes before the segments' pane.
    map.getPanes().mapPane.insertBefore(places, map.getPane("overlayPane"));
    // Wide invisible lines over the segments take the clicks near them (js/mapstate.js).
    map.createPane(HITS_PANE).style.zIndex = 440;
    var labels = map.createPane(LABELS_PANE);
    labels.style.zIndex = 640;
    labels.style.pointerEvents = "none";
    L.DomUtil.addClass(labels, "leaflet-zoom-hide");
    ER.placesPane = PLACES_PANE;
    var root = document.documentElement;
    root.style.setProperty("--er-label-px", opt.labelPx + "px");
    describeMap(map, opt);
    focusWithoutScroll(map);
    if (opt.forwardKeys) forwardKeys();
    popups(map);
    tools(map, opt);
    legend(map, opt);
    opt.labels.forEach(function (l) {
      map._er.base.push({el: labelEl(map, l.kind, l.html), anchors: l.anchors, kind: l.kind});
    });
    fitLegend(map);
    // Moved by anyone but the first view's fit: the user has taken over.
    map.on("movestart", function () { if (!map._er.fitting) map._er.touched = true; });
    L.DomEvent.on(map.getContainer(), "mousedown touchstart wheel keydown", function () {
      map._er.touched = true;
    });
    sizeFrame(map, opt);
    home(map);
    map.on("resize", function () { fitLegend(map); });
    map.on("moveend zoomend resize layeradd layerremove", function () { scheduleLabels(map); });
    map.on("zoomend", function () { stubs(map, map._er.stubs); });
    map.whenReady(function () { scheduleLabels(map); });
  };

  function onPlace(map, layer, on) {
    // A place's label follows its marker on and off the map (a filter may take one away).
    var st = map._er, p = layer.feature.properties;
    if (!on) {
      if (st.places[p.id] && st.places[p.id].layer === layer) {
        st.places[p.id].el.style.display = "none";
        delete st.places[p.id];
      }
      return;
    }
    var el = layer._erLabel;
    if (!el) {
      el = layer._erLabel = labelEl(map, "place", p.name);
      el.setAttribute("data-id", p.id);  // an attribute's value: text, never markup
      L.DomEvent.on(el, "click", function (e) {
        L.DomEvent.stop(e);
        ER.chooseAt(map, e, layer);
      });
      el.style.pointerEvents = "auto";
      el.style.cursor = "pointer";
    }
    if (p.first) st.legendShut = null;  // a new view's own places: keep them clear again
    st.places[p.id] = {el: el, latlng: layer.getLatLng(), radius: layer.getRadius(),
                       rank: p.rank || 0, first: p.first ? 1 : 0, id: p.id, layer: layer,
                       text: el.textContent};
    describe(layer, "place");
  }

  function onSegment(map, layer, on) {
    var st = map._er, p = layer.feature.properties;
    if (on) {
      st.routes[p.route] = (st.routes[p.route] || 0) + 1;
      st.segments[p.id] = layer;
      describe(layer, "segment");
    } else if (st.routes[p.route]) {
      st.routes[p.route] -= 1;
      if (!st.routes[p.route]) delete st.routes[p.route];
      if (st.segments[p.id] === layer) delete st.segments[p.id];
    }
    if (p.min_px && on) {
      var coords = layer.feature.geometry.coordinates.map(function (c) { return L.latLng(c[1], c[0]); });
      var arrow = null;
      if (p.arrow) {
        arrow = L.marker(coords[0], {interactive: false, keyboard: false, pane: "markerPane",
          icon: L.divIcon({className: "er-arrow-icon", iconSize: [16, 16], iconAnchor: [8, 8],
            html: '<div class="er-arrow" aria-hidden="true" style="color:' + p.style.color
                  + ';transform:rotate(' + p.arrow + 'deg)">\u27a4</div>'})});
        arrow.addTo(map);
        layer.once("remove", function () { map.removeLayer(arrow); });
      }
      layer.bringToFront();  // a short leg is drawn over the long lines that cross it
      var item = {layer: layer, coords: coords, minPx: p.min_px, arrow: arrow};
      st.stubs.push(item);
      stubs(map, [item]);
    } else if (!on) {
      st.stubs = st.stubs.filter(function (s) { return s.layer !== layer; });
    }
  }

  ER.features = function (map, gj) {
    var st = map._er;
    if (!st || gj._erWired) {
      if (st) gj.eachLayer(function (layer) { ER.styleFeature(map, layer); });
      return;
    }
    gj._erWired = true;
    gj.eachLayer(function (layer) {
      var p = layer.feature.properties, handle = p.kind === "place" ? onPlace : onSegment;
      function change(on) {
        handle(map, layer, on);
        ER.hitLine(map, layer, on);
        ER.styleFeature(map, layer);
        markLegend(map);
        scheduleLabels(map);
      }
      layer.on("add", function () { change(true); });
      layer.on("remove", function () { change(false); });
      if (layer._map) change(true);
      if (p.open) {
        // A popup a link asked for opens once the map has its size and view, fully in view.
        window.setTimeout(function () { if (layer._map) layer.openPopup(); }, 350);
      }
    });
  };
})();
