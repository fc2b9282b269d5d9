package io.pushbench.core.driver.longpoll;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * How the long-polling clients of a run tell the server where they are, chosen per run
 * ({@code --poll-cursor}): each client gets a {@link PollCursor} of this kind.
 *
 * <ul>
 *   <li>{@code pushbench}: pushbench's own protocol ({@code ?after=ID}, the batch body of
 *       {@link io.pushbench.core.transport.PollBatchFormat}); the default.</li>
 *   <li>{@code etag}: the previous answer's {@code Last-Modified} and {@code Etag} echoed as
 *       {@code If-Modified-Since} and {@code If-None-Match}, the convention of the common pub/sub
 *       servers (nchan, among others).</li>
 *   <li>{@code header:NAME}: the previous answer's header {@code NAME} sent back as a request header
 *       of the same name; {@code header:NAME,query:PARAM} sends it back as the query parameter
 *       {@code PARAM} instead.</li>
 * </ul>
 *
 * @param kind        which protocol
 * @param header      the response header holding the cursor ({@link Kind#HEADER} only, else null)
 * @param queryParam  the query parameter it is sent back in ({@link Kind#HEADER} only), or null to
 *                    send it back as a header
 */
public record PollCursorStrategy(Kind kind, String header, String queryParam) {

    /** The protocols a cursor can speak. */
    public enum Kind {
        /** pushbench's own. */
        PUSHBENCH,
        /** {@code Last-Modified}/{@code Etag} echoed as {@code If-Modified-Since}/{@code If-None-Match}. */
        ETAG,
        /** A response header named by the user, echoed as a header or a query parameter. */
        HEADER
    }

    /** pushbench's own protocol, the default. */
    public static final PollCursorStrategy PUSHBENCH = new PollCursorStrategy(Kind.PUSHBENCH, null, null);
    /** {@code Last-Modified}/{@code Etag} echoed. */
    public static final PollCursorStrategy ETAG = new PollCursorStrategy(Kind.ETAG, null, null);

    /** The values {@link #parse} takes, for help texts and error messages. */
    public static final String SYNTAX = "pushbench, etag, header:NAME or header:NAME,query:PARAM";

    public PollCursorStrategy {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.HEADER) != (header != null)) {
            throw new IllegalArgumentException("a header cursor, and only one, names its header");
        }
        if (header != null && !isToken(header)) {
            throw new IllegalArgumentException("not a header name: '" + header + "'");
        }
        if (queryParam != null && (kind != Kind.HEADER || queryParam.isEmpty() || !isToken(queryParam))) {
            throw new IllegalArgumentException("not a query parameter name: '" + queryParam + "'");
        }
    }

    /**
     * Reads {@code pushbench}, {@code etag}, {@code header:NAME} or {@code header:NAME,query:PARAM}
     * (names case-insensitive, a header's and parameter's name kept as written).
     *
     * @throws IllegalArgumentException naming what is wrong and {@link #SYNTAX}
     */
    public static PollCursorStrategy parse(String text) {
        String t = text == null ? "" : text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("pushbench")) {
            return PUSHBENCH;
        }
        if (lower.equals("etag")) {
            return ETAG;
        }
        if (lower.startsWith("header:")) {
            String rest = t.substring("header:".length());
            int comma = rest.indexOf(',');
            String header = comma < 0 ? rest : rest.substring(0, comma);
            String param = null;
            if (comma >= 0) {
                String back = rest.substring(comma + 1);
                if (!back.toLowerCase(Locale.ROOT).startsWith("query:")) {
                    throw new IllegalArgumentException("poll cursor '" + t + "': after the header name comes "
                            + "',query:PARAM' or nothing; expected " + SYNTAX);
                }
                param = back.substring("query:".length());
            }
            try {
                return new PollCursorStrategy(Kind.HEADER, header, param);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("poll cursor '" + t + "': " + e.getMessage() + "; expected " + SYNTAX, e);
            }
        }
        throw new IllegalArgumentException("unknown poll cursor '" + t + "': expected " + SYNTAX);
    }

    /** A cursor of this kind for one client polling {@code base} (the poll URL with the client's own query). */
    public PollCursor newCursor(URI base) {
        return switch (kind) {
            case PUSHBENCH -> new PushbenchPollCursor(base);
            case ETAG -> new EtagPollCursor(base);
            case HEADER -> new HeaderPollCursor(base, header, queryParam);
        };
    }

    /** Whether answers come in pushbench's batch format (else each body is the server's own, scanned for envelopes). */
    public boolean pushbenchFormat() {
        return kind == Kind.PUSHBENCH;
    }

    /** The text {@link #parse} reads back, e.g. {@code header:X-Cursor,query:since}. */
    @Override
    public String toString() {
        return switch (kind) {
            case PUSHBENCH -> "pushbench";
            case ETAG -> "etag";
            case HEADER -> "header:" + header + (queryParam == null ? "" : ",query:" + queryParam);
        };
    }

    /** An RFC 9110 token: what a header or (here) a parameter name may be. */
    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
