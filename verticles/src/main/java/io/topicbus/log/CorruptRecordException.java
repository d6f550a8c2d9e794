package io.topicbus.log;

/** A record failed its checksum: it is never served. Maps to 500 naming the topic and offset. */
public final class CorruptRecordException extends StorageException {

  private final String topic;
  private final long offset;

  public CorruptRecordException(String topic, long offset) {
    super("corrupt record in topic " + topic + " at offset " + offset);
    this.topic = topic;
    this.offset = offset;
  }

  public String topic() {
    return topic;
  }

  public long offset() {
    return offset;
  }
}
