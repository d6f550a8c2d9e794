package io.topicbus.broker;

import io.topicbus.log.TopicLog;
import io.topicbus.topic.TopicName;

/** What the broker keeps per topic besides its log: the split name for matching, the dedup window. */
final class TopicState {

  final TopicLog log;
  final String[] segments;
  final Dedup dedup;

  TopicState(TopicLog log, long dedupWindowMs) {
    this.log = log;
    this.segments = TopicName.segments(log.topic());
    this.dedup = new Dedup(dedupWindowMs);
  }
}
