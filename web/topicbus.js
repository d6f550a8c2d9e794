/**
 * topicbus.js: the TopicBus browser SDK (a plain ES module, no build step).
 *
 * It speaks the event bus bridge's JSON frames over sockjs-client (the global SockJS from
 * /webjars/sockjs-client/1.6.1/dist/sockjs.min.js, or options.SockJS) and hides the inbox and ack
 * plumbing:
 *
 *   import { TopicBus } from '/topicbus.js';
 *   const tb = new TopicBus('/eventbus', { token });
 *   const sub = await tb.subscribe('orders.#', { filter: 'payload.total > 100' }, msg => show(msg));
 *   const { offset } = await tb.publish('orders.eu.created', { total: 120 }, { key: 'c-1' });
 *
 * Guarantees:
 * - Reconnects by itself (exponential backoff) and re-subscribes each subscription with a fresh
 *   inbox from the timestamp of the last message its handler accepted, dropping (topic, offset)
 *   pairs it already handed over, so a reconnect loses nothing that is still retained.
 * - Auto-ack: a handler that returns (or resolves) acks; one that throws (or rejects) answers
 *   {"nack": true} and the broker retries.
 * - Failures reject with a TopicBusError carrying the SPEC code (400, 403, 404, 409, 413, 429, 503).
 * - Fails fast with 503 instead of buffering without bound: while disconnected at most
 *   `queueLimit` requests wait (each at most `connectWaitMs`) for the connection; and a breaker
 *   opens after `breakerFailures` 503s in a row (broker unreachable), refusing requests at once for
 *   `breakerResetMs`, then lets one trial request through and closes again when it succeeds.
 */

const DEFAULTS = {
  prefix: 'topicbus',
  token: null,
  SockJS: null,
  pingIntervalMs: 5000,
  requestTimeoutMs: 30000,
  reconnectMinMs: 500,
  reconnectMaxMs: 10000,
  queueLimit: 100,
  connectWaitMs: 2000,
  breakerFailures: 5,
  breakerResetMs: 5000,
  dedupLimit: 10000,
};

/** A failure with its SPEC code. */
export class TopicBusError extends Error {
  constructor(code, message, failureType) {
    super(message);
    this.name = 'TopicBusError';
    this.code = code;
    this.failureType = failureType || 'RECIPIENT_FAILURE';
  }
}

const unavailable = (message) => new TopicBusError(503, message);

function uuid() {
  if (globalThis.crypto && crypto.randomUUID) {
    return crypto.randomUUID();
  }
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Consecutive-failure breaker: closed -> open after `limit` 503s in a row; open -> half-open after
 * `resetMs`, where one request is let through; its success closes the breaker, its failure reopens it.
 */
class Breaker {
  constructor(limit, resetMs) {
    this.limit = limit;
    this.resetMs = resetMs;
    this.failures = 0;
    this.openedAt = 0;
    this.state = 'closed';
    this.trialInFlight = false;
  }

  /** Throws a 503 while requests must not be sent. */
  admit() {
    if (this.state === 'open') {
      if (Date.now() - this.openedAt < this.resetMs) {
        throw unavailable('broker unreachable (client circuit open)');
      }
      this.state = 'half-open';
    }
    if (this.state === 'half-open') {
      if (this.trialInFlight) {
        throw unavailable('broker unreachable (client circuit half-open, trial in flight)');
      }
      this.trialInFlight = true;
    }
  }

  record(error) {
    this.trialInFlight = false;
    if (error && error.code === 503) {
      this.failures++;
      if (this.state === 'half-open' || this.failures >= this.limit) {
        this.state = 'open';
        this.openedAt = Date.now();
      }
    } else {
      this.failures = 0;
      this.state = 'closed';
    }
  }
}

/** The (topic, offset) pairs a subscription has handed over, the most recent `limit` of them. */
class Handed {
  constructor(limit) {
    this.limit = limit;
    this.keys = new Set();
  }

  has(message) {
    return this.keys.has(`${message.topic}\u0000${message.offset}`);
  }

  add(message) {
    this.keys.add(`${message.topic}\u0000${message.offset}`);
    if (this.keys.size > this.limit) {
      this.keys.delete(this.keys.values().next().value);
    }
  }
}

/** A live subscription; survives reconnects (its inbox and server-side id change). */
class Subscription {
  constructor(bus, pattern, options, handler) {
    this.bus = bus;
    this.pattern = pattern;
    this.options = options;
    this.handler = handler;
    this.id = null;
    this.inbox = null;
    this.active = true;
    this.needsResume = false;
    this.lastTimestamp = null;
    this.since = null;
    this.handed = new Handed(bus.options.dedupLimit);
  }

  /** Where a re-subscribe starts: after the last accepted message, else from when it first subscribed. */
  resumeFrom() {
    if (this.lastTimestamp !== null) {
      return { timestamp: this.lastTimestamp };
    }
    if (this.since !== null) {
      return { timestamp: this.since };
    }
    return this.options.from;
  }

  async unsubscribe() {
    if (!this.active) {
      return;
    }
    this.active = false;
    await this.bus._end(this);
  }
}

export class TopicBus {
  /**
   * @param {string} url the bridge, e.g. '/eventbus' or 'https://host:8080/eventbus'
   * @param {object} options see DEFAULTS; `token` for http.authToken
   */
  constructor(url = '/eventbus', options = {}) {
    this.url = url;
    this.options = { ...DEFAULTS, ...options };
    this.state = 'connecting';
    this._listeners = { state: [], error: [] };
    this._pending = new Map();
    this._inboxes = new Map();
    this._subscriptions = new Set();
    this._waiting = [];
    this._breaker = new Breaker(this.options.breakerFailures, this.options.breakerResetMs);
    this._attempt = 0;
    this._closedByUser = false;
    this._connect();
  }

  /** `state` events get 'connecting' | 'open' | 'closed'; `error` events get a TopicBusError. */
  on(event, listener) {
    this._listeners[event].push(listener);
    return this;
  }

  publish(topic, payload, { key, headers, id } = {}) {
    const body = { topic, payload };
    if (key !== undefined) body.key = key;
    if (headers !== undefined) body.headers = headers;
    if (id !== undefined) body.id = id;
    return this.request(`${this.options.prefix}.publish`, body);
  }

  publishBatch(messages) {
    return this.request(`${this.options.prefix}.publishBatch`, { messages });
  }

  topics() {
    return this.request(`${this.options.prefix}.topics`, {});
  }

  read(topic, { from, limit } = {}) {
    const body = { topic };
    if (from !== undefined) body.from = from;
    if (limit !== undefined) body.limit = limit;
    return this.request(`${this.options.prefix}.read`, body);
  }

  /**
   * Subscribes `handler(message)` to `pattern`. options: filter, group, from ('latest' default,
   * 'earliest', {offset}, {timestamp}), and the other subscribe options of the SPEC (maxInFlight...).
   */
  async subscribe(pattern, options = {}, handler) {
    if (typeof options === 'function') {
      handler = options;
      options = {};
    }
    const sub = new Subscription(this, pattern, { ...options }, handler);
    this._subscriptions.add(sub);
    try {
      await this._activate(sub, options.from);
    } catch (e) {
      this._subscriptions.delete(sub);
      sub.active = false;
      throw e;
    }
    return sub;
  }

  /** Any request to a bridge address; resolves with the reply body, rejects with a TopicBusError. */
  request(address, body, headers) {
    try {
      this._breaker.admit();
    } catch (e) {
      return Promise.reject(e);
    }
    const counted = (promise) => promise.then(
      (reply) => { this._breaker.record(null); return reply; },
      (error) => { this._breaker.record(error); throw error; });
    if (this.state === 'open') {
      return counted(this._send(address, body, headers));
    }
    // Not connected: the breaker's trial slot (if any) must not stay taken by a request never sent.
    this._breaker.trialInFlight = false;
    return this._whenOpen().then(() => counted(this._send(address, body, headers)));
  }

  close() {
    this._closedByUser = true;
    clearTimeout(this._reconnectTimer);
    this._fail(unavailable('closed'));
    if (this._sock) {
      this._sock.close();
    }
    this._setState('closed');
  }

  // ---- connection ----

  _connect() {
    const SockJS = this.options.SockJS || globalThis.SockJS;
    const url = this.options.token
      ? `${this.url}${this.url.includes('?') ? '&' : '?'}token=${encodeURIComponent(this.options.token)}`
      : this.url;
    this._setState('connecting');
    let sock;
    try {
      sock = SockJS ? new SockJS(url) : new WebSocket(rawWebSocketUrl(url));
    } catch (e) {
      this._emit('error', new TopicBusError(500, `cannot connect: ${e.message}`));
      this._scheduleReconnect();
      return;
    }
    this._sock = sock;
    sock.onopen = () => this._opened();
    sock.onmessage = (event) => this._frame(event.data);
    sock.onclose = () => {
      if (this._sock === sock) {
        this._lost();
      }
    };
  }

  _opened() {
    this._attempt = 0;
    this._setState('open');
    this._ping = setInterval(() => this._write({ type: 'ping' }), this.options.pingIntervalMs);
    const waiting = this._waiting.splice(0);
    waiting.forEach((w) => { clearTimeout(w.timer); w.resolve(); });
    for (const sub of this._subscriptions) {
      if (sub.active && sub.needsResume) {
        sub.needsResume = false;
        this._activate(sub, sub.resumeFrom()).catch((e) => {
          // Not given up: the next reconnect tries again.
          sub.needsResume = true;
          this._emit('error', e);
        });
      }
    }
  }

  _lost() {
    clearInterval(this._ping);
    this._sock = null;
    // Requests in flight are lost with the socket; those not sent yet keep waiting (bounded) for the next one.
    this._failPending(unavailable('connection to the bridge lost'));
    for (const sub of this._subscriptions) {
      this._inboxes.delete(sub.inbox);
      // Only subscriptions that were made resume; one still being made fails with the 503 above.
      sub.needsResume = sub.id !== null || sub.needsResume;
      sub.inbox = null;
      sub.id = null;
    }
    if (this._closedByUser) {
      this._setState('closed');
      return;
    }
    this._scheduleReconnect();
  }

  _scheduleReconnect() {
    this._setState('connecting');
    const base = Math.min(this.options.reconnectMaxMs, this.options.reconnectMinMs * 2 ** this._attempt);
    this._attempt++;
    this._reconnectTimer = setTimeout(() => this._connect(), base / 2 + Math.random() * base / 2);
  }

  /** Resolves once open; rejects with 503 at once when too many wait, or after connectWaitMs. */
  _whenOpen() {
    if (this.state === 'open') {
      return Promise.resolve();
    }
    if (this._closedByUser) {
      return Promise.reject(unavailable('closed'));
    }
    if (this._waiting.length >= this.options.queueLimit) {
      return Promise.reject(unavailable('not connected (too many requests waiting)'));
    }
    return new Promise((resolve, reject) => {
      const entry = { resolve, reject };
      entry.timer = setTimeout(() => {
        this._waiting.splice(this._waiting.indexOf(entry), 1);
        reject(unavailable('not connected'));
      }, this.options.connectWaitMs);
      this._waiting.push(entry);
    });
  }

  /** Rejects every request in flight and every caller waiting for the connection. */
  _fail(error) {
    this._failPending(error);
    this._waiting.splice(0).forEach((w) => { clearTimeout(w.timer); w.reject(error); });
  }

  _failPending(error) {
    for (const [, pending] of this._pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this._pending.clear();
  }

  // ---- frames ----

  _send(address, body, headers) {
    return new Promise((resolve, reject) => {
      const replyAddress = uuid();
      const timer = setTimeout(() => {
        this._pending.delete(replyAddress);
        reject(unavailable(`no answer from ${address} within ${this.options.requestTimeoutMs} ms`));
      }, this.options.requestTimeoutMs);
      this._pending.set(replyAddress, { resolve, reject, timer });
      this._write({ type: 'send', address, body, headers: headers || {}, replyAddress });
    });
  }

  _write(frame) {
    if (this._sock && this.state === 'open') {
      this._sock.send(JSON.stringify(frame));
    }
  }

  _frame(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch (e) {
      this._emit('error', new TopicBusError(500, `unreadable frame from the bridge: ${String(data).slice(0, 80)}`));
      return;
    }
    const pending = this._pending.get(frame.address);
    if (pending) {
      this._pending.delete(frame.address);
      clearTimeout(pending.timer);
      if (frame.type === 'err') {
        pending.reject(new TopicBusError(frame.failureCode, frame.message, frame.failureType));
      } else {
        pending.resolve(frame.body);
      }
      return;
    }
    const sub = this._inboxes.get(frame.address);
    if (sub) {
      if (frame.type === 'err') {
        this._emit('error', new TopicBusError(frame.failureCode, frame.message, frame.failureType));
      } else {
        this._deliver(sub, frame);
      }
      return;
    }
    if (frame.type === 'err') {
      this._emit('error', new TopicBusError(frame.failureCode || 500, frame.message || frame.body, frame.failureType));
    }
  }

  _deliver(sub, frame) {
    const message = frame.body;
    const reply = (body) => {
      if (frame.replyAddress) {
        this._write({ type: 'send', address: frame.replyAddress, body, headers: {} });
      }
    };
    if (sub.handed.has(message)) {
      reply({});
      return;
    }
    Promise.resolve()
      .then(() => sub.handler(message))
      .then(() => {
        sub.handed.add(message);
        if (sub.lastTimestamp === null || message.timestamp > sub.lastTimestamp) {
          sub.lastTimestamp = message.timestamp;
        }
        reply({});
      }, () => reply({ nack: true }));
  }

  // ---- subscriptions ----

  async _activate(sub, from) {
    await this._whenOpen();
    const inbox = `${this.options.prefix}.client.${uuid()}`;
    sub.inbox = inbox;
    this._inboxes.set(inbox, sub);
    this._write({ type: 'register', address: inbox, headers: {} });
    const body = { ...sub.options, pattern: sub.pattern, address: inbox };
    if (from !== undefined && from !== null) {
      body.from = from;
    } else {
      delete body.from;
    }
    try {
      const reply = await this.request(`${this.options.prefix}.subscribe`, body);
      if (!sub.active || sub.inbox !== inbox) {
        this.request(`${this.options.prefix}.unsubscribe`, { subscriptionId: reply.subscriptionId }).catch(() => {});
        return;
      }
      sub.id = reply.subscriptionId;
      if (sub.since === null && typeof reply.since === 'number') {
        sub.since = reply.since;
      }
    } catch (e) {
      this._inboxes.delete(inbox);
      this._write({ type: 'unregister', address: inbox, headers: {} });
      throw e;
    }
  }

  async _end(sub) {
    this._subscriptions.delete(sub);
    const { id, inbox } = sub;
    this._inboxes.delete(inbox);
    if (this.state !== 'open' || !id) {
      return;
    }
    try {
      await this.request(`${this.options.prefix}.unsubscribe`, { subscriptionId: id });
    } finally {
      this._write({ type: 'unregister', address: inbox, headers: {} });
    }
  }

  // ---- events ----

  _setState(state) {
    if (this.state !== state) {
      this.state = state;
      this._emit('state', state);
    }
  }

  _emit(event, value) {
    for (const listener of this._listeners[event]) {
      try {
        listener(value);
      } catch (e) {
        // A listener's bug must not break the connection.
      }
    }
  }
}

/** ws(s)://host/eventbus/websocket for a SockJS URL, when no SockJS is loaded. */
function rawWebSocketUrl(url) {
  const base = globalThis.location ? globalThis.location.href : 'http://localhost/';
  const u = new URL(url, base);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.pathname = `${u.pathname.replace(/\/$/, '')}/websocket`;
  return u.toString();
}

export default TopicBus;
