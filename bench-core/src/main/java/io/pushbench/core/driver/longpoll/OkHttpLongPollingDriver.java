package io.pushbench.core.driver.longpoll;

import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.lifecycle.ReconnectPolicy;
import io.pushbench.core.driver.okhttp.OkHttpClients;
import io.pushbench.core.driver.okhttp.WireCountingSocketFactory;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.PollBatchFormat;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP/1.1 long polling with OkHttp calls: what an application built on OkHttp experiences. The
 * protocol (polls with {@code after=<last id>}, the {@link PollBatchFormat} answer, re-poll at once,
 * backoff after a failed poll, POST to the send URI) is {@link PollingConnection}'s; this class
 * supplies OkHttp's calls.
 *
 * <p><b>Receive time</b> is read right after {@code response.body().bytes()} returned, on the
 * call's dispatcher thread: when the whole answer has been read, as the Netty driver reads it when
 * its aggregator has the whole answer; the difference is a blocking read on a thread of its own
 * instead of a selector. <b>Wire bytes</b> are counted at the socket's streams by a
 * {@link WireCountingSocketFactory}, exactly, POSTs included. <b>Threads</b>: a held poll occupies
 * a dispatcher thread for as long as the server holds it, so N connections hold N threads
 * (OkHttp's cached pool), plus one per POST in flight and one timer thread for reconnections;
 * {@link DriverOptions#ioThreads()} does not apply. <b>Connections</b>: each client polls through a
 * connection pool of its own, so that its polls keep to one keep-alive connection, as the Netty
 * driver's do and as the reference server expects: it delivers a client's direct messages (echo
 * replies) down the TCP connection that polled for that client, so polls hopping between pooled
 * connections would lose them. POSTs share the driver's pool. A poll counts as written when
 * OkHttp's {@link EventListener} reports its headers sent.
 *
 * <p>Thread-safe.
 */
public final class OkHttpLongPollingDriver extends LibraryPollingDriver {

    private final OkHttpClient client;

    /** A driver; the server's empty answer to an idle poll is the heartbeat. */
    public OkHttpLongPollingDriver(DriverOptions options) {
        super(ClientStack.OKHTTP, "okhttp-lp", options.protocol().pollCursor());
        this.client = OkHttpClients.builder("okhttp-lp", new WireCountingSocketFactory(wire()))
                .eventListener(new EventListener() {
                    @Override
                    public void requestHeadersEnd(Call call, Request request) {
                        Poller poller = request.tag(Poller.class);
                        if (poller != null) {
                            poller.written();
                        }
                    }
                })
                .build();
    }

    @Override
    PollingConnection newPoller(int id, Target target, ConnectionListener listener, ReconnectPolicy.Repoll repoll,
                                PollCursorStrategy cursors) {
        return new Poller(id, target, listener, repoll, cursors);
    }

    @Override
    void closeHttpClient() {
        OkHttpClients.shutdown(client);
    }

    /** One polling client on OkHttp's calls. */
    private final class Poller extends PollingConnection implements Callback {

        /** This poller's own pool, so that its polls keep to one keep-alive connection. */
        private final OkHttpClient polls = client.newBuilder().connectionPool(new ConnectionPool()).build();
        private volatile Call inFlight;

        Poller(int id, Target target, ConnectionListener listener, ReconnectPolicy.Repoll repoll,
               PollCursorStrategy cursors) {
            super(id, target, listener, repoll, cursors);
        }

        void written() {
            pollWritten();
        }

        @Override
        protected void sendPoll(URI uri) {
            Request.Builder request = new Request.Builder().url(uri.toString()).tag(Poller.class, this);
            target().headers().forEach(request::header);
            cursorHeaders(request::header);
            Call call = polls.newCall(request.build());
            inFlight = call;
            call.enqueue(this);
        }

        @Override
        public void onResponse(Call call, Response response) {
            byte[] body;
            try (response) {
                body = response.body().bytes();
            } catch (IOException e) {
                inFlight = null;
                failed(e);
                return;
            }
            long receivedNanos = System.nanoTime();
            inFlight = null;
            answered(response.code(), response::header, body, receivedNanos);
        }

        @Override
        public void onFailure(Call call, IOException e) {
            inFlight = null;
            failed(e);
        }

        @Override
        protected void abortPoll() {
            Call call = inFlight;
            if (call != null) {
                call.cancel();
            }
        }

        @Override
        protected CompletableFuture<Void> post(URI uri, String body) {
            return OkHttpClients.post(client, uri, body, target());
        }

        @Override
        protected void afterClose() {
            polls.connectionPool().evictAll();
        }
    }
}
