package io.topicbus.log;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * One {@link TopicLog#append} on disk: a fixed header, then the drafts' {@link Draft#encoded()} bytes, each
 * prefixed by its length, optionally gzipped, all under one CRC32C. A batch is written with one write and
 * is the unit of recovery: after a crash it is there whole or not at all.
 *
 * <pre>
 *  0  int64  baseOffset   offset of the first record
 *  8  int32  length       bytes of the whole batch, this header included
 * 12  int32  crc          CRC32C of bytes [0, 12) and [16, length): everything but itself
 * 16  int8   magic        format version, 1
 * 17  int8   attributes   bit 0: the body is gzip
 * 18  int32  count        records in the batch, at least 1
 * 22  int64  timestamp    ms since the epoch, shared by all records of the batch
 * 30  int32  bodyLength   length of the body before compression
 * 34  body   count x (int32 length, that many bytes of message JSON)
 * </pre>
 *
 * All integers are big-endian. A {@code RecordBatch} is a view over a buffer whose index 0 is the
 * batch's first byte; it holds no copy.
 */
final class RecordBatch {

  static final int HEADER_SIZE = 34;
  static final byte MAGIC = 1;
  static final byte ATTRIBUTE_GZIP = 1;

  private static final int BASE_OFFSET = 0;
  private static final int LENGTH = 8;
  private static final int CRC = 12;
  private static final int MAGIC_AT = 16;
  private static final int ATTRIBUTES = 17;
  private static final int COUNT = 18;
  private static final int TIMESTAMP = 22;
  private static final int BODY_LENGTH = 30;

  /** Receives the records of a batch in offset order; returns false to stop early. */
  interface RecordVisitor {
    boolean visit(long offset, byte[] bytes, int from, int length);
  }

  private final ByteBuffer buffer;

  /** A view over {@code buffer}, whose index 0 is the batch's first byte. */
  RecordBatch(ByteBuffer buffer) {
    this.buffer = buffer;
  }

  /** Builds the bytes of one batch for {@code drafts} (not empty), checksum included, ready to write. */
  static ByteBuffer encode(long baseOffset, long timestamp, List<Draft> drafts, boolean gzip) {
    int bodyLength = 0;
    for (Draft draft : drafts) {
      bodyLength = Math.addExact(bodyLength, 4 + draft.encoded().length());
    }
    ByteBuffer batch;
    if (gzip) {
      byte[] compressed = gzip(drafts, bodyLength);
      batch = ByteBuffer.allocate(Math.addExact(HEADER_SIZE, compressed.length));
      batch.put(HEADER_SIZE, compressed);
    } else {
      batch = ByteBuffer.allocate(Math.addExact(HEADER_SIZE, bodyLength));
      byte[] array = batch.array();
      int at = HEADER_SIZE;
      for (Draft draft : drafts) {
        int length = draft.encoded().length();
        batch.putInt(at, length);
        draft.encoded().getBytes(array, at + 4);
        at += 4 + length;
      }
    }
    batch.putLong(BASE_OFFSET, baseOffset)
        .putInt(LENGTH, batch.capacity())
        .put(MAGIC_AT, MAGIC)
        .put(ATTRIBUTES, gzip ? ATTRIBUTE_GZIP : 0)
        .putInt(COUNT, drafts.size())
        .putLong(TIMESTAMP, timestamp)
        .putInt(BODY_LENGTH, bodyLength);
    batch.putInt(CRC, new RecordBatch(batch).computeChecksum());
    return batch;
  }

  private static byte[] gzip(List<Draft> drafts, int bodyLength) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, bodyLength / 2));
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes, 8192))) {
      for (Draft draft : drafts) {
        out.writeInt(draft.encoded().length());
        out.write(draft.encoded().getBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("gzip into memory failed", e);
    }
    return bytes.toByteArray();
  }

  long baseOffset() {
    return buffer.getLong(BASE_OFFSET);
  }

  int sizeInBytes() {
    return buffer.getInt(LENGTH);
  }

  int recordCount() {
    return buffer.getInt(COUNT);
  }

  /** One past the last offset of this batch. */
  long nextOffset() {
    return baseOffset() + recordCount();
  }

  long timestamp() {
    return buffer.getLong(TIMESTAMP);
  }

  /**
   * Whether the header (which must be in the buffer) describes a batch that fits in {@code available}
   * bytes. Says nothing of the checksum: a plausible header is only worth checking further.
   */
  boolean plausible(long available) {
    int length = sizeInBytes();
    return buffer.get(MAGIC_AT) == MAGIC
        && length >= HEADER_SIZE
        && length <= available
        && recordCount() >= 1
        && buffer.getInt(BODY_LENGTH) >= 0
        && (buffer.get(ATTRIBUTES) & ~ATTRIBUTE_GZIP) == 0;
  }

  /** Whether the stored checksum matches the bytes; the whole batch must be in the buffer. */
  boolean checksumValid() {
    return buffer.getInt(CRC) == computeChecksum();
  }

  private int computeChecksum() {
    CRC32C crc = new CRC32C();
    crc.update(buffer.slice(0, CRC));
    crc.update(buffer.slice(MAGIC_AT, sizeInBytes() - MAGIC_AT));
    return (int) crc.getValue();
  }

  /**
   * Hands the records from {@code from} on to {@code visitor}, decompressing the body when needed.
   * Returns false when the body does not hold exactly {@code count} well-formed records (possible only if
   * a checksum collision let damage through, or a bug wrote it); the caller treats that as corruption.
   */
  boolean forEachRecord(long from, RecordVisitor visitor) {
    int bodyLength = buffer.getInt(BODY_LENGTH);
    byte[] body;
    int at;
    if ((buffer.get(ATTRIBUTES) & ATTRIBUTE_GZIP) != 0) {
      body = gunzip(bodyLength);
      if (body == null) {
        return false;
      }
      at = 0;
    } else {
      if (bodyLength != sizeInBytes() - HEADER_SIZE) {
        return false;
      }
      body = buffer.array();
      at = buffer.arrayOffset() + HEADER_SIZE;
    }
    int end = at + bodyLength;
    long offset = baseOffset();
    int count = recordCount();
    for (int i = 0; i < count; i++, offset++) {
      if (end - at < 4) {
        return false;
      }
      int length = ((body[at] & 0xff) << 24) | ((body[at + 1] & 0xff) << 16) | ((body[at + 2] & 0xff) << 8)
          | (body[at + 3] & 0xff);
      at += 4;
      if (length < 0 || length > end - at) {
        return false;
      }
      if (offset >= from && !visitor.visit(offset, body, at, length)) {
        return true;
      }
      at += length;
    }
    return at == end;
  }

  private byte[] gunzip(int bodyLength) {
    ByteBuffer compressed = buffer.slice(HEADER_SIZE, sizeInBytes() - HEADER_SIZE);
    try (InputStream in = new GZIPInputStream(new ByteBufferInput(compressed), 8192)) {
      byte[] body = in.readNBytes(bodyLength);
      return body.length == bodyLength && in.read() == -1 ? body : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Lets GZIPInputStream read a slice of the segment buffer without copying it first. */
  private static final class ByteBufferInput extends InputStream {
    private final ByteBuffer source;

    ByteBufferInput(ByteBuffer source) {
      this.source = source;
    }

    @Override
    public int read() {
      return source.hasRemaining() ? source.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] into, int from, int length) {
      if (!source.hasRemaining()) {
        return -1;
      }
      int n = Math.min(length, source.remaining());
      source.get(into, from, n);
      return n;
    }
  }
}
