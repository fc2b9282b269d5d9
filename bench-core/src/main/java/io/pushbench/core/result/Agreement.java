package io.pushbench.core.result;

import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

/**
 * How one client stack's measurement of a transport compares with the reference stack's in the
 * same run: two independent stacks measuring the same server must agree, within
 * {@link AgreementCheck}'s tolerance, for either figure to be trusted.
 *
 * @param transport          the transport both stacks measured
 * @param client             the stack compared
 * @param reference          the stack it is compared with: Netty when it ran, else the first stack that did
 * @param metric             the latency compared: {@value Metrics#PUSH_CORRECTED} (broadcast) or
 *                           {@value Metrics#RTT_CORRECTED} (echo)
 * @param p50Micros          the stack's median, microseconds
 * @param referenceP50Micros the reference's median, microseconds
 * @param p50Ratio           {@code p50Micros / referenceP50Micros}; 0 when the reference recorded nothing
 * @param p99Micros          the stack's 99th percentile, microseconds
 * @param referenceP99Micros the reference's 99th percentile, microseconds
 * @param p99Ratio           {@code p99Micros / referenceP99Micros}; 0 when the reference recorded nothing
 * @param agrees             whether both percentiles are within the tolerance
 * @param note               why they disagree, one line; empty when they agree
 */
public record Agreement(
        Transport transport,
        ClientStack client,
        ClientStack reference,
        String metric,
        double p50Micros,
        double referenceP50Micros,
        double p50Ratio,
        double p99Micros,
        double referenceP99Micros,
        double p99Ratio,
        boolean agrees,
        String note) {
}
