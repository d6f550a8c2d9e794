package io.topicbus.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * How the file log opens its files: {@link FileChannel#open} in production; tests pass one that makes
 * writes or fsyncs fail, to check that a failed append leaves the log as it was.
 */
@FunctionalInterface
interface ChannelOpener {

  ChannelOpener DEFAULT = FileChannel::open;

  FileChannel open(Path path, OpenOption... options) throws IOException;
}
