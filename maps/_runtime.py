"""The map's own JavaScript and CSS, inlined once into every bordermap map.

Each element of :mod:`bordermap.maps._elements` renders one call such as
``bordermap.incidents(map, data, options)``; the functions live here, in one place,
instead of being spread over templates. Every text that comes from an article (or
from data at all) reaches the page through ``textContent``, ``title`` or a checked
``href`` - never through ``innerHTML``. The only markup set with ``innerHTML`` is the
icons' SVG, which bordermap writes itself (:mod:`bordermap.maps._icons`).
"""

from __future__ import annotations

__all__ = ["RUNTIME_JS", "RUNTIME_CSS"]

RUNTIME_JS = r"""
(function () {
  "use strict";
  var BM = window.bordermap = window.bordermap || {};

  function el(tag, cls, text, parent) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function svgIcon(markup, parent) {  // bordermap's own constant SVG, never article text
    var span = el("span", "bm-ico", null, parent);
    span.innerHTML = markup;
    return span;
  }
  function isWebUrl(u) { return typeof u === "string" && /^https?:\/\/[^\s<>"]+$/i.test(u); }
  function fmt(n) { return Number(n).toLocaleString("en-US"); }
  function isoDay(d) { return new Date(d * 86400000).toISOString().slice(0, 10); }
  function quiet(node) {  // a control: clicks and wheel stay out of the map
    L.DomEvent.disableClickPropagation(node);
    L.DomEvent.disableScrollPropagation(node);
  }
  // The map's container carries "bm-z5" from zoom 5 on and "bm-z7" from zoom 7 on, so
  // CSS can show minor labels only when there is room for them.
  function zoomClasses(map) {
    if (map._bmZoomClasses) { return; }
    map._bmZoomClasses = true;
    function update() {
      var c = map.getContainer(), z = map.getZoom();
      [5, 7].forEach(function (k) {
        if (z >= k) { L.DomUtil.addClass(c, "bm-z" + k); } else { L.DomUtil.removeClass(c, "bm-z" + k); }
      });
    }
    map.on("zoomend", update);
    map.whenReady(update);
  }
  BM.el = el;
  BM.isWebUrl = isWebUrl;

  // ------------------------------------------------------------------ incidents
  function popupContent(S, cats, r) {
    var cat = cats[r[2]];
    var box = el("div", "bm-popup");
    var head = el("div", "bm-pop-head", null, box);
    svgIcon(cat.svg, head);
    el("span", "bm-pop-cat", cat.label, head);
    if (r[6] !== null) { el("div", "bm-pop-type", S[r[6]], box); }
    var table = el("table", "bm-pop-table", null, box);
    function row(label, value) {
      if (value === null || value === undefined || value === "") { return; }
      var tr = el("tr", null, null, table);
      el("th", null, label, tr);
      el("td", null, value, tr);
    }
    row("Date", r[5] !== null ? S[r[5]] : "unknown");
    row("Place", r[7] !== null ? S[r[7]] : null);
    row("Border", r[13] !== null ? S[r[13]] : null);
    if (r[8] !== null || r[9] !== null) {
      var f = r[8] !== null ? fmt(r[8]) : "not given";
      if (r[9] !== null) { f += " (\u201c" + S[r[9]] + "\u201d)"; }
      row("Fatalities", f);
    }
    row("Actors", r[10] !== null ? S[r[10]] : null);
    if (r[11] !== null) { el("blockquote", "bm-pop-quote", S[r[11]], box); }
    var srcs = r[12] || [];
    if (srcs.length) {
      var p = el("div", "bm-pop-src", null, box);
      el("span", "bm-pop-src-label", srcs.length > 1 ? "Sources: " : "Source: ", p);
      srcs.forEach(function (i, k) {
        if (k) { p.appendChild(document.createTextNode(" \u00b7 ")); }
        var s = S[i];
        if (isWebUrl(s)) {
          var a = el("a", null, s, p);
          a.href = s;
          a.target = "_blank";
          a.rel = "noopener noreferrer";
        } else {
          el("span", "bm-pop-path", s, p);
        }
      });
    }
    if (r[14] > 1) { el("div", "bm-pop-docs", "Reported in " + r[14] + " articles", box); }
    return box;
  }

  BM.incidents = function (map, data, opts, heat) {
    var S = data.s, cats = data.cats, rows = data.rows;
    var icons = cats.map(function (c) {
      return L.divIcon({className: "bm-marker", html: c.svg, iconSize: [26, 26], iconAnchor: [13, 13],
                        popupAnchor: [0, -12], tooltipAnchor: [13, 0]});
    });
    var group = L.markerClusterGroup({
      chunkedLoading: true, chunkInterval: 150, chunkDelay: 20,
      maxClusterRadius: opts.clusterRadius || 45, showCoverageOnHover: false,
      spiderfyOnMaxZoom: true, disableClusteringAtZoom: opts.disableClusteringAtZoom || null,
      chunkProgress: function (done, total) { if (done >= total) { ready(); } }
    });
    if (opts.attribution) { group.getAttribution = function () { return opts.attribution; }; }
    var markers = new Array(rows.length);
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var where = r[7] !== null ? S[r[7]] : "";
      var m = L.marker([r[0], r[1]], {icon: icons[r[2]], title: cats[r[2]].label + (where ? " \u2014 " + where : ""),
                                      alt: cats[r[2]].label, riseOnHover: true});
      m.bmRow = r;
      markers[i] = m;
    }
    var popup = L.popup({maxWidth: 380, minWidth: 260, autoPanPadding: [40, 40], className: "bm-leaflet-popup"});
    group.on("click", function (e) {
      var mk = e.layer;
      popup.setLatLng(mk.getLatLng()).setContent(popupContent(S, cats, mk.bmRow));
      popup.options.offset = [0, -10];
      popup.openOn(map);
    });

    var state = {from: null, to: null, undated: true, off: {}};
    var listeners = [];
    var isReady = false;
    function ready() {
      if (isReady) { return; }
      isReady = true;
      map.getContainer().setAttribute("data-bm-ready", "1");
      window.bordermapReady = true;
    }
    function visible(r) {
      if (state.off[r[2]]) { return false; }
      if (r[3] === null) { return state.undated; }
      if (state.from !== null && r[4] < state.from) { return false; }
      if (state.to !== null && r[3] > state.to) { return false; }
      return true;
    }
    function apply() {
      var shown = [], counts = cats.map(function () { return 0; });
      for (var i = 0; i < markers.length; i++) {
        if (visible(markers[i].bmRow)) { shown.push(markers[i]); counts[markers[i].bmRow[2]]++; }
      }
      map.closePopup(popup);
      group.clearLayers();
      group.addLayers(shown);
      if (heat) { heat.setLatLngs(shown.map(function (m) { return m.getLatLng(); })); }
      listeners.forEach(function (f) { f(counts, shown.length, markers.length); });
    }
    group.bordermap = {
      data: data, markers: markers, state: state, apply: apply,
      setDateRange: function (from, to) { state.from = from; state.to = to; apply(); },
      setUndated: function (on) { state.undated = !!on; apply(); },
      setCategory: function (idx, on) { if (on) { delete state.off[idx]; } else { state.off[idx] = true; } apply(); },
      onChange: function (f) { listeners.push(f); },
      openPopup: function (i) {  // open incident i's popup (zooming into its cluster first)
        var mk = markers[i];
        group.zoomToShowLayer(mk, function () { group.fire("click", {layer: mk}); });
      }
    };
    if (heat) { heat.setLatLngs(markers.map(function (m) { return m.getLatLng(); })); }
    // Add the markers once the group is on the map: markercluster then clusters them in
    // chunks; before, it checks every new marker against all the pending ones (quadratic).
    if (opts.show) { group.addTo(map); group.addLayers(markers); }
    else { group.once("add", function () { group.addLayers(markers); ready(); }); }
    (BM.incidentLayers = BM.incidentLayers || []).push(group);  // for scripts and tests
    if (!rows.length || !opts.show) { ready(); }
    return group;
  };

  // ------------------------------------------------------------------ legend
  BM.legend = function (map, layer, data) {
    var ctl = L.control({position: data.position || "bottomright"});
    ctl.onAdd = function () {
      var box = el("div", "bm-legend leaflet-bar");
      quiet(box);
      el("div", "bm-legend-title", data.title, box);
      var counters = {};
      data.cats.forEach(function (c) {
        var lab = el("label", "bm-legend-row", null, box);
        var cb = el("input", null, null, lab);
        cb.type = "checkbox";
        cb.checked = true;
        cb.title = "Show or hide " + c.label;
        cb.addEventListener("change", function () { if (layer) { layer.bordermap.setCategory(c.idx, cb.checked); } });
        svgIcon(c.svg, lab);
        el("span", "bm-legend-label", c.label, lab);
        counters[c.idx] = el("span", "bm-legend-count", fmt(c.count), lab);
      });
      if (data.cats.length === 0) { el("div", "bm-legend-note", "No incidents found", box); }
      if (data.extras.length) {
        var more = el("div", "bm-legend-extras", null, box);
        data.extras.forEach(function (x) {
          var row = el("div", "bm-legend-row", null, more);
          if (x.svg) { svgIcon(x.svg, row); } else { el("span", "bm-swatch bm-swatch-" + x.kind, null, row); }
          el("span", "bm-legend-label", x.label, row);
        });
      }
      if (layer) {
        layer.bordermap.onChange(function (counts) {
          data.cats.forEach(function (c) { counters[c.idx].textContent = fmt(counts[c.idx]); });
        });
      }
      return box;
    };
    ctl.addTo(map);
    return ctl;
  };

  // ------------------------------------------------------------------ time filter
  BM.timeFilter = function (map, layer, data) {
    var ctl = L.control({position: data.position || "bottomleft"});
    ctl.onAdd = function () {
      var box = el("div", "bm-time leaflet-bar");
      quiet(box);
      el("div", "bm-time-title", "Dates", box);
      var lo = data.min, hi = data.max;
      if (lo !== null) { el("div", "bm-time-span", isoDay(lo) + (hi > lo ? " \u2013 " + isoDay(hi) : ""), box); }
      var status = el("div", "bm-time-status", null, box);
      var from = null, to = null, undated = null;
      if (lo !== null && hi > lo) {
        var grid = el("div", "bm-time-grid", null, box);
        function slider(name, value) {
          var lab = el("label", "bm-time-row", null, grid);
          el("span", "bm-time-name", name, lab);
          var input = el("input", "bm-time-range", null, lab);
          input.type = "range"; input.min = lo; input.max = hi; input.step = 1; input.value = value;
          input.setAttribute("aria-label", name + " date");
          var out = el("output", "bm-time-value", isoDay(value), lab);
          input.addEventListener("input", function () { out.textContent = isoDay(+input.value); });
          return {input: input, out: out};
        }
        from = slider("From", lo);
        to = slider("To", hi);
      } else if (lo !== null) {
        el("div", "bm-time-note", "All dated incidents fall on " + isoDay(lo), box);
      }
      if (data.undated > 0) {
        var ul = el("label", "bm-time-undated", null, box);
        undated = el("input", null, null, ul);
        undated.type = "checkbox";
        undated.checked = true;
        el("span", null, " include " + fmt(data.undated) + " undated", ul);
        undated.addEventListener("change", function () { layer.bordermap.setUndated(undated.checked); });
      }
      function changed() {
        var a = +from.input.value, b = +to.input.value;
        if (a > b) {  // keep from <= to: move the other handle along
          if (this === from.input) { to.input.value = a; b = a; } else { from.input.value = b; a = b; }
          from.out.textContent = isoDay(a); to.out.textContent = isoDay(b);
        }
        layer.bordermap.setDateRange(a === lo ? null : a, b === hi ? null : b);
      }
      if (from) {
        from.input.addEventListener("change", changed);
        to.input.addEventListener("change", changed);
        var reset = el("button", "bm-time-reset", "Reset", box);
        reset.type = "button";
        reset.addEventListener("click", function () {
          from.input.value = lo; to.input.value = hi;
          from.out.textContent = isoDay(lo); to.out.textContent = isoDay(hi);
          if (undated) { undated.checked = true; layer.bordermap.state.undated = true; }
          layer.bordermap.setDateRange(null, null);
        });
      }
      function show(counts, shown, total) {
        status.textContent = fmt(shown) + " of " + fmt(total) + " incidents shown";
      }
      show(null, data.total, data.total);
      layer.bordermap.onChange(show);
      return box;
    };
    ctl.addTo(map);
    return ctl;
  };

  // ------------------------------------------------------------------ title
  BM.title = function (map, data) {
    var box = el("div", "bm-title", null, map.getContainer());
    quiet(box);
    el("div", "bm-title-main", data.title, box);
    if (data.subtitle) { el("div", "bm-title-sub", data.subtitle, box); }
    return box;
  };

  // ------------------------------------------------------------------ offline basemap
  function pane(map, name, z) {
    if (!map.getPane(name)) { map.createPane(name).style.zIndex = z; }
    return name;
  }

  BM.countries = function (map, data, opts) {
    var p = pane(map, "bmBasemap", 150);
    var lp = pane(map, "bmBasemapLabels", 390);
    map.getPane(lp).style.pointerEvents = "none";
    var shapes = L.geoJSON(data, {
      pane: p, interactive: false,
      style: function (f) {
        var focus = f.properties.f;
        return {color: "#9c9588", weight: focus ? 1.1 : 0.7, fillColor: focus ? "#fbf7ee" : "#efece5",
                fillOpacity: 1, opacity: 1};
      }
    });
    var labels = [];
    data.features.forEach(function (f) {
      if (!f.properties.lp) { return; }
      var span = el("span", "bm-country-label" + (f.properties.f ? " bm-focus" : ""), f.properties.n);
      labels.push(L.marker(f.properties.lp, {
        pane: lp, interactive: false, keyboard: false,
        icon: L.divIcon({className: "bm-label-anchor", html: span, iconSize: null})
      }));
    });
    var group = L.featureGroup([shapes].concat(labels));
    if (opts.attribution) { group.getAttribution = function () { return opts.attribution; }; }
    zoomClasses(map);
    return group;
  };

  // Switch to the offline basemap when the online tiles do not load (no network).
  BM.tileFallback = function (map, tiles, offline) {
    tiles.forEach(function (t) {
      var ok = 0, failed = 0;
      t.on("tileload", function () { ok++; });
      t.on("tileerror", function () {
        failed++;
        if (ok === 0 && failed >= 4 && map.hasLayer(t) && !map.hasLayer(offline)) {
          map.removeLayer(t);
          map.addLayer(offline);
        }
      });
    });
  };

  // ------------------------------------------------------------------ borders
  BM.borders = function (map, data, opts) {
    var p = pane(map, "bmBorders", 410);
    var casing = L.geoJSON(data, {pane: p, interactive: false,
      style: function (f) { return {color: "#ffffff", weight: f.properties.focus ? 7 : 5, opacity: 0.9}; }});
    var lines = L.geoJSON(data, {pane: p,
      style: function (f) {
        return {color: "#4a2a7a", weight: f.properties.focus ? 3.2 : 2, opacity: 0.95,
                dashArray: f.properties.focus ? null : "6 4"};
      },
      onEachFeature: function (f, layer) {
        var box = el("div", "bm-border-tip");
        if (f.properties.alias) { el("div", "bm-border-alias", f.properties.alias, box); }
        el("div", null, f.properties.label, box);
        layer.bindTooltip(box, {sticky: true, className: "bm-tooltip"});
      }
    });
    var parts = [casing, lines];
    data.features.forEach(function (f) {
      if (!f.properties.lp) { return; }
      var span = el("span", "bm-border-label");
      if (f.properties.alias) { el("b", null, f.properties.alias, span); el("br", null, null, span); }
      el("span", null, f.properties.label, span);
      parts.push(L.marker(f.properties.lp, {pane: p, interactive: false, keyboard: false,
        icon: L.divIcon({className: "bm-label-anchor", html: span, iconSize: null})}));
    });
    var group = L.featureGroup(parts);
    if (opts.attribution) { group.getAttribution = function () { return opts.attribution; }; }
    return group;
  };

  // ------------------------------------------------------------------ places and crossings
  BM.points = function (map, data, opts) {
    var parts = [];
    var icon = opts.svg ? L.divIcon({className: "bm-marker", html: opts.svg, iconSize: [15, 15],
                                     iconAnchor: [7, 7], tooltipAnchor: [8, 0]}) : null;
    data.forEach(function (r) {  // [lat, lon, name, detail, permanent label?]
      var tip = el("div", "bm-point-tip");
      el("b", null, r[2], tip);
      if (r[3]) { el("div", null, r[3], tip); }
      var m = icon ? L.marker([r[0], r[1]], {icon: icon, title: r[2], alt: r[2]})
                   : L.circleMarker([r[0], r[1]], {radius: 4.5, color: "#ffffff", weight: 1.5,
                                                   fillColor: "#212121", fillOpacity: 0.9});
      m.bindTooltip(tip, {className: "bm-tooltip", direction: "top", offset: [0, -6]});
      parts.push(m);
      if (r[4]) {
        var span = el("span", "bm-" + opts.kind + "-label", r[2]);
        parts.push(L.marker([r[0], r[1]], {interactive: false, keyboard: false,
          icon: L.divIcon({className: "bm-label-anchor bm-label-right", html: span, iconSize: null})}));
      }
    });
    var group = L.featureGroup(parts);
    if (opts.attribution) { group.getAttribution = function () { return opts.attribution; }; }
    zoomClasses(map);
    return group;
  };

  // ------------------------------------------------------------------ initial view
  BM.fitView = function (map, bounds, opts) {  // no animation: the map opens where it should
    map.fitBounds(bounds, {paddingTopLeft: opts.paddingTopLeft, paddingBottomRight: opts.paddingBottomRight,
                           maxZoom: opts.maxZoom, animate: false});
  };
})();
"""

RUNTIME_CSS = r"""
.leaflet-container { background: #cfdfea; font-family: "Helvetica Neue", Arial, Helvetica, sans-serif; }
.leaflet-control-layers { font-size: 13px; }
.bm-marker { background: none; border: 0; }
.bm-marker svg { display: block; filter: drop-shadow(0 1px 1.5px rgba(0,0,0,.45)); }
.bm-ico { display: inline-flex; vertical-align: middle; margin-right: 6px; }
.bm-ico svg { width: 18px; height: 18px; }
.bm-label-anchor { background: none; border: 0; width: 0 !important; height: 0 !important; }
.bm-label-anchor > span { position: absolute; transform: translate(-50%, -50%); white-space: nowrap;
  pointer-events: none; text-align: center; }
.bm-label-right > span { transform: translate(8px, -50%); text-align: left; }
.bm-label-right > .bm-place-label { transform: translate(15px, -50%); }
.bm-country-label { font-size: 11px; letter-spacing: .12em; text-transform: uppercase; color: #8a8272;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff; display: none; }
.bm-country-label.bm-focus { display: block; font-size: 13px; color: #6f6656; font-weight: 600; }
.bm-z5 .bm-country-label { display: block; }
.bm-border-label { font-size: 12px; line-height: 1.25; color: #3b1f66; background: rgba(255,255,255,.88);
  border: 1px solid #4a2a7a; border-radius: 3px; padding: 2px 6px; box-shadow: 0 1px 3px rgba(0,0,0,.25); }
.bm-place-label { font-size: 12px; font-weight: 600; color: #212121;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; }
.bm-crossing-label { font-size: 11px; color: #263238; font-style: italic;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff; display: none; }
.bm-z7 .bm-crossing-label { display: block; }
.bm-tooltip { font-size: 12px; }
.bm-border-alias { font-weight: 700; }
.bm-title { position: absolute; z-index: 800; top: 10px; left: 50%; transform: translateX(-50%);
  max-width: 60%; background: rgba(255,255,255,.94); border-radius: 5px; padding: 6px 14px;
  box-shadow: 0 1px 5px rgba(0,0,0,.35); text-align: center; pointer-events: auto; }
.bm-title-main { font-size: 17px; font-weight: 700; color: #1a1a1a; }
.bm-title-sub { font-size: 12px; color: #555; margin-top: 2px; }
.bm-legend, .bm-time { background: rgba(255,255,255,.95); padding: 8px 10px; font-size: 12.5px;
  line-height: 1.35; color: #222; }
.bm-legend { max-height: 60vh; overflow-y: auto; min-width: 190px; }
.bm-legend-title, .bm-time-title { font-weight: 700; margin-bottom: 4px; font-size: 13px; }
.bm-legend-row { display: flex; align-items: center; gap: 2px; margin: 2px 0; cursor: pointer; }
.bm-legend-row input { margin: 0 6px 0 0; }
.bm-legend-label { flex: 1; }
.bm-legend-count { margin-left: 10px; font-variant-numeric: tabular-nums; color: #444; font-weight: 600; }
.bm-legend-extras { border-top: 1px solid #ddd; margin-top: 6px; padding-top: 4px; }
.bm-legend-extras .bm-legend-row { cursor: default; }
.bm-swatch { display: inline-block; width: 18px; margin-right: 6px; }
.bm-swatch-border { height: 0; border-top: 3px solid #4a2a7a; box-shadow: 0 0 0 2px #fff; }
.bm-swatch-border-other { height: 0; border-top: 2px dashed #4a2a7a; }
.bm-swatch-place { width: 9px; height: 9px; border-radius: 50%; background: #212121; border: 1.5px solid #fff;
  box-shadow: 0 0 0 1px #999; margin: 0 10px 0 4px; }
.bm-swatch-cluster { width: 18px; height: 18px; border-radius: 50%; background: rgba(110,204,57,.75);
  border: 3px solid rgba(181,226,140,.75); box-sizing: border-box; }
.bm-time { min-width: 240px; }
.bm-time-grid { display: grid; gap: 2px; margin: 4px 0; }
.bm-time-row { display: grid; grid-template-columns: 38px 1fr 78px; align-items: center; gap: 4px; }
.bm-time-range { width: 100%; margin: 0; }
.bm-time-value { font-variant-numeric: tabular-nums; }
.bm-time-status { color: #555; }
.bm-time-span { font-variant-numeric: tabular-nums; }
.bm-marker .bm-crossing { width: 15px; height: 15px; }
.bm-time-undated { display: block; margin-top: 2px; }
.bm-time-reset { margin-top: 4px; font-size: 12px; }
.bm-popup { font-size: 13px; line-height: 1.4; color: #222; }
.bm-pop-head { display: flex; align-items: center; font-weight: 700; font-size: 14.5px; }
.bm-pop-type { color: #666; font-size: 12px; margin: 1px 0 4px; }
.bm-pop-table { border-collapse: collapse; margin: 4px 0; }
.bm-pop-table th { text-align: left; vertical-align: top; padding: 1px 10px 1px 0; color: #666; font-weight: 600; }
.bm-pop-table td { padding: 1px 0; }
.bm-pop-quote { margin: 6px 0; padding: 4px 8px; border-left: 3px solid #bbb; background: #f6f6f6;
  font-style: italic; white-space: pre-wrap; overflow-wrap: anywhere; }
.bm-pop-src { font-size: 12px; overflow-wrap: anywhere; }
.bm-pop-src-label { color: #666; }
.bm-pop-path { font-family: monospace; font-size: 11.5px; }
.bm-pop-docs { font-size: 12px; color: #666; margin-top: 2px; }
.bm-static .leaflet-control-layers, .bm-static .bm-time-grid, .bm-static .bm-time-reset,
.bm-static .bm-time-undated, .bm-static .leaflet-control-zoom, .bm-static .bm-legend-row input { display: none; }
"""
