package io.pushbench.core.driver;

/** What went wrong on a connection, as counted in results ("errors by kind"). */
public enum ErrorKind {
    /** The TCP connection could not be made (refused, unreachable, timed out). */
    CONNECT_FAILED("connect-failed"),
    /** TLS negotiation failed, for instance an untrusted certificate. */
    TLS_FAILED("tls-failed"),
    /** The server answered with an HTTP status other than the one expected. */
    HTTP_STATUS("http-status"),
    /** The WebSocket upgrade or the SSE/HTTP/2 negotiation was refused or malformed. */
    HANDSHAKE_FAILED("handshake-failed"),
    /** The server sent something the protocol does not allow. */
    PROTOCOL("protocol"),
    /** The server closed a connection that was expected to stay open. */
    CLOSED_BY_SERVER("closed-by-server"),
    /** A message arrived that holds no pushbench envelope. */
    UNDECODABLE("undecodable"),
    /** A request or reply did not arrive in time. */
    TIMEOUT("timeout"),
    /** Any other I/O failure. */
    IO("io");

    private final String id;

    ErrorKind(String id) {
        this.id = id;
    }

    /** The name used in result files. */
    public String id() {
        return id;
    }
}
