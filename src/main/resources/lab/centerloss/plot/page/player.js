/* Center Loss Lab's web page for students: plays the runs embedded in the element "run-data".
 * Plain JavaScript, no framework, no network. Every text is set with textContent; the data's
 * words come from the app's bundles, its numbers already formatted there. The plane is drawn as
 * the app's PlaneRenderer draws it: grid, axes and tick labels, test features by digit (the app's
 * palette and marker shapes; digits training never saw grey and hollow), trails, centers. */
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('run-data').textContent);
  var S = data.style;
  var T = data.text;
  var TRAIL_LENGTH = 400; // as the app's plane: the last 400 positions of each center
  var OTHER_DATA = 10;    // another data set's unknowns: a grey hollow octagon
  var state = { index: 0, playing: false, speed: 1, highlight: -1, draws: 0, lastTime: 0, carry: 0 };
  var panes = [];

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  // ---- layout ---------------------------------------------------------------------------------

  document.body.classList.add(S.dark ? 'dark' : 'projector');
  document.title = T.heading;
  var root = document.getElementById('player');
  root.appendChild(el('h1', null, T.heading));
  root.appendChild(el('p', 'about', data.about));

  var bar = el('div', 'bar');
  var back = el('button', 'back', T.stepBack);
  var play = el('button', 'play', T.play);
  var forward = el('button', 'forward', T.stepForward);
  var speedLabel = el('label', null, T.speed);
  var speed = el('select', 'speed');
  T.speeds.forEach(function (label, i) {
    var option = el('option', null, label);
    option.value = String(i);
    speed.appendChild(option);
  });
  speed.value = String(state.speed);
  speedLabel.appendChild(speed);
  var timeline = el('div', 'timeline');
  var slider = el('input');
  slider.type = 'range';
  slider.min = '0';
  slider.max = String(data.timeline.length - 1);
  slider.step = '1';
  slider.value = '0';
  slider.setAttribute('aria-label', T.timeline);
  var stepLabel = el('span', 'step-label');
  timeline.appendChild(slider);
  timeline.appendChild(stepLabel);
  [back, play, forward, speedLabel, timeline].forEach(function (e) { bar.appendChild(e); });
  root.appendChild(bar);

  var legend = el('div', 'legend');
  legend.setAttribute('role', 'group');
  legend.setAttribute('aria-label', T.legend);
  root.appendChild(legend);

  var paneBox = el('div', 'panes' + (data.runs.length > 2 ? ' many' : ''));
  root.appendChild(paneBox);
  data.runs.forEach(function (run, r) {
    var box = el('section', 'pane');
    if (run.title) { box.appendChild(el('h2', null, run.title)); }
    var plane = el('div', 'plane');
    var canvas = el('canvas');
    plane.appendChild(canvas);
    box.appendChild(plane);
    var caption = el('p', 'caption first');
    var numbers = el('p', 'caption numbers');
    var losses = el('p', 'caption losses');
    var openSet = el('div', 'caption open-set');
    [caption, numbers, losses, openSet].forEach(function (e) { box.appendChild(e); });
    paneBox.appendChild(box);
    panes.push({ run: run, canvas: canvas, caption: caption, numbers: numbers, losses: losses, openSet: openSet,
      frame: null, index: r });
  });
  if (data.runs.length > 1) { root.appendChild(el('p', 'note', T.sharedAxes)); }
  root.appendChild(el('p', 'note', T.legendHint));
  root.appendChild(el('p', 'note', T.rounding));

  var settings = el('details', 'settings');
  settings.appendChild(el('summary', null, T.settings));
  var grid = el('div', 'settings-grid');
  data.runs.forEach(function (run) {
    var column = el('div');
    if (run.title) { column.appendChild(el('h3', null, run.title)); }
    run.settings.forEach(function (block) {
      column.appendChild(el('h3', null, block.from));
      var table = el('table');
      block.rows.forEach(function (row) {
        var tr = el('tr');
        tr.appendChild(el('td', null, row[0]));
        tr.appendChild(el('td', null, row[1]));
        table.appendChild(tr);
      });
      column.appendChild(table);
      column.appendChild(el('h3', null, T.formulas));
      block.formulas.forEach(function (f) { column.appendChild(el('p', 'formula', f)); });
    });
    grid.appendChild(column);
  });
  settings.appendChild(grid);
  root.appendChild(settings);
  root.appendChild(el('p', 'note', T.made));

  // ---- the legend ----------------------------------------------------------------------------

  var legendButtons = [];
  function buildLegend() {
    var known = 0;
    var otherData = false;
    panes.forEach(function (p) {
      var f = p.frame || p.run.frames[0];
      known |= f.known;
      otherData = otherData || (f.labels || p.run.labels).indexOf(OTHER_DATA) >= 0;
    });
    legend.textContent = '';
    legendButtons = [];
    for (var d = 0; d < (otherData ? 11 : 10); d++) {
      var isKnown = d < 10 && (known & (1 << d)) !== 0;
      var b = el('button');
      b.type = 'button';
      var icon = el('canvas');
      icon.width = 32;
      icon.height = 32;
      var g = icon.getContext('2d');
      g.scale(2, 2);
      if (isKnown) { marker(g, 8, 8, 5.5, d, 1); } else { hollow(g, 8, 8, 5.5, d); }
      b.appendChild(icon);
      b.appendChild(el('span', null, d === OTHER_DATA ? T.otherData : isKnown ? String(d) : d + '?'));
      b.setAttribute('aria-pressed', state.highlight === d ? 'true' : 'false');
      if (state.highlight >= 0 && state.highlight !== d) { b.classList.add('dim'); }
      b.addEventListener('click', choose.bind(null, d));
      legend.appendChild(b);
      legendButtons.push(b);
    }
  }
  function choose(digit) {
    state.highlight = state.highlight === digit ? -1 : digit;
    buildLegend();
    draw();
  }

  // ---- drawing, as the app's PlaneRenderer and PlaneOverlay ------------------------------------

  function rgba(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + ((n >> 16) & 255) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + alpha + ')';
  }
  function polygon(g, cx, cy, radius, v) {
    g.beginPath();
    for (var i = 0; i < v.length; i += 2) {
      if (i === 0) { g.moveTo(cx + radius * v[i], cy + radius * v[i + 1]); } else { g.lineTo(cx + radius * v[i], cy + radius * v[i + 1]); }
    }
    g.closePath();
  }
  /** One digit's marker: its shape filled with its color, outlined for contrast. */
  function marker(g, cx, cy, radius, digit, opacity) {
    g.fillStyle = rgba(S.colors[digit], opacity);
    g.strokeStyle = S.dark ? 'rgba(0,0,0,' + 0.6 * opacity + ')' : 'rgba(255,255,255,' + 0.6 * opacity + ')';
    g.lineWidth = Math.max(0.5, radius * 0.18);
    var v = S.shapes[digit];
    if (v.length === 0) {
      g.beginPath();
      g.arc(cx, cy, radius, 0, 2 * Math.PI);
    } else {
      polygon(g, cx, cy, radius, v);
    }
    g.fill();
    g.stroke();
  }
  /** A digit training never saw: its shape, grey, hollow. */
  function hollow(g, cx, cy, radius, digit) {
    g.strokeStyle = S.unknown;
    g.lineWidth = Math.max(1, radius * 0.3);
    var v = S.shapes[digit];
    if (v.length === 0) {
      g.beginPath();
      g.arc(cx, cy, radius * 0.85, 0, 2 * Math.PI);
    } else {
      polygon(g, cx, cy, radius * 0.85, v);
    }
    g.stroke();
  }
  var sprites = {};
  /** Pre-drawn markers, as the app blends sprites: far faster than a polygon each. */
  function sprite(digit, isKnown, radius) {
    var key = digit + (isKnown ? 'k' : 'u') + radius.toFixed(3);
    if (!sprites[key]) {
      var size = Math.ceil(radius * 2 + 4);
      var c = document.createElement('canvas');
      c.width = size;
      c.height = size;
      var g = c.getContext('2d');
      if (isKnown) { marker(g, size / 2, size / 2, radius, digit, 0.75); } else { hollow(g, size / 2, size / 2, radius, digit); }
      sprites[key] = c;
    }
    return sprites[key];
  }
  function niceStep(min, max, count) {
    var span = Math.abs(max - min);
    if (!(span > 0) || !isFinite(span)) { return 1; }
    var raw = span / Math.max(1, count);
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var fraction = raw / power;
    return (fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10) * power;
  }
  function ticks(min, max, step) {
    var out = [];
    for (var i = Math.ceil(Math.min(min, max) / step); i <= Math.floor(Math.max(min, max) / step) && out.length < 1000; i++) {
      out.push(i * step);
    }
    return out;
  }
  function tickLabel(value, step) {
    if (Math.abs(value) < step * 1e-6) { return '0'; }
    var magnitude = Math.max(Math.abs(value), step);
    if (magnitude >= 1e5 || step < 1e-4) {
      var digits = Math.max(0, Math.floor(Math.log10(magnitude)) - Math.floor(Math.log10(step) + 1e-9));
      return value.toExponential(digits).replace('e+', 'e');
    }
    return value.toFixed(Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
  }
  function centerDigit(j, known) {
    var seen = 0;
    for (var d = 0; d < 31; d++) {
      if ((known & (1 << d)) !== 0 && seen++ === j) { return d; }
    }
    return j;
  }
  function frameAt(run, step) {
    var frames = run.frames;
    var found = frames[0];
    for (var i = 0; i < frames.length && frames[i].step <= step; i++) { found = frames[i]; }
    return found;
  }
  function textOn(hex) {
    var n = parseInt(hex.slice(1), 16);
    var lum = 0.2126 * ((n >> 16) & 255) / 255 + 0.7152 * ((n >> 8) & 255) / 255 + 0.0722 * (n & 255) / 255;
    return lum > 0.5 ? '#000000' : '#ffffff';
  }

  function drawPane(p, box) {
    var canvas = p.canvas;
    var dpr = window.devicePixelRatio || 1;
    var cssW = canvas.clientWidth || 640;
    var cssH = canvas.clientHeight || 360;
    var W = Math.max(1, Math.round(cssW * dpr));
    var H = Math.max(1, Math.round(cssH * dpr));
    if (canvas.width !== W || canvas.height !== H) { canvas.width = W; canvas.height = H; }
    // FrameCapture.styleFor, in device pixels; on a phone's small plane not below 3/4 of the window's sizes
    var k = Math.max(0.75, cssH / S.referenceHeight) * dpr;
    var pointRadius = S.pointRadius * k;
    var centerRadius = S.centerRadius * k;
    var fontSize = S.fontSize * k;
    var lineWidth = S.lineWidth * k;
    var f = p.frame;
    var g = canvas.getContext('2d');
    // the view: ViewWindow.fitting of the frame's box (the app's robust box, made in Java)
    var spanX = Math.max(box[1] - box[0], 1e-9);
    var spanY = Math.max(box[3] - box[2], 1e-9);
    var scale = Math.min(W * (1 - 2 * S.padding) / spanX, H * (1 - 2 * S.padding) / spanY);
    scale = Math.max(1e-4, Math.min(1e7, scale));
    var cx = (box[0] + box[1]) / 2;
    var cy = (box[2] + box[3]) / 2;
    function sx(x) { return W / 2 + (x - cx) * scale; }
    function sy(y) { return H / 2 - (y - cy) * scale; }
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.globalAlpha = 1;
    g.fillStyle = S.background;
    g.fillRect(0, 0, W, H);
    var step = niceStep(cx - W / 2 / scale, cx + W / 2 / scale, Math.max(2, Math.floor(W / (fontSize * 9))));
    var xs = ticks(cx - W / 2 / scale, cx + W / 2 / scale, step);
    var ys = ticks(cy - H / 2 / scale, cy + H / 2 / scale, step);
    g.fillStyle = S.grid;
    xs.forEach(function (x) { g.fillRect(Math.floor(sx(x)), 0, 1, H); });
    ys.forEach(function (y) { g.fillRect(0, Math.floor(sy(y)), W, 1); });
    // test features: known digits filled, the others grey and hollow
    var labels = f.labels || p.run.labels;
    var pts = f.features;
    var testRadius = pointRadius;
    for (var pass = 0; pass < 2; pass++) {
      for (var i = 0; i < labels.length; i++) {
        var digit = labels[i];
        var highlighted = state.highlight < 0 || state.highlight === digit;
        if ((pass === 1) !== (state.highlight >= 0 && highlighted)) { continue; } // the chosen digit on top
        var x = pts[2 * i];
        var y = pts[2 * i + 1];
        if (x === null || y === null) { continue; }
        var px = sx(x);
        var py = sy(y);
        if (!(px > -testRadius && py > -testRadius && px < W + testRadius && py < H + testRadius)) { continue; }
        var isKnown = digit < 10 && (f.known & (1 << digit)) !== 0;
        var s = sprite(digit, isKnown, testRadius);
        g.globalAlpha = highlighted ? 1 : 0.15;
        g.drawImage(s, Math.round(px - s.width / 2), Math.round(py - s.height / 2));
      }
    }
    g.globalAlpha = 1;
    // axes and tick labels
    var axisY = Math.max(0, Math.min(H - fontSize * 1.4, sy(0)));
    var axisX = Math.max(fontSize * 3.2, Math.min(W, sx(0)));
    g.strokeStyle = S.axis;
    g.lineWidth = lineWidth;
    g.beginPath();
    g.moveTo(0, sy(0)); g.lineTo(W, sy(0));
    g.moveTo(sx(0), 0); g.lineTo(sx(0), H);
    g.stroke();
    var tickFont = fontSize * 0.85;
    g.font = tickFont + 'px ' + getComputedStyle(document.body).fontFamily;
    g.textBaseline = 'middle';
    g.textAlign = 'left';
    var textHeight = tickFont * 1.25;
    function tickText(label, left, top) {
      var w = g.measureText(label).width;
      g.fillStyle = rgba(S.background, 0.85);
      g.fillRect(left - 2, top, w + 4, textHeight);
      g.fillStyle = S.tickLabel;
      g.fillText(label, left, top + textHeight / 2);
    }
    xs.forEach(function (x) {
      if (Math.abs(x) > step * 1e-6) {
        var label = tickLabel(x, step);
        tickText(label, sx(x) - g.measureText(label).width / 2, axisY + 3);
      }
    });
    ys.forEach(function (y) {
      if (Math.abs(y) > step * 1e-6) {
        var label = tickLabel(y, step);
        tickText(label, axisX - 4 - g.measureText(label).width, sy(y) - textHeight / 2);
      }
    });
    // trails: the last positions of each center up to the step shown
    var trail = p.run.trail;
    var end = 0;
    while (end < trail.steps.length && trail.steps[end] <= f.step) { end++; }
    var start = Math.max(0, end - TRAIL_LENGTH);
    var centers = f.centers;
    var classes = centers.length / 2;
    g.lineWidth = lineWidth * 1.5;
    for (var j = 0; j < classes && end - start >= 2; j++) {
      var dj = centerDigit(j, f.known);
      g.strokeStyle = rgba(S.colors[dj], 0.7);
      g.globalAlpha = state.highlight < 0 || state.highlight === dj ? 1 : 0.2;
      g.beginPath();
      for (var t = start; t < end; t++) {
        var c = trail.centers[t];
        if (t === start) { g.moveTo(sx(c[2 * j]), sy(c[2 * j + 1])); } else { g.lineTo(sx(c[2 * j]), sy(c[2 * j + 1])); }
      }
      g.stroke();
    }
    // centers, as large labelled markers
    g.font = 'bold ' + centerRadius * 1.15 + 'px ' + getComputedStyle(document.body).fontFamily;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    for (var m = 0; m < classes; m++) {
      var d2 = centerDigit(m, f.known);
      var selected = state.highlight === d2;
      var radius = selected ? centerRadius * 1.35 : centerRadius;
      var ox = sx(centers[2 * m]);
      var oy = sy(centers[2 * m + 1]);
      g.globalAlpha = state.highlight < 0 || selected ? 1 : 0.35;
      g.fillStyle = S.colors[d2];
      g.beginPath();
      g.arc(ox, oy, radius, 0, 2 * Math.PI);
      g.fill();
      g.lineWidth = selected ? lineWidth * 3 : lineWidth * 2;
      g.strokeStyle = S.dark ? '#ffffff' : '#000000';
      g.stroke();
      g.fillStyle = textOn(S.colors[d2]);
      g.fillText(String(d2), ox, oy + 0.5);
    }
    g.globalAlpha = 1;
  }

  function draw() {
    var step = data.timeline[state.index].step;
    var shared = null;
    panes.forEach(function (p) {
      p.frame = frameAt(p.run, step);
      var b = p.frame.box;
      shared = shared === null ? b.slice() : [Math.min(shared[0], b[0]), Math.max(shared[1], b[1]),
        Math.min(shared[2], b[2]), Math.max(shared[3], b[3])];
    });
    panes.forEach(function (p) {
      drawPane(p, panes.length > 1 ? shared : p.frame.box);
      p.caption.textContent = p.frame.caption;
      p.numbers.textContent = p.frame.numbers;
      p.losses.textContent = p.frame.losses;
      p.openSet.textContent = '';
      p.frame.openSet.forEach(function (line) { p.openSet.appendChild(el('p', null, line)); });
    });
    slider.value = String(state.index);
    stepLabel.textContent = data.timeline[state.index].label;
    state.draws++;
  }

  // ---- the timeline and the controls --------------------------------------------------------------

  function show(index) {
    state.index = Math.max(0, Math.min(data.timeline.length - 1, index | 0));
    draw();
  }
  function setPlaying(on) {
    state.playing = on && data.timeline.length > 1;
    play.textContent = state.playing ? T.pause : T.play;
    if (state.playing) {
      if (state.index >= data.timeline.length - 1) { show(0); }
      state.lastTime = 0;
      state.carry = 0;
      requestAnimationFrame(tick);
    }
  }
  function tick(now) {
    if (!state.playing) { return; }
    if (state.lastTime) {
      state.carry += (now - state.lastTime) / 1000 * data.speedFps[state.speed];
      var advance = Math.floor(state.carry);
      if (advance > 0) {
        state.carry -= advance;
        if (state.index + advance >= data.timeline.length - 1) {
          show(data.timeline.length - 1);
          setPlaying(false);
          return;
        }
        show(state.index + advance);
      }
    }
    state.lastTime = now;
    requestAnimationFrame(tick);
  }
  slider.addEventListener('input', function () { setPlaying(false); show(parseInt(slider.value, 10)); });
  play.addEventListener('click', function () { setPlaying(!state.playing); });
  back.addEventListener('click', function () { setPlaying(false); show(state.index - 1); });
  forward.addEventListener('click', function () { setPlaying(false); show(state.index + 1); });
  speed.addEventListener('change', function () { state.speed = parseInt(speed.value, 10); });
  document.addEventListener('keydown', function (e) {
    if (e.target && (e.target.tagName === 'SELECT' || e.target.tagName === 'INPUT')) { return; }
    if (e.key === ' ') { e.preventDefault(); setPlaying(!state.playing); }
    if (e.key === 'ArrowRight') { setPlaying(false); show(state.index + 1); }
    if (e.key === 'ArrowLeft') { setPlaying(false); show(state.index - 1); }
    if (/^[0-9]$/.test(e.key)) { choose(parseInt(e.key, 10)); }
  });
  var resizeQueued = false;
  window.addEventListener('resize', function () {
    if (!resizeQueued) {
      resizeQueued = true;
      requestAnimationFrame(function () { resizeQueued = false; draw(); });
    }
  });

  /** For the tests (and the curious): what is shown, and a way to show another step. */
  window.centerLossPlayer = {
    positions: data.timeline.length,
    show: show,
    highlight: function (digit) { state.highlight = digit; buildLegend(); draw(); },
    play: function () { setPlaying(true); },
    pause: function () { setPlaying(false); },
    state: function () {
      return {
        index: state.index,
        step: data.timeline[state.index].step,
        label: stepLabel.textContent,
        draws: state.draws,
        playing: state.playing,
        panes: panes.map(function (p) {
          return { frameStep: p.frame.step, caption: p.caption.textContent, numbers: p.numbers.textContent,
            losses: p.losses.textContent, openSet: p.openSet.textContent,
            canvas: [p.canvas.width, p.canvas.height] };
        })
      };
    }
  };

  /** The position of the last step at or before a step: "#step=300" in the address opens the page there. */
  function positionOf(step) {
    var found = 0;
    data.timeline.forEach(function (t, i) { if (t.step <= step) { found = i; } });
    return found;
  }
  var asked = /^#step=(\d+)$/.exec(window.location.hash || '');
  show(asked ? positionOf(parseInt(asked[1], 10)) : 0);
  buildLegend();
  document.body.setAttribute('data-ready', 'true');
}());
