package io.pushbench.core.driver;

import java.net.URI;

/**
 * Gives each connection of a run a client id of its own. The HTTP transports name a client with a
 * {@value #PARAM} query parameter, on the subscription and on the send URI, so that the reply to a
 * {@code POST /echo?client=ID} comes down that client's own push channel. Every connection of a
 * run shares one {@link Target}, so a driver appends {@code -N} (N the connection's id) to that
 * parameter's value in both URIs: {@code ?client=run7} becomes {@code ?client=run7-0},
 * {@code ?client=run7-1}, ... A URI without the parameter is left as it is.
 *
 * <p>Thread-safe: stateless.
 */
public final class ClientIds {

    /** The query parameter naming a client. */
    public static final String PARAM = "client";

    private ClientIds() {
    }

    /** {@code target} with the client id in its uri and sendUri made unique to connection {@code connectionId}. */
    public static Target forConnection(Target target, int connectionId) {
        String suffix = "-" + connectionId;
        URI sendUri = target.sendUri() == null ? null : withSuffix(target.sendUri(), suffix);
        return new Target(withSuffix(target.uri(), suffix), sendUri, target.headers());
    }

    private static URI withSuffix(URI uri, String suffix) {
        String query = uri.getRawQuery();
        if (query == null) {
            return uri;
        }
        String[] params = query.split("&", -1);
        boolean found = false;
        for (int i = 0; i < params.length; i++) {
            if (params[i].startsWith(PARAM + "=")) {
                params[i] += suffix;
                found = true;
            }
        }
        if (!found) {
            return uri;
        }
        String text = uri.toString();
        int queryStart = text.indexOf('?');
        int fragment = text.indexOf('#', queryStart);
        return URI.create(text.substring(0, queryStart + 1) + String.join("&", params)
                + (fragment < 0 ? "" : text.substring(fragment)));
    }
}
