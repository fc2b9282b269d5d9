package io.pushbench.cli;

import io.pushbench.core.transport.Transport;
import picocli.CommandLine;

import java.util.Arrays;
import java.util.Iterator;

/** Reads a transport name, e.g. {@code sse-http2}. */
final class TransportConverter implements CommandLine.ITypeConverter<Transport> {

    @Override
    public Transport convert(String value) {
        try {
            return Transport.fromId(value.trim());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** The names, for help text. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Transport.values()).map(Transport::id).iterator();
        }
    }
}
