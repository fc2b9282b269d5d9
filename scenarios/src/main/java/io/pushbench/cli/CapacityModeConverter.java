package io.pushbench.cli;

import io.pushbench.core.spec.CapacityMode;
import picocli.CommandLine;

/** Reads a capacity mode: {@code pubsub}, {@code echo} or {@code passive}. */
final class CapacityModeConverter implements CommandLine.ITypeConverter<CapacityMode> {

    @Override
    public CapacityMode convert(String value) {
        try {
            return CapacityMode.fromId(value.trim());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
