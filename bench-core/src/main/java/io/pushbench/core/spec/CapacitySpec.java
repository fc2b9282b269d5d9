package io.pushbench.core.spec;

import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything that defines a capacity run, validated: the one options model behind the
 * {@code capacity} command's flags and the Java {@link Builder}. Immutable.
 *
 * <p>One of {@link #connections} and {@link #rate} may ramp; the other is held fixed. Each step
 * runs {@link #stepWarmup} (unrecorded, after the step's new connections opened), then
 * {@link #stepDuration} measured, then up to {@link #drain} for messages in flight.
 *
 * @param url               where the connections subscribe: {@code ws://} or {@code wss://} for websocket,
 *                          {@code http://} or {@code https://} for the other transports; its query passes through
 * @param sendUrl           pubsub: where pushbench publishes each envelope (an HTTP {@code POST} of the envelope
 *                          to {@code http(s)://}, or a text frame on a socket to {@code ws(s)://}); echo on an HTTP
 *                          transport: where each envelope is {@code POST}ed, its answer coming down the sender's push
 *                          channel; null otherwise
 * @param headerNames       names of the extra request headers sent on every request (values are not recorded:
 *                          they are often credentials)
 * @param transport         the transport of the subscriptions
 * @param client            the client stack that speaks it
 * @param mode              pubsub, echo or passive
 * @param connections       connections per step, whole numbers, 1 .. {@value RunSpec#MAX_SUBSCRIBERS}
 * @param rate              messages per second per step: published (pubsub) or sent by all connections together
 *                          (echo); null for passive, where the server sets the rate
 * @param slo               what a step must meet to count as held
 * @param messageSize       bytes of each envelope pushbench sends, 1 .. 16 MiB
 * @param stepWarmup        unrecorded time at the start of each step, {@code >= 0}
 * @param stepDuration      measured time of each step, {@code > 0}
 * @param drain             after a step's last send, the longest wait for messages in flight, {@code >= 0}
 * @param connectsPerSecond most new connections started per second, {@code > 0}: a ramp does not flood the
 *                          server's listen queue
 * @param saturationBreaks  whether a step in which pushbench itself was saturated (by its self-check) breaks,
 *                          as a broken objective does: for a search of the most a transport delivers on this
 *                          machine, where a saturated generator is the limit; otherwise such a step is only marked
 * @param timing            how the sends of each step wait for their planned times; null (an older result file)
 *                          means {@link SendTiming#defaults()}
 * @param protocol          how the clients spoke to the server where it differs from pushbench's defaults, one
 *                          phrase each ({@code permessage-deflate}, {@code binary frames}, {@code poll cursor etag},
 *                          {@code on-open message}); empty for none (and for an older result file)
 */
public record CapacitySpec(
        URI url,
        URI sendUrl,
        List<String> headerNames,
        Transport transport,
        ClientStack client,
        CapacityMode mode,
        Ramp connections,
        Ramp rate,
        Slo slo,
        int messageSize,
        Duration stepWarmup,
        Duration stepDuration,
        Duration drain,
        double connectsPerSecond,
        boolean saturationBreaks,
        SendTiming timing,
        List<String> protocol) {

    /** @throws IllegalArgumentException naming the first invalid option (as the command line spells it) */
    public CapacitySpec {
        timing = timing == null ? SendTiming.defaults() : timing;
        protocol = protocol == null ? List.of() : List.copyOf(protocol);
        Objects.requireNonNull(url, "url");
        headerNames = List.copyOf(headerNames);
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(slo, "slo");
        checkUrl("url", url, transport == Transport.WEBSOCKET ? List.of("ws", "wss") : List.of("http", "https"),
                "transport " + transport.id());
        String sendOption = mode == CapacityMode.PUBSUB ? "publish-url" : "echo-url";
        switch (mode) {
            case PUBSUB -> {
                if (sendUrl == null) {
                    throw new IllegalArgumentException("publish-url is needed for mode pubsub: where pushbench "
                            + "publishes (e.g. http://host/publish, or ws://host/socket)");
                }
                checkUrl(sendOption, sendUrl, List.of("http", "https", "ws", "wss"), "publishing");
            }
            case ECHO -> {
                if (transport == Transport.WEBSOCKET && sendUrl != null) {
                    throw new IllegalArgumentException("echo-url is only for echo on the HTTP transports: "
                            + "websocket echo sends on the socket itself");
                }
                if (transport != Transport.WEBSOCKET && sendUrl == null) {
                    throw new IllegalArgumentException("echo-url is needed for echo on " + transport.id()
                            + ": where each request is POSTed (its answer comes down the push channel)");
                }
                if (sendUrl != null) {
                    checkUrl(sendOption, sendUrl, List.of("http", "https"), "echo requests");
                }
            }
            case PASSIVE -> {
                if (sendUrl != null) {
                    throw new IllegalArgumentException("mode passive sends nothing: drop publish-url/echo-url");
                }
            }
        }
        try {
            connections.requireWhole(RunSpec.MAX_SUBSCRIBERS);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("connections " + e.getMessage());
        }
        if (mode == CapacityMode.PASSIVE) {
            if (rate != null) {
                throw new IllegalArgumentException("rate does not apply to mode passive: the server sets the rate; "
                        + "ramp connections instead");
            }
        } else {
            Objects.requireNonNull(rate, "rate");
            Validation.rate("rate", rate.from());
            Validation.rate("rate", rate.to());
            if (!rate.isFixed() && !connections.isFixed()) {
                throw new IllegalArgumentException("connections " + connections + " and rate " + rate
                        + " both ramp: ramp one and hold the other fixed");
            }
        }
        Validation.range("size", messageSize, 1, RunSpec.MAX_MESSAGE_SIZE);
        Validation.notNegative("step-warmup", stepWarmup);
        Validation.positive("step-duration", stepDuration);
        Validation.notNegative("drain", drain);
        Validation.rate("connect-rate", connectsPerSecond);
    }

    private static void checkUrl(String option, URI uri, List<String> schemes, String what) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme == null || !schemes.contains(scheme)) {
            throw new IllegalArgumentException(option + " " + uri + ": " + what + " needs a "
                    + String.join(":// or ", schemes) + ":// URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(option + " " + uri + ": no host name (write e.g. " + scheme
                    + "://127.0.0.1:8080/path)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A label such as {@code websocket} or {@code websocket/okhttp}: the stack is named when it is not Netty. */
    public String label() {
        return client == ClientStack.NETTY ? transport.id() : transport.id() + "/" + client.id();
    }

    /** The number of steps of the staircase. */
    public int steps() {
        return Math.max(connections.values().size(), rate == null ? 1 : rate.values().size());
    }

    /** Connections of step {@code index} (from 0). */
    public int connectionsAt(int index) {
        List<Double> values = connections.values();
        return (int) Math.round(values.get(Math.min(index, values.size() - 1)));
    }

    /** Messages per second offered at step {@code index} (from 0); 0 for passive. */
    public double rateAt(int index) {
        if (rate == null) {
            return 0;
        }
        List<Double> values = rate.values();
        return values.get(Math.min(index, values.size() - 1));
    }

    /** What the staircase raises: {@code connections}, {@code rate}, or {@code connections} for a single step. */
    public String rampedDimension() {
        return rate != null && !rate.isFixed() ? "rate" : "connections";
    }

    /** The value of the ramped dimension at step {@code index}: the x axis of a capacity chart. */
    public double loadAt(int index) {
        return rampedDimension().equals("rate") ? rateAt(index) : connectionsAt(index);
    }

    /** Sets the options one by one; defaults as documented on each. */
    public static final class Builder {
        private URI url;
        private URI sendUrl;
        private List<String> headerNames = List.of();
        private Transport transport = Transport.WEBSOCKET;
        private ClientStack client = ClientStack.NETTY;
        private CapacityMode mode = CapacityMode.ECHO;
        private Ramp connections = Ramp.fixed(10);
        private Ramp rate = Ramp.fixed(1000);
        private Slo slo = Slo.parse("p99<100ms");
        private int messageSize = 256;
        private Duration stepWarmup = Duration.ofSeconds(1);
        private Duration stepDuration = Duration.ofSeconds(5);
        private Duration drain = Duration.ofSeconds(2);
        private double connectsPerSecond = 500;
        private boolean saturationBreaks;
        private SendTiming timing = SendTiming.defaults();
        private List<String> protocol = List.of();

        /** Required. */
        public Builder url(URI url) {
            this.url = url;
            return this;
        }

        /** Required for pubsub and for echo on the HTTP transports. */
        public Builder sendUrl(URI sendUrl) {
            this.sendUrl = sendUrl;
            return this;
        }

        /** Default none. */
        public Builder headerNames(List<String> names) {
            this.headerNames = names;
            return this;
        }

        /** Default websocket. */
        public Builder transport(Transport transport) {
            this.transport = transport;
            return this;
        }

        /** Default netty. */
        public Builder client(ClientStack client) {
            this.client = client;
            return this;
        }

        /** Default echo. */
        public Builder mode(CapacityMode mode) {
            this.mode = mode;
            return this;
        }

        /** Default 10, fixed. */
        public Builder connections(Ramp connections) {
            this.connections = connections;
            return this;
        }

        /** Default 1000 msg/s, fixed; must be null for passive. */
        public Builder rate(Ramp rate) {
            this.rate = rate;
            return this;
        }

        /** Default {@code p99<100ms} with the default error budget. */
        public Builder slo(Slo slo) {
            this.slo = slo;
            return this;
        }

        /** Default 256 bytes. */
        public Builder messageSize(int bytes) {
            this.messageSize = bytes;
            return this;
        }

        /** Default 1 s. */
        public Builder stepWarmup(Duration warmup) {
            this.stepWarmup = warmup;
            return this;
        }

        /** Default 5 s. */
        public Builder stepDuration(Duration duration) {
            this.stepDuration = duration;
            return this;
        }

        /** Default 2 s. */
        public Builder drain(Duration drain) {
            this.drain = drain;
            return this;
        }

        /** Default 500 per second. */
        public Builder connectsPerSecond(double perSecond) {
            this.connectsPerSecond = perSecond;
            return this;
        }

        /** Default false: a saturated step is marked, and judged by the objective alone. */
        public Builder saturationBreaks(boolean breaks) {
            this.saturationBreaks = breaks;
            return this;
        }

        /** Default {@link SendTiming#defaults()}: event-loop timers at 1 ms. */
        public Builder timing(SendTiming timing) {
            this.timing = timing;
            return this;
        }

        /** Default none: pushbench's own long polling, text frames, no compression, nothing sent on open. */
        public Builder protocol(List<String> phrases) {
            this.protocol = phrases;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid option */
        public CapacitySpec build() {
            return new CapacitySpec(url, sendUrl, headerNames, transport, client, mode, connections, rate, slo,
                    messageSize, stepWarmup, stepDuration, drain, connectsPerSecond, saturationBreaks, timing,
                    protocol);
        }
    }
}
