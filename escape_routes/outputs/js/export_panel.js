/* The one-file map's evidence panel and risk filter (made by escape_routes/outputs/mapfile.py).
 *
 * Content never passes through this script: every card is HTML already in the page (escaped
 * when the file was made). The script gets Leaflet layers, ids and numbers only:
 *   map          the Leaflet map
 *   routeGroups  {route id: the route's layer group}
 *   featureLayers  the GeoJSON layers holding places and route segments
 *   data         {risks: {risk id: {routes: [...], places: [...]}}, segmentRoute: {segment id:
 *                route id}, placeIds: [...], riskInfo, reset}: what each single risk shows, as
 *                filters.apply computes it. A route or place passes "any" of the chosen risks if
 *                one of them shows it, and "all" of them if each one does. riskInfo (each
 *                risk's cue, colour and label, escaped) and reset feed the line on the map.
 */
function escapeRoutesPanel(map, routeGroups, featureLayers, data) {
  "use strict";
  map.getContainer().setAttribute("role", "region");
  map.getContainer().setAttribute("aria-label", "Map of the routes and places");
  var byId = {};
  featureLayers.forEach(function (group) {
    group.eachLayer(function (layer) {
      var id = layer.feature && layer.feature.properties.id;
      if (id) { byId[id] = {layer: layer, group: group}; }
    });
  });
  var pick = document.getElementById("er-pick");
  var side = pick.closest(".er-side");
  var heading = document.getElementById("er-ev-h");
  var hint = document.getElementById("er-hint");
  var count = document.getElementById("er-count");
  var chosenNote = document.getElementById("er-chosen");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[name=er-risk]"));
  var current = null;

  function show(id) {
    var card = id ? document.getElementById("ev-" + id) : null;
    if (current) { current.hidden = true; }
    current = card;
    if (card) { card.hidden = false; }
    hint.hidden = Boolean(card);
    pick.value = card ? id : "";
    if (card) {  // bring the card's heading to the top of the panel, not the page
      side.scrollTop += heading.getBoundingClientRect().top - side.getBoundingClientRect().top - 8;
    }
  }

  map.on("popupopen", function (e) {
    // A long popup scrolls: keyboard users must be able to scroll it too.
    var content = e.popup.getElement().querySelector(".leaflet-popup-content");
    if (content) { content.tabIndex = 0; }
    Object.keys(byId).some(function (id) {
      if (byId[id].layer.getPopup() !== e.popup) { return false; }
      show(id);
      return true;
    });
  });

  pick.addEventListener("change", function () {
    var id = pick.value;
    var entry = byId[id];
    show(id);
    if (entry && map.hasLayer(entry.layer)) { entry.layer.openPopup(); }
  });

  function shownBy(chosen, kind, mode) {
    var tally = {};
    chosen.forEach(function (risk) {
      data.risks[risk][kind].forEach(function (id) { tally[id] = (tally[id] || 0) + 1; });
    });
    var need = mode === "all" ? chosen.length : 1;
    var out = {};
    Object.keys(tally).forEach(function (id) { if (tally[id] >= need) { out[id] = true; } });
    return out;
  }

  var hiddenRoutes = {};
  function applyFilter() {
    var chosen = boxes.filter(function (b) { return b.checked; }).map(function (b) {
      return b.value;
    });
    var mode = document.querySelector("input[name=er-mode]:checked").value;
    var routes = chosen.length ? shownBy(chosen, "routes", mode) : null;
    var places = chosen.length ? shownBy(chosen, "places", mode) : null;
    var nRoutes = 0;
    var nPlaces = 0;
    Object.keys(routeGroups).forEach(function (rid) {
      var on = !routes || routes[rid] === true;
      var group = routeGroups[rid];
      if (!on && map.hasLayer(group)) { map.removeLayer(group); hiddenRoutes[rid] = true; }
      if (on && hiddenRoutes[rid]) { map.addLayer(group); delete hiddenRoutes[rid]; }
      if (on) { nRoutes += 1; }
    });
    data.placeIds.forEach(function (pid) {
      var entry = byId[pid];
      var on = !places || places[pid] === true;
      if (!entry) { return; }
      if (on && !entry.group.hasLayer(entry.layer)) { entry.group.addLayer(entry.layer); }
      if (!on && entry.group.hasLayer(entry.layer)) { entry.group.removeLayer(entry.layer); }
      if (on) { nPlaces += 1; }
    });
    Array.prototype.forEach.call(pick.options, function (opt) {
      if (!opt.value) { return; }
      var rid = data.segmentRoute[opt.value];
      var on = rid ? (!routes || routes[rid] === true) : (!places || places[opt.value] === true);
      opt.hidden = !on;
      opt.disabled = !on;
    });
    chosenNote.textContent = chosen.length ? "(" + chosen.length + " chosen)" : "";
    var shown = nRoutes + " of " + Object.keys(routeGroups).length + " routes, " + nPlaces +
      " of " + data.placeIds.length + " places";
    count.textContent = "Showing " + shown + ".";
    // The same line on the map as in the app (escape_routes/map/js/mapstate.js).
    window.ErMap.setState(map, {
      items: chosen.map(function (r) {
        var info = data.riskInfo[r];
        return {cue: info.cue, colour: info.colour, text: info.label};
      }),
      join: chosen.length > 1 ? (mode === "all" ? "all of them" : "any of them") : "",
      count: shown, empty: nRoutes === 0 && nPlaces === 0, reset: data.reset,
      risks: chosen, riskInfo: data.riskInfo, focus: null, onReset: clear
    });
  }

  boxes.concat(Array.prototype.slice.call(document.querySelectorAll("input[name=er-mode]")))
    .forEach(function (input) { input.addEventListener("change", applyFilter); });
  function clear() {
    boxes.forEach(function (b) { b.checked = false; });
    applyFilter();
  }
  document.getElementById("er-clear").addEventListener("click", clear);
  applyFilter();
}
