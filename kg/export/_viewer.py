"""The stylesheet and script of the offline HTML viewer (kept as strings so they ship inside the
Python package without package-data configuration). Vanilla JS, no library, no network."""

CSS = """
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font: 13px/1.4 system-ui, sans-serif; color: #222; }
body { display: flex; }
#kg-main { position: relative; flex: 1; min-width: 0; }
#kg-canvas { display: block; width: 100%; height: 100%; cursor: grab; background: #fbfbfb; }
#kg-canvas.dragging { cursor: grabbing; }
#kg-bar { position: absolute; top: 8px; left: 8px; right: 8px; display: flex; gap: 12px;
  align-items: flex-start; flex-wrap: wrap; pointer-events: none; }
#kg-bar > * { pointer-events: auto; }
#kg-bar h1 { font-size: 15px; margin: 0; background: rgba(255,255,255,.85); padding: 2px 6px; }
#kg-find { position: relative; }
#kg-search { width: 240px; padding: 4px 6px; border: 1px solid #aaa; border-radius: 4px; }
#kg-results { position: absolute; top: 100%; left: 0; width: 320px; margin: 2px 0 0;
  padding: 0; list-style: none; background: #fff; border: 1px solid #ccc; border-radius: 4px;
  box-shadow: 0 2px 8px rgba(0,0,0,.15); max-height: 320px; overflow-y: auto; z-index: 2; }
#kg-results:empty { display: none; }
#kg-results button { display: block; width: 100%; padding: 4px 8px; border: none;
  background: none; text-align: left; font: inherit; cursor: pointer; }
#kg-results button:hover, #kg-results button:focus { background: #eef3fb; }
#kg-count { color: #666; background: rgba(255,255,255,.85); padding: 2px 6px; }
#kg-legend { display: flex; gap: 10px; background: rgba(255,255,255,.85); padding: 2px 6px; }
#kg-legend span::before, .kg-dot::before { content: ""; display: inline-block; width: 10px;
  height: 10px; border-radius: 50%; margin-right: 4px; background: var(--c);
  vertical-align: -1px; }
#kg-tip { position: absolute; display: none; pointer-events: none; max-width: 340px;
  background: rgba(30,30,30,.92); color: #fff; padding: 6px 8px; border-radius: 4px; }
#kg-tip b { display: block; }
#kg-panel { width: 360px; overflow-y: auto; border-left: 1px solid #ddd; padding: 10px 12px; }
#kg-panel h2 { font-size: 16px; margin: 0 0 4px; }
#kg-panel h3 { font-size: 13px; margin: 14px 0 4px; color: #555; }
#kg-panel ul { margin: 0; padding-left: 16px; }
#kg-panel li { margin: 3px 0; }
#kg-panel blockquote { margin: 3px 0 3px 4px; padding-left: 8px; border-left: 3px solid #ddd;
  color: #333; font-size: 12px; }
#kg-panel button { border: none; background: none; color: #1a5fb4; padding: 0; cursor: pointer;
  font: inherit; text-align: left; }
.kg-muted { color: #777; }
.kg-source { color: #777; font-size: 11px; }
"""

SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodes = data.nodes, edges = data.edges, colours = data.colours;
  var canvas = document.getElementById("kg-canvas"), ctx = canvas.getContext("2d");
  var tip = document.getElementById("kg-tip"), panel = document.getElementById("kg-panel");
  var search = document.getElementById("kg-search"), count = document.getElementById("kg-count");
  var results = document.getElementById("kg-results");
  var W = 0, H = 0, dpr = window.devicePixelRatio || 1;
  var view = {x: 0, y: 0, k: 1};          // screen = world * k + (x, y)
  var alpha = 1, userMoved = false, hover = null, selected = null, matches = {};
  var press = null;                       // {node, x, y, moved} while a pointer is down
  var ALWAYS_LABELLED = 40, CELL = 150, REACH = 300, MAX_RESULTS = 12, MAX_STEP = 40;
  var adj = nodes.map(function () { return []; });
  edges.forEach(function (e, i) { adj[e.source].push(i); adj[e.target].push(i); });

  // Deterministic start (golden-angle spiral): the same data always lays out the same way.
  nodes.forEach(function (n, i) {
    var r = 12 * Math.sqrt(i + 1), a = i * 2.399963;
    n.x = r * Math.cos(a); n.y = r * Math.sin(a); n.vx = 0; n.vy = 0;
    n.r = 4 + 3 * Math.sqrt(n.mentions);
  });

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function repel(a, b) {
    var dx = b.x - a.x, dy = b.y - a.y, d2 = dx * dx + dy * dy + 0.01;
    if (d2 > REACH * REACH) return;       // beyond REACH the push is negligible
    var f = 400 * alpha / d2;
    a.vx -= dx * f; a.vy -= dy * f; b.vx += dx * f; b.vy += dy * f;
  }

  // Repulsion on a grid: a node only meets the nodes of its cell and the neighbouring cells
  // within REACH, so one step costs O(n) instead of O(n²) on big graphs.
  function repulsion() {
    var grid = {}, span = Math.ceil(REACH / CELL);
    nodes.forEach(function (p, i) {
      var key = Math.floor(p.x / CELL) + ":" + Math.floor(p.y / CELL);
      (grid[key] = grid[key] || []).push(i);
    });
    nodes.forEach(function (p, i) {
      var cx = Math.floor(p.x / CELL), cy = Math.floor(p.y / CELL);
      for (var gx = cx - span; gx <= cx + span; gx++) {
        for (var gy = cy - span; gy <= cy + span; gy++) {
          var cell = grid[gx + ":" + gy];
          if (!cell) continue;
          for (var c = 0; c < cell.length; c++) if (cell[c] > i) repel(p, nodes[cell[c]]);
        }
      }
    });
  }

  function tick() {
    repulsion();
    // Springs: stated relations pull harder. As in d3-force, a spring's strength is divided by
    // the smaller degree of its ends and the pull is shared by degree, so a hub with hundreds
    // of links does not get hundreds of full pulls (that oscillates and blows up).
    edges.forEach(function (e) {
      var a = nodes[e.source], b = nodes[e.target];
      var da = adj[e.source].length, db = adj[e.target].length, bias = da / (da + db);
      var dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      var rel = e.relations.length > 0;
      var k = (rel ? 0.6 : 0.25 * Math.min(e.co, 6)) * alpha / Math.min(da, db);
      var f = (d - (rel ? 70 : 120)) / d * k;
      a.vx += dx * f * (1 - bias); a.vy += dy * f * (1 - bias);
      b.vx -= dx * f * bias; b.vy -= dy * f * bias;
    });
    nodes.forEach(function (p) {          // gravity, damping, bounded move
      p.vx = (p.vx - p.x * 0.015 * alpha) * 0.6;
      p.vy = (p.vy - p.y * 0.015 * alpha) * 0.6;
      var v = Math.sqrt(p.vx * p.vx + p.vy * p.vy);
      if (v > MAX_STEP) { p.vx *= MAX_STEP / v; p.vy *= MAX_STEP / v; }
      if (press && press.node === p) { p.vx = p.vy = 0; return; }
      p.x += p.vx; p.y += p.vy;
    });
    alpha *= 0.985;
  }

  function fit() {
    if (!nodes.length) return;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    nodes.forEach(function (n) {
      x0 = Math.min(x0, n.x - n.r); y0 = Math.min(y0, n.y - n.r);
      x1 = Math.max(x1, n.x + n.r); y1 = Math.max(y1, n.y + n.r);
    });
    var k = Math.min(W / (x1 - x0 + 120), H / (y1 - y0 + 120), 2);
    view.k = k; view.x = W / 2 - k * (x0 + x1) / 2; view.y = H / 2 - k * (y0 + y1) / 2;
  }

  function radius(n) {                   // at least 3 screen pixels, however far out one zooms
    return Math.max(n.r, 3 / view.k);
  }

  function linked(e) {
    return (selected !== null && (e.source === selected || e.target === selected)) ||
           (hover !== null && (e.source === hover || e.target === hover));
  }

  function drawEdges() {
    edges.forEach(function (e) {
      var a = nodes[e.source], b = nodes[e.target], on = linked(e);
      ctx.strokeStyle = on ? "#111" : (e.relations.length ? "#666" : "#d0d0d0");
      ctx.lineWidth = (e.relations.length ? 1.6 : 0.7) * (on ? 1.8 : 1) / view.k;
      ctx.beginPath(); ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y); ctx.stroke();
    });
    // predicate names on the relations of the hovered or selected node
    ctx.font = "italic " + (10 / view.k) + "px system-ui, sans-serif";
    ctx.textAlign = "center"; ctx.fillStyle = "#444";
    edges.forEach(function (e) {
      if (!e.relations.length || !linked(e)) return;
      var a = nodes[e.source], b = nodes[e.target], names = {};
      e.relations.forEach(function (r) { names[r.p] = true; });
      ctx.fillText(Object.keys(names).join(", "), (a.x + b.x) / 2, (a.y + b.y) / 2);
    });
  }

  function draw() {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    ctx.save();
    ctx.translate(view.x, view.y); ctx.scale(view.k, view.k);
    drawEdges();
    nodes.forEach(function (n, i) {
      ctx.beginPath(); ctx.arc(n.x, n.y, radius(n), 0, 2 * Math.PI);
      ctx.fillStyle = colours[n.type] || "#999"; ctx.fill();
      var ring = i === selected ? "#000" : (matches[i] ? "#d4a017" : "#fff");
      ctx.lineWidth = (i === selected || matches[i] ? 3 : 1) / view.k;
      ctx.strokeStyle = ring; ctx.stroke();
    });
    drawLabels();
    ctx.restore();
  }

  // Labels, most mentioned first (nodes come in that order), skipping any that would overlap
  // one already written: the picture stays readable at any zoom, zooming in reveals more.
  // The hovered, selected and searched nodes are always named.
  function drawLabels() {
    var taken = {}, order = [];
    if (selected !== null) order.push(selected);
    if (hover !== null) order.push(hover);
    Object.keys(matches).forEach(function (i) { order.push(Number(i)); });
    var forced = order.length;
    for (var i = 0; i < nodes.length; i++) order.push(i);
    ctx.font = (11 / view.k) + "px system-ui, sans-serif";
    ctx.textAlign = "center"; ctx.lineWidth = 3 / view.k; ctx.strokeStyle = "#fff";
    ctx.fillStyle = "#222";
    var done = {};
    order.forEach(function (i, rank) {
      if (done[i]) return;
      var n = nodes[i], r = radius(n);
      var sx = n.x * view.k + view.x, sy = (n.y - r) * view.k + view.y;
      if (sx < -200 || sx > W + 200 || sy < -20 || sy > H + 40) return;
      if (rank >= forced && !(i < ALWAYS_LABELLED || r * view.k > 4)) return;
      var w = ctx.measureText(n.label).width * view.k, cells = [];
      for (var gx = Math.floor((sx - w / 2) / 16); gx <= Math.floor((sx + w / 2) / 16); gx++) {
        for (var gy = Math.floor((sy - 15) / 16); gy <= Math.floor((sy - 3) / 16); gy++) {
          cells.push(gx + ":" + gy);
        }
      }
      if (rank >= forced && cells.some(function (c) { return taken[c]; })) return;
      cells.forEach(function (c) { taken[c] = true; });
      done[i] = true;
      ctx.strokeText(n.label, n.x, n.y - r - 3 / view.k);
      ctx.fillText(n.label, n.x, n.y - r - 3 / view.k);
    });
  }

  function frame() {
    if (alpha > 0.005) {                  // physics stops once the layout has settled
      var start = Date.now();
      do { tick(); } while (alpha > 0.005 && Date.now() - start < 12);
      if (!userMoved) fit();
      window.requestAnimationFrame(frame);
    } else {
      document.body.dataset.state = "settled";
    }
    draw();
  }

  function resize() {
    var box = canvas.getBoundingClientRect();
    W = box.width; H = box.height;
    canvas.width = W * dpr; canvas.height = H * dpr;
    if (!userMoved) fit();
    draw();
  }

  function toWorld(ev) {
    var box = canvas.getBoundingClientRect();
    return {x: (ev.clientX - box.left - view.x) / view.k,
            y: (ev.clientY - box.top - view.y) / view.k};
  }

  function nodeAt(p) {
    for (var i = nodes.length - 1; i >= 0; i--) {
      var n = nodes[i], dx = n.x - p.x, dy = n.y - p.y, r = radius(n) + 3 / view.k;
      if (dx * dx + dy * dy <= r * r) return i;
    }
    return null;
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function showTip(i, ev) {
    if (i === null) { tip.style.display = "none"; return; }
    var n = nodes[i], rel = 0, co = 0;
    adj[i].forEach(function (k) { rel += edges[k].relations.length; co += edges[k].co ? 1 : 0; });
    tip.textContent = "";
    tip.appendChild(el("b", n.label));
    tip.appendChild(el("div", n.type + " · " + n.mentions + " article(s)" +
                                (n.seen ? " · " + n.seen : "")));
    if (n.aliases.length) tip.appendChild(el("div", "alias : " + n.aliases.join(", ")));
    tip.appendChild(el("div", rel + " relation(s) · " + co + " entité(s) co-citée(s)"));
    var box = canvas.getBoundingClientRect();
    tip.style.left = (ev.clientX - box.left + 14) + "px";
    tip.style.top = (ev.clientY - box.top + 14) + "px";
    tip.style.display = "block";
  }

  function nodeButton(j) {
    var b = el("button", nodes[j].label);
    b.addEventListener("click", function () { select(j, true); });
    return b;
  }

  function list(title, items, render) {
    panel.appendChild(el("h3", title + " (" + items.length + ")"));
    var ul = el("ul");
    items.forEach(function (x) { var li = el("li"); render(li, x); ul.appendChild(li); });
    panel.appendChild(ul);
  }

  function relationItem(li, x) {
    var out = x.r.s === selected;
    li.appendChild(el("span", out ? x.r.p + " → " : "← " + x.r.p + " "));
    li.appendChild(nodeButton(x.other));
    li.appendChild(el("span", " (" + x.r.n + " preuve(s))", "kg-muted"));
    (x.r.sentences || []).forEach(function (s) {
      li.appendChild(el("blockquote", "« " + s + " »", "kg-evidence"));
    });
    (x.r.articles || []).forEach(function (t) { li.appendChild(el("div", t, "kg-source")); });
  }

  function showPanel() {
    panel.textContent = "";
    if (selected === null) {
      panel.appendChild(el("p", "Cliquez sur une entité pour voir ses relations, les phrases " +
                                "qui les établissent et les articles qui la citent.", "kg-muted"));
      return;
    }
    var n = nodes[selected], rels = [], cos = [];
    var head = el("h2", n.label, "kg-dot"); head.style.setProperty("--c", colours[n.type]);
    panel.appendChild(head);
    panel.appendChild(el("div", n.type + " · cité dans " + n.mentions + " article(s)" +
                                (n.seen ? " · " + n.seen : ""), "kg-muted"));
    if (n.aliases.length) panel.appendChild(el("div", "Alias : " + n.aliases.join(", ")));
    (n.details || []).forEach(function (d) { panel.appendChild(el("div", d)); });
    adj[selected].forEach(function (k) {
      var e = edges[k], other = e.source === selected ? e.target : e.source;
      e.relations.forEach(function (r) { rels.push({r: r, other: other}); });
      if (e.co) cos.push({n: e.co, other: other});
    });
    list("Relations", rels, relationItem);
    cos.sort(function (a, b) {
      return b.n - a.n || nodes[a.other].label.localeCompare(nodes[b.other].label);
    });
    list("Co-citée avec", cos, function (li, x) {
      li.appendChild(nodeButton(x.other));
      li.appendChild(el("span", " · " + x.n + " article(s)", "kg-muted"));
    });
    if (n.articles.length) {
      list("Articles", n.articles, function (li, t) { li.textContent = t; });
    }
  }

  function select(i, centre) {
    selected = i;
    if (i !== null && centre) {
      view.x = W / 2 - nodes[i].x * view.k; view.y = H / 2 - nodes[i].y * view.k; userMoved = true;
    }
    showPanel(); draw();
  }

  // Exact label or alias first, then prefix, then anywhere; most mentioned first within each.
  function rank(n, q) {
    var best = 3;
    [n.label].concat(n.aliases).forEach(function (s) {
      var f = fold(s), at = f.indexOf(q);
      if (f === q) best = Math.min(best, 0);
      else if (at === 0) best = Math.min(best, 1);
      else if (at > 0) best = Math.min(best, 2);
    });
    return best;
  }

  function runSearch() {
    var q = fold(search.value.trim()), found = [];
    matches = {}; results.textContent = "";
    if (q) nodes.forEach(function (n, i) {
      var r = rank(n, q);
      if (r < 3) { matches[i] = true; found.push({i: i, r: r}); }
    });
    found.sort(function (a, b) { return a.r - b.r || a.i - b.i; });
    found.slice(0, MAX_RESULTS).forEach(function (x) {
      var li = el("li"), b = el("button"), n = nodes[x.i];
      b.appendChild(el("span", n.label, "kg-dot")); b.firstChild.style.setProperty("--c", colours[n.type]);
      if (n.aliases.length) b.appendChild(el("span", " · " + n.aliases.slice(0, 3).join(", "), "kg-muted"));
      b.addEventListener("click", function () { results.textContent = ""; select(x.i, true); });
      li.appendChild(b); results.appendChild(li);
    });
    count.textContent = q ? found.length + " résultat(s)" : nodes.length + " entités · " + edges.length + " liens";
    search.dataset.first = found.length ? String(found[0].i) : "";
    draw();
  }

  canvas.addEventListener("pointerdown", function (ev) {
    press = {node: null, x: ev.clientX, y: ev.clientY, moved: false, vx: view.x, vy: view.y};
    var i = nodeAt(toWorld(ev));
    if (i !== null) press.node = nodes[i];
    press.index = i;
    canvas.setPointerCapture(ev.pointerId);
    canvas.classList.add("dragging");
  });
  canvas.addEventListener("pointermove", function (ev) {
    if (!press) {
      var i = nodeAt(toWorld(ev));
      if (i !== hover) { hover = i; draw(); }
      showTip(i, ev);
      return;
    }
    var dx = ev.clientX - press.x, dy = ev.clientY - press.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) press.moved = true;
    if (press.node) {
      var p = toWorld(ev); press.node.x = p.x; press.node.y = p.y;
    } else {
      view.x = press.vx + dx; view.y = press.vy + dy;
    }
    userMoved = userMoved || press.moved;
    tip.style.display = "none";
    draw();
  });
  canvas.addEventListener("pointerup", function () {
    if (press && !press.moved) select(press.index, false);
    press = null;
    canvas.classList.remove("dragging");
  });
  canvas.addEventListener("pointerleave", function () {
    hover = null; tip.style.display = "none"; draw();
  });
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var box = canvas.getBoundingClientRect(), mx = ev.clientX - box.left, my = ev.clientY - box.top;
    var k = Math.max(0.05, Math.min(20, view.k * Math.exp(-ev.deltaY * 0.0015)));
    view.x = mx - (mx - view.x) * k / view.k; view.y = my - (my - view.y) * k / view.k;
    view.k = k; userMoved = true; draw();
  }, {passive: false});

  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && search.dataset.first) {
      results.textContent = ""; select(Number(search.dataset.first), true);
    }
    if (ev.key === "Escape") { search.value = ""; runSearch(); }
  });

  window.addEventListener("resize", resize);
  document.body.dataset.state = "layout";
  resize(); runSearch(); showPanel();
  if (data.centre !== null && data.centre !== undefined) { selected = data.centre; showPanel(); }
  frame();
})();
"""
