// The TopicBus web console: listings over REST (polled), live data over the bridge (topicbus.js).
// All text from the server goes into the page through textContent, never as HTML.
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { TopicBus } from './topicbus.js';

const POLL_MS = 2000;
const CHART_POINTS = 150;
const TAIL_LIMIT = 300;
const LAG_GROWING_POLLS = 3;
const TOKEN_KEY = 'topicbus.token';

const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem(TOKEN_KEY) || localStorage.getItem(TOKEN_KEY);
let tokenAsked = null;
let tb = null;

// ---- REST, with the token asked for once when needed ----

async function api(path, options = {}) {
  const headers = { ...(options.headers || {}) };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  const response = await fetch(path, { ...options, headers });
  if (response.status === 401) {
    await askToken();
    return api(path, options);
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok && response.status !== 503) {
    const error = new Error((body.error && body.error.message) || response.statusText);
    error.code = response.status;
    throw error;
  }
  return { status: response.status, body };
}

function askToken() {
  if (!tokenAsked) {
    tokenAsked = new Promise((resolve) => {
      const dialog = $('token-dialog');
      dialog.addEventListener('close', () => {
        token = $('token-input').value.trim();
        localStorage.setItem(TOKEN_KEY, token);
        tokenAsked = null;
        resolve();
      }, { once: true });
      dialog.showModal();
    });
  }
  return tokenAsked;
}

// ---- small DOM helpers ----

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function row(cells, numeric = []) {
  const tr = document.createElement('tr');
  cells.forEach((value, i) => tr.appendChild(el('td', value, numeric.includes(i) ? 'num' : '')));
  return tr;
}

const fmt = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${fmt.format(n / 1024)} KiB`;
  return `${fmt.format(n / 1024 / 1024)} MiB`;
}

function setStatus(id, text, kind) {
  const node = $(id);
  node.textContent = text;
  node.dataset.kind = kind || '';
}

function describe(error) {
  return error && error.code ? `${error.code}: ${error.message}` : String(error && error.message || error);
}

// ---- alerts: the conditions of conf/alerts.yml, as the console sees them ----

const alerts = new Map();
function setAlert(key, text) {
  if (text) alerts.set(key, text); else alerts.delete(key);
}
function renderAlerts() {
  const box = $('alerts');
  box.replaceChildren(...[...alerts.values()].map((t) => el('div', t, 'alert')));
  box.hidden = alerts.size === 0;
}

// ---- topics, subscriptions, health: polled ----

let previousTopics = null;
let previousDelivered = null;
let previousAt = 0;
const lagHistory = new Map();
const deadLetteredSeen = new Map();
const chartData = [[], [], []];
let chart = null;

async function poll() {
  const now = Date.now();
  try {
    const [topics, subscriptions, health] = await Promise.all([
      api('/api/topics'), api('/api/subscriptions'), api('/health')]);
    const seconds = previousAt ? (now - previousAt) / 1000 : 0;
    renderTopics(topics.body.topics || [], seconds);
    renderSubscriptions(subscriptions.body.subscriptions || [], seconds);
    renderHealth(health.status, health.body);
    setAlert('poll', topics.status === 503 ? `Broker unreachable: ${topics.body.error && topics.body.error.message}` : null);
    previousAt = now;
  } catch (e) {
    setAlert('poll', `Cannot read the listings: ${describe(e)}`);
  }
  renderAlerts();
}

function renderTopics(topics, seconds) {
  const tbody = $('topics').tBodies[0];
  let published = 0;
  const next = new Map(topics.map((t) => [t.name, t.nextOffset]));
  const rows = topics.map((t) => {
    const before = previousTopics && previousTopics.get(t.name);
    const rate = seconds > 0 && before !== undefined ? (t.nextOffset - before) / seconds : 0;
    published += Math.max(0, rate);
    const tr = row([t.name, t.messages, t.firstOffset, t.nextOffset, bytes(t.bytes), fmt.format(rate)], [1, 2, 3, 4, 5]);
    if (t.corrupt) {
      tr.classList.add('bad');
      tr.cells[0].appendChild(el('span', 'corrupt', 'badge bad'));
    }
    if (t.name.startsWith('dlq.') && t.messages > 0) tr.classList.add('warn');
    return tr;
  });
  tbody.replaceChildren(...rows);
  $('topics-count').textContent = topics.length ? String(topics.length) : '';
  $('topics-empty').hidden = topics.length > 0;
  const corrupt = topics.filter((t) => t.corrupt).map((t) => t.name);
  setAlert('corrupt', corrupt.length ? `Storage corrupt: ${corrupt.join(', ')}` : null);
  if (previousTopics && seconds > 0) pushChart('published', published);
  previousTopics = next;
}

function renderSubscriptions(subs, seconds) {
  const tbody = $('subscriptions').tBodies[0];
  let delivered = 0;
  const growing = [];
  const dead = [];
  const open = [];
  const rows = subs.map((s) => {
    delivered += s.delivered;
    const history = [...(lagHistory.get(s.subscriptionId) || []), s.pending].slice(-(LAG_GROWING_POLLS + 1));
    lagHistory.set(s.subscriptionId, history);
    const isGrowing = history.length > LAG_GROWING_POLLS && history.every((v, i) => i === 0 || v > history[i - 1]);
    const seen = deadLetteredSeen.get(s.subscriptionId);
    const newDead = seen !== undefined && s.deadLettered > seen;
    deadLetteredSeen.set(s.subscriptionId, s.deadLettered);
    const circuit = s.circuit || '';
    const tr = row([s.subscriptionId, s.pattern, s.filter || '', s.group || '', s.pending, s.inFlight, s.delivered,
      s.redelivered, s.deadLettered, circuit], [4, 5, 6, 7, 8]);
    tr.cells[2].classList.add('code');
    if (isGrowing) { tr.cells[4].classList.add('warn'); growing.push(s.subscriptionId); }
    if (s.deadLettered > 0) tr.cells[8].classList.add(newDead ? 'bad' : 'warn');
    if (newDead) dead.push(`${s.group || s.subscriptionId} (+${s.deadLettered - seen})`);
    if (circuit === 'open') { tr.cells[9].classList.add('bad'); open.push(s.group || s.subscriptionId); }
    if (circuit === 'half-open') tr.cells[9].classList.add('warn');
    return tr;
  });
  tbody.replaceChildren(...rows);
  $('subs-count').textContent = subs.length ? String(subs.length) : '';
  $('subs-empty').hidden = subs.length > 0;
  setAlert('lag', growing.length ? `Lag growing: ${growing.join(', ')}` : null);
  setAlert('dead', dead.length ? `New dead letters: ${dead.join(', ')}` : null);
  setAlert('circuit', open.length ? `Circuit open: ${open.join(', ')}` : null);
  if (previousDelivered !== null && seconds > 0) pushChart('delivered', Math.max(0, (delivered - previousDelivered) / seconds));
  previousDelivered = delivered;
}

function renderHealth(status, report) {
  if (status === 200) {
    setAlert('health', null);
    return;
  }
  const down = (report.checks || []).filter((c) => c.status !== 'UP')
    .map((c) => `${c.id}${c.data && c.data.reason ? ` (${c.data.reason})` : ''}`);
  setAlert('health', `Health DOWN: ${down.join(', ') || 'not ready'}`);
}

// ---- throughput chart ----

const pendingPoint = {};
function pushChart(series, value) {
  pendingPoint[series] = value;
  if (pendingPoint.published === undefined || pendingPoint.delivered === undefined) return;
  chartData[0].push(Date.now() / 1000);
  chartData[1].push(pendingPoint.published);
  chartData[2].push(pendingPoint.delivered);
  delete pendingPoint.published;
  delete pendingPoint.delivered;
  for (const s of chartData) if (s.length > CHART_POINTS) s.shift();
  if (chart) chart.setData(chartData);
}

function makeChart() {
  const box = $('chart');
  chart = new uPlot({
    width: Math.max(280, box.clientWidth),
    height: 180,
    legend: { show: false },
    scales: { y: { range: (u, min, max) => [0, Math.max(1, max * 1.2)] } },
    axes: [{ stroke: '#8a93a6', grid: { stroke: '#e6e9ef' } }, { stroke: '#8a93a6', grid: { stroke: '#e6e9ef' }, size: 48 }],
    series: [{}, { label: 'published/s', stroke: '#2f6fdf', width: 2, fill: 'rgba(47,111,223,0.08)' },
      { label: 'delivered/s', stroke: '#17a673', width: 2 }],
  }, chartData, box);
  new ResizeObserver(() => chart.setSize({ width: Math.max(280, box.clientWidth), height: 180 })).observe(box);
}

// ---- live tail ----

let tail = null;
let paused = false;
let held = [];
let tailCount = 0;

async function toggleTail(event) {
  event.preventDefault();
  if (tail) {
    const ending = tail;
    tail = null;
    $('tail-start').textContent = 'Start';
    $('tail-pause').disabled = true;
    setStatus('tail-status', 'Stopped.');
    await ending.unsubscribe().catch(() => {});
    return;
  }
  const pattern = $('tail-pattern').value.trim();
  const filter = $('tail-filter').value.trim();
  setStatus('tail-status', 'Subscribing…');
  try {
    tail = await tb.subscribe(pattern, filter ? { filter } : {}, (message) => {
      tailCount++;
      $('tail-count').textContent = String(tailCount);
      if (paused) held.push(message); else showTailItem(message);
    });
    $('tail-start').textContent = 'Stop';
    $('tail-pause').disabled = false;
    setStatus('tail-status', `Tailing ${pattern}${filter ? ` where ${filter}` : ''}`, 'ok');
  } catch (e) {
    setStatus('tail-status', describe(e), 'bad');
  }
}

function showTailItem(message) {
  const item = el('li', null, 'tail-item');
  item.dataset.topic = message.topic;
  item.dataset.offset = message.offset;
  const head = el('div', null, 'tail-head');
  head.append(el('span', new Date(message.timestamp).toLocaleTimeString(), 'time'),
    el('span', message.topic, 'topic'), el('span', `#${message.offset}`, 'offset'));
  if (message.key) head.appendChild(el('span', `key ${message.key}`, 'key'));
  if (message.headers && Object.keys(message.headers).length) head.appendChild(el('span', JSON.stringify(message.headers), 'hdrs'));
  const pretty = $('tail-pretty').checked;
  item.append(head, el('pre', JSON.stringify(message.payload, null, pretty ? 2 : 0), 'payload'));
  const list = $('tail-list');
  list.prepend(item);
  while (list.children.length > TAIL_LIMIT) list.lastElementChild.remove();
}

function togglePause() {
  paused = !paused;
  $('tail-pause').textContent = paused ? `Resume` : 'Pause';
  if (!paused) {
    held.splice(0).forEach(showTailItem);
    setStatus('tail-status', 'Resumed.', 'ok');
  } else {
    setStatus('tail-status', 'Paused: new messages are held until you resume.');
  }
}

function clearTail() {
  $('tail-list').replaceChildren();
  held = [];
  tailCount = 0;
  $('tail-count').textContent = '';
}

// ---- publish form ----

function parseJson(text, what, optional) {
  if (!text.trim()) {
    if (optional) return undefined;
    throw new Error(`${what}: required`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${what}: not valid JSON (${e.message})`);
  }
}

async function publish(event) {
  event.preventDefault();
  try {
    const payload = parseJson($('pub-payload').value, 'payload', false);
    const headers = parseJson($('pub-headers').value, 'headers', true);
    if (headers !== undefined && (headers === null || typeof headers !== 'object' || Array.isArray(headers))) {
      throw new Error('headers: expected a JSON object');
    }
    const key = $('pub-key').value.trim() || undefined;
    const reply = await tb.publish($('pub-topic').value.trim(), payload, { key, headers });
    setStatus('pub-result', `Stored on ${reply.topic} at offset ${reply.offset}${reply.duplicate ? ' (duplicate id)' : ''}`, 'ok');
  } catch (e) {
    setStatus('pub-result', describe(e), 'bad');
  }
}

// ---- inventory ----

const stock = new Map();

function renderInventory() {
  const tbody = $('inventory').tBodies[0];
  const rows = [...stock.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([sku, item]) => {
    const tr = row([sku, item.available, ''], [1]);
    tr.dataset.sku = sku;
    if (item.low) tr.classList.add('warn');
    const controls = tr.cells[2];
    controls.className = 'controls';
    for (const [label, op] of [['−1', 'remove'], ['+1', 'add']]) {
      const button = el('button', label);
      button.type = 'button';
      button.title = `${op} 1`;
      button.addEventListener('click', () => changeStock(op, sku, 1));
      controls.appendChild(button);
    }
    return tr;
  });
  tbody.replaceChildren(...rows);
  $('inv-count').textContent = stock.size ? String(stock.size) : '';
}

function setStock(sku, available, low) {
  const item = stock.get(sku) || {};
  item.available = available;
  if (low !== undefined) item.low = low;
  stock.set(sku, item);
  renderInventory();
}

async function changeStock(op, sku, qty) {
  try {
    const reply = await tb.request(`inventory.${op}`, { sku, qty });
    setStock(reply.sku, reply.available);
    setStatus('inv-result', `${reply.sku}: ${reply.available} available`, 'ok');
  } catch (e) {
    setStatus('inv-result', describe(e), 'bad');
  }
}

async function startInventory() {
  try {
    await tb.subscribe('inventory.#', {}, (message) => {
      const event = message.payload || {};
      if (message.topic.endsWith('.changed')) {
        const threshold = stock.get(event.sku) && stock.get(event.sku).threshold;
        setStock(event.sku, event.available, threshold !== undefined ? event.available < threshold : undefined);
      } else if (message.topic.endsWith('.low')) {
        const item = stock.get(event.sku) || { available: event.available };
        item.low = true;
        item.threshold = event.threshold;
        stock.set(event.sku, item);
        renderInventory();
      }
    });
    const list = await tb.request('inventory.list', {});
    for (const item of list.items || []) {
      if (!stock.has(item.sku)) stock.set(item.sku, { available: item.available });
    }
    renderInventory();
  } catch (e) {
    setStatus('inv-result', `Inventory: ${describe(e)}`, 'bad');
  }
}

function submitStock(op) {
  const sku = $('inv-sku').value.trim();
  const qty = Number($('inv-qty').value);
  if (!sku) {
    setStatus('inv-result', 'sku: required', 'bad');
    return;
  }
  changeStock(op, sku, qty);
}

// ---- start ----

function showConnection(state) {
  $('conn').dataset.state = state;
  $('conn-state').textContent = state === 'open' ? 'connected' : state;
}

async function start() {
  makeChart();
  $('tail-form').addEventListener('submit', toggleTail);
  $('tail-pause').addEventListener('click', togglePause);
  $('tail-clear').addEventListener('click', clearTail);
  $('publish-form').addEventListener('submit', publish);
  $('inv-form').addEventListener('submit', (e) => { e.preventDefault(); submitStock('add'); });
  $('inv-remove').addEventListener('click', () => submitStock('remove'));
  // The first REST call tells whether a token is needed before the bridge is opened with it.
  await poll();
  tb = new TopicBus('/eventbus', { token });
  tb.on('state', showConnection);
  tb.on('error', (e) => setStatus('tail-status', describe(e), 'bad'));
  startInventory();
  setInterval(poll, POLL_MS);
}

start();
