package io.topicbus.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a segment's two sparse indexes share ({@link OffsetIndex}, {@link TimeIndex}): fixed-size entries
 * appended in order, searched in memory and kept in a file beside the segment so they survive a restart.
 * The file is never fsynced: an index can always be rebuilt from its segment, and {@link Recovery} checks
 * it before trusting it.
 *
 * <p>Threads: the writer thread mutates; readers search without locks. Subclasses replace their entry
 * arrays (never shrink them in place) when they grow, and the count is written last (volatile). A reader
 * holding an old count may see entries a rollback overwrote, but those are all past the readable end,
 * so past anything it looks up. The file's channel is open while the segment is active.
 */
abstract class SparseIndex {

  protected final long baseOffset;
  private final Path path;
  private final int entrySize;
  private final ChannelOpener opener;
  private FileChannel channel;
  protected volatile int size;

  SparseIndex(Path path, long baseOffset, int entrySize, ChannelOpener opener) {
    this.path = path;
    this.baseOffset = baseOffset;
    this.entrySize = entrySize;
    this.opener = opener;
  }

  /** Reads {@code n} entries from {@code bytes} into memory; false when they are out of order. */
  protected abstract boolean readEntries(ByteBuffer bytes, int n);

  /** Puts entry {@code i} into {@code into}, as the file holds it. */
  protected abstract void writeEntry(ByteBuffer into, int i);

  /** Loads the file; false (and empty) when it is missing, cut mid-entry or out of order. */
  final boolean load() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return false;
    }
    int n = bytes.length / entrySize;
    if (bytes.length % entrySize != 0 || !readEntries(ByteBuffer.wrap(bytes), n)) {
      size = 0;
      return false;
    }
    size = n;
    return true;
  }

  final int size() {
    return size;
  }

  /** Writes the last entry added in memory to the file. */
  protected final void persistLast() throws IOException {
    int i = size - 1;
    ByteBuffer entry = ByteBuffer.allocate(entrySize);
    writeEntry(entry, i);
    entry.flip();
    FileChannel ch = channel();
    long at = (long) i * entrySize;
    while (entry.hasRemaining()) {
      at += ch.write(entry, at);
    }
  }

  /** Replaces the file with the entries in memory (a rebuilt index). */
  final void writeAll() throws IOException {
    int n = size;
    ByteBuffer all = ByteBuffer.allocate(n * entrySize);
    for (int i = 0; i < n; i++) {
      writeEntry(all, i);
    }
    all.flip();
    FileChannel ch = channel();
    ch.truncate(0);
    long at = 0;
    while (all.hasRemaining()) {
      at += ch.write(all, at);
    }
  }

  /** Keeps the first {@code n} entries (a rollback; 0 for a new segment, which creates the file). */
  final void truncate(int n) throws IOException {
    size = n;
    channel().truncate((long) n * entrySize);
  }

  /** Empties the index in memory, before a rebuild. */
  final void clear() {
    size = 0;
  }

  /** Closes the file once the segment is sealed; a later write (after a rollback) opens it again. */
  final void release() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  final void delete() throws IOException {
    release();
    Files.deleteIfExists(path);
  }

  private FileChannel channel() throws IOException {
    if (channel == null || !channel.isOpen()) {
      channel = opener.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
    return channel;
  }
}
