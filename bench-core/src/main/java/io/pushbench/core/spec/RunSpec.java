package io.pushbench.core.spec;

import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything that defines a run, validated: the one options model behind command-line flags,
 * scenario files and the Java {@link Builder}. Immutable.
 *
 * @param name               the scenario's name, for result files and reports
 * @param transports         the transports to run, one after the other, in this order
 * @param clients            the client stacks to run each transport with
 * @param workload           broadcast (server push), echo (round trip), chat (every client sends, all receive)
 *                           or idle (connections held, nothing sent)
 * @param load               the arrival rate (open models) or closed loop
 * @param messageSize        total size of each message, bytes, 1 .. 16 MiB (padded envelope)
 * @param subscribers        connections (subscribers for broadcast, clients for echo), 1 .. 100,000
 * @param warmup             unrecorded phase before measuring, {@code >= 0}
 * @param duration           measured phase, {@code > 0}
 * @param drain              after the last send, how long to wait for messages still in flight, {@code >= 0}
 * @param streamsPerConnection HTTP/2 streams per TCP connection for {@code sse-http2}; 0 puts every stream on one connection
 * @param heartbeat          heartbeat interval of the embedded server (WebSocket ping, SSE comment, empty long-poll
 *                           answer) and of the WebSocket client's pings, {@code > 0}; null (an older result file)
 *                           means the default {@link #DEFAULT_HEARTBEAT}. Idle runs measure at least two of them.
 * @param timing             how the open model's sends wait for their planned times; null (an older result file)
 *                           means {@link SendTiming#defaults()}
 * @param tls                whether every transport ran over TLS (wss, https; sse-http2 as h2 by ALPN) against the
 *                           reference server's self-signed certificate, and the floors with them; false in files
 *                           written before it existed
 */
public record RunSpec(
        String name,
        List<Transport> transports,
        List<ClientStack> clients,
        Workload workload,
        LoadModel load,
        int messageSize,
        int subscribers,
        Duration warmup,
        Duration duration,
        Duration drain,
        int streamsPerConnection,
        Duration heartbeat,
        SendTiming timing,
        boolean tls) {

    /** Largest message size accepted, bytes. */
    public static final int MAX_MESSAGE_SIZE = 16 * 1024 * 1024;
    /** Most connections one run may open. */
    public static final int MAX_SUBSCRIBERS = 100_000;
    /** The heartbeat interval when none is given: 15 s, the reference server's and the drivers' default. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

    public RunSpec {
        Objects.requireNonNull(name, "name");
        transports = List.copyOf(transports);
        clients = List.copyOf(clients);
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(load, "load");
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("transports must name at least one of: " + Transport.validIds());
        }
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("clients must name at least one client stack");
        }
        Validation.range("size", messageSize, 1, MAX_MESSAGE_SIZE);
        Validation.range("subscribers", subscribers, 1, MAX_SUBSCRIBERS);
        Validation.notNegative("warmup", warmup);
        Validation.positive("duration", duration);
        Validation.notNegative("drain", drain);
        Validation.range("streams-per-connection", streamsPerConnection, 0, MAX_SUBSCRIBERS);
        heartbeat = heartbeat == null ? DEFAULT_HEARTBEAT : heartbeat;
        timing = timing == null ? SendTiming.defaults() : timing;
        Validation.positive("heartbeat", heartbeat);
        if ((workload == Workload.BROADCAST || workload == Workload.CHAT) && !load.isOpen()) {
            throw new IllegalArgumentException("workload " + workload + " needs an open load model (a rate): "
                    + "messages are sent on a schedule; use workload echo for a closed loop");
        }
        if (workload == Workload.IDLE && duration.compareTo(heartbeat.multipliedBy(2)) < 0) {
            // Fewer would measure connections that never saw a heartbeat: the cost of idling, not of keeping alive.
            throw new IllegalArgumentException("duration " + duration.toMillis() / 1000.0 + "s is too short for "
                    + "workload idle: it must cover two heartbeat intervals (--heartbeat "
                    + heartbeat.toMillis() / 1000.0 + "s), so at least " + heartbeat.toMillis() * 2 / 1000.0 + "s");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder with every option at its documented default. */
    public static final class Builder {
        private String name = "adhoc";
        private List<Transport> transports = List.of(Transport.values());
        private List<ClientStack> clients = List.of(ClientStack.NETTY);
        private Workload workload = Workload.BROADCAST;
        private LoadModel load = new LoadModel.ConstantRate(1000);
        private int messageSize = 256;
        private int subscribers = 10;
        private Duration warmup = Duration.ofSeconds(2);
        private Duration duration = Duration.ofSeconds(10);
        private Duration drain = Duration.ofSeconds(2);
        private int streamsPerConnection = 0;
        private Duration heartbeat = DEFAULT_HEARTBEAT;
        private SendTiming timing = SendTiming.defaults();
        private boolean tls;

        /** Default {@code adhoc}. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Default: all four, in the order long-polling, websocket, sse-http1, sse-http2. */
        public Builder transports(List<Transport> transports) {
            this.transports = transports;
            return this;
        }

        /** Default: netty. */
        public Builder clients(List<ClientStack> clients) {
            this.clients = clients;
            return this;
        }

        /** Default: broadcast. */
        public Builder workload(Workload workload) {
            this.workload = workload;
            return this;
        }

        /** Default: a constant 1000 messages per second. */
        public Builder load(LoadModel load) {
            this.load = load;
            return this;
        }

        /** Shorthand for a constant arrival rate, messages per second. */
        public Builder rate(double perSecond) {
            return load(new LoadModel.ConstantRate(perSecond));
        }

        /** Default 256 bytes. */
        public Builder messageSize(int bytes) {
            this.messageSize = bytes;
            return this;
        }

        /** Default 10. */
        public Builder subscribers(int subscribers) {
            this.subscribers = subscribers;
            return this;
        }

        /** Default 2 s. */
        public Builder warmup(Duration warmup) {
            this.warmup = warmup;
            return this;
        }

        /** Default 10 s. */
        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        /** Default 2 s. */
        public Builder drain(Duration drain) {
            this.drain = drain;
            return this;
        }

        /** Default 0: every stream on one connection. */
        public Builder streamsPerConnection(int streams) {
            this.streamsPerConnection = streams;
            return this;
        }

        /** Default 15 s. */
        public Builder heartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
            return this;
        }

        /** Default {@link SendTiming#defaults()}: event-loop timers at 1 ms. */
        public Builder timing(SendTiming timing) {
            this.timing = timing;
            return this;
        }

        /** Default false: plain TCP. */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid option */
        public RunSpec build() {
            return new RunSpec(name, transports, clients, workload, load, messageSize, subscribers,
                    warmup, duration, drain, streamsPerConnection, heartbeat, timing, tls);
        }
    }
}
