package io.topicbus.filter;

import static io.topicbus.filter.Check.assertRejected;
import static io.topicbus.filter.Check.eval;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Limits (4096 code points, nesting depth 64) come first, and no input, however long or deep,
 * overflows the stack while compiling or evaluating.
 */
class LimitsTest {

  private static final String GRIN = "\uD83D\uDE00";

  @Test
  void theLengthLimitCountsCodePoints() {
    String prefix = "payload = '";
    String atLimit = prefix + GRIN.repeat(4096 - prefix.length() - 1) + "'";
    assertThat(atLimit.codePointCount(0, atLimit.length())).isEqualTo(4096);
    assertThat(atLimit.length()).isGreaterThan(4096);
    assertThat(Filter.compile(atLimit).text()).isEqualTo(atLimit);

    String overLimit = prefix + GRIN.repeat(4096 - prefix.length()) + "'";
    assertRejected(overLimit, "filter: too long (4097 code points, max 4096) at 4096");
  }

  @Test
  void theLengthLimitIsCheckedBeforeAnythingElse() {
    assertRejected("#".repeat(5000), "filter: too long (5000 code points, max 4096) at 4096");
  }

  @Test
  void sixtyFourNestedParenthesesAreFineSixtyFiveAreNot() {
    assertThat(eval("(".repeat(64) + "TRUE" + ")".repeat(64), null)).isEqualTo(Tri.TRUE);
    assertRejected(
        "(".repeat(65) + "TRUE" + ")".repeat(65), "filter: nested too deeply (max 64) at 64");
  }

  @Test
  void sixtyFourNestedNotsAreFineSixtyFiveAreNot() {
    assertThat(eval("NOT ".repeat(64) + "TRUE", null)).isEqualTo(Tri.TRUE);
    assertRejected("NOT ".repeat(65) + "TRUE", "filter: nested too deeply (max 64) at 256");
  }

  @Test
  void parenthesesAndNotsCountTogether() {
    String deep = "NOT (".repeat(32) + "TRUE" + ")".repeat(32);
    assertThat(eval(deep, null)).isEqualTo(Tri.TRUE);
    assertRejected(
        "NOT (".repeat(32) + "NOT TRUE" + ")".repeat(32),
        "filter: nested too deeply (max 64) at 160");
    assertRejected(
        "(NOT ".repeat(32) + "(TRUE)" + ")".repeat(32),
        "filter: nested too deeply (max 64) at 160");
  }

  @Test
  void depthCountsTheNestingPathNotTheTotal() {
    assertThat(eval("(TRUE) AND ".repeat(300) + "TRUE", null)).isEqualTo(Tri.TRUE);
    assertThat(eval("NOT FALSE AND ".repeat(200) + "TRUE", null)).isEqualTo(Tri.TRUE);
    assertThat(eval("(".repeat(60) + "TRUE" + ")".repeat(60) + " AND " + "(".repeat(60) + "TRUE" + ")".repeat(60), null))
        .isEqualTo(Tri.TRUE);
  }

  @Test
  void unbalancedDeepNestingStopsAtTheLimit() {
    assertRejected("(".repeat(4096), "filter: nested too deeply (max 64) at 64");
    assertRejected("NOT ".repeat(1024), "filter: nested too deeply (max 64) at 256");
  }

  @Test
  void longFlatChainsCompileAndEvaluateOnASmallStack() throws InterruptedException {
    String ands = "payload = 1" + " AND payload = 1".repeat(250);
    String ors = "payload = 2" + " OR payload = 2".repeat(260) + " OR payload = 1";
    String sums = "payload" + " + 1".repeat(1000) + " = 1001";
    String products = "payload" + " * 1".repeat(1000) + " = 1";
    String signs = "-".repeat(4000) + "payload = 1";
    String mixed = "payload = 1" + " AND payload = 1 OR payload = 0".repeat(120);
    String[] filters = {ands, ors, sums, products, signs, mixed};
    assertThat(filters).allSatisfy(filter -> assertThat(filter.length()).isLessThanOrEqualTo(4096));
    eval("payload = 1 AND -payload + 1 = 0 OR payload = 0", 1); // load the classes on a full stack
    List<Object> outcomes = new ArrayList<>();
    // A 128 KiB stack, an eighth of the default: a recursive descent 1000 levels deep overflows it.
    Thread small =
        new Thread(
            null,
            () -> {
              try {
                for (String filter : filters) {
                  outcomes.add(eval(filter, 1));
                }
              } catch (StackOverflowError overflow) {
                outcomes.add(overflow);
              }
            },
            "small-stack",
            128 * 1024);
    small.start();
    small.join();
    assertThat(outcomes).containsExactly(Tri.TRUE, Tri.TRUE, Tri.TRUE, Tri.TRUE, Tri.TRUE, Tri.TRUE);
  }
}
