package io.topicbus.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A file channel that fails or stalls on command: a full disk on a segment or an index write, a failing
 * fsync, or an fsync that waits until the test lets it go. Everything else goes to the real channel.
 */
final class FaultyChannel extends FileChannel {

  /** The switches a test flips; shared by every channel the opener made. */
  static final class Faults {
    /** Writes to segment files fail. */
    volatile boolean failWrites;
    /** Writes to index files fail. */
    volatile boolean failIndexWrites;
    volatile boolean failForce;
    volatile CountDownLatch holdForce;

    ChannelOpener opener() {
      return (path, options) -> new FaultyChannel(FileChannel.open(path, options), this,
          path.getFileName().toString().endsWith(Segment.LOG_SUFFIX));
    }
  }

  private final FileChannel real;
  private final Faults faults;
  private final boolean segment;

  FaultyChannel(FileChannel real, Faults faults, boolean segment) {
    this.real = real;
    this.faults = faults;
    this.segment = segment;
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    if (segment ? faults.failWrites : faults.failIndexWrites) {
      // Like a full disk: part of the batch reaches the file, then the write fails.
      int half = src.remaining() / 2;
      ByteBuffer part = src.duplicate().limit(src.position() + half);
      real.write(part, position);
      throw new IOException("No space left on device");
    }
    return real.write(src, position);
  }

  @Override
  public void force(boolean metaData) throws IOException {
    if (!segment) {
      real.force(metaData);
      return;
    }
    CountDownLatch hold = faults.holdForce;
    if (hold != null) {
      try {
        if (!hold.await(30, TimeUnit.SECONDS)) {
          throw new IOException("test never released the fsync");
        }
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
    }
    if (faults.failForce) {
      throw new IOException("Input/output error");
    }
    real.force(metaData);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return real.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return real.read(dsts, offset, length);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    return real.write(src);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    return real.write(srcs, offset, length);
  }

  @Override
  public long position() throws IOException {
    return real.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    real.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return real.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    real.truncate(size);
    return this;
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return real.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    return real.transferFrom(src, position, count);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return real.read(dst, position);
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    return real.map(mode, position, size);
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return real.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return real.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    real.close();
  }
}
