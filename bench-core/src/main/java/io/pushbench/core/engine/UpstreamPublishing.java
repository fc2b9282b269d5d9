package io.pushbench.core.engine;

import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.envelope.Envelope;
import io.pushbench.core.envelope.EnvelopeCodec;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Publishes planned envelopes through a {@link CapacityRun.Upstream} (a server's publish
 * endpoint): each envelope carries its planned and its actual send time. A publish the server
 * refused, or that could not reach it, is counted as an error of the run measuring then and is
 * never fatal: while a server is down its messages are lost, and show up as loss in every
 * subscriber's sequence numbers. Stateless; called on the sender's thread.
 */
final class UpstreamPublishing {

    private UpstreamPublishing() {
    }

    /**
     * @param run the run whose errors a refusal counts in, or null to count it nowhere (between steps)
     */
    static void publish(CapacityRun.Upstream upstream, long sequence, long intendedNanos, int messageSize,
                        TransportRun run) {
        String text = EnvelopeCodec.encode(new Envelope(sequence, intendedNanos, System.nanoTime()), messageSize);
        CompletableFuture<Void> published;
        try {
            published = upstream.publish(text);
        } catch (RuntimeException e) {
            published = CompletableFuture.failedFuture(e);
        }
        published.whenComplete((ok, error) -> {
            if (error != null && run != null) {
                run.countError(asDriverException(error));
            }
        });
    }

    private static DriverException asDriverException(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof DriverException driverError ? driverError
                : new DriverException(ErrorKind.IO, "publish failed: " + cause.getMessage(), cause);
    }
}
