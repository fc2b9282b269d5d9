package io.pushbench.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Routes a message to one client's push channel, by the client id the client chose when it
 * subscribed ({@code ?client=ID}). This is how echo works on the HTTP transports: the client
 * sends by {@code POST /echo?client=ID} and the reply comes back down its own event stream or
 * long poll, so the round trip crosses the push path like a real reply would.
 *
 * <p>Thread-safe. A client id is held by one channel at a time; a new subscription under the same
 * id (a reconnect) replaces the old one.
 */
public final class DirectDelivery {

    private final Map<String, Consumer<String>> sinks = new ConcurrentHashMap<>();

    /** Registers where messages for {@code clientId} go, replacing any earlier registration. */
    public void register(String clientId, Consumer<String> sink) {
        sinks.put(clientId, sink);
    }

    /** Removes the registration, if it is still {@code sink}'s. */
    public void unregister(String clientId, Consumer<String> sink) {
        sinks.remove(clientId, sink);
    }

    /**
     * Hands {@code text} to the client's push channel.
     *
     * @return false when no client is registered under that id
     */
    public boolean deliver(String clientId, String text) {
        Consumer<String> sink = sinks.get(clientId);
        if (sink == null) {
            return false;
        }
        sink.accept(text);
        return true;
    }
}
