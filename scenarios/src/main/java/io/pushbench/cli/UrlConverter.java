package io.pushbench.cli;

import picocli.CommandLine;

import java.net.URI;
import java.net.URISyntaxException;

/** Reads an absolute URL such as {@code ws://host:8080/path?x=1}; which schemes fit is checked with the transport. */
final class UrlConverter implements CommandLine.ITypeConverter<URI> {

    @Override
    public URI convert(String value) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a URL: " + e.getReason()
                    + (e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : ""));
        }
        if (uri.getScheme() == null) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not an absolute URL (write e.g. "
                    + "ws://127.0.0.1:8080/ws/echo)");
        }
        if (uri.getHost() == null) {
            throw new CommandLine.TypeConversionException("'" + value + "' names no host (write e.g. "
                    + uri.getScheme() + "://127.0.0.1:8080/path)");
        }
        return uri;
    }
}
