// Gearbox dashboard: plain ES module, no build step. Each page fetches one JSON document from
// /admin/api (the same documents `./gearbox report --json` prints) and renders cards, charts
// (Chart.js, loaded from the gateway's WebJar) and sortable, filterable tables.

const page = document.getElementById('page');
const windowSelect = document.getElementById('since');
const charts = [];

const usd = (v) => (v == null ? '–' : (Math.abs(v) >= 100 ? '$' + v.toFixed(0) : Math.abs(v) >= 1 ? '$' + v.toFixed(2) : '$' + v.toFixed(4)));
const limit = (v) => '$' + Number(v).toFixed(2);
const pct = (v) => (v == null ? '–' : (100 * v).toFixed(1) + '%');
const num = (v) => (v == null ? '–' : Number(v).toLocaleString('en-US'));
const ms = (v) => (v == null ? '–' : num(v) + ' ms');
const when = (t) => new Date(t).toISOString().replace('T', ' ').slice(0, 19);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

async function get(path) {
  const r = await fetch('/admin/api/' + path, { credentials: 'same-origin' });
  if (r.status === 401) { location.href = '/ui/login.html'; throw new Error('signed out'); }
  const body = await r.json();
  if (!r.ok) throw new Error(body.error ? body.error.message : r.statusText);
  return body;
}

function since() { return windowSelect.value; }
const windowName = () => windowSelect.options[windowSelect.selectedIndex].text;

/** A figure card; raw is the unformatted number (data-value), which the browser tests compare with the ledger. */
function card(label, value, id, sub, raw) {
  return `<div class="card stat"><div class="label">${esc(label)}</div><div class="value" data-testid="${id}"${raw == null ? '' : ` data-value="${esc(raw)}"`}>${esc(value)}</div>${sub ? `<div class="sub" data-testid="${id}-sub">${esc(sub)}</div>` : ''}</div>`;
}

/** A table with click-to-sort headers and a filter box. cols: [{key, label, fmt, num}] */
function table(id, cols, rows, opts = {}) {
  const wrap = document.createElement('div');
  wrap.className = 'card table-card';
  wrap.innerHTML = `<div class="table-head"><h3>${esc(opts.title || '')}</h3>
    <input type="search" placeholder="Filter" data-testid="${id}-filter" aria-label="Filter ${esc(opts.title || id)}"></div>
    <table data-testid="${id}"><thead><tr>${cols.map((c, i) => `<th data-i="${i}" class="${c.num ? 'num' : ''}">${esc(c.label)}</th>`).join('')}</tr></thead><tbody></tbody></table>`;
  let sorted = rows.slice();
  let sortKey = null, asc = true, filter = '';
  const body = wrap.querySelector('tbody');
  const draw = () => {
    const f = filter.toLowerCase();
    const shown = sorted.filter((r) => !f || cols.some((c) => String(r[c.key] ?? '').toLowerCase().includes(f)));
    body.innerHTML = shown.length ? shown.map((r) => `<tr data-row="${esc(r[cols[0].key])}">${cols.map((c) => `<td class="${c.num ? 'num' : ''}" data-col="${esc(c.key)}" data-value="${esc(r[c.key])}">${c.html ? c.html(r) : esc(c.fmt ? c.fmt(r[c.key], r) : r[c.key])}</td>`).join('')}</tr>`).join('')
      : `<tr><td colspan="${cols.length}" class="empty">No rows</td></tr>`;
  };
  wrap.querySelectorAll('th').forEach((th) => th.addEventListener('click', () => {
    const c = cols[th.dataset.i];
    asc = sortKey === c.key ? !asc : !c.num;
    sortKey = c.key;
    sorted.sort((a, b) => {
      const x = a[c.key], y = b[c.key];
      const r = typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''));
      return asc ? r : -r;
    });
    wrap.querySelectorAll('th').forEach((h) => h.removeAttribute('aria-sort'));
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    draw();
  }));
  wrap.querySelector('input').addEventListener('input', (e) => { filter = e.target.value; draw(); });
  draw();
  return wrap;
}

function chart(el, config) {
  if (!window.Chart) return;
  charts.push(new window.Chart(el, config));
}

const palette = ['#3b82f6', '#10b981', '#f59e0b', '#ef4444', '#8b5cf6', '#14b8a6', '#f97316', '#64748b'];

async function overview() {
  const d = await get('overview?since=' + since());
  const t = d.totals;
  page.innerHTML = `<h2>Overview <small>last ${esc(windowName())}</small></h2>
    <div class="grid">
      ${card('Requests', num(t.requests), 'requests', num(t.errors) + ' errors (' + pct(t.error_rate) + ')', t.requests)}
      ${card('Spend', usd(t.cost_usd), 'spend', 'on ' + (d.baseline_model || 'no baseline') + ' it would be ' + usd(t.baseline_cost_usd), t.cost_usd)}
      ${card('Saved', usd(t.savings_usd), 'savings', pct(t.savings_percent / 100) + ' of the baseline', t.savings_usd)}
      ${card('Error rate', pct(t.error_rate), 'error-rate', num(t.errors) + ' errors', t.error_rate)}
      ${card('Fallback rate', pct(t.fallback_rate), 'fallback-rate', 'escalations ' + pct(t.escalation_rate), t.fallback_rate)}
    </div>
    <div class="grid two">
      <div class="card"><h3>Route mix over time (requests per served model)</h3><div class="chart"><canvas id="mix"></canvas></div></div>
      <div class="card"><h3>Spend and savings over time</h3><div class="chart"><canvas id="spend"></canvas></div></div>
      <div class="card"><h3>Error and fallback rates over time</h3><div class="chart"><canvas id="errors"></canvas></div></div>
      <div class="card"><h3>Spend by model</h3><div class="chart"><canvas id="bymodel"></canvas></div></div>
    </div>`;
  const buckets = [];
  for (let b = d.series_from; b <= d.series_to; b += d.bucket_ms) buckets.push(b);
  const models = [...new Set(d.series.map((s) => s.model))].sort();
  const colorOf = (m) => palette[Math.max(0, models.indexOf(m)) % palette.length]; // one colour per model on every chart
  const multiDay = d.series_to - d.series_from > 86400000;
  const labels = buckets.map((b) => { const iso = new Date(b).toISOString(); return multiDay ? iso.slice(5, 10) + ' ' + iso.slice(11, 16) : iso.slice(11, d.bucket_ms < 60000 ? 19 : 16); });
  const cell = new Map(d.series.map((s) => [s.model + '@' + s.start_millis, s]));
  const at = (m, b, f) => { const s = cell.get(m + '@' + b); return s ? f(s) : 0; };
  const sum = (b, f) => models.reduce((a, m) => a + at(m, b, f), 0);
  chart(document.getElementById('mix'), { type: 'bar', data: { labels, datasets: models.map((m) => ({ label: m, data: buckets.map((b) => at(m, b, (s) => s.requests)), backgroundColor: colorOf(m) })) }, options: { animation: false, maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: 'requests' } } } } });
  chart(document.getElementById('spend'), { type: 'line', data: { labels, datasets: [
    { label: 'spend', data: buckets.map((b) => sum(b, (s) => s.cost_usd)), borderColor: palette[0] },
    { label: 'saved against the baseline', data: buckets.map((b) => sum(b, (s) => s.savings_usd)), borderColor: palette[1] }] }, options: { animation: false, maintainAspectRatio: false, scales: { y: { title: { display: true, text: 'USD' } } } } });
  chart(document.getElementById('errors'), { type: 'line', data: { labels, datasets: [
    { label: 'error rate', data: buckets.map((b) => { const n = sum(b, (s) => s.requests); return n ? sum(b, (s) => s.errors) / n : 0; }), borderColor: palette[3] },
    { label: 'fallback rate', data: buckets.map((b) => { const n = sum(b, (s) => s.requests); return n ? sum(b, (s) => s.fallbacks) / n : 0; }), borderColor: palette[2] }] },
  options: { animation: false, maintainAspectRatio: false, scales: { y: { min: 0, ticks: { callback: (v) => (100 * v).toFixed(0) + '%' } } } } });
  chart(document.getElementById('bymodel'), { type: 'doughnut', data: { labels: d.models.map((m) => m.group), datasets: [{ data: d.models.map((m) => m.cost_usd), backgroundColor: d.models.map((m) => colorOf(m.group)) }] }, options: { animation: false, maintainAspectRatio: false, plugins: { legend: { position: 'right' } } } });
}

async function routes() {
  const d = await get('routes?since=' + since());
  page.innerHTML = `<h2>Routes &amp; models <small>last ${esc(windowName())}</small></h2>
    <p class="muted" data-testid="percentiles-note">Latency and TTFT percentiles are exact over the latest one to two hours and the window's first partial hour; over earlier whole hours they are read from hourly histograms, within about 6%.</p>
    <div class="grid one" id="tables"></div>`;
  const cols = [
    { key: 'group', label: 'Name' }, { key: 'requests', label: 'Requests', num: true, fmt: num },
    { key: 'p50_ms', label: 'p50', num: true, fmt: ms }, { key: 'p95_ms', label: 'p95', num: true, fmt: ms },
    { key: 'ttft_p50_ms', label: 'TTFT p50', num: true, fmt: ms }, { key: 'cost_per_request_usd', label: 'Cost / request', num: true, fmt: usd },
    { key: 'cost_usd', label: 'Spend', num: true, fmt: usd }, { key: 'quality', label: 'Quality', num: true, fmt: (v) => (v == null ? '–' : v.toFixed(2)) },
    { key: 'fallback_rate', label: 'Fallbacks', num: true, fmt: pct }, { key: 'escalation_rate', label: 'Escalations', num: true, fmt: pct },
    { key: 'errors', label: 'Errors', num: true, fmt: num }];
  const host = document.getElementById('tables');
  host.append(table('models', cols, d.models, { title: 'Models' }));
  host.append(table('routes', cols, d.routes, { title: 'Routes' }));
  host.append(table('breakers', [{ key: 'deployment', label: 'Deployment' },
    { key: 'state', label: 'Breaker', html: (r) => `<span class="pill ${esc(r.state)}">${esc(r.state)}</span>` },
    { key: 'open_for_ms', label: 'Open for', num: true, fmt: ms }, { key: 'in_flight', label: 'In flight', num: true, fmt: num }], d.breakers, { title: 'Deployments' }));
}

async function decisions(params) {
  const q = new URLSearchParams(params || '');
  q.set('since', since());
  const d = await get('decisions?' + q.toString());
  page.innerHTML = `<h2>Decisions</h2>
    <form class="card search" id="search">
      <input name="q" placeholder="request id or reason" value="${esc(q.get('q') || '')}" data-testid="search-q">
      <input name="key" placeholder="key id" value="${esc(q.get('key') || '')}">
      <input name="model" placeholder="served model" value="${esc(q.get('model') || '')}">
      <label><input type="checkbox" name="errors" value="1" ${q.get('errors') ? 'checked' : ''}> errors only</label>
      <button type="submit" data-testid="search-go">Search</button>
    </form><div id="results"></div>`;
  document.getElementById('search').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new URLSearchParams(new FormData(e.target));
    for (const [k, v] of [...f.entries()]) if (!v) f.delete(k);
    location.hash = 'decisions?' + f.toString();
  });
  document.getElementById('results').append(table('decisions', [
    { key: 'ts', label: 'Time', fmt: when }, { key: 'request_id', label: 'Request', html: (r) => `<a href="#request/${encodeURIComponent(r.request_id)}">${esc(r.request_id)}</a>` },
    { key: 'key_id', label: 'Key' }, { key: 'route', label: 'Route' }, { key: 'served_model', label: 'Model' },
    { key: 'mode', label: 'Mode' }, { key: 'status', label: 'Status', num: true }, { key: 'cost_usd', label: 'Cost', num: true, fmt: usd },
    { key: 'latency_ms', label: 'Latency', num: true, fmt: ms }, { key: 'reason', label: 'Why' }], d.rows, { title: d.rows.length + ' most recent matches' }));
}

async function request(id) {
  const d = await get('requests/' + encodeURIComponent(id));
  const r = d.request, det = d.detail || {};
  const dec = det.decision || {};
  page.innerHTML = `<h2>Request <code data-testid="request-id">${esc(r.request_id)}</code></h2>
    <div class="grid">
      ${card('Served by', r.served_model || '–', 'served-model', 'asked for ' + (r.requested_model || '–'))}
      ${card('Status', r.status, 'status', r.mode)}
      ${card('Cost', usd(r.cost_usd), 'cost', 'saved ' + usd(r.savings_usd))}
      ${card('Latency', ms(r.latency_ms), 'req-latency', r.attempts + ' attempt(s)')}
    </div>
    <div class="card"><h3>Decision</h3><p data-testid="reason">${esc(r.reason)}</p>
      <p>policy <b>${esc(dec.policy)}</b> version ${esc(dec.version)}, confidence ${esc(dec.confidence)}${dec.threshold != null ? ', threshold ' + esc(dec.threshold) : ''}</p></div>
    <div class="grid two" id="parts"></div>
    <div class="card"><h3>Signals</h3><dl class="signals" data-testid="signals">${Object.entries(det.signals || {}).map(([k, v]) =>
      `<div><dt>${esc(k.replace(/_/g, ' '))}</dt><dd>${esc(Array.isArray(v) ? (v.length ? v.join(', ') : '–') : v ?? '–')}</dd></div>`).join('')}</dl></div>`;
  const parts = document.getElementById('parts');
  parts.append(table('candidates', [{ key: 'model', label: 'Candidate' }, { key: 'score', label: 'Score', num: true }, { key: 'why', label: 'Why' }], dec.candidates || [], { title: 'Chosen and candidates' }));
  parts.append(table('rejected', [{ key: 'model', label: 'Rejected' }, { key: 'why', label: 'Why' }], dec.rejected || [], { title: 'Rejected' }));
  page.append(table('attempts', [{ key: 'kind', label: 'Kind' }, { key: 'deployment', label: 'Deployment' }, { key: 'status', label: 'Status', num: true },
    { key: 'error_class', label: 'Error' }, { key: 'latency_ms', label: 'Latency', num: true, fmt: ms }, { key: 'ttft_ms', label: 'TTFT', num: true, fmt: (v) => (v < 0 ? '–' : ms(v)) },
    { key: 'input_tokens', label: 'In', num: true, fmt: num }, { key: 'output_tokens', label: 'Out', num: true, fmt: num }, { key: 'cost_usd', label: 'Cost', num: true, fmt: usd }],
  det.attempts || [], { title: 'Attempts' }));
}

async function observation() {
  const d = await get('observation?since=' + since());
  const s = d.projected_savings;
  page.innerHTML = `<h2>Observation <small>requests served as asked while the policy's choice is recorded</small></h2>
    <div class="grid">
      ${card('Observed requests', num(d.observed_requests), 'observed', 'served as asked, routing recorded', d.observed_requests)}
      ${card('Projected savings', usd(s.savings_usd), 'projected-savings', '95% interval ' + usd(s.ci95_low_usd) + ' to ' + usd(s.ci95_high_usd), s.savings_usd)}
      ${card('Projected savings %', pct(s.savings_percent / 100), 'projected-percent', 'actual ' + usd(s.cost_usd) + ' → ' + usd(s.projected_cost_usd), s.savings_percent)}
    </div>
    <div class="grid two"><div class="card"><h3>Would have routed to (observed requests)</h3><div class="chart"><canvas id="would"></canvas></div></div><div id="q"></div></div>`;
  chart(document.getElementById('would'), { type: 'bar', data: { labels: d.would_route.map((w) => w.model), datasets: [{ label: 'requests', data: d.would_route.map((w) => w.requests), backgroundColor: palette[0] }] }, options: { animation: false, maintainAspectRatio: false, indexAxis: 'y', plugins: { legend: { display: false } } } });
  document.getElementById('q').append(table('quality', [{ key: 'route', label: 'Route' }, { key: 'evaluator', label: 'Evaluator' }, { key: 'tests', label: 'Tests', num: true },
    { key: 'mean', label: 'Quality', num: true, fmt: (v) => v.toFixed(2) }, { key: 'ci95_low', label: '95% low', num: true, fmt: (v) => v.toFixed(2) }, { key: 'ci95_high', label: '95% high', num: true, fmt: (v) => v.toFixed(2) }], d.quality, { title: 'Quality confidence per route (shadow tests)' }));
  page.append(table('shadows', [{ key: 'policy', label: 'Shadow policy' }, { key: 'requests', label: 'Requests', num: true }, { key: 'divergence', label: 'Divergence', num: true, fmt: pct },
    { key: 'projected_cost_usd', label: 'Projected cost', num: true, fmt: usd }, { key: 'actual_cost_usd', label: 'Actual cost', num: true, fmt: usd }], d.shadow_policies, { title: 'Shadow policies' }));
}

async function keys() {
  const d = await get('keys?since=' + since());
  const showRevoked = location.hash.includes('revoked=1');
  page.innerHTML = `<h2>Keys &amp; budgets <small>spend today and this month (UTC) against each key's budgets and limits</small></h2>
    <p><label><input type="checkbox" id="revoked" ${showRevoked ? 'checked' : ''}> show revoked keys</label></p>`;
  document.getElementById('revoked').addEventListener('change', (e) => { location.hash = e.target.checked ? 'keys?revoked=1' : 'keys'; });
  const budget = (spent, cap) => (cap > 0 ? `${usd(spent)} of ${limit(cap)} <span class="bar" title="${pct(spent / cap)}"><span style="width:${Math.min(100, (100 * spent) / cap).toFixed(0)}%"></span></span>` : `${usd(spent)} <span class="muted">no budget</span>`);
  const rows = d.keys.filter((k) => showRevoked || !k.revoked);
  page.append(table('keys', [{ key: 'name', label: 'Key' }, { key: 'id', label: 'Id' }, { key: 'team', label: 'Team' }, { key: 'tier', label: 'Tier' },
    { key: 'mode', label: 'Mode', fmt: (v) => v || 'default' },
    { key: 'rpm', label: 'RPM limit', num: true, fmt: (v) => (v ? num(v) : '∞') }, { key: 'tpm', label: 'TPM limit', num: true, fmt: (v) => (v ? num(v) : '∞') },
    { key: 'spent_today_usd', label: 'Today', num: true, html: (r) => budget(r.spent_today_usd, r.daily_usd) },
    { key: 'spent_month_usd', label: 'This month', num: true, html: (r) => budget(r.spent_month_usd, r.monthly_usd) },
    { key: 'revoked', label: 'State', fmt: (v) => (v ? 'revoked' : 'active') }], rows, { title: 'Virtual keys' }));
  page.append(table('teams', [{ key: 'team', label: 'Team' },
    { key: 'spent_today_usd', label: 'Today', num: true, html: (r) => budget(r.spent_today_usd, r.daily_usd) },
    { key: 'spent_month_usd', label: 'This month', num: true, html: (r) => budget(r.spent_month_usd, r.monthly_usd) }], d.teams,
  { title: 'Teams (budgets: the sum of their active keys\' budgets)' }));
}

async function render() {
  while (charts.length) charts.pop().destroy();
  const h = location.hash.slice(1) || 'overview';
  const [name, rest] = h.split(/[?/](.*)/s);
  document.querySelectorAll('nav a').forEach((a) => a.classList.toggle('active', a.dataset.page === (name === 'request' ? 'decisions' : name)));
  page.classList.add('loading');
  page.dataset.ready = '';
  try {
    if (name === 'routes') await routes();
    else if (name === 'decisions') await decisions(rest);
    else if (name === 'request') await request(decodeURIComponent(rest || ''));
    else if (name === 'observation') await observation();
    else if (name === 'keys') await keys();
    else await overview();
    page.dataset.ready = name;
  } catch (e) {
    page.innerHTML = `<div class="card bad" data-testid="error">${esc(e.message)}</div>`;
  } finally {
    page.classList.remove('loading');
  }
}

window.addEventListener('hashchange', render);
windowSelect.addEventListener('change', render);
document.getElementById('refresh').addEventListener('click', (e) => { e.preventDefault(); render(); });
render();
