package io.pushbench.cli;

import io.pushbench.core.spec.Slo;
import picocli.CommandLine;

/** Reads a service-level objective such as {@code p99<100ms,errors<0.1%} (see {@link Slo}). */
final class SloConverter implements CommandLine.ITypeConverter<Slo> {

    @Override
    public Slo convert(String value) {
        try {
            return Slo.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
