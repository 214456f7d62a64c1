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
  var baseFont = options.nodes.font.size, fontSize = baseFont;  // see fitLabels
  // Entities without a drawn relation ("loose", numbered by class and name on the server) go
  // in rows under the connected graph, where they can be read, rather than among its nodes.
  // Rows and cells grow with the node font (see fitLabels), so the labels do not overlap.
  function placeLoose() {
    var k = fontSize / baseFont, row = config.looseRow + 2 * (fontSize - baseFont);
    var loose = nodeData.filter(function (n) { return n.loose !== undefined; })
      .sort(function (a, b) { return a.loose - b.loose; });
    var positions = network.getPositions(), left = Infinity, right = -Infinity, bottom = -Infinity;
    nodeData.forEach(function (n) {
      if (n.loose !== undefined) { return; }
      left = Math.min(left, positions[n.id].x);
      right = Math.max(right, positions[n.id].x);
      bottom = Math.max(bottom, positions[n.id].y);
    });
    if (bottom === -Infinity) { left = 0; right = 0; bottom = -row; }
    var width = Math.max(right - left, config.looseWidth), x = left, y = bottom + 1.5 * row;
    loose.forEach(function (n) {
      var cell = Math.max(90, config.looseChar * n.label.length + 30) * k;  // room for the label
      if (x > left && x + cell > left + width) { x = left; y += row; }
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
  // Labels readable at any zoom: fitting a big graph zooms out far (a scale of 0.3 draws a
  // 16 px label 5 px high), so the node font grows as the view zooms out, keeping labels at least
  // config.minLabelPx CSS pixels high, up to config.maxFontScale times the font of the options.
  function fitLabels() {
    var wanted = Math.min(baseFont * config.maxFontScale,
                          Math.max(baseFont, Math.ceil(config.minLabelPx / network.getScale())));
    if (wanted !== fontSize) {
      fontSize = wanted;
      network.setOptions({nodes: {font: {size: wanted}}});
    }
  }
  api.fontSize = function () { return fontSize; };
  // Show every entity in view, then size the labels for that zoom. Refit once with the new
  // labels (they take room) and size the labels again for where that settles.
  function fitView() {
    var visible = nodes.getIds({filter: function (n) { return !n.hidden; }});
    if (visible.length === 0) { return; }
    for (var round = 0; round < 2; round++) {
      network.redraw();  // fit() reads the bounding boxes that drawing updates
      network.fit({nodes: visible, animation: false});
      fitLabels();
    }
  }
  // Freeze the layout (the page then stops using the CPU), set the loose entities apart, show all.
  function settle() {
    network.setOptions({physics: {enabled: false}});
    placeLoose();
    fitView();
    if (fontSize !== baseFont && nodeData.some(function (n) { return n.loose !== undefined; })) {
      placeLoose();  // again, with room for the labels at the font the view settled at
      fitView();
    }
    readyOnNextDraw();
    network.redraw();
  }
  if (!options.physics.enabled && nodeData.length > 0) {
    network.once("afterDrawing", settle);  // positions precomputed: fit and size labels once drawn
  } else if (!options.physics.enabled) {
    readyOnNextDraw();
  } else if (nodeData.some(function (n) { return n.loose === undefined; })) {
    network.once("stabilizationIterationsDone", settle);
  } else {
    network.once("afterDrawing", settle);  // no node takes part in the physics: it never reports
  }
  var zooming = false;
  network.on("animationFinished", fitLabels);  // after focusing a found entity
  network.on("zoom", function () {
    if (zooming) { return; }
    zooming = true;
    window.requestAnimationFrame(function () { zooming = false; fitLabels(); });
  });

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

  // Filters: classes (the legend's checkboxes) and entities without a relation on the page.
  // After each, the header says how much is in view and the view fits what is left.
  var hiddenClasses = new Set(), hideLonely = false;
  var boxes = document.querySelectorAll("#ng-legend input[data-class]");
  var linked = new Set();
  edgeData.forEach(function (e) { linked.add(e.from); linked.add(e.to); });
  var lonelyCount = nodeData.filter(function (n) { return !linked.has(n.id); }).length;
  var lonelyBox = document.getElementById("ng-hide-lonely");
  document.getElementById("ng-lonely-count").textContent = String(lonelyCount);
  lonelyBox.disabled = lonelyCount === 0;
  var inView = document.getElementById("ng-in-view");
  function isHidden(id) { return hiddenClasses.has(nodeCls[id]) || (hideLonely && !linked.has(id)); }
  function applyFilter() {
    nodes.update(nodeData.map(function (n) { return {id: n.id, hidden: isHidden(n.id)}; }));
    edges.update(edgeData.map(function (e) { return {id: e.id, hidden: isHidden(e.from) || isHidden(e.to)}; }));
    var shownNodes = nodes.get({filter: function (n) { return !n.hidden; }}).length;
    var shownEdges = edges.get({filter: function (e) { return !e.hidden; }}).length;
    var filtered = shownNodes < nodeData.length || shownEdges < edgeData.length;
    inView.textContent = filtered ? "In view: " + shownNodes.toLocaleString("en") + " of " +
      nodeData.length.toLocaleString("en") + " entities on this page, " + shownEdges.toLocaleString("en") +
      " of " + edgeData.length.toLocaleString("en") + " relations." : "";
    inView.hidden = !filtered;
    fitView();
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
  lonelyBox.addEventListener("change", function () {
    hideLonely = lonelyBox.checked;
    applyFilter();
  });

  // A Map, not an object: a typed "constructor" or "__proto__" must not find Object.prototype's.
  var byKey = new Map(), list = document.getElementById("ng-entities");
  var search = document.getElementById("ng-search");
  nodeData.slice().sort(function (a, b) { return a.search < b.search ? -1 : a.search > b.search ? 1 : 0; })
    .forEach(function (n) {
      var option = document.createElement("option");
      option.value = n.search;
      list.appendChild(option);
      byKey.set(n.search.toLowerCase(), n.id);
    });
  function findNode(text) {
    var key = text.trim().toLowerCase();
    if (byKey.has(key)) { return byKey.get(key); }
    var match = nodeData.find(function (n) { return n.search.toLowerCase().indexOf(key) === 0; });
    return match ? match.id : undefined;
  }
  search.addEventListener("change", function () {
    var id = search.value ? findNode(search.value) : undefined;
    if (id === undefined) { return; }
    if (isHidden(id)) {  // finding a filtered-out entity shows it again
      hiddenClasses.delete(nodeCls[id]);
      boxes.forEach(function (box) { if (box.dataset.class === nodeCls[id]) { box.checked = true; } });
      if (!linked.has(id)) { hideLonely = lonelyBox.checked = false; }
      applyFilter();
    }
    network.selectNodes([id]);
    network.focus(id, {scale: 1.3, animation: {duration: 600, easingFunction: "easeInOutQuad"}});
    highlight(id);
    showDetails(nodeHtml[id]);
  });
})();
