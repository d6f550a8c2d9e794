package io.topicbus.broker;

import io.topicbus.log.Record;

/**
 * One message on its way to a member: read from a cursor, maybe filtered, sent, retried, until it
 * is finished (acked, dead-lettered or filtered out). Worker thread only.
 */
final class Delivery {

  final Record record;
  final Cursor cursor;
  /** Deliveries made so far (NO_HANDLERS attempts are not counted). */
  int attempt;
  boolean filterChecked;
  /** The member it is out with, or null while waiting to be (re)dispatched. */
  Subscription member;
  long retryTimer = -1;

  Delivery(Record record, Cursor cursor) {
    this.record = record;
    this.cursor = cursor;
  }
}
