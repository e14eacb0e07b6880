// The query page: YASGUI on our own endpoint, shareable links, results readable at a glance.
// Every string shown comes in through textContent or YASGUI's own escaping, never innerHTML.
(function () {
  "use strict";
  var endpoint = new URL("/sparql", window.location.href).href;
  document.getElementById("endpoint-url").textContent = endpoint;

  // IRIs in the result table are shown as prefixed names (id:enterprise/…), not <https://…>.
  var PREFIXES = {
    id: "https://w3id.org/policykg/id/",
    doc: "https://w3id.org/policykg/doc/",
    year: "https://w3id.org/policykg/year/",
    scheme: "https://w3id.org/policykg/scheme/",
    kg: "https://w3id.org/policykg/def#",
    skos: "http://www.w3.org/2004/02/skos/core#",
    rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    rdfs: "http://www.w3.org/2000/01/rdf-schema#",
    xsd: "http://www.w3.org/2001/XMLSchema#",
    dcterms: "http://purl.org/dc/terms/",
    nif: "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    itsrdf: "http://www.w3.org/2005/11/its/rdf#",
    prov: "http://www.w3.org/ns/prov#",
    schema: "https://schema.org/",
    org: "http://www.w3.org/ns/org#",
  };
  // Whole cells, no "…": labels are what people read.
  var TABLE = { isEllipsed: false, compact: true };

  // Each IRI column's label column (?xLabel, or ?label for the first IRI column) goes before it.
  function labelsFirst(vars, bindings) {
    var isIri = function (v) { return bindings.some(function (b) { return b[v] && b[v].type === "uri"; }); };
    var out = [];
    var bareLabelUsed = false;
    vars.forEach(function (v) {
      if (out.indexOf(v) >= 0) { return; }
      var label = vars.indexOf(v + "Label") >= 0 ? v + "Label" : null;
      if (!label && !bareLabelUsed && isIri(v) && vars.indexOf("label") >= 0) { label = "label"; }
      if (label && isIri(v) && out.indexOf(label) < 0) {
        out.push(label);
        bareLabelUsed = bareLabelUsed || label === "label";
      }
      out.push(v);
    });
    return out;
  }

  var Yasr = Yasgui.Yasr;
  var draw = Yasr.prototype.draw;
  Yasr.prototype.draw = function () {
    var json = this.results && this.results.getAsJson && this.results.getAsJson();
    if (json && json.head && json.head.vars && json.results) {
      json.head.vars = labelsFirst(json.head.vars, json.results.bindings || []);
    }
    reportError(this.results);
    return draw.apply(this, arguments);
  };

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    populateFromUrl: false,
    persistenceId: null,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasqe: { autocompleters: ["prefixes", "variables"] },
    yasr: { prefixes: PREFIXES },
  });

  var opened = {};  // tab id -> the saved query it was opened from
  function openQuery(title, text, saved) {
    var tab = yasgui.addTab(true, {
      name: title,
      yasr: { response: undefined, settings: { selectedPlugin: "table", pluginsConfig: { table: TABLE } } },
    });
    tab.setQuery(text);
    tab.setEndpoint(endpoint);
    opened[tab.getId()] = saved ? { name: saved.name, query: text } : null;
    return tab;
  }

  function linkFor(params) {
    var url = new URL(window.location.pathname, window.location.href);
    Object.keys(params).forEach(function (key) { url.searchParams.set(key, params[key]); });
    return url.href;
  }

  // A saved query left as it was shares as ?saved=NAME&run=1; anything else carries its text.
  function shareLink() {
    var tab = yasgui.getTab();
    var from = opened[tab.getId()];
    var text = tab.getQuery();
    if (from && from.query === text) { return linkFor({ saved: from.name, run: "1" }); }
    return linkFor({ query: text, run: "1" });
  }

  function say(id, text) { document.getElementById(id).textContent = text; }

  document.getElementById("share").addEventListener("click", function () {
    var href = shareLink();
    window.history.replaceState(null, "", href);
    document.getElementById("share-link").value = href;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(href).then(function () { say("share-status", "已复制 copied"); },
        function () { say("share-status", "链接见地址栏 link in the address bar"); });
    } else {
      say("share-status", "链接见地址栏 link in the address bar");
    }
  });

  // Errors on the page, in Chinese and English.
  function showError(zh, en, detail) {
    var box = document.getElementById("error");
    box.replaceChildren();
    var head = document.createElement("strong");
    head.textContent = zh + " · " + en;
    box.appendChild(head);
    if (detail) {
      var more = document.createElement("div");
      more.textContent = detail;
      box.appendChild(more);
    }
    box.hidden = false;
  }
  function clearError() { document.getElementById("error").hidden = true; }

  // Called as YASR draws a response (YASGUI's queryResponse event comes before the response
  // reaches YASR, so it cannot tell a failure yet).
  function reportError(results) {
    var error = results && results.getError && results.getError();
    if (!error) { clearError(); return; }
    var detail = [error.status, error.statusText, error.text].filter(Boolean).join(" ");
    showError("查询失败", "The query failed", detail.slice(0, 600));
  }

  // Entity IRIs in results open the entity's neighbourhood view instead of w3id.org.
  document.getElementById("yasgui").addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.iri");
    if (!link || link.href.indexOf(PREFIXES.id) !== 0) { return; }
    event.preventDefault();
    window.location.href = "/viz/ego?hops=1&entity=" + encodeURIComponent(link.href);
  });

  window.policykg = {
    yasgui: yasgui, openQuery: openQuery, shareLink: shareLink, labelsFirst: labelsFirst,
    showError: showError, endpoint: endpoint, ready: false,
  };
})();
