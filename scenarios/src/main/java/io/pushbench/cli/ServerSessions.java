package io.pushbench.cli;

import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.JdkTls;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TlsTrust;
import io.pushbench.core.engine.CapacityRun;
import io.pushbench.core.engine.ClientEventLoops;
import io.pushbench.core.engine.ProcessClocks;
import io.pushbench.core.engine.compare.ReferenceServers;
import io.pushbench.core.spec.Workload;
import io.pushbench.core.transport.Transport;
import io.pushbench.server.ReferenceServer;
import io.pushbench.server.ReferenceUrls;
import io.pushbench.server.tls.SelfSignedCertificate;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The reference servers of {@code compare} and {@code calibrate}: a fresh {@link ReferenceServer} in
 * this process for each transport (with a TLS port when the run is over TLS), or a running
 * {@code pushbench serve} at {@code --server}. Endpoints are where {@link ReferenceUrls} says.
 */
abstract class ServerSessions implements ReferenceServers {

    /** The embedded server's threads are named with this prefix, which is how its CPU time is told apart. */
    private static final String SERVER_THREADS = "server-";

    /**
     * A fresh embedded server per session.
     *
     * @param port      its port, 0 for a free one
     * @param delay     delay it adds to every broadcast (calibration), usually zero
     * @param heartbeat its heartbeat interval
     * @param tls       whether it gets a TLS port too (a free one, self-signed) and the clients speak TLS to it
     */
    static ServerSessions embedded(int port, Duration delay, Duration heartbeat, boolean tls) {
        return new Embedded(port, delay, heartbeat, tls);
    }

    /** A running {@code pushbench serve} whose plain port is at {@code server} ({@code http://host:port}). */
    static ServerSessions running(URI server) {
        return new Running(server);
    }

    /** CPU time used so far by the in-process reference server's threads, nanoseconds (-1 when unknown). */
    static long serverCpuNanos() {
        return ProcessClocks.threadsCpuNanos(name -> name.startsWith(SERVER_THREADS));
    }

    /**
     * Starts a fresh reference server on loopback, with a TLS port too (a free one, self-signed) when {@code tls}.
     *
     * @param port  0 for a free one
     * @param delay delay the server adds to every broadcast, usually zero
     * @throws UserError naming {@code --port} when the port is taken
     */
    static ReferenceServer startServer(int port, Duration delay, Duration heartbeat, boolean tls) {
        try {
            ReferenceServer.Builder builder = ReferenceServer.builder().port(port).delay(delay).heartbeatInterval(heartbeat);
            return (tls ? builder.tlsPort(0) : builder).start();
        } catch (BindException e) {
            throw UserError.failure("--port " + port + ": " + e.getMessage());
        }
    }

    /** One server session: where its endpoints are, and how broadcasts reach it. */
    private abstract static class Session implements ReferenceServers.Session {
        /** {@code host:port} of the port the clients speak to: the TLS port when {@code tls}. */
        private final String hostPort;
        /** {@code host:port} of the plain HTTP port, where the publish endpoint is. */
        private final String plainHostPort;
        private final boolean tls;

        Session(String hostPort, String plainHostPort, boolean tls) {
            this.hostPort = hostPort;
            this.plainHostPort = plainHostPort;
            this.tls = tls;
        }

        @Override
        public Target target(Transport transport, Workload workload) {
            ReferenceUrls.Endpoint endpoint = ReferenceUrls.of(hostPort, transport, workload, tls);
            return Target.of(endpoint.connect(), endpoint.send());
        }

        @Override
        public URI publishUrl() {
            return ReferenceUrls.publish(plainHostPort);
        }

        @Override
        public Publishing openPublishing(DriverOptions options) throws InterruptedException {
            PublishPath path = PublishPath.open(publishUrl(), Map.of(), options, PublishProtocol.HTTP1);
            return new Publishing() {
                @Override
                public CapacityRun.Upstream upstream() {
                    return path.upstream();
                }

                @Override
                public void close() {
                    path.close();
                }
            };
        }
    }

    private static final class Embedded extends ServerSessions {
        private final int port;
        private final Duration delay;
        private final Duration heartbeat;
        private final boolean tls;

        Embedded(int port, Duration delay, Duration heartbeat, boolean tls) {
            this.port = port;
            this.delay = delay;
            this.heartbeat = heartbeat;
            this.tls = tls;
        }

        /**
         * Fails now when a fixed {@code --port} is taken, rather than after the floor's seconds: the
         * servers bind it only later. A port taken in between still fails when the server starts.
         */
        @Override
        public void check() {
            if (port == 0) {
                return;
            }
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(ReferenceServer.DEFAULT_BIND, port));
            } catch (IOException e) {
                throw UserError.failure("--port " + port + ": cannot listen on " + ReferenceServer.DEFAULT_BIND + ":"
                        + port + ": " + e.getMessage());
            }
        }

        @Override
        public boolean inProcess() {
            return true;
        }

        @Override
        public FloorTls floorTls() {
            SelfSignedCertificate certificate = SelfSignedCertificate.generate(List.of());
            return new FloorTls(certificate.serverContext(),
                    JdkTls.of(TlsTrust.certificates(certificate.certificate())).context());
        }

        @Override
        public ReferenceServers.Session open() {
            ReferenceServer server = startServer(port, delay, heartbeat, tls);
            String plain = server.host() + ":" + server.port();
            return new Session(tls ? server.host() + ":" + server.tlsPort() : plain, plain, tls) {
                @Override
                public TlsTrust trust() {
                    return server.tlsPort() == ReferenceServer.TLS_OFF ? null
                            : TlsTrust.certificates(server.tlsCertificate());
                }

                @Override
                public InProcessHub hub() {
                    return new InProcessHub() {
                        @Override
                        public void publishEnvelope(long sequence, long intendedNanos, int size) {
                            server.hub().publishEnvelope(sequence, intendedNanos, size);
                        }

                        @Override
                        public void publish(String text) {
                            server.hub().publish(text);
                        }
                    };
                }

                @Override
                public LongSupplier serverCpuNanos() {
                    return ServerSessions::serverCpuNanos;
                }

                @Override
                public void close() {
                    server.close();
                }
            };
        }
    }

    private static final class Running extends ServerSessions {
        private final String hostPort;
        private final boolean onThisMachine;

        Running(URI server) {
            this.hostPort = server.getHost() + ":" + server.getPort();
            this.onThisMachine = ClientEventLoops.onThisMachine(server);
        }

        @Override
        public boolean onThisMachine() {
            return onThisMachine;
        }

        @Override
        public boolean inProcess() {
            return false;
        }

        @Override
        public FloorTls floorTls() {
            throw new UnsupportedOperationException("compare --tls runs against the embedded server only");
        }

        @Override
        public ReferenceServers.Session open() {
            return new Session(hostPort, hostPort, false) {
                @Override
                public TlsTrust trust() {
                    return null;
                }

                @Override
                public InProcessHub hub() {
                    return null;
                }

                @Override
                public LongSupplier serverCpuNanos() {
                    return () -> -1;
                }

                @Override
                public void close() {
                    // The server runs on; it is not this session's to stop.
                }
            };
        }
    }
}
