package io.pushbench.core.result;

import java.util.List;

/**
 * How the generator itself fared during a run: whether its figures describe the server or the
 * tool. The schedule-lag and JVM-pause distributions are in {@link TransportResult#latency()}
 * under {@value Metrics#SCHEDULE_LAG} and {@value Metrics#JVM_PAUSE}.
 *
 * @param unsentMessages          planned messages never sent: the generator fell too far behind its plan
 * @param gcMillis                time the JVM spent in garbage collection during the measured phase and drain, ms
 * @param processCpuMillis        CPU time of the whole pushbench process in that time, ms
 * @param serverCpuMillis         of which the in-process reference server's threads, ms; -1 when the server
 *                                runs elsewhere (its CPU is not ours to read)
 * @param generatorCpuMillis      the process's CPU time less the server's, ms
 * @param generatorCpuMicrosPerMessage generator CPU per delivered message, µs
 * @param serverCpuMicrosPerMessage    server CPU per delivered message, µs; -1 when unknown
 * @param cpuUtilisation          process CPU time over (elapsed time x available processors), 0..1
 * @param saturated               true when any check failed: the figures may describe the generator, not the server
 * @param reasons                 one sentence per failed check, naming the figure and its threshold
 */
public record SelfHealth(
        long unsentMessages,
        long gcMillis,
        double processCpuMillis,
        double serverCpuMillis,
        double generatorCpuMillis,
        double generatorCpuMicrosPerMessage,
        double serverCpuMicrosPerMessage,
        double cpuUtilisation,
        boolean saturated,
        List<String> reasons) {

    public SelfHealth {
        reasons = List.copyOf(reasons);
    }
}
