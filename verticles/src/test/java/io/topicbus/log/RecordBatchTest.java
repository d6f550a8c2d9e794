package io.topicbus.log;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The on-disk batch: header fields, checksum, body in both compressions. */
class RecordBatchTest {

  private static List<String> decode(RecordBatch batch, long from) {
    List<String> texts = new ArrayList<>();
    boolean wellFormed = batch.forEachRecord(from, (offset, bytes, at, length) -> {
      texts.add(offset + ":" + new String(bytes, at, length, java.nio.charset.StandardCharsets.UTF_8));
      return true;
    });
    assertThat(wellFormed).isTrue();
    return texts;
  }

  @Test
  void aBatchCarriesItsRecordsAndHeaderWithOrWithoutGzip() {
    List<Draft> drafts = Logs.messages(Logs.TOPIC, 0, 5);
    for (boolean gzip : new boolean[] {false, true}) {
      ByteBuffer bytes = RecordBatch.encode(100, 1234567, drafts, gzip);
      RecordBatch batch = new RecordBatch(bytes);
      assertThat(batch.baseOffset()).isEqualTo(100);
      assertThat(batch.recordCount()).isEqualTo(5);
      assertThat(batch.nextOffset()).isEqualTo(105);
      assertThat(batch.timestamp()).isEqualTo(1234567);
      assertThat(batch.sizeInBytes()).isEqualTo(bytes.capacity());
      assertThat(batch.plausible(bytes.capacity())).isTrue();
      assertThat(batch.plausible(bytes.capacity() - 1)).isFalse();
      assertThat(batch.checksumValid()).isTrue();
      List<String> texts = decode(batch, 102);
      assertThat(texts).hasSize(3);
      assertThat(texts.get(0)).isEqualTo("102:" + drafts.get(2).encoded());
    }
  }

  @Test
  void anyFlippedBitFailsTheChecksum() {
    ByteBuffer bytes = RecordBatch.encode(7, 99, Logs.messages(Logs.TOPIC, 0, 2), false);
    for (int i = 0; i < bytes.capacity(); i += 7) {
      ByteBuffer copy = ByteBuffer.allocate(bytes.capacity()).put(0, bytes, 0, bytes.capacity());
      copy.put(i, (byte) (copy.get(i) ^ 1));
      RecordBatch damaged = new RecordBatch(copy);
      assertThat(damaged.plausible(copy.capacity()) && damaged.checksumValid()).as("byte %d", i).isFalse();
    }
  }

  @Test
  void garbageIsNotAPlausibleHeader() {
    assertThat(new RecordBatch(ByteBuffer.allocate(RecordBatch.HEADER_SIZE)).plausible(1 << 20)).isFalse();
    ByteBuffer bytes = RecordBatch.encode(0, 0, Logs.messages(Logs.TOPIC, 0, 1), false);
    bytes.put(16, (byte) 9);
    assertThat(new RecordBatch(bytes).plausible(bytes.capacity())).isFalse();
  }
}
