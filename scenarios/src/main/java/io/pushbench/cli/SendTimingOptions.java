package io.pushbench.cli;

import io.pushbench.core.spec.SendTiming;
import picocli.CommandLine.Option;

import java.time.Duration;

/** How a run's planned sends wait for their time: the options of every command that sends on a plan. */
final class SendTimingOptions {

    @Option(names = "--timer-resolution", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Shortest time between two wake-ups of the sender on one event loop; each wake-up sends "
                    + "everything that came due and flushes each connection once. Finer costs more CPU at high "
                    + "rates; coarser adds up to that much schedule lag (counted in the corrected latency). "
                    + "0 to 100ms. Default: 1ms (up to 1,000 msg/s per event loop every send is still on time).")
    private Duration resolution = SendTiming.DEFAULT_RESOLUTION;

    @Option(names = "--spin",
            description = "Send from one dedicated thread that spins until each planned time instead of event-loop "
                    + "timers: near-zero schedule lag for a whole core of CPU. Default: off.")
    private boolean spin;

    /** @throws UserError naming the option when the resolution is out of range */
    SendTiming timing() {
        try {
            return spin ? SendTiming.spinning() : SendTiming.eventLoop(resolution);
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--" + e.getMessage());
        }
    }
}
