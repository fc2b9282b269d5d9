package io.pushbench.core.shard;

import io.pushbench.core.result.LatencySummary;
import io.pushbench.core.result.SelfHealth;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.spec.Workload;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds the figures of one transport measured by several shards into one {@link TransportResult}: latency from
 * the sum of every shard's interval histograms, counters added, each shard's self-check kept under its name.
 * Not tied to capacity runs: a compare run's transports merge the same way.
 */
final class TransportResultMerge {

    private TransportResultMerge() {
    }

    /**
     * @param parts             the shards' complete results
     * @param shardOfPart       the shard index of each part, for the self-check's reasons
     * @param intervals         every interval histogram of every shard (of stopped shards too)
     * @param plannedOfStopped  deliveries planned to shards that stopped during the run
     * @param recordedOfStopped of those, the deliveries they recorded before they stopped
     */
    static TransportResult of(Transport transport, ClientStack client, Workload workload, int messageSize,
                              String logName, double plannedSeconds, List<TransportResult> parts,
                              List<Integer> shardOfPart, List<Histogram> intervals, long plannedOfStopped,
                              long recordedOfStopped) {
        Map<String, LatencySummary> latency = new LinkedHashMap<>();
        ShardLogs.totals(intervals).forEach((tag, h) -> latency.put(tag, LatencySummary.ofNanos(h)));
        long sent = 0;
        long expected = plannedOfStopped;
        long received = recordedOfStopped;
        long lost = Math.max(0, plannedOfStopped - recordedOfStopped);
        long duplicated = 0;
        long outOfOrder = 0;
        long negative = 0;
        long lostInGaps = 0;
        long requested = 0;
        long opened = 0;
        long failed = 0;
        long tcp = 0;
        long reconnects = 0;
        double downtime = 0;
        double seconds = 0;
        long read = 0;
        long written = 0;
        Map<String, Long> errors = new TreeMap<>();
        for (TransportResult r : parts) {
            TransportResult.Delivery d = r.delivery();
            // A broadcast's sent is the big plan's, the same in every shard; echo shards each send their own.
            sent = workload == Workload.BROADCAST ? Math.max(sent, d.sent()) : sent + d.sent();
            expected += d.expected();
            received += d.received();
            lost += d.lost();
            duplicated += d.duplicated();
            outOfOrder += d.outOfOrder();
            negative += d.negativeLatencies();
            lostInGaps = d.lostInGaps() < 0 || lostInGaps < 0 ? -1 : lostInGaps + d.lostInGaps();
            TransportResult.Connections c = r.connections();
            requested += c.requested();
            opened += c.opened();
            failed += c.failed();
            tcp += c.tcpConnections();
            reconnects += c.reconnects();
            downtime += c.downtimeSeconds();
            seconds = Math.max(seconds, r.measuredSeconds());
            read += r.wire().bytesRead();
            written += r.wire().bytesWritten();
            r.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
        }
        if (seconds == 0) {
            seconds = plannedSeconds;
        }
        double perMessage = received == 0 ? 0 : (double) (read + written) / received;
        double payload = switch (workload) {
            case ECHO -> 2.0 * messageSize;
            case BROADCAST -> messageSize;
            default -> 0;
        };
        long openedTotal = opened;
        double cpu = weighted(parts, openedTotal, r -> r.perConnection().generatorCpuMicros());
        double heap = weighted(parts, openedTotal, r -> r.perConnection().heapBytes());
        double rss = weighted(parts, openedTotal, r -> r.perConnection().rssBytes());
        return TransportResult.builder()
                .transport(transport)
                .client(client)
                .workload(workload)
                .histogramLog(logName)
                .measuredSeconds(seconds)
                .deliveredPerSecond(received / seconds)
                .connections(TransportResult.Connections.builder()
                        .requested(requested).opened(opened).failed(failed).tcpConnections(tcp)
                        .reconnects(reconnects).downtimeSeconds(downtime)
                        .build())
                .delivery(TransportResult.Delivery.builder()
                        .sent(sent).expected(expected).received(received).lost(lost).duplicated(duplicated)
                        .outOfOrder(outOfOrder).negativeLatencies(negative).lostInGaps(lostInGaps)
                        .build())
                .errors(errors)
                .latency(latency)
                .wire(new TransportResult.Wire(read, written, round(perMessage),
                        round(received == 0 ? 0 : perMessage - payload)))
                .selfHealth(health(parts, shardOfPart))
                .perConnection(new TransportResult.PerConnection(round(heap), round(rss), -1, round(cpu),
                        round(opened == 0 ? 0 : (double) (read + written) / opened)))
                .build();
    }

    /** A per-connection figure over all shards: each shard's weighted by the connections it opened. */
    private static double weighted(List<TransportResult> parts, long opened,
                                   java.util.function.ToDoubleFunction<TransportResult> figure) {
        if (opened == 0) {
            return 0;
        }
        return parts.stream().filter(r -> r.perConnection() != null)
                .mapToDouble(r -> figure.applyAsDouble(r) * r.connections().opened()).sum() / opened;
    }

    /** The shards' self-checks together: saturated when any shard was, each reason naming its shard. */
    private static SelfHealth health(List<TransportResult> parts, List<Integer> shardOfPart) {
        List<String> reasons = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        long unsent = 0;
        long gc = 0;
        double process = 0;
        double generator = 0;
        double outside = 0;
        double utilisation = 0;
        long clamped = 0;
        long received = 0;
        SelfHealth busiest = null;
        for (int i = 0; i < parts.size(); i++) {
            TransportResult r = parts.get(i);
            SelfHealth h = r.selfHealth();
            String who = "shard " + shardOfPart.get(i) + ": ";
            h.reasons().forEach(x -> reasons.add(who + x));
            h.warnings().forEach(x -> warnings.add(who + x));
            unsent += h.unsentMessages();
            gc = Math.max(gc, h.gcMillis());
            process += h.processCpuMillis();
            generator += h.generatorCpuMillis();
            outside += h.outsideCpuMillis();
            utilisation = Math.max(utilisation, h.cpuUtilisation());
            clamped += h.clampedValues();
            received += r.delivery().received();
            if (busiest == null || h.cpuUtilisation() > busiest.cpuUtilisation()) {
                busiest = h;
            }
        }
        return SelfHealth.builder()
                .unsentMessages(unsent)
                .gcMillis(gc)
                .cpuMillis(round(process), -1, round(generator))
                .outsideCpuMillis(round(outside))
                .cpuMicrosPerMessage(received == 0 ? 0 : round(generator * 1e3 / received), -1)
                .cpuUtilisation(utilisation)
                .reasons(reasons)
                .warnings(warnings)
                // Pauses and stalls are a process's own: the busiest shard's stand for the run.
                .jvmPauses(busiest == null ? null : busiest.jvmPauses())
                .platformStalls(busiest == null ? null : busiest.platformStalls())
                .clampedValues(clamped)
                .build();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
