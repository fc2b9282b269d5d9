package io.pushbench.cli;

import io.pushbench.core.gate.Thresholds;
import picocli.CommandLine;

/** Reads the thresholds of {@code --assert}, such as {@code websocket:p99<5ms,lost=0} (see {@link Thresholds}). */
final class ThresholdsConverter implements CommandLine.ITypeConverter<Thresholds> {

    @Override
    public Thresholds convert(String value) {
        try {
            return Thresholds.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
