// The behaviour of the newsgraph page: search, class filter, highlighting, details, layout.
(function () {
  "use strict";
  function readJson(id) { return JSON.parse(document.getElementById(id).textContent); }
  // Tooltips are HTML assembled from escaped text on the server side; vis-network shows a
  // string title as plain text, so hand it a DOM element instead.
  function fragment(markup) {
    var div = document.createElement("div");
    div.innerHTML = markup;
    return div;
  }
  // Everything the page needs from newsgraph comes in one JSON object (newsgraph.render.page).
  var config = readJson("ng-config");
  var nodeData = config.nodes, edgeData = config.edges, options = config.options;
  document.documentElement.style.setProperty("--ng-denied", config.deniedColor);
  var nodeHtml = {}, edgeHtml = {}, nodeColor = {}, edgeColor = {}, nodeCls = {};
  nodeData.forEach(function (n) {
    nodeHtml[n.id] = n.title; nodeColor[n.id] = n.color; nodeCls[n.id] = n.cls;
    n.title = fragment(n.title);
  });
  edgeData.forEach(function (e) {
    edgeHtml[e.id] = e.title; edgeColor[e.id] = e.color;
    e.title = fragment(e.title);
  });
  var nodes = new vis.DataSet(nodeData), edges = new vis.DataSet(edgeData);
  var network = new vis.Network(document.getElementById("ng-network"), {nodes: nodes, edges: edges}, options);
  var api = {network: network, nodes: nodes, edges: edges, ready: false, drawnAt: null};
  window.newsgraph = api;
  // Entities without a drawn relation ("loose", numbered by class and name on the server) go
  // in rows under the connected graph, where they can be read, rather than among its nodes.
  function placeLoose() {
    var loose = nodeData.filter(function (n) { return n.loose !== undefined; })
      .sort(function (a, b) { return a.loose - b.loose; });
    var positions = network.getPositions(), left = Infinity, right = -Infinity, bottom = -Infinity;
    nodeData.forEach(function (n) {
      if (n.loose !== undefined) { return; }
      left = Math.min(left, positions[n.id].x);
      right = Math.max(right, positions[n.id].x);
      bottom = Math.max(bottom, positions[n.id].y);
    });
    if (bottom === -Infinity) { left = 0; right = 0; bottom = -config.looseRow; }
    var width = Math.max(right - left, config.looseWidth), x = left, y = bottom + 1.5 * config.looseRow;
    loose.forEach(function (n) {
      var cell = Math.max(90, config.looseChar * n.label.length + 30);  // room for the label
      if (x > left && x + cell > left + width) { x = left; y += config.looseRow; }
      network.moveNode(n.id, x + cell / 2, y);
      x += cell;
    });
  }
  function readyOnNextDraw() {
    network.once("afterDrawing", function () {
      api.drawnAt = performance.now();
      api.ready = true;
    });
  }
  // Freeze the layout (the page then stops using the CPU), set the loose entities apart, show all.
  function settle() {
    network.setOptions({physics: {enabled: false}});
    placeLoose();
    network.redraw();  // fit() reads the bounding boxes that drawing updates
    network.fit({animation: false});
    readyOnNextDraw();
    network.redraw();
  }
  if (!options.physics.enabled) {
    readyOnNextDraw();  // positions precomputed: the first draw is the final one
  } else if (nodeData.some(function (n) { return n.loose === undefined; })) {
    network.once("stabilizationIterationsDone", settle);
  } else {
    network.once("afterDrawing", settle);  // no node takes part in the physics: it never reports
  }

  var details = document.getElementById("ng-details");
  function showDetails(markup) {
    details.innerHTML = markup || "";
    details.hidden = !markup;
  }
  var dimmed = config.dimmedColor, highlighted = false;

  function highlight(id) {
    var keepNodes = new Set(network.getConnectedNodes(id));
    var keepEdges = new Set(network.getConnectedEdges(id));
    keepNodes.add(id);
    nodes.update(nodeData.map(function (n) {
      return {id: n.id, color: keepNodes.has(n.id) ? nodeColor[n.id] : dimmed};
    }));
    edges.update(edgeData.map(function (e) {
      return {id: e.id, color: keepEdges.has(e.id) ? edgeColor[e.id] : dimmed};
    }));
    highlighted = true;
  }
  function clearHighlight() {
    if (!highlighted) { return; }
    nodes.update(nodeData.map(function (n) { return {id: n.id, color: nodeColor[n.id]}; }));
    edges.update(edgeData.map(function (e) { return {id: e.id, color: edgeColor[e.id]}; }));
    highlighted = false;
  }
  network.on("click", function (params) {
    if (params.nodes.length > 0) {
      highlight(params.nodes[0]);
      showDetails(nodeHtml[params.nodes[0]]);
    } else {
      clearHighlight();
      showDetails(params.edges.length > 0 ? edgeHtml[params.edges[0]] : "");
    }
  });

  var hiddenClasses = new Set();
  var boxes = document.querySelectorAll("#ng-legend input[data-class]");
  function applyFilter() {
    nodes.update(nodeData.map(function (n) { return {id: n.id, hidden: hiddenClasses.has(n.cls)}; }));
    edges.update(edgeData.map(function (e) {
      return {id: e.id, hidden: hiddenClasses.has(nodeCls[e.from]) || hiddenClasses.has(nodeCls[e.to])};
    }));
  }
  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) {
        hiddenClasses.delete(box.dataset.class);
      } else {
        hiddenClasses.add(box.dataset.class);
      }
      applyFilter();
    });
  });

  var byKey = {}, list = document.getElementById("ng-entities");
  var search = document.getElementById("ng-search");
  nodeData.slice().sort(function (a, b) { return a.search < b.search ? -1 : a.search > b.search ? 1 : 0; })
    .forEach(function (n) {
      var option = document.createElement("option");
      option.value = n.search;
      list.appendChild(option);
      byKey[n.search.toLowerCase()] = n.id;
    });
  function findNode(text) {
    var key = text.trim().toLowerCase();
    if (key in byKey) { return byKey[key]; }
    var match = nodeData.find(function (n) { return n.search.toLowerCase().indexOf(key) === 0; });
    return match ? match.id : undefined;
  }
  search.addEventListener("change", function () {
    var id = search.value ? findNode(search.value) : undefined;
    if (id === undefined) { return; }
    if (hiddenClasses.has(nodeCls[id])) {
      hiddenClasses.delete(nodeCls[id]);
      boxes.forEach(function (box) { if (box.dataset.class === nodeCls[id]) { box.checked = true; } });
      applyFilter();
    }
    network.selectNodes([id]);
    network.focus(id, {scale: 1.3, animation: {duration: 600, easingFunction: "easeInOutQuad"}});
    highlight(id);
    showDetails(nodeHtml[id]);
  });
})();
