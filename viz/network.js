// policykg network views: legend, search, filters, neighbourhood highlight, detail panel.
// Every string from the graph reaches the page through textContent, never innerHTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("policykg-data").textContent);
  var meta = data.meta;
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var original = {};
  data.nodes.forEach(function (n) { original[n.id] = { color: n.color, font: n.font }; });
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.network = network;
  var labels = PolicykgLabels.attach(network, container, data.nodes, meta.font);
  window.policykg = {
    ready: false, nodeCount: data.nodes.length, edgeCount: data.edges.length,
    labels: function () { return labels.placed; },
  };
  network.once("afterDrawing", function () {
    network.fit({ animation: false, maxZoomLevel: 1.4 });
    window.policykg.ready = true;
  });

  var hiddenTypes = {};
  function docLabel(file) { return (meta.documents || {})[file] || file; }
  var panel = document.getElementById("panel");

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  // ---- legend and filters -------------------------------------------------------------
  function buildLegend() {
    var box = document.getElementById("legend");
    var counts = {};
    data.nodes.forEach(function (n) { counts[n.type] = (counts[n.type] || 0) + 1; });
    meta.legend.forEach(function (item) {
      var row = el("label", null, "legend-item");
      var check = el("input");
      check.type = "checkbox";
      check.checked = true;
      check.dataset.type = item.type;
      check.addEventListener("change", function () {
        hiddenTypes[item.type] = !check.checked;
        applyFilters();
      });
      var swatch = el("span", null, "swatch " + item.shape);
      swatch.style.background = item.color;
      row.append(check, swatch, el("span", item.label), el("span", counts[item.type] || 0, "legend-count"));
      box.appendChild(row);
    });
  }

  function fillSelect(id, values) {
    var select = document.getElementById(id);
    values.forEach(function (v) { var o = el("option", v); o.value = v; select.appendChild(o); });
    select.addEventListener("change", applyFilters);
  }

  function visible(n, county, year) {
    if (hiddenTypes[n.type]) { return false; }
    if (county && (n.counties || []).indexOf(county) < 0) { return false; }
    if (year && (n.years || []).map(String).indexOf(year) < 0) { return false; }
    return true;
  }

  function applyFilters() {
    var county = document.getElementById("county").value;
    var year = document.getElementById("year").value;
    var shown = 0;
    labels.hidden = {};
    var updates = data.nodes.map(function (n) {
      var ok = visible(n, county, year);
      if (ok) { shown += 1; } else { labels.hidden[n.id] = true; }
      return { id: n.id, hidden: !ok };
    });
    nodes.update(updates);
    var note = shown === data.nodes.length ? "" : "（筛选后显示 " + shown + " 个）";
    document.getElementById("visible-count").textContent = note;
  }

  // ---- neighbourhood highlight ----------------------------------------------------------
  // Only nodes and edges whose state changes are updated: vis-network redraws per update batch,
  // and on big views most of them keep their state from one selection to the next.
  var dimmed = {};
  var edgeState = {};
  var EDGE_LOOK = { normal: ["#b8b8b8", "#666"], hot: ["#555555", "#333"], dim: ["#eeeeee", "rgba(0,0,0,0)"] };
  var DIM_NODE = { color: { background: "#e8e8e8", border: "#dddddd" }, font: { color: "#c8c8c8" } };

  function setDimmed(near) {
    var nodeUpdates = [];
    data.nodes.forEach(function (n) {
      var want = near !== null && !near[n.id];
      if (!!dimmed[n.id] === want) { return; }
      dimmed[n.id] = want;
      var look = want ? DIM_NODE : original[n.id];
      nodeUpdates.push({ id: n.id, color: look.color, font: look.font });
    });
    var edgeUpdates = [];
    data.edges.forEach(function (e) {
      var hot = near !== null && (near.center === e.from || near.center === e.to);
      var want = near === null ? "normal" : (hot ? "hot" : "dim");
      if ((edgeState[e.id] || "normal") === want) { return; }
      edgeState[e.id] = want;
      edgeUpdates.push({ id: e.id, color: { color: EDGE_LOOK[want][0] }, font: { color: EDGE_LOOK[want][1] } });
    });
    labels.near = near;
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    network.redraw();
  }

  function highlight(id) {
    var near = { center: id };
    near[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { near[n] = true; });
    setDimmed(near);
  }

  function clearHighlight() {
    setDimmed(null);
    network.unselectAll();
    panel.hidden = true;
  }

  // ---- detail panel ----------------------------------------------------------------------
  function section(title, items) {
    if (!items || items.length === 0) { return; }
    panel.appendChild(el("h3", title));
    var list = el("ul");
    items.forEach(function (item) { list.appendChild(item instanceof Node ? item : el("li", item)); });
    panel.appendChild(list);
  }

  function nodeLink(id) {
    var li = el("li");
    var b = el("button", nodes.get(id).fullLabel, "link");
    b.type = "button";
    b.addEventListener("click", function () { selectNode(id); });
    li.appendChild(b);
    return li;
  }

  function relationItems(id) {
    var items = [];
    edges.get().forEach(function (e) {
      if (e.from !== id && e.to !== id) { return; }
      var other = e.from === id ? e.to : e.from;
      var li = nodeLink(other);
      li.insertBefore(el("span", (e.from === id ? e.label + " → " : "← " + e.label + " ")), li.firstChild);
      items.push(li);
    });
    return items;
  }

  // Offsets are code points (Python's, SPARQL's): slice Array.from(text), never text itself,
  // whose indices count UTF-16 units and drift after any character beyond U+FFFF.
  function markedSentence(s, docLabel) {
    var box = el("div", null, "sentence");
    var where = el("a", docLabel + " [" + s.start + "–" + s.end + "]", "where");
    where.href = "document?doc=" + encodeURIComponent(s.doc);
    box.appendChild(where);
    var chars = Array.from(s.text);
    var pos = 0;
    (s.marks || []).forEach(function (m) {
      if (m[0] < pos || m[1] > chars.length) { return; }
      box.appendChild(document.createTextNode(chars.slice(pos, m[0]).join("")));
      box.appendChild(el("mark", chars.slice(m[0], m[1]).join("")));
      pos = m[1];
    });
    box.appendChild(document.createTextNode(chars.slice(pos).join("")));
    return box;
  }

  function showPanel(id) {
    var n = nodes.get(id);
    panel.replaceChildren();
    panel.hidden = false;
    panel.appendChild(el("h2", n.fullLabel));
    var tag = el("span", n.typeLabel, "type-tag");
    tag.style.background = original[id].color.background;
    panel.appendChild(tag);
    section("别名", n.aliases);
    if (n.definition) { section("定义", [n.definition]); }
    section("金额与规模", n.amounts);
    section("关系", relationItems(id));
    section("来源文件", (n.documents || []).map(function (d) { return docLabel(d) + "（" + d + "）"; }));
    var where = (n.counties || []).concat((n.years || []).map(function (y) { return y + "年"; }));
    section("县与年份", where.length ? [where.join("、")] : []);
    if (n.sentences && n.sentences.length) {
      panel.appendChild(el("h3", "来源句子（" + n.sentences.length + " / " + n.sentence_total + "，共提及 " + n.mentions + " 次）"));
      n.sentences.forEach(function (s) { panel.appendChild(markedSentence(s, docLabel(s.doc))); });
    }
    if (id.indexOf("http") === 0) {
      var ego = el("a", "查看邻域视图 →", "link");
      ego.href = "ego?entity=" + encodeURIComponent(id) + "&hops=2";
      panel.appendChild(el("h3", "更多"));
      panel.appendChild(ego);
    }
  }

  function selectNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: false });
    highlight(id);
    showPanel(id);
  }
  window.policykg.selectNode = selectNode;

  // ---- search -----------------------------------------------------------------------------
  function buildNames() {
    var list = document.getElementById("names");
    var seen = {};
    data.nodes.forEach(function (n) {
      [n.fullLabel].concat(n.aliases || []).forEach(function (name) {
        if (seen[name]) { return; }
        seen[name] = true;
        var o = el("option");
        o.value = name;
        list.appendChild(o);
      });
    });
  }

  function findNode(q) {
    var exact = null, alias = null, partial = null;
    data.nodes.forEach(function (n) {
      if (n.fullLabel === q && !exact) { exact = n; }
      if ((n.aliases || []).indexOf(q) >= 0 && !alias) { alias = n; }
      if (n.fullLabel.indexOf(q) >= 0 && (!partial || n.fullLabel.length < partial.fullLabel.length)) { partial = n; }
    });
    return exact || alias || partial;
  }

  function search() {
    var q = document.getElementById("search").value.trim();
    var status = document.getElementById("search-status");
    if (!q) { status.textContent = ""; return; }
    var n = findNode(q);
    if (!n) {
      status.textContent = "本图中没有“" + q + "”。";
      var ego = el("a", "在邻域视图中查找", "link");
      ego.href = "ego?entity=" + encodeURIComponent(q) + "&hops=2";
      status.appendChild(ego);
      return;
    }
    status.textContent = "";
    if (nodes.get(n.id).hidden) { status.textContent = "该节点被筛选隐藏"; }
    selectNode(n.id);
  }

  // ---- physics and buttons ------------------------------------------------------------------
  function togglePhysics() {
    var button = document.getElementById("physics");
    var on = button.getAttribute("aria-pressed") !== "true";
    network.setOptions({ physics: { enabled: on } });
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.textContent = on ? "冻结布局" : "开启物理布局";
  }

  buildLegend();
  fillSelect("county", meta.counties);
  fillSelect("year", meta.years.map(String));
  buildNames();
  document.getElementById("search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { search(); }
  });
  document.getElementById("search").addEventListener("change", search);
  document.getElementById("physics").addEventListener("click", togglePhysics);
  document.getElementById("fit").addEventListener("click", function () { network.fit({ animation: false }); });
  document.getElementById("reset").addEventListener("click", clearHighlight);
  network.on("click", function (params) {
    if (params.nodes.length) { selectNode(params.nodes[0]); } else { clearHighlight(); }
  });
  if (meta.center) { selectNode(meta.center); }
})();
