package io.topicbus.log;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Crash recovery of one topic directory: the named step {@link FileLogStore#open()} takes for each topic
 * before anything reads or writes it.
 *
 * <ul>
 *   <li>The last (active) segment is scanned batch by batch, checksums included. The log ends after the
 *       last good batch: a torn or garbage tail after it (an append a crash interrupted, never
 *       acknowledged) is truncated and the truncation logged with topic, offset and bytes dropped. A batch
 *       that fails its checksum but is followed by good batches is not a tail: it is damage in the middle
 *       of acknowledged data, so it is kept in place (never served), the topic is marked corrupt, and
 *       nothing after it is lost. Stepping over it needs its header (length, offsets) intact: a damaged
 *       header ends the log there, exactly as a torn write would.</li>
 *   <li>Older (sealed) segments are not scanned: their indexes are trusted when they are well formed and
 *       their last entry names the segment's last batch, which must end exactly at the end of the file and
 *       continue into the next segment's base offset. Otherwise the segment is scanned and its indexes
 *       rebuilt (logged). This keeps opening a large topic down to reading its small index files and its
 *       active segment.</li>
 *   <li>The active segment's indexes are always rebuilt from its scan, so missing or damaged ones cost
 *       nothing extra.</li>
 * </ul>
 * Offsets of acknowledged records are never reused: those records sit before the last good batch.
 */
final class Recovery {

  private static final Logger LOG = Logger.getLogger(Recovery.class.getName());

  /** What a topic's directory holds after recovery. */
  record Result(List<Segment> segments, long nextOffset, long lastTimestamp, boolean corrupt) {
  }

  /** A batch that failed its checksum during a scan, held back until we know whether it is a tail. */
  private record Suspect(long baseOffset, long nextOffset, int length, int position) {
  }

  private final String topic;
  private final Path dir;
  private final ChannelOpener opener;
  private boolean corrupt;

  private Recovery(String topic, Path dir, ChannelOpener opener) {
    this.topic = topic;
    this.dir = dir;
    this.opener = opener;
  }

  static Result recover(String topic, Path dir, ChannelOpener opener) throws IOException {
    return new Recovery(topic, dir, opener).run();
  }

  private Result run() throws IOException {
    List<Long> bases = segmentBases();
    List<Segment> segments = new ArrayList<>(bases.size());
    try {
      for (int i = 0; i < bases.size(); i++) {
        Segment segment = Segment.open(dir, bases.get(i), opener);
        segments.add(segment);
        if (i < bases.size() - 1) {
          recoverSealed(segment, bases.get(i + 1));
        } else {
          recoverActive(segment);
        }
      }
    } catch (IOException | RuntimeException e) {
      for (Segment segment : segments) {
        segment.close();
      }
      throw e;
    }
    long nextOffset = segments.isEmpty() ? 0 : segments.get(segments.size() - 1).readableNextOffset();
    long lastTimestamp = -1;
    for (Segment segment : segments) {
      lastTimestamp = Math.max(lastTimestamp, segment.maxTimestamp());
    }
    return new Result(segments, nextOffset, lastTimestamp, corrupt);
  }

  /** Base offsets of the segment files, in order; index files without a segment are leftovers and go. */
  private List<Long> segmentBases() throws IOException {
    List<Long> bases = new ArrayList<>();
    List<Path> indexes = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.endsWith(Segment.LOG_SUFFIX)) {
          Long base = baseOffsetOf(name, Segment.LOG_SUFFIX);
          if (base != null) {
            bases.add(base);
          }
        } else if (name.endsWith(OffsetIndex.SUFFIX) || name.endsWith(TimeIndex.SUFFIX)) {
          indexes.add(file);
        }
      }
    }
    bases.sort(null);
    for (Path index : indexes) {
      String name = index.getFileName().toString();
      Long base = baseOffsetOf(name, name.endsWith(OffsetIndex.SUFFIX) ? OffsetIndex.SUFFIX : TimeIndex.SUFFIX);
      if (base == null || !bases.contains(base)) {
        Files.deleteIfExists(index);
      }
    }
    return bases;
  }

  private static Long baseOffsetOf(String name, String suffix) {
    String digits = name.substring(0, name.length() - suffix.length());
    if (digits.length() != 20 || !digits.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Long.parseLong(digits);
  }

  private void recoverSealed(Segment segment, long nextBase) throws IOException {
    long size = segment.fileSize();
    if (segment.offsetIndex().load() && segment.timeIndex().load() && restoreFromIndexes(segment, size, nextBase)) {
      return;
    }
    LOG.info(() -> "topic " + topic + ": rebuilding the indexes of " + segment.logPath().getFileName()
        + " (missing or inconsistent)");
    Scan scan = scan(segment, size);
    if (scan.end < size && scan.nextOffset == nextBase) {
      segment.truncateFile(scan.end);
      LOG.warning(() -> "topic " + topic + ": " + (size - scan.end) + " bytes of garbage after offset "
          + (nextBase - 1) + " in " + segment.logPath().getFileName() + " dropped");
    } else if (scan.nextOffset != nextBase) {
      corrupt = true;
      LOG.severe(() -> "topic " + topic + ": segment " + segment.logPath().getFileName() + " is damaged at offset "
          + scan.nextOffset + " (the next segment starts at " + nextBase + "); offsets " + scan.nextOffset + ".."
          + (nextBase - 1) + " cannot be served");
    }
    segment.endRebuild(true);
  }

  /**
   * Whether the loaded indexes describe the segment: the last offset entry is a good batch that ends at
   * the end of the file and continues at the next segment's base; the time index ends on the same batch.
   */
  private static boolean restoreFromIndexes(Segment segment, long size, long nextBase) throws IOException {
    OffsetIndex offsets = segment.offsetIndex();
    int entries = offsets.size();
    if (entries == 0 || offsets.positionAt(entries - 1) >= size) {
      return false;
    }
    int position = offsets.positionAt(entries - 1);
    BatchReader reader = new BatchReader(segment, position, size, BatchReader.READ_BUFFER);
    RecordBatch last = reader.next();
    boolean consistent = last != null
        && last.baseOffset() == offsets.offsetAt(entries - 1)
        && reader.atLimit()
        && last.nextOffset() == nextBase
        && last.checksumValid()
        && segment.timeIndex().lastOffset() == last.baseOffset()
        && segment.timeIndex().lastTimestamp() == last.timestamp();
    if (consistent) {
      segment.restoreSealed(last, position);
    }
    return consistent;
  }

  private void recoverActive(Segment segment) throws IOException {
    long size = segment.fileSize();
    Scan scan = scan(segment, size);
    if (scan.end < size) {
      segment.truncateFile(scan.end);
      LOG.warning(() -> "topic " + topic + ": truncated a torn tail at offset " + scan.nextOffset + ", "
          + (size - scan.end) + " bytes dropped from " + segment.logPath().getFileName());
    }
    segment.endRebuild(false);
  }

  /** Where a scan found the good batches to end, and the offset after them. */
  private record Scan(long end, long nextOffset) {
  }

  /**
   * Reads the segment batch by batch from its start, rebuilding its indexes in memory, until the bytes
   * stop being a chain of batches with consecutive offsets. Checksum failures followed by a good batch are
   * kept (and reported); checksum failures at the end are the tail.
   */
  private Scan scan(Segment segment, long size) throws IOException {
    segment.beginRebuild();
    BatchReader reader = new BatchReader(segment, 0, size, BatchReader.SCAN_BUFFER);
    List<Suspect> suspects = new ArrayList<>();
    long expected = segment.baseOffset();
    long goodEnd = 0;
    long goodNext = expected;
    long position = 0;
    RecordBatch batch;
    while ((batch = reader.next()) != null && batch.baseOffset() == expected) {
      if (batch.checksumValid()) {
        for (Suspect suspect : suspects) {
          // Its own timestamp is not trustworthy: the previous batch's keeps the time index ordered.
          segment.rebuildWith(suspect.baseOffset, suspect.nextOffset, Math.max(0, segment.lastBatchTimestamp()),
              suspect.length, suspect.position);
        }
        reportDamage(suspects);
        suspects.clear();
        segment.rebuildWith(batch.baseOffset(), batch.nextOffset(), batch.timestamp(), batch.sizeInBytes(),
            (int) position);
        goodEnd = reader.position();
        goodNext = batch.nextOffset();
      } else {
        suspects.add(new Suspect(batch.baseOffset(), batch.nextOffset(), batch.sizeInBytes(), (int) position));
      }
      expected = batch.nextOffset();
      position = reader.position();
    }
    return new Scan(goodEnd, goodNext);
  }

  private void reportDamage(List<Suspect> suspects) {
    if (suspects.isEmpty()) {
      return;
    }
    corrupt = true;
    long from = suspects.get(0).baseOffset;
    long to = suspects.get(suspects.size() - 1).nextOffset - 1;
    LOG.log(Level.SEVERE, () -> "topic " + topic + ": records " + from + ".." + to
        + " fail their checksum; they stay on disk and are never served");
  }
}
