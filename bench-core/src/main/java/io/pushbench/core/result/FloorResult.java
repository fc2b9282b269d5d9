package io.pushbench.core.result;

import java.util.List;
import java.util.Map;

/**
 * The floor of a comparison: a raw TCP ping-pong between two sockets on loopback, measured in the
 * same run as the transports, at the same rate and message size, with no HTTP and no framing.
 * What a transport adds to it is what its protocol and stack cost; a transport's latency as a
 * multiple of the floor's is comparable across machines where raw milliseconds are not.
 *
 * <p>Its latencies are kept under the same metric names as the transports' so that a transport's
 * figure and its floor are found under one key: {@value Metrics#PUSH_CORRECTED} and
 * {@value Metrics#PUSH_UNCORRECTED} hold the one-way trip (send to read at the receiving socket),
 * the floor of broadcast push latency; {@value Metrics#RTT_CORRECTED} and
 * {@value Metrics#RTT_UNCORRECTED} hold the round trip (the receiver writes the bytes back), the
 * floor of echo; {@value Metrics#SCHEDULE_LAG} how late its sender went.
 *
 * @param messageSize     bytes per message, each way
 * @param measuredSeconds length of its measured phase, seconds (bounded, so may be shorter than the transports')
 * @param sent            messages sent in its measured phase
 * @param received        of those, round trips completed (each message's echo read back)
 * @param sentPerSecond   {@code sent} per measured second
 * @param histogramLog    file name, in the result directory, of its histogram log (nanoseconds, tagged by metric)
 * @param latency         summaries by metric, microseconds ({@value Metrics#HICCUP} too)
 * @param saturation      why the generator could not keep the floor's schedule, one sentence per reason; empty when
 *                        it could: then the floor is trustworthy as a floor
 */
public record FloorResult(
        int messageSize,
        double measuredSeconds,
        long sent,
        long received,
        double sentPerSecond,
        String histogramLog,
        Map<String, LatencySummary> latency,
        List<String> saturation) {

    /** The file name of the floor's histogram log in a result directory. */
    public static final String HISTOGRAM_LOG = "floor-tcp.hlog";

    public FloorResult {
        latency = Map.copyOf(latency);
        saturation = saturation == null ? List.of() : List.copyOf(saturation);
    }

    /** Whether the generator could not keep the floor's schedule (see {@link #saturation}). */
    public boolean saturated() {
        return !saturation.isEmpty();
    }
}
