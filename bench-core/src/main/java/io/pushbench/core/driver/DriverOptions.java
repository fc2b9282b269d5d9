package io.pushbench.core.driver;

/**
 * Options every driver takes.
 *
 * @param ioThreads            client I/O threads; 0 for the stack's default
 * @param streamsPerConnection HTTP/2 streams per TCP connection; 0 puts every stream on one connection
 */
public record DriverOptions(int ioThreads, int streamsPerConnection) {

    public DriverOptions {
        if (ioThreads < 0) {
            throw new IllegalArgumentException("io-threads must be >= 0, was " + ioThreads);
        }
        if (streamsPerConnection < 0) {
            throw new IllegalArgumentException("streams-per-connection must be >= 0, was " + streamsPerConnection);
        }
    }

    /** The defaults: the stack's thread count, every HTTP/2 stream on one connection. */
    public static DriverOptions defaults() {
        return new DriverOptions(0, 0);
    }
}
