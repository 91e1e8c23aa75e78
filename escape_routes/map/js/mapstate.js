/* Escape Routes: what the filters show, said and seen on the map; clicks that find their item.
 *
 * ErMap.setState(map, data, group)  the filter line, the emphasis and a route to bring into view
 *     data: {items: [{text, cue?, colour?}], join, count, empty, reset, risks: [ids],
 *            riskInfo: {id: {cue, colour, label}}, focus: bounds|null, onReset?: function}
 *     (escape_routes/map/state.py makes it for the app; the one-file map's panel makes it too)
 * ErMap.clearState(map)             the line goes (the layers it described were taken away)
 *
 * - the line at the top of the map: what is chosen, how many routes and places are shown, and a
 *   "Show everything" button; when nothing matches it says so;
 * - legs and places whose own passages carry a chosen risk are drawn full strength with that
 *   risk's cue; the rest of each route shown is dimmed;
 * - every segment has a wide invisible line over it: a click near a short or dashed leg finds
 *   it; the nearest item wins (a short leg wins a click on itself), and where several lie
 *   equally near under one click a small chooser lists them.
 * Content text arrives escaped (as everywhere on the map) and reaches the page only as text
 * nodes (ER.decode, then textContent), never as HTML.
 */
(function () {
  "use strict";
  var ER = (window.ErMap = window.ErMap || {});
  var HIT_PX = 9;     // a click this close to a segment's line is a click on it
  var TIE_PX = 4;     // items this much nearer than the next win outright; else a chooser
  var LABEL_NEAR = 4; // a click on a place's name also finds a line this close

  function el(tag, cls, parent, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  function cue(parent, info) {
    var c = el("span", "er-cue", parent, ER.decode(info.cue));
    c.style.borderColor = info.colour;
    c.setAttribute("aria-hidden", "true");
    return c;
  }

  // ---- the app hears the map's own buttons as it hears a click ----------------------------
  function report(map, group, props) {
    // streamlit-folium reports the toGeoJSON() of a layer clicked inside a layer group
    // (escape_routes/ui/map_adapter.py: MapEvent); a button of ours is reported the same way.
    var feature = {type: "Feature", geometry: null,
                   properties: Object.assign({nonce: Date.now()}, props)};
    group.fire("click", {latlng: map.getCenter(),
                         layer: {toGeoJSON: function () { return feature; }}});
  }

  // ---- the line -----------------------------------------------------------------------------
  function line(map) {
    var st = map._er;
    if (!st.line) {
      var c = L.control({position: "topright"});
      c.onAdd = function () {
        var d = L.DomUtil.create("div", "er-filterline");
        d.setAttribute("role", "status");
        L.DomEvent.disableClickPropagation(d);
        return d;
      };
      c.addTo(map);
      var box = c.getContainer(), corner = box.parentNode;
      corner.insertBefore(box, corner.firstChild);  // above the tools
      st.line = box;
    }
    return st.line;
  }

  function writeLine(map, data) {
    var box = line(map);
    box.textContent = "";
    var shown = data && (data.items.length || data.empty);
    box.style.display = shown ? "" : "none";
    box.classList.toggle("er-empty", !!(data && data.empty));
    if (!shown) return;
    if (data.empty) el("span", "", box, "Nothing matches: ");
    data.items.forEach(function (item, i) {
      if (i) el("span", "", box, " · ");
      if (item.cue) cue(box, item);
      el("span", "", box, ER.decode(item.text));
    });
    if (data.join) el("span", "", box, " (" + data.join + ")");
    if (!data.empty) el("span", "", box, " — " + data.count);
    var b = el("button", "", box, data.reset);
    b.type = "button";
    L.DomEvent.on(b, "click", function (e) {
      L.DomEvent.stop(e);
      if (data.onReset) { data.onReset(); }
      else if (map._er.stateGroup) { report(map, map._er.stateGroup, {action: "show-everything"}); }
    });
  }

  // ---- emphasis -----------------------------------------------------------------------------
  function chosen(map, p) {
    var st = map._er.state;
    if (!st || !st.risks.length) return null;
    return (p.risks || []).filter(function (r) { return st.risks.indexOf(r) >= 0; });
  }

  function badge(map, layer, risks) {
    if (layer._erBadge) { map.removeLayer(layer._erBadge); layer._erBadge = null; }
    var p = layer.feature.properties, info = map._er.state && map._er.state.riskInfo;
    if (!risks || !risks.length || !info || !layer._map || !p.cue_at) return;
    var m = L.marker(p.cue_at, {interactive: false, keyboard: false, pane: "markerPane",
      icon: L.divIcon({className: "er-cue-icon", iconSize: null, iconAnchor: [9, 10],
                       html: ""})});
    m.addTo(map);
    var host = m.getElement();
    risks.forEach(function (r) { if (info[r]) cue(host, info[r]); });
    layer._erBadge = m;
  }

  ER.styleFeature = function (map, layer) {
    var p = layer.feature.properties;
    if (!layer._map) {
      if (layer._erBadge) { map.removeLayer(layer._erBadge); layer._erBadge = null; }
      return;
    }
    var risks = chosen(map, p), style = Object.assign({}, p.style);
    if (risks && p.kind === "segment") {
      if (risks.length) { style.opacity = 1; style.weight = (style.weight || 4) + 2; }
      else { style.opacity = 0.3; }
    }
    if (risks && p.kind === "place" && risks.length) style.weight = 3;
    layer._erStyle = style;
    layer.setStyle(style);
    if (p.kind === "segment") badge(map, layer, risks);
    if (p.kind === "place" && layer._erLabel) {
      var label = layer._erLabel, old = label.querySelector(".er-cue-set");
      if (old) old.remove();
      var info = map._er.state && map._er.state.riskInfo;
      if (risks && risks.length && info) {
        var set = el("span", "er-cue-set", null);
        risks.forEach(function (r) { if (info[r]) cue(set, info[r]); });
        label.insertBefore(set, label.firstChild);
      }
    }
  };

  function restyleAll(map) {
    var st = map._er;
    Object.keys(st.segments).forEach(function (k) { ER.styleFeature(map, st.segments[k]); });
    Object.keys(st.places).forEach(function (k) { ER.styleFeature(map, st.places[k].layer); });
  }

  ER.setState = function (map, data, group) {
    var st = map && map._er;
    if (!st) return;
    st.state = data;
    st.stateGroup = group || null;
    writeLine(map, data);
    restyleAll(map);
    ER.markLegend(map);
    var focus = data.focus ? JSON.stringify(data.focus) : null;
    if (focus && focus !== st.focus) {
      // The table's chosen route: fitted into view, and the map scrolled onto the screen.
      ER.fit(map, data.focus, true);
      try {
        var fe = window.frameElement;
        if (fe) fe.scrollIntoView({behavior: "smooth", block: "center"});
      } catch (e) { /* a map outside a page */ }
    }
    st.focus = focus;
    ER.scheduleLabels(map);
  };

  ER.clearState = function (map) {
    var st = map && map._er;
    if (!st) return;
    st.state = null;
    writeLine(map, null);
  };

  // ---- clicks that find their item ----------------------------------------------------------
  function segDistance(map, layer, pt) {
    var lls = layer.getLatLngs(), best = Infinity;
    var pts = lls.map(function (ll) { return map.latLngToContainerPoint(ll); });
    for (var i = 0; i + 1 < pts.length; i++) {
      best = Math.min(best, L.LineUtil.pointToSegmentDistance(pt, pts[i], pts[i + 1]));
    }
    return best;
  }

  function near(map, pt, limit) {
    var st = map._er, out = [];
    Object.keys(st.segments).forEach(function (k) {
      var layer = st.segments[k], d = segDistance(map, layer, pt);
      if (d <= limit) out.push({layer: layer, d: d});
    });
    return out;
  }

  function open(map, items, latlng, e) {
    items.sort(function (a, b) { return a.d - b.d; });
    var best = items[0].d;
    var close = items.filter(function (it) { return it.d - best < TIE_PX; });
    // A short leg (drawn at its minimum length) wins a click on itself over a long line that
    // passes through it: the long line can be clicked anywhere else along its length.
    var short = close.filter(function (it) { return it.layer.feature.properties.min_px; });
    if (short.length === 1 && close.length > 1 && short[0].d < TIE_PX) close = short;
    if (close.length === 1) { ER.activate(close[0].layer, e, latlng); return; }
    var box = el("div", "");
    el("p", "", box, close.length + " items here:");
    var list = el("ul", "", box);
    close.forEach(function (it) {
      var b = el("button", "", el("li", "", list), ER.decode(it.layer.feature.properties.tip));
      b.type = "button";
      L.DomEvent.on(b, "click", function (ev) {
        L.DomEvent.stop(ev);
        map.closePopup();
        ER.activate(it.layer, ev, latlng);
      });
    });
    L.popup({className: "er-chooser", maxWidth: 320, closeButton: true})
      .setLatLng(latlng).setContent(box).openOn(map);
    var first = box.querySelector("button");
    if (first) first.focus({preventScroll: true});
  }

  ER.chooseAt = function (map, e, place) {
    // A click on a place's name: the place, or a chooser if a line runs right under it.
    var pt = map.mouseEventToContainerPoint(e), latlng = map.containerPointToLatLng(pt);
    var items = near(map, pt, LABEL_NEAR);
    if (!items.length) { ER.activate(place, e); return; }
    items.forEach(function (it) { it.d = 0; });
    items.push({layer: place, d: 0});
    open(map, items, latlng, e);
  };

  ER.hitLine = function (map, layer, on) {
    var p = layer.feature.properties;
    if (p.kind !== "segment") return;
    if (!on) {
      if (layer._erHit) { map.removeLayer(layer._erHit); layer._erHit = null; }
      return;
    }
    if (layer._erHit) return;
    var hitLine = L.polyline(layer.getLatLngs(), {pane: ER.HITS_PANE, weight: 2 * HIT_PX,
      opacity: 0, interactive: true, bubblingMouseEvents: false, className: "er-hit"});
    hitLine.on("click", function (e) {
      L.DomEvent.stop(e);
      var items = near(map, e.containerPoint, HIT_PX);
      if (!items.length) items = [{layer: layer, d: 0}];
      open(map, items, e.latlng, e.originalEvent);
    });
    hitLine.on("mouseover", function () { layer.fire("mouseover"); });
    hitLine.on("mousemove", function (e) { if (layer.getTooltip()) layer.openTooltip(e.latlng); });
    hitLine.on("mouseout", function () { layer.fire("mouseout"); layer.closeTooltip(); });
    hitLine.addTo(map);
    layer._erHit = hitLine;
  };
})();
