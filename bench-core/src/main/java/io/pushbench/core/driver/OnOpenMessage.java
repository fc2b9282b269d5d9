package io.pushbench.core.driver;

import java.util.Objects;

/**
 * The message a WebSocket client sends right after its handshake ({@code --on-open}): a subscribe
 * frame, an auth token, a channel name. The template's placeholders are filled per connection:
 * {@value #CONN} with the connection's number (0, 1, 2, ... in the order opened) and {@value #UUID}
 * with a random UUID, new for every connection and every reconnection. Immutable.
 *
 * @param template the text, never empty
 */
public record OnOpenMessage(String template) {

    /** Replaced by the connection's number. */
    public static final String CONN = "{conn}";
    /** Replaced by a random UUID, new on each handshake. */
    public static final String UUID_PLACEHOLDER = "{uuid}";

    public OnOpenMessage {
        Objects.requireNonNull(template, "template");
        if (template.isEmpty()) {
            throw new IllegalArgumentException("on-open message is empty");
        }
    }

    /** The text for connection {@code connectionId}'s handshake that just completed. */
    public String forConnection(int connectionId) {
        String text = template;
        if (text.contains(CONN)) {
            text = text.replace(CONN, Integer.toString(connectionId));
        }
        if (text.contains(UUID_PLACEHOLDER)) {
            text = text.replace(UUID_PLACEHOLDER, java.util.UUID.randomUUID().toString());
        }
        return text;
    }
}
