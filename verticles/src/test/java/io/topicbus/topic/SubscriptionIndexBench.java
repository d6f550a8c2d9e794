package io.topicbus.topic;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The publish hot path, {@link SubscriptionIndex#match}, with many wildcard subscriptions that do
 * not match and one that does. The claim it guards: the cost per publish does not grow with the
 * number of subscriptions, so 100,000 costs about what 1,000 does.
 *
 * <p>Run with JMH ({@code org.openjdk.jmh.Main SubscriptionIndexBench} on the test classpath), or
 * without it through {@link #matchNanosPerPublish} / {@link #main}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SubscriptionIndexBench {

    /** Published in turn; each is matched by the one matching subscription and by nothing else. */
    private static final String[][] TOPICS = {
        {"bench", "orders", "eu", "created"},
        {"bench", "orders", "eu"},
        {"bench", "users", "eu", "login"},
        {"bench", "stock", "eu", "low"},
    };

    @Param({"1000", "100000"})
    public int subscriptions;

    private SubscriptionIndex<Integer> index;
    private int next;

    @Setup
    public void setUp() {
        index = indexWith(subscriptions);
    }

    @Benchmark
    public void match(Blackhole blackhole) {
        next = (next + 1) & (TOPICS.length - 1);
        index.match(TOPICS[next], blackhole::consume);
    }

    /**
     * {@code subscriptions} wildcard patterns that never match the benchmark topics, spread over
     * the three places a wildcard can sit (after a literal, in front, in the middle), plus
     * {@code bench.*.eu.#}, which matches them all.
     */
    static SubscriptionIndex<Integer> indexWith(int subscriptions) {
        SubscriptionIndex<Integer> index = new SubscriptionIndex<>();
        for (int i = 0; i < subscriptions; i++) {
            String pattern = switch (i % 3) {
                case 0 -> "bench.s" + i + ".*";
                case 1 -> "#.s" + i;
                default -> "*.x" + i + ".#";
            };
            index.add(Pattern.parse(pattern), i);
        }
        index.add(Pattern.parse("bench.*.eu.#"), -1);
        return index;
    }

    /**
     * Plain-Java measurement for a benchmark main without JMH: builds the index, warms up, then
     * returns the median over several rounds of nanoseconds per {@code match} call.
     */
    public static double matchNanosPerPublish(int subscriptions, int publishes) {
        SubscriptionIndex<Integer> index = indexWith(subscriptions);
        int[] matched = new int[1];
        for (int warmup = 0; warmup < 5; warmup++) {
            publish(index, publishes, matched);
        }
        double[] rounds = new double[9];
        for (int r = 0; r < rounds.length; r++) {
            matched[0] = 0;
            long start = System.nanoTime();
            publish(index, publishes, matched);
            rounds[r] = (System.nanoTime() - start) / (double) publishes;
            if (matched[0] != publishes) {
                throw new IllegalStateException("expected one match per publish, got " + matched[0] + " for " + publishes);
            }
        }
        Arrays.sort(rounds);
        return rounds[rounds.length / 2];
    }

    private static void publish(SubscriptionIndex<Integer> index, int publishes, int[] matched) {
        for (int i = 0; i < publishes; i++) {
            index.match(TOPICS[i & (TOPICS.length - 1)], v -> matched[0]++);
        }
    }

    public static void main(String[] args) {
        int publishes = 1_000_000;
        double small = matchNanosPerPublish(1_000, publishes);
        double large = matchNanosPerPublish(100_000, publishes);
        System.out.printf("match: %.1f ns/publish with 1,000 subscriptions, %.1f ns with 100,000 (ratio %.2f)%n",
                small, large, large / small);
    }
}
