package io.pushbench.cli;

import io.pushbench.core.spec.Workload;
import picocli.CommandLine;

/**
 * Reads a compare workload name: {@code broadcast} or {@code echo}. {@code passive} is refused:
 * the embedded server publishes nothing on its own, so it belongs to {@code capacity --mode passive}.
 */
final class WorkloadConverter implements CommandLine.ITypeConverter<Workload> {

    @Override
    public Workload convert(String value) {
        Workload workload;
        try {
            workload = Workload.fromId(value.trim());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
        if (workload == Workload.PASSIVE) {
            throw new CommandLine.TypeConversionException("'passive' is for 'pushbench capacity --mode passive' "
                    + "against a server that publishes on its own; compare runs broadcast or echo");
        }
        return workload;
    }
}
