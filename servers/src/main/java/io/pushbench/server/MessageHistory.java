package io.pushbench.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The most recent broadcasts, kept so that a client that was not listening when a message was
 * published can still have it: a long-polling client between two polls, an event stream resuming
 * with {@code Last-Event-ID}. A ring buffer bounded two ways; when either bound is reached the
 * oldest messages are evicted, but the newest one is always kept, however large.
 *
 * <table>
 *   <caption>Bounds</caption>
 *   <tr><th>bound</th><th>default</th></tr>
 *   <tr><td>messages</td><td>{@value #DEFAULT_CAPACITY}: 16 s at 1000 msg/s, longer than the default
 *       heartbeat (15 s) that bounds a long poll</td></tr>
 *   <tr><td>characters of text</td><td>{@value #DEFAULT_MAX_CHARS} (64 Mi; an envelope is one byte
 *       per character)</td></tr>
 * </table>
 *
 * <p>Ids are appended in increasing order and are expected consecutive, as the {@link Hub}'s are;
 * a reader asking for messages after an id older than the oldest kept one is told how many it
 * missed, counted from the ids.
 *
 * <p>Thread-safe: every method takes the history's lock, held only to copy references.
 */
public final class MessageHistory {

    /** Messages kept by default. */
    public static final int DEFAULT_CAPACITY = 16_384;
    /** Characters of text kept by default. */
    public static final long DEFAULT_MAX_CHARS = 64L * 1024 * 1024;

    /** One retained broadcast. */
    public record Message(long id, String text) {
    }

    /**
     * What a reader gets: the retained messages after its id, and how many messages between its id
     * and the oldest retained one were evicted before it asked.
     *
     * @param messages in id order, at most the requested count
     * @param missed   messages evicted that the reader never had, {@code >= 0}
     */
    public record Slice(List<Message> messages, long missed) {
    }

    private final long[] ids;
    private final String[] texts;
    private final long maxChars;
    private int head;
    private int size;
    private long chars;
    private long newestId = -1;

    /** A history with the default bounds. */
    public MessageHistory() {
        this(DEFAULT_CAPACITY, DEFAULT_MAX_CHARS);
    }

    /**
     * @param capacity messages kept, {@code >= 1}
     * @param maxChars characters of text kept, {@code >= 1}; the newest message is kept even if larger
     */
    public MessageHistory(int capacity, long maxChars) {
        if (capacity < 1 || maxChars < 1) {
            throw new IllegalArgumentException("capacity and maxChars must be >= 1, were " + capacity + " and "
                    + maxChars);
        }
        this.ids = new long[capacity];
        this.texts = new String[capacity];
        this.maxChars = maxChars;
    }

    /**
     * Keeps a message, evicting the oldest ones beyond the bounds.
     *
     * @param id greater than every id appended before
     */
    public synchronized void append(long id, String text) {
        if (id <= newestId) {
            throw new IllegalArgumentException("ids must increase: " + id + " after " + newestId);
        }
        while (size > 0 && (size == ids.length || chars + text.length() > maxChars)) {
            evictOldest();
        }
        int slot = (head + size) % ids.length;
        ids[slot] = id;
        texts[slot] = text;
        size++;
        chars += text.length();
        newestId = id;
    }

    private void evictOldest() {
        chars -= texts[head].length();
        texts[head] = null;
        head = (head + 1) % ids.length;
        size--;
    }

    /**
     * The retained messages with ids greater than {@code id}, oldest first.
     *
     * @param id  the last id the reader has; -1 for everything retained
     * @param max most messages to return, {@code >= 1}
     */
    public synchronized Slice after(long id, int max) {
        if (size == 0) {
            return new Slice(List.of(), 0);
        }
        long oldest = ids[head];
        long missed = Math.max(0, oldest - id - 1);
        int from = firstAfter(id);
        int count = Math.min(size - from, max);
        List<Message> messages = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            int slot = (head + i) % ids.length;
            messages.add(new Message(ids[slot], texts[slot]));
        }
        return new Slice(messages, missed);
    }

    /** The position, from the oldest, of the first retained message with an id greater than {@code id}. */
    private int firstAfter(long id) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ids[(head + mid) % ids.length] <= id) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The id of the newest message appended, or -1 before the first. */
    public synchronized long newestId() {
        return newestId;
    }
}
