package io.pushbench.core.shard;

/**
 * The words of the rendezvous protocol: each message is a {@code DataOutputStream} UTF word, then its fields.
 *
 * <pre>
 * shard -> rendezvous                               rendezvous -> shard
 * hello  index count attempt host                   welcome runId | refused message
 * ping   t1                                         pong t1 t2          (t2: the rendezvous's nanoTime)
 * ready  step                                       start startNanos shards[] missing[] | fail message
 * file   path length bytes                          (nothing)
 * done                                              bye
 * </pre>
 * Integer lists are a count then the values. Times are {@link System#nanoTime()} of the sender.
 */
final class Wire {
    static final String HELLO = "hello";
    static final String WELCOME = "welcome";
    static final String REFUSED = "refused";
    static final String PING = "ping";
    static final String PONG = "pong";
    static final String READY = "ready";
    static final String START = "start";
    static final String FAIL = "fail";
    static final String FILE = "file";
    static final String DONE = "done";
    static final String BYE = "bye";

    private Wire() {
    }
}
