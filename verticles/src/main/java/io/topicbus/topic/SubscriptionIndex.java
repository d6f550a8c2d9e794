package io.topicbus.topic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The subscription index: which values (subscriptions) are registered under a pattern that matches
 * a topic. A trie over pattern segments, as NATS' {@code sublist.go}: each node has literal children
 * by name, one {@code *} child and one {@code #} child, and holds the values whose pattern ends there.
 *
 * <p>Matching simulates all paths at once: per topic segment, the set of active nodes advances by one
 * level; a {@code #} node stays active (it consumes the segment) and is also passed through without
 * consuming anything (an epsilon move to its children, so chains like {@code #.#} work). Every node and
 * every value carries the mark of the step or call that last saw it, so each active node is kept once
 * per step and each value is emitted once per call with no per-call sets. The work per publish
 * depends on the topic's depth and on the active nodes and matches, not on how many patterns exist.
 *
 * <p>Invariants: a node exists only while some value is stored in it or below it (remove prunes);
 * {@link #size()} is the number of distinct (pattern, value) pairs. Values are compared with
 * {@code equals}.
 *
 * <p>Not thread-safe: an index is owned by one thread, the broker's event loop. The sink given to
 * {@link #match} must not call back into the index (that is refused with an
 * {@link IllegalStateException}), because the match reuses the index's own buffers.
 */
public final class SubscriptionIndex<T> {

    private final Node<T> root = new Node<>(false);
    /** Every distinct value with its emission mark and the number of patterns it is under. */
    private final Map<T, Entry<T>> entries = new HashMap<>();
    private int size;

    /** Marks for "seen in this step" and "emitted in this call"; a long never wraps, so a stale mark never looks current. */
    private long clock;
    private boolean matching;
    @SuppressWarnings("unchecked")
    private Node<T>[] active = new Node[16];
    @SuppressWarnings("unchecked")
    private Node<T>[] nextActive = new Node[16];
    private int activeCount;
    private int nextCount;

    /** Registers {@code value} under {@code pattern}; adding a pair that is already there changes nothing. */
    public void add(Pattern pattern, T value) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(value, "value");
        refuseDuringMatch();
        Node<T> node = root;
        for (int i = 0; i < pattern.segmentCount(); i++) {
            node = node.childFor(pattern, i);
        }
        Entry<T> entry = entries.computeIfAbsent(value, Entry::new);
        if (node.values == null) {
            node.values = new LinkedHashSet<>(2);
        }
        if (node.values.add(entry)) {
            entry.patterns++;
            size++;
        }
    }

    /** Unregisters {@code value} from {@code pattern}; false when the pair was not there. Removes nodes left empty. */
    public boolean remove(Pattern pattern, T value) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(value, "value");
        refuseDuringMatch();
        Entry<T> entry = entries.get(value);
        if (entry == null) {
            return false;
        }
        int depth = pattern.segmentCount();
        @SuppressWarnings("unchecked")
        Node<T>[] path = new Node[depth + 1];
        path[0] = root;
        for (int i = 0; i < depth; i++) {
            path[i + 1] = path[i].existingChild(pattern, i);
            if (path[i + 1] == null) {
                return false;
            }
        }
        Node<T> node = path[depth];
        if (node.values == null || !node.values.remove(entry)) {
            return false;
        }
        if (node.values.isEmpty()) {
            node.values = null;
        }
        size--;
        if (--entry.patterns == 0) {
            entries.remove(value);
        }
        for (int i = depth; i > 0 && path[i].isEmpty(); i--) {
            path[i - 1].removeChild(pattern, i - 1);
        }
        return true;
    }

    /**
     * Passes every value registered under a pattern that matches the topic to {@code sink}, each
     * exactly once, however many of its patterns match and however many paths reach them.
     */
    public void match(String[] topicSegments, Consumer<? super T> sink) {
        refuseDuringMatch();
        matching = true;
        try {
            collectFinalNodes(topicSegments);
            long call = ++clock;
            for (int i = 0; i < activeCount; i++) {
                LinkedHashSet<Entry<T>> values = active[i].values;
                if (values == null) {
                    continue;
                }
                for (Entry<T> entry : values) {
                    if (entry.emitted != call) {
                        entry.emitted = call;
                        sink.accept(entry.value);
                    }
                }
            }
        } finally {
            Arrays.fill(active, 0, activeCount, null);
            activeCount = 0;
            matching = false;
        }
    }

    /** The matching values of a valid topic name, as a new list; an {@link IllegalArgumentException} for an invalid one. */
    public List<T> match(String topic) {
        String problem = TopicName.problem(topic);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        List<T> matches = new ArrayList<>();
        match(TopicName.segments(topic), matches::add);
        return matches;
    }

    /** The number of (pattern, value) pairs. */
    public int size() {
        return size;
    }

    /** The number of trie nodes, root included; for tests of pruning (walks the whole trie). */
    int nodeCount() {
        return root.count();
    }

    /** Leaves in {@code active} the nodes reached after the last segment, each once. */
    private void collectFinalNodes(String[] topicSegments) {
        long step = ++clock;
        activate(root, step);
        swap();
        for (String segment : topicSegments) {
            step = ++clock;
            for (int i = 0; i < activeCount; i++) {
                Node<T> node = active[i];
                if (node.literals != null) {
                    Node<T> literal = node.literals.get(segment);
                    if (literal != null) {
                        activate(literal, step);
                    }
                }
                if (node.star != null) {
                    activate(node.star, step);
                }
                if (node.isHash) {
                    activate(node, step); // '#' consumes this segment and stays for more
                }
            }
            swap();
            if (activeCount == 0) {
                return;
            }
        }
    }

    /** Adds {@code node} to the next step's set, with the '#' nodes below it that match zero segments. */
    private void activate(Node<T> node, long step) {
        // Whenever a node is marked its whole '#' chain is added too, so a marked node ends the walk.
        for (Node<T> n = node; n != null && n.seen != step; n = n.hash) {
            n.seen = step;
            if (nextCount == nextActive.length) {
                nextActive = Arrays.copyOf(nextActive, nextCount * 2);
            }
            nextActive[nextCount++] = n;
        }
    }

    private void swap() {
        Arrays.fill(active, 0, activeCount, null); // do not keep pruned nodes reachable
        Node<T>[] t = active;
        active = nextActive;
        activeCount = nextCount;
        nextActive = t;
        nextCount = 0;
    }

    private void refuseDuringMatch() {
        if (matching) {
            throw new IllegalStateException("the match sink must not call back into the subscription index");
        }
    }

    /** One trie node: the children per kind of segment, and the values whose pattern ends here. */
    private static final class Node<T> {
        final boolean isHash;
        HashMap<String, Node<T>> literals;
        Node<T> star;
        Node<T> hash;
        LinkedHashSet<Entry<T>> values;
        long seen;

        Node(boolean isHash) {
            this.isHash = isHash;
        }

        Node<T> childFor(Pattern pattern, int position) {
            if (pattern.isHash(position)) {
                return hash != null ? hash : (hash = new Node<>(true));
            }
            if (pattern.isStar(position)) {
                return star != null ? star : (star = new Node<>(false));
            }
            if (literals == null) {
                literals = new HashMap<>(4);
            }
            return literals.computeIfAbsent(pattern.literal(position), k -> new Node<>(false));
        }

        Node<T> existingChild(Pattern pattern, int position) {
            if (pattern.isHash(position)) {
                return hash;
            }
            if (pattern.isStar(position)) {
                return star;
            }
            return literals == null ? null : literals.get(pattern.literal(position));
        }

        void removeChild(Pattern pattern, int position) {
            if (pattern.isHash(position)) {
                hash = null;
            } else if (pattern.isStar(position)) {
                star = null;
            } else {
                literals.remove(pattern.literal(position));
                if (literals.isEmpty()) {
                    literals = null;
                }
            }
        }

        int count() {
            int n = 1;
            if (star != null) {
                n += star.count();
            }
            if (hash != null) {
                n += hash.count();
            }
            if (literals != null) {
                for (Node<T> child : literals.values()) {
                    n += child.count();
                }
            }
            return n;
        }

        boolean isEmpty() {
            return values == null && star == null && hash == null && literals == null;
        }
    }

    /** A distinct value; {@code emitted} is the last call that passed it to a sink. */
    private static final class Entry<T> {
        final T value;
        int patterns;
        long emitted;

        Entry(T value) {
            this.value = value;
        }
    }
}
