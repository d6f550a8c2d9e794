package io.topicbus.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file behind one sparse index of a segment: fixed-size entries appended in order. The index keeps
 * its entries in memory and answers lookups from there; this file only makes them survive a restart.
 * It is never fsynced: an index can always be rebuilt from its segment, and {@link Recovery} checks it
 * before trusting it. Used by the writer thread only; the channel is open while the segment is active.
 */
final class IndexFile {

  private final Path path;
  private final int entrySize;
  private final ChannelOpener opener;
  private FileChannel channel;

  IndexFile(Path path, int entrySize, ChannelOpener opener) {
    this.path = path;
    this.entrySize = entrySize;
    this.opener = opener;
  }

  Path path() {
    return path;
  }

  /** The file's entries, or null when it is missing or its length is not a whole number of entries. */
  ByteBuffer load() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return null;
    }
    return bytes.length % entrySize == 0 ? ByteBuffer.wrap(bytes) : null;
  }

  /** Writes {@code entry} as entry number {@code index} (the current count: entries only grow at the end). */
  void write(int index, ByteBuffer entry) throws IOException {
    FileChannel ch = channel();
    long at = (long) index * entrySize;
    while (entry.hasRemaining()) {
      at += ch.write(entry, at);
    }
  }

  /** Keeps the first {@code entries} entries. */
  void truncate(int entries) throws IOException {
    channel().truncate((long) entries * entrySize);
  }

  /** Replaces the whole file with {@code entries} (a rebuilt index). */
  void rewrite(ByteBuffer entries) throws IOException {
    FileChannel ch = channel();
    ch.truncate(0);
    long at = 0;
    while (entries.hasRemaining()) {
      at += ch.write(entries, at);
    }
  }

  /** Closes the channel once the segment is sealed; a later write (after a rollback) opens it again. */
  void release() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  void delete() throws IOException {
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
