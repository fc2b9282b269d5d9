package io.pushbench.core.engine.compare;

import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TlsTrust;
import io.pushbench.core.engine.CapacityRun;
import io.pushbench.core.spec.Workload;
import io.pushbench.core.transport.Transport;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.util.function.LongSupplier;

/**
 * The reference servers a comparison runs against: a fresh one in this process for each transport,
 * or one {@code pushbench serve} running elsewhere. The engine owns this interface and the caller
 * implements it, so that the engine never depends on the server it measures.
 */
public interface ReferenceServers {

    /**
     * Refuses, before anything runs or is written, servers that cannot be had (e.g. a fixed port that is
     * taken), with an unchecked exception the caller reports.
     */
    default void check() {
    }

    /**
     * Whether the servers run in this process: their CPU is then told apart from the generator's, and the
     * clients share the process's I/O threads by default.
     */
    boolean inProcess();

    /** Whether the servers run on this machine, in this process or another: the clients then leave them half the cores. */
    default boolean onThisMachine() {
        return inProcess();
    }

    /** Starts a fresh server (or reaches the running one) for one transport or one generator floor. */
    Session open();

    /** The two ends of the floor's TLS ping-pong, for a run over TLS: a server context and a client that trusts it. */
    FloorTls floorTls();

    /** TLS contexts for {@code FloorRun#overTls}. */
    record FloorTls(SSLContext server, SSLContext client) {
    }

    /** One server, for as long as one transport (or one generator floor) runs against it. */
    interface Session extends AutoCloseable {

        /** Where {@code transport}'s endpoint for {@code workload} is on this server. */
        Target target(Transport transport, Workload workload);

        /** The certificate to trust when the server speaks TLS (it is self-signed), or null when it does not. */
        TlsTrust trust();

        /** {@code options} trusting this server's certificate, if it has one. */
        default DriverOptions trusting(DriverOptions options) {
            TlsTrust trust = trust();
            return trust == null ? options : options.withTrust(trust);
        }

        /** The server's hub, when it runs in this process: broadcasts go straight into it; null otherwise. */
        InProcessHub hub();

        /** The server's publish endpoint, which broadcasts a POSTed envelope (on its plain HTTP port). */
        URI publishUrl();

        /**
         * Opens a path that POSTs each envelope to {@link #publishUrl()} over HTTP/1.1, for a server that is not
         * in this process; the caller closes it.
         */
        Publishing openPublishing(DriverOptions options) throws InterruptedException;

        /** CPU time used so far by the server's threads, nanoseconds; -1 when unknown (a server elsewhere). */
        LongSupplier serverCpuNanos();

        /** Stops the server when it was started for this session. */
        @Override
        void close();
    }

    /** A reference server's hub in this process. */
    interface InProcessHub {
        /** Broadcasts envelope {@code sequence} of {@code size} bytes, planned at {@code intendedNanos}. */
        void publishEnvelope(long sequence, long intendedNanos, int size);

        /** Broadcasts {@code text} as it is, as the publish endpoint does with a POSTed body. */
        void publish(String text);
    }

    /** Publishes envelopes through a server's publish endpoint; closing it closes its connections. */
    interface Publishing extends AutoCloseable {
        CapacityRun.Upstream upstream();

        @Override
        void close();
    }
}
