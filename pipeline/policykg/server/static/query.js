// The query page: YASGUI on our own endpoint, the saved queries, and shareable links.
// Every string shown comes in through textContent or YASGUI's own escaping, never innerHTML.
(function () {
  "use strict";
  var endpoint = new URL("/sparql", window.location.href).href;
  document.getElementById("endpoint-url").textContent = endpoint;

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    populateFromUrl: false,
    persistenceId: null,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasqe: { autocompleters: ["prefixes", "variables"] },
  });

  function openQuery(title, text) {
    var tab = yasgui.addTab(true, { name: title });
    tab.setQuery(text);
    tab.setEndpoint(endpoint);
    return tab;
  }

  function linkFor(params) {
    var url = new URL(window.location.pathname, window.location.href);
    Object.keys(params).forEach(function (key) { url.searchParams.set(key, params[key]); });
    return url.href;
  }

  function listSaved(saved) {
    var list = document.getElementById("saved-queries");
    saved.forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = linkFor({ saved: entry.name });
      link.textContent = entry.title;
      link.dataset.name = entry.name;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        openQuery(entry.title, entry.query);
        window.history.replaceState(null, "", link.href);
      });
      var description = document.createElement("div");
      description.className = "description";
      description.textContent = entry.description;
      item.appendChild(link);
      item.appendChild(description);
      list.appendChild(item);
    });
  }

  function openFromUrl(saved) {
    var params = new URLSearchParams(window.location.search);
    var name = params.get("saved");
    var text = params.get("query");
    var found = saved.filter(function (entry) { return entry.name === name; })[0];
    if (found) {
      return openQuery(found.title, found.query);
    }
    if (text) {
      return openQuery("shared query", text);
    }
    return null;
  }

  document.getElementById("share").addEventListener("click", function () {
    var tab = yasgui.getTab();
    var href = linkFor({ query: tab.getQuery() });
    window.history.replaceState(null, "", href);
    var status = document.getElementById("share-status");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(href).then(function () { status.textContent = "copied"; },
        function () { status.textContent = "link in the address bar"; });
    } else {
      status.textContent = "link in the address bar";
    }
  });

  function listViews(views) {
    var list = document.getElementById("views");
    views.forEach(function (view) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "/viz/" + encodeURIComponent(view.name);
      link.textContent = view.title;
      var description = document.createElement("div");
      description.className = "description";
      description.textContent = view.description;
      item.appendChild(link);
      item.appendChild(description);
      list.appendChild(item);
    });
  }

  fetch("/views.json")
    .then(function (response) { return response.ok ? response.json() : []; })
    .then(listViews, function () { /* views are optional */ });

  window.policykg = { yasgui: yasgui, openQuery: openQuery, ready: false };
  fetch("/queries.json")
    .then(function (response) { return response.json(); })
    .then(function (saved) {
      listSaved(saved);
      var tab = openFromUrl(saved);
      if (tab && new URLSearchParams(window.location.search).get("run") === "1") {
        tab.query();
      }
      window.policykg.ready = true;
      document.documentElement.dataset.policykgReady = "true";
    });
})();
