// Run by io.topicbus.web.NodeClientsTest: web/topicbus.js (the browser SDK) over sockjs-client in Node.
// Usage: node --experimental-detect-module sdk.mjs http://127.0.0.1:PORT http://127.0.0.1:PORT_WITHOUT_BROKER
// Halfway it prints DEPLOY_BROKER and waits for a line on stdin: the JUnit side then starts a broker
// behind the second server, so the client-side breaker can be seen to recover by itself.
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { TopicBus } from '../../../../web/topicbus.js';
import { check, done, fail, waitFor } from './checks.mjs';

const require = createRequire(import.meta.url);
const SockJS = require('sockjs-client');
const [base, noBroker] = process.argv.slice(2);
const stdin = createInterface({ input: process.stdin });
const nextLine = () => new Promise((resolve) => stdin.once('line', resolve));

const codeOf = async (promise) => {
  try {
    await promise;
    return 'no error';
  } catch (e) {
    return e.code;
  }
};

async function main() {
  const tb = new TopicBus(`${base}/eventbus`, { SockJS, reconnectMinMs: 100, reconnectMaxMs: 400 });
  const states = [];
  tb.on('state', (s) => states.push(s));
  await waitFor(() => tb.state === 'open', 5000, 'the connection');

  // subscribe with a filter, publish with key and headers
  const got = [];
  await tb.subscribe('orders.#', { filter: 'payload.total > 100' }, (m) => { got.push(m); });
  const published = await tb.publish('orders.eu.created', { total: 150 }, { key: 'c-1', headers: { type: 'OrderPlaced' } });
  check('publish resolves with the offset', published.offset === 0 && published.topic === 'orders.eu.created',
    JSON.stringify(published));
  await tb.publish('orders.eu.created', { total: 5 });
  await waitFor(() => got.length === 1, 5000, 'the matching delivery');
  check('the handler gets the matching message with key and headers',
    got[0].payload.total === 150 && got[0].key === 'c-1' && got[0].headers.type === 'OrderPlaced', JSON.stringify(got[0]));

  // errors carry their SPEC codes
  check('a system topic is a 403', await codeOf(tb.publish('dlq.x', 1)) === 403);
  check('an invalid topic is a 400', await codeOf(tb.publish('orders..x', 1)) === 400);
  check('a bad filter is a 400', await codeOf(tb.subscribe('orders.#', { filter: 'payload.total >' }, () => {})) === 400);

  // a throwing handler nacks; the redelivery is accepted
  const attempts = [];
  await tb.subscribe('chat.#', {}, (m) => {
    attempts.push(m.attempt);
    if (attempts.length === 1) {
      throw new Error('not yet');
    }
  });
  await tb.publish('chat.room', 'hello');
  await waitFor(() => attempts.length === 2, 5000, 'the redelivery');
  check('a throwing handler nacks and the message comes again', attempts[0] === 1 && attempts[1] === 2,
    JSON.stringify(attempts));

  // reconnect: re-subscribe from the last accepted message, nothing lost, nothing handed over twice
  tb._sock.close();
  await waitFor(() => tb.state !== 'open', 5000, 'the drop');
  const whileAway = await fetch(`${base}/api/topics/orders.eu.created/messages`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ payload: { total: 200 } }),
  });
  check('a message is published over REST while the SDK is away', whileAway.status === 201);
  await waitFor(() => tb.state === 'open', 5000, 'the reconnect');
  await waitFor(() => got.length >= 2, 5000, 'the message published while away');
  await new Promise((r) => setTimeout(r, 500));
  check('after the reconnect the missed message arrives and none is handed over twice',
    got.length === 2 && got[1].payload.total === 200, JSON.stringify(got.map((m) => [m.topic, m.offset])));
  check('the state went connecting then open again', states.includes('connecting') && states.at(-1) === 'open',
    JSON.stringify(states));
  tb.close();

  // disconnected: a bounded wait, then 503; beyond the queue, 503 at once
  const dead = new TopicBus('http://127.0.0.1:9/eventbus', { SockJS, connectWaitMs: 300, queueLimit: 2 });
  const started = Date.now();
  const waiting = [dead.publish('orders.a', 1), dead.publish('orders.a', 2)];
  const overflow = await codeOf(dead.publish('orders.a', 3));
  check('beyond the queue limit a request fails at once with 503', overflow === 503 && Date.now() - started < 100);
  const codes = await Promise.all(waiting.map(codeOf));
  check('queued requests fail with 503 after connectWaitMs', codes.every((c) => c === 503) && Date.now() - started >= 290,
    JSON.stringify(codes));
  dead.close();

  // the client-side breaker: fail fast while the broker is unreachable, recover by itself
  const nb = new TopicBus(`${noBroker}/eventbus`, { SockJS, breakerFailures: 3, breakerResetMs: 500 });
  await waitFor(() => nb.state === 'open', 5000, 'the second connection');
  for (let i = 0; i < 3; i++) {
    check(`broker unreachable: 503 (${i + 1})`, await codeOf(nb.publish('orders.a', i)) === 503);
  }
  const t0 = Date.now();
  let message = '';
  try {
    await nb.publish('orders.a', 'x');
  } catch (e) {
    message = `${e.code} ${e.message}`;
  }
  check('then the breaker fails fast without asking', message.startsWith('503') && message.includes('circuit open')
    && Date.now() - t0 < 50, message);
  console.log('DEPLOY_BROKER');
  await nextLine();
  await new Promise((r) => setTimeout(r, 600));
  const recovered = await nb.publish('orders.a', 'back');
  check('after the reset time a trial goes through and the breaker closes', recovered.offset === 0, JSON.stringify(recovered));
  check('and requests flow again', (await nb.publish('orders.a', 'again')).offset === 1);
  nb.close();
  stdin.close();
  done('sdk');
}

main().catch(fail);
setTimeout(() => fail(new Error('timed out')), 60000).unref();
