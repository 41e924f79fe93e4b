// Tally's dashboard: polls /api/dashboard about once a second and draws the two paths side by
// side. Plain JavaScript and uPlot, both served by the demo itself; no build step.
(function () {
  'use strict';

  var PATHS = ['streams', 'shared'];
  var COLORS = { streams: '#2563eb', shared: '#c2410c' };
  var POLL_MS = 1000;

  // Read by the browser test and handy in the console: how the page keeps up.
  var state = { refreshes: 0, failures: 0, draws: 0, lastRefresh: 0, intervals: [] };
  window.tallyDashboard = state;

  var charts = null;

  function number(value, digits) {
    if (value === null || value === undefined) {
      return '\u2013';
    }
    return value.toLocaleString('en-US', { maximumFractionDigits: digits || 0 });
  }

  function millis(value) {
    return value === null ? '\u2013' : number(value, value < 10 ? 1 : 0) + ' ms';
  }

  function show(id, raw, text) {
    var cell = document.getElementById(id);
    cell.dataset.value = raw === null || raw === undefined ? '' : String(raw);
    cell.textContent = text;
  }

  function showPath(path) {
    var p = path.path;
    document.getElementById(p + '-status').textContent = path.status
      + (path.serving ? '' : ' (not answering queries yet)');
    ['records', 'words', 'countsWritten', 'deadLetters', 'lag'].forEach(function (name) {
      show(p + '-' + name, path[name], number(path[name]));
    });
    var l = path.latencyMs;
    show(p + '-latency', l.p50, millis(l.p50) + ' / ' + millis(l.p90) + ' / ' + millis(l.p99));
    if (p === 'shared') {
      show(p + '-locks', path.lockWaitSeconds, number(path.lockWaitSeconds, 3) + ' s / '
        + number(path.lockHoldSeconds, 3) + ' s');
    }
    showTop(p, path.top, path.topError);
  }

  function showTop(p, top, error) {
    var body = document.querySelector('#' + p + '-top tbody');
    var rows = (top || []).map(function (entry, i) {
      var row = document.createElement('tr');
      row.appendChild(cell('rank', String(i + 1)));
      row.appendChild(cell('word', entry.word));
      var count = cell('count', number(entry.count));
      count.dataset.value = String(entry.count);
      row.appendChild(count);
      return row;
    });
    body.replaceChildren.apply(body, rows);
    document.getElementById(p + '-top-note').textContent = error || '';
  }

  function cell(kind, text) {
    var td = document.createElement('td');
    td.className = kind;
    td.textContent = text;
    return td;
  }

  function chart(id, title, series, format) {
    var element = document.getElementById(id);
    var options = {
      title: title,
      width: Math.max(300, element.clientWidth),
      height: 240,
      scales: { x: { time: true } },
      series: [{}].concat(series),
      axes: [{}, { size: 64, values: function (u, values) { return values.map(format); } }],
      hooks: { draw: [function () { state.draws++; }] }
    };
    var empty = [[]].concat(series.map(function () { return []; }));
    return new uPlot(options, empty, element);
  }

  function line(label, path, dash) {
    return { label: label, stroke: COLORS[path], width: 2, dash: dash, spanGaps: false,
      points: { show: false } };
  }

  function short(value) {
    if (value === null) {
      return '';
    }
    var abs = Math.abs(value);
    if (abs >= 1e6) {
      return (value / 1e6).toFixed(1) + 'M';
    }
    if (abs >= 1e3) {
      return (value / 1e3).toFixed(abs >= 1e4 ? 0 : 1) + 'k';
    }
    return abs < 10 && abs !== 0 ? String(+value.toPrecision(2)) : value.toFixed(0);
  }

  function makeCharts() {
    return {
      throughput: chart('chart-throughput', 'Throughput (records/s)',
        [line('streams', 'streams'), line('shared', 'shared')], short),
      lag: chart('chart-lag', 'Consumer lag (records)',
        [line('streams', 'streams'), line('shared', 'shared')], short),
      latency: chart('chart-latency', 'Record to count written (ms)',
        [line('streams p50', 'streams'), line('streams p99', 'streams', [6, 4]),
          line('shared p50', 'shared'), line('shared p99', 'shared', [6, 4])], short),
      locks: chart('chart-locks', 'Shared map locks (s per s)',
        [line('wait', 'shared'), line('hold', 'shared', [6, 4])], short)
    };
  }

  function drawCharts(history) {
    var t = history.time;
    var s = history.streams;
    var h = history.shared;
    charts.throughput.setData([t, s.recordsPerSecond, h.recordsPerSecond]);
    charts.lag.setData([t, s.lag, h.lag]);
    charts.latency.setData([t, s.p50Ms, s.p99Ms, h.p50Ms, h.p99Ms]);
    charts.locks.setData([t, h.lockWaitPerSecond, h.lockHoldPerSecond]);
  }

  function noteRefresh(started) {
    if (state.lastRefresh > 0) {
      state.intervals.push(started - state.lastRefresh);
      if (state.intervals.length > 120) {
        state.intervals.shift();
      }
    }
    state.lastRefresh = started;
    state.refreshes++;
    var sum = state.intervals.reduce(function (a, b) { return a + b; }, 0);
    var mean = state.intervals.length ? sum / state.intervals.length : POLL_MS;
    document.getElementById('refresh').textContent = 'updated '
      + new Date().toLocaleTimeString() + ', every ' + (mean / 1000).toFixed(2) + ' s';
  }

  function refresh() {
    var started = performance.now();
    fetch('/api/dashboard', { cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('status ' + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        data.paths.forEach(showPath);
        if (charts === null) {
          charts = makeCharts();
        }
        drawCharts(data.history);
        noteRefresh(started);
      })
      .catch(function (error) {
        state.failures++;
        document.getElementById('refresh').textContent = 'cannot reach the demo (' + error.message
          + '); retrying';
      })
      .finally(function () {
        var spent = performance.now() - started;
        setTimeout(refresh, Math.max(0, POLL_MS - spent));
      });
  }

  window.addEventListener('resize', function () {
    if (charts === null) {
      return;
    }
    Object.keys(charts).forEach(function (name) {
      var u = charts[name];
      u.setSize({ width: Math.max(300, u.root.parentNode.clientWidth), height: 240 });
    });
  });

  PATHS.forEach(function (p) { document.getElementById(p + '-status').textContent = 'waiting'; });
  refresh();
}());
