// Run by io.topicbus.web.NodeClientsTest: the official @vertx/eventbus-bridge-client.js, unchanged,
// against a live TopicBus bridge. Usage: node official-client.mjs http://127.0.0.1:PORT
import { createRequire } from 'node:module';
import { check, done, fail, waitFor } from './checks.mjs';

const require = createRequire(import.meta.url);
const EventBus = require('@vertx/eventbus-bridge-client.js');

const base = process.argv[2];
const eb = new EventBus(`${base}/eventbus`);
eb.enableReconnect(false);
const errors = [];
eb.onerror = (e) => errors.push(e);

const call = (address, body) => new Promise((resolve) =>
  eb.send(address, body, (err, reply) => resolve({ err, reply })));

eb.onopen = async () => {
  try {
    const inbox = `topicbus.client.${crypto.randomUUID()}`;
    const delivered = [];
    eb.registerHandler(inbox, (err, msg) => {
      if (err) {
        delivered.push({ err });
        return;
      }
      delivered.push(msg.body);
      msg.reply({});
    });
    const subscribed = await call('topicbus.subscribe',
      { pattern: 'orders.#', address: inbox, filter: 'payload.total > 100' });
    check('subscribe answers with a subscription id', !subscribed.err && subscribed.reply.body.subscriptionId,
      JSON.stringify(subscribed));

    const small = await call('topicbus.publish', { topic: 'orders.eu.created', payload: { total: 5 } });
    const big = await call('topicbus.publish', { topic: 'orders.eu.created', payload: { total: 150 } });
    check('publish answers with the offset', !big.err && big.reply.body.offset === 1 && small.reply.body.offset === 0,
      JSON.stringify(big));

    await waitFor(() => delivered.length >= 1, 5000, 'a delivery');
    check('the matching message is delivered to the inbox', delivered[0].payload && delivered[0].payload.total === 150,
      JSON.stringify(delivered));
    await new Promise((r) => setTimeout(r, 500));
    check('the filtered-out message is not delivered, and the reply acked (no redelivery)', delivered.length === 1,
      JSON.stringify(delivered));

    const forbidden = await call('topicbus.subscriptions', {});
    check('a forbidden send gets its 403 in the callback', forbidden.err && forbidden.err.failureCode === 403,
      JSON.stringify(forbidden));

    const system = await call('topicbus.publish', { topic: 'dlq.x', payload: 1 });
    check('a system topic publish gets 403 in the callback', system.err && system.err.failureCode === 403,
      JSON.stringify(system));

    const registerErrors = [];
    eb.registerHandler('topicbus.publish', (err) => registerErrors.push(err));
    await waitFor(() => registerErrors.length === 1, 5000, 'the register refusal');
    check('a forbidden register reaches its handler as a 403', registerErrors[0] && registerErrors[0].failureCode === 403,
      JSON.stringify(registerErrors));

    const invalid = await call('topicbus.subscribe', { pattern: 'orders.#', address: inbox, filter: 'payload.total >' });
    check('a bad filter gets its 400 in the callback', invalid.err && invalid.err.failureCode === 400,
      JSON.stringify(invalid));

    check('no address-less error frames were needed', errors.length === 0, JSON.stringify(errors));
    eb.close();
    done('official client');
  } catch (e) {
    fail(e);
  }
};
setTimeout(() => fail(new Error('timed out')), 30000).unref();
