package io.pushbench.cli;

import io.pushbench.core.spec.Ramp;
import picocli.CommandLine;

/** Reads a load staircase, {@code FROM..TO/STEP} (e.g. {@code 100..2000/100}), or a single value. */
final class RampConverter implements CommandLine.ITypeConverter<Ramp> {

    @Override
    public Ramp convert(String value) {
        try {
            return Ramp.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
