package io.pushbench.cli;

import io.pushbench.core.transport.ClientStack;
import picocli.CommandLine;

/** Reads a client stack name, e.g. {@code okhttp}. */
final class ClientStackConverter implements CommandLine.ITypeConverter<ClientStack> {

    @Override
    public ClientStack convert(String value) {
        try {
            return ClientStack.fromId(value.trim());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
