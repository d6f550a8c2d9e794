package io.topicbus.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes a directory's entries durable (a new segment file, a renamed positions file): on Linux a file
 * that was fsynced can still vanish after a power cut if the directory entry naming it was not.
 */
final class DirectorySync {

  private DirectorySync() {
  }

  static void force(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open or sync a directory; their file systems order this themselves.
    }
  }
}
