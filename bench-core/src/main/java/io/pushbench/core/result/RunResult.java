package io.pushbench.core.result;

import io.pushbench.core.spec.RunSpec;

import java.util.List;

/**
 * What {@code result.json} holds: one run of one or more transports, with everything a reader
 * needs to trust its figures. Reports are rendered from this and the histogram logs alone.
 *
 * @param format      {@value #FORMAT}: the file format and its version
 * @param startedAt   ISO-8601 UTC time the run started
 * @param finishedAt  ISO-8601 UTC time the run ended; null while it runs, so a file without it is of a run
 *                    that was killed (results then holds the transports completed before)
 * @param interrupted whether the run was stopped before it finished (results are partial)
 * @param scenario    the options the run used
 * @param environment the machine and software it ran on
 * @param results     one entry per transport and client stack, in the order they ran
 * @param agreement   for each transport measured by more than one client stack, how each stack's
 *                    latency compares with the reference stack's ({@link AgreementCheck}); empty when
 *                    no transport was measured twice, null in files written before it existed
 * @param floor       the raw TCP floor measured before the transports ({@link FloorResult}); null when it was
 *                    skipped ({@code --no-floor}, a closed model) or in files written before it existed
 * @param generatorFloor the bare-client generator floor measured before the transports ({@link GeneratorFloorResult}),
 *                    with each transport's generator CPU as a multiple of it; null when it was skipped
 *                    ({@code --no-generator-floor}, a workload without one) or in files written before it existed
 */
public record RunResult(
        String format,
        String startedAt,
        String finishedAt,
        boolean interrupted,
        RunSpec scenario,
        Environment environment,
        List<TransportResult> results,
        List<Agreement> agreement,
        FloorResult floor,
        GeneratorFloorResult generatorFloor) {

    /** The current result format. */
    public static final String FORMAT = "pushbench-result/1";

    public RunResult {
        results = List.copyOf(results);
        agreement = agreement == null ? null : List.copyOf(agreement);
    }

    /** A result without a floor whose {@link #agreement} is computed from {@code results} by {@link AgreementCheck}. */
    public RunResult(String format, String startedAt, String finishedAt, boolean interrupted, RunSpec scenario,
                     Environment environment, List<TransportResult> results) {
        this(format, startedAt, finishedAt, interrupted, scenario, environment, results, AgreementCheck.of(results),
                null, null);
    }

    /** This result with {@code floor} (null for none) as its floor. */
    public RunResult withFloor(FloorResult floor) {
        return new RunResult(format, startedAt, finishedAt, interrupted, scenario, environment, results, agreement,
                floor, generatorFloor);
    }

    /**
     * This result with {@code generatorFloor} (null for none) as its generator floor, its
     * {@link GeneratorFloorResult#multiples} computed from this result's transports.
     */
    public RunResult withGeneratorFloor(GeneratorFloorResult generatorFloor) {
        return new RunResult(format, startedAt, finishedAt, interrupted, scenario, environment, results, agreement,
                floor, generatorFloor == null ? null : generatorFloor.withMultiples(results));
    }
}
