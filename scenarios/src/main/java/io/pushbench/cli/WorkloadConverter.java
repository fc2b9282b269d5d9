package io.pushbench.cli;

import io.pushbench.core.engine.Workload;
import picocli.CommandLine;

/** Reads a workload name: {@code broadcast} or {@code echo}. */
final class WorkloadConverter implements CommandLine.ITypeConverter<Workload> {

    @Override
    public Workload convert(String value) {
        try {
            return Workload.fromId(value.trim());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
