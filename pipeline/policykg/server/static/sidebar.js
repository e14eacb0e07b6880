// The query page's sidebar: the views (first, so they stay above the fold), an entity picker for
// the views that need an entity, and the saved queries grouped by subject. textContent only.
(function () {
  "use strict";
  var page = window.policykg;

  // Views that draw around one entity: a search box instead of a link that would answer 400.
  var PICKERS = { ego: "entity" };
  var GROUPS = [
    ["企业与项目 · Enterprises and projects", /^(enterprise|entities|project|bodies)/],
    ["缩略语、口号与术语 · Abbreviations, slogans, terms", /^(abbreviation|slogan|term)/],
    ["文件与年份 · Documents and years", /^(document|entity-timeline)/],
  ];
  var OTHER = "其他 · Other";
  var NAMES_QUERY =
    "PREFIX kg: <https://w3id.org/policykg/def#>\n" +
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n" +
    "SELECT DISTINCT ?label WHERE { ?e kg:rank ?rank ; skos:prefLabel ?label } " +
    "ORDER BY ?rank ?label LIMIT 5000";

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function fillNames(list) {
    var body = new URLSearchParams({ query: NAMES_QUERY });
    fetch(page.endpoint, { method: "POST", body: body, headers: { Accept: "application/sparql-results+json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status + " " + r.statusText); } return r.json(); })
      .then(function (json) {
        json.results.bindings.forEach(function (b) { var o = el("option"); o.value = b.label.value; list.appendChild(o); });
      })
      .catch(function (e) { page.showError("无法读取实体名称", "Could not read the entity names", String(e)); });
  }

  function picker(view, param) {
    var form = el("form", null, "picker");
    form.action = "/viz/" + encodeURIComponent(view.name);
    form.method = "get";
    var input = el("input");
    input.type = "search";
    input.name = param;
    input.required = true;
    input.placeholder = "输入实体名称 · entity name";
    input.setAttribute("list", "entity-names");
    input.setAttribute("aria-label", view.title + "：实体名称");
    var hops = el("input");
    hops.type = "hidden";
    hops.name = "hops";
    hops.value = "2";
    var go = el("button", "查看 · Show");
    go.type = "submit";
    var names = el("datalist");
    names.id = "entity-names";
    form.append(input, hops, go, names);
    fillNames(names);
    return form;
  }

  function listViews(views) {
    var list = document.getElementById("views");
    views.forEach(function (view) {
      var item = el("li");
      item.title = view.description;
      if (PICKERS[view.name]) {
        item.append(el("span", view.title, "view-title"), picker(view, PICKERS[view.name]));
      } else {
        var link = el("a", view.title);
        link.href = "/viz/" + encodeURIComponent(view.name);
        item.appendChild(link);
      }
      list.appendChild(item);
    });
  }

  function groupOf(name) {
    var hit = GROUPS.filter(function (g) { return g[1].test(name); })[0];
    return hit ? hit[0] : OTHER;
  }

  function listSaved(saved) {
    var box = document.getElementById("saved-queries");
    var lists = {};
    GROUPS.map(function (g) { return g[0]; }).concat([OTHER]).forEach(function (title) {
      var group = el("details");
      group.append(el("summary", title), lists[title] = el("ul"));
      group.hidden = true;
      group.open = true;
      box.appendChild(group);
    });
    saved.forEach(function (entry) {
      var list = lists[groupOf(entry.name)];
      list.parentNode.hidden = false;
      var link = el("a", entry.title);
      link.href = "?saved=" + encodeURIComponent(entry.name);
      link.title = entry.description;
      link.dataset.name = entry.name;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        page.openQuery(entry.title, entry.query, entry);
        window.history.replaceState(null, "", link.href);
      });
      var item = el("li");
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  function openFromUrl(saved) {
    var params = new URLSearchParams(window.location.search);
    var name = params.get("saved");
    var found = saved.filter(function (entry) { return entry.name === name; })[0];
    if (name && !found) { page.showError("没有这个已保存的查询：" + name, "No saved query named " + name); }
    var tab = found ? page.openQuery(found.title, found.query, found)
      : (params.get("query") ? page.openQuery("shared query", params.get("query"), null) : null);
    if (tab && params.get("run") === "1") { tab.query(); }
  }

  function ready() {
    page.ready = true;
    document.documentElement.dataset.policykgReady = "true";
  }

  fetch("/views.json")
    .then(function (r) { return r.ok ? r.json() : []; })
    .then(listViews, function () { /* views are optional */ });
  fetch("/queries.json")
    .then(function (r) { if (!r.ok) { throw new Error(r.status + " " + r.statusText); } return r.json(); })
    .then(function (saved) { listSaved(saved); openFromUrl(saved); })
    .catch(function (e) { page.showError("无法读取已保存的查询", "Could not load the saved queries", String(e)); })
    .then(ready);
})();
