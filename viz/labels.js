// policykg node labels: DOM text over the vis-network canvas at a fixed screen size, so a name is
// as readable at zoom 0.2 as at zoom 2. At every redraw the most important nodes in view (rank:
// mentions + links) get a label first; a label whose box would touch one already placed tries the
// other sides of its node and is otherwise left out until zooming in makes room (the way
// sigma.js and Gephi thin labels). Text is set with textContent only.
var PolicykgLabels = (function () {
  "use strict";
  var TOP_PX = 15, BASE_PX = 13, TOP_COUNT = 10, FAR_RANKS = 20, GAP = 3, MAX_LABELS = 250, CELL = 80;
  var measurer = document.createElement("canvas").getContext("2d");

  function Layer(network, container, dataNodes, font) {
    this.network = network;
    this.font = font;
    this.order = dataNodes.slice().sort(function (a, b) { return a.rank - b.rank; });
    this.byId = {};
    var self = this;
    this.order.forEach(function (n) { self.byId[n.id] = n; });
    this.widths = {};
    this.pool = [];
    this.placed = [];
    this.near = null;
    this.hidden = {};
    this.root = document.createElement("div");
    this.root.id = "labels";
    container.appendChild(this.root);
    network.on("afterDrawing", function () { self.update(); });
  }

  Layer.prototype.sizeOf = function (node) { return node.rank < TOP_COUNT ? TOP_PX : BASE_PX; };

  Layer.prototype.width = function (node, px) {
    var key = node.id + "@" + px;
    if (!(key in this.widths)) {
      measurer.font = px + "px " + this.font;
      this.widths[key] = Math.ceil(measurer.measureText(node.shortLabel || node.fullLabel).width) + 4;
    }
    return this.widths[key];
  };

  // Boxes round a node whose screen radius is r: its preferred side first (right for the nodes
  // of a list-like pair or star, below for the others), then the other sides and corners.
  // The most important names (rank < FAR_RANKS) may also sit one or two lines further out when
  // everything next to their node is taken, so the top of the ranking is always named.
  function candidates(p, r, w, h, side, far) {
    var below = [p.x - w / 2, p.y + r + GAP], above = [p.x - w / 2, p.y - r - GAP - h];
    var right = [p.x + r + GAP, p.y - h / 2], left = [p.x - r - GAP - w, p.y - h / 2];
    var sides = side === "right" ? [right, below, above, left] : [below, above, right, left];
    var out = sides.concat([
      [p.x + r, p.y + r], [p.x - r - w, p.y + r], [p.x + r, p.y - r - h], [p.x - r - w, p.y - r - h],
    ]);
    for (var step = 1; far && step <= 2; step++) {
      var d = step * (h + GAP);
      out.push([below[0], below[1] + d], [above[0], above[1] - d], [right[0] + d, right[1]], [left[0] - d, left[1]]);
    }
    return out;
  }

  function Grid() { this.cells = {}; }
  Grid.prototype.keys = function (b) {
    var out = [];
    for (var i = Math.floor(b[0] / CELL); i <= Math.floor((b[0] + b[2]) / CELL); i++) {
      for (var j = Math.floor(b[1] / CELL); j <= Math.floor((b[1] + b[3]) / CELL); j++) { out.push(i + ":" + j); }
    }
    return out;
  };
  Grid.prototype.free = function (b) {
    var cells = this.cells;
    return this.keys(b).every(function (k) {
      return (cells[k] || []).every(function (o) {
        return b[0] >= o[0] + o[2] + GAP || o[0] >= b[0] + b[2] + GAP ||
          b[1] >= o[1] + o[3] + GAP || o[1] >= b[1] + b[3] + GAP;
      });
    });
  };
  Grid.prototype.add = function (b) {
    var cells = this.cells;
    this.keys(b).forEach(function (k) { (cells[k] = cells[k] || []).push(b); });
  };

  Layer.prototype.wanted = function () {
    var near = this.near, hidden = this.hidden;
    var list = this.order.filter(function (n) { return !hidden[n.id] && (!near || near[n.id]); });
    if (near && near.center && !hidden[near.center]) {
      list = [this.byId[near.center]].concat(list.filter(function (n) { return n.id !== near.center; }));
    }
    return list;
  };

  Layer.prototype.update = function () {
    var width = this.root.clientWidth, height = this.root.clientHeight;
    var scale = this.network.getScale(), grid = new Grid(), placed = [];
    var positions = this.network.getPositions();
    var nodes = this.wanted();
    for (var i = 0; i < nodes.length && placed.length < MAX_LABELS; i++) {
      var n = nodes[i], at = positions[n.id];
      if (!at) { continue; }
      var p = this.network.canvasToDOM(at);
      if (p.x < -200 || p.y < -50 || p.x > width + 200 || p.y > height + 50) { continue; }
      var px = this.sizeOf(n), w = this.width(n, px), h = Math.round(px * 1.35);
      var options = candidates(p, Math.max(3, (n.size || 10) * scale), w, h, n.side, n.rank < FAR_RANKS);
      for (var c = 0; c < options.length; c++) {
        var box = [options[c][0], options[c][1], w, h];
        if (box[0] >= 0 && box[1] >= 0 && box[0] + w <= width && box[1] + h <= height && grid.free(box)) {
          grid.add(box);
          placed.push({ id: n.id, box: box, px: px });
          break;
        }
      }
    }
    this.placed = placed;
    this.paint();
  };

  Layer.prototype.paint = function () {
    while (this.pool.length < this.placed.length) {
      var div = document.createElement("div");
      div.className = "node-label";
      this.root.appendChild(div);
      this.pool.push(div);
    }
    for (var i = 0; i < this.pool.length; i++) {
      var el = this.pool[i], item = this.placed[i];
      if (!item) { el.hidden = true; continue; }
      var node = this.byId[item.id];
      el.hidden = false;
      if (el.dataset.id !== item.id) { el.dataset.id = item.id; el.textContent = node.shortLabel || node.fullLabel; }
      el.dataset.rank = node.rank;
      el.style.fontSize = item.px + "px";
      el.style.lineHeight = item.box[3] + "px";
      el.style.transform = "translate(" + Math.round(item.box[0]) + "px," + Math.round(item.box[1]) + "px)";
      el.classList.toggle("center", !!(this.near && this.near.center === item.id));
    }
  };

  return {
    attach: function (network, container, dataNodes, font) {
      return new Layer(network, container, dataNodes, font);
    },
  };
})();
