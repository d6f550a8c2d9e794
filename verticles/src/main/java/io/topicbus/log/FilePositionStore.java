package io.topicbus.log;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Committed group positions, as the memory store keeps them (a position never moves backwards), saved to
 * {@code <storage.dir>/groups.json} as {@code {"version":1,"groups":{group:{topic:offset}}}}. A save writes
 * a temporary file, fsyncs it and renames it over the old one, so the file is always one whole version.
 *
 * <p>Saves happen about every second (the store's timer, off the event loop) and on close, not on each
 * commit: after a crash a group resumes from its last saved position and may receive again up to about a
 * second of messages it had already finished. Delivery is at-least-once, never a gap.
 */
final class FilePositionStore extends MemoryPositionStore {

  static final String FILE = "groups.json";

  private final Path file;
  private final AtomicLong commits = new AtomicLong();
  private long saved;

  FilePositionStore(Path dir) {
    this.file = dir.resolve(FILE);
  }

  @Override
  public void commit(String group, String topic, long offset) {
    super.commit(group, topic, offset);
    commits.incrementAndGet();
  }

  /** Loads the saved positions (none when there is no file yet). */
  void load() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return;
    }
    JsonObject groups = new JsonObject(new String(bytes, StandardCharsets.UTF_8))
        .getJsonObject("groups", new JsonObject());
    for (String group : groups.fieldNames()) {
      JsonObject byTopic = groups.getJsonObject(group);
      for (String topic : byTopic.fieldNames()) {
        super.commit(group, topic, byTopic.getLong(topic));
      }
    }
  }

  /** Saves the positions if anything was committed since the last save. Blocking: off the event loop. */
  synchronized void flush() throws IOException {
    // Read the count before the map: a commit counted after this read is saved by the next flush.
    long seen = commits.get();
    if (seen == saved && Files.exists(file)) {
      return;
    }
    JsonObject groups = new JsonObject();
    for (Map.Entry<String, Map<String, Long>> group : positions.entrySet()) {
      JsonObject byTopic = new JsonObject();
      group.getValue().forEach(byTopic::put);
      groups.put(group.getKey(), byTopic);
    }
    byte[] bytes = new JsonObject().put("version", 1).put("groups", groups).toBuffer().getBytes();
    Path temp = file.resolveSibling(FILE + ".tmp");
    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    DirectorySync.force(file.getParent());
    saved = seen;
  }
}
