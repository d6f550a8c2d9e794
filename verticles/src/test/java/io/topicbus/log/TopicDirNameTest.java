package io.topicbus.log;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Topic directory names: reversible, never upper case, short enough for any file system. */
class TopicDirNameTest {

  @Test
  void caseIsEncodedSoCaseTwinsNeverCollide() {
    assertThat(TopicDirName.encode("orders.eu.created")).isEqualTo(Path.of("orders.eu.created"));
    assertThat(TopicDirName.encode("Orders")).isEqualTo(Path.of("_orders"));
    assertThat(TopicDirName.encode("or_ders")).isEqualTo(Path.of("or__ders"));
    assertThat(TopicDirName.encode("Or_Ders-1")).isEqualTo(Path.of("_or___ders-1"));
    assertThat(TopicDirName.decode(Path.of("_or___ders-1"))).isEqualTo("Or_Ders-1");
  }

  @Test
  void longNamesContinueInSubdirectories() {
    String topic = ("ABCDEFGHIJ".repeat(6) + ".").repeat(4) + "Z";
    Path encoded = TopicDirName.encode(topic);
    assertThat(encoded.getNameCount()).isGreaterThan(1);
    for (Path component : encoded) {
      assertThat(component.toString().length()).isLessThanOrEqualTo(TopicDirName.MAX_COMPONENT + 1);
    }
    assertThat(TopicDirName.decode(encoded)).isEqualTo(topic);
  }

  @Test
  void refusesWhatIsNotATopicName() {
    assertThatThrownBy(() -> TopicDirName.encode("a/b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TopicDirName.encode("")).isInstanceOf(IllegalArgumentException.class);
    assertThat(TopicDirName.decode(Path.of("Orders"))).isNull();
    assertThat(TopicDirName.decode(Path.of("a_"))).isNull();
    assertThat(TopicDirName.decode(Path.of("a+"))).isNull();
  }

  @Property(tries = 300)
  void encodingIsReversibleAndLowerCase(@ForAll("topics") String topic) {
    Path encoded = TopicDirName.encode(topic);
    assertThat(TopicDirName.decode(encoded)).isEqualTo(topic);
    assertThat(encoded.toString()).isEqualTo(encoded.toString().toLowerCase(Locale.ROOT));
  }

  @Property(tries = 300)
  void topicsThatDifferOnlyInCaseGetDifferentDirectories(@ForAll("topics") String topic) {
    String flipped = topic.chars().map(c -> Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    if (!flipped.equals(topic)) {
      assertThat(TopicDirName.encode(flipped).toString().toLowerCase(Locale.ROOT))
          .isNotEqualTo(TopicDirName.encode(topic).toString().toLowerCase(Locale.ROOT));
    }
  }

  @Provide
  Arbitrary<String> topics() {
    Arbitrary<String> segment = Arbitraries.strings().withChars("abcXYZ09_-").ofMinLength(1).ofMaxLength(64);
    return segment.list().ofMinSize(1).ofMaxSize(4).map(s -> String.join(".", s)).filter(t -> t.length() <= 255);
  }
}
