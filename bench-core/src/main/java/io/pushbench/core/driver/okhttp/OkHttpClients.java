package io.pushbench.core.driver.okhttp;

import io.pushbench.core.driver.DriverErrors;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.Target;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds and stops the {@link OkHttpClient} every OkHttp driver runs on: one per driver, with a
 * {@link WireCountingSocketFactory} under it so that bytes are counted at the socket.
 *
 * <table>
 *   <caption>Settings that differ from OkHttp's defaults, and why</caption>
 *   <tr><th>setting</th><th>value</th><th>why</th></tr>
 *   <tr><td>dispatcher: requests in flight, in total and per host</td><td>unbounded</td><td>OkHttp's 64 and 5
 *       would queue every SSE stream or poll past the fifth: a streaming call holds its slot until it ends</td></tr>
 *   <tr><td>dispatcher threads</td><td>daemon, named after the driver, one per call in flight (OkHttp's
 *       own cached pool)</td><td>a run never waits on them to exit</td></tr>
 *   <tr><td>read and call timeouts</td><td>none</td><td>a push stream is idle between messages by design</td></tr>
 *   <tr><td>connect timeout</td><td>10 s</td><td>as the Netty drivers</td></tr>
 *   <tr><td>retry on connection failure</td><td>off</td><td>a failure is counted, not hidden by a silent retry</td></tr>
 * </table>
 *
 * <p>{@link DriverOptions#ioThreads()} does not apply: OkHttp does blocking I/O, one thread per call.
 * Thread-safe: stateless.
 */
public final class OkHttpClients {

    private static final MediaType TEXT_PLAIN = MediaType.get("text/plain; charset=utf-8");

    private OkHttpClients() {
    }

    /** A builder with the settings above; the caller adds what its transport needs. */
    public static OkHttpClient.Builder builder(String name, WireCountingSocketFactory sockets) {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, name + "-" + threadNumber.getAndIncrement());
                    t.setDaemon(true);
                    return t;
                });
        Dispatcher dispatcher = new Dispatcher(executor);
        dispatcher.setMaxRequests(Integer.MAX_VALUE);
        dispatcher.setMaxRequestsPerHost(Integer.MAX_VALUE);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool())
                .socketFactory(sockets)
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ZERO)
                .retryOnConnectionFailure(false);
    }

    /** A request to {@code target}'s URI with its headers. */
    public static Request.Builder request(Target target) {
        Request.Builder request = new Request.Builder().url(target.uri().toString());
        target.headers().forEach(request::header);
        return request;
    }

    /** Cancels every call, closes pooled connections and waits up to five seconds for the dispatcher's threads. */
    public static void shutdown(OkHttpClient client) {
        client.dispatcher().cancelAll();
        client.connectionPool().evictAll();
        ExecutorService executor = client.dispatcher().executorService();
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Posts {@code body} (UTF-8 {@code text/plain}) to {@code uri} with {@code target}'s headers: how the
     * HTTP transports send upstream. The future completes on a 2xx answer, or fails with a
     * {@link DriverException}: {@link ErrorKind#HTTP_STATUS} naming the status, or the I/O failure.
     */
    public static CompletableFuture<Void> post(OkHttpClient client, URI uri, String body, Target target) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        Request.Builder request = new Request.Builder().url(uri.toString())
                .post(RequestBody.create(body, TEXT_PLAIN));
        target.headers().forEach(request::header);
        client.newCall(request.build()).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                result.completeExceptionally(DriverErrors.connectFailure(Target.of(uri), e));
            }

            @Override
            public void onResponse(Call call, Response response) throws IOException {
                try (response) {
                    if (response.isSuccessful()) {
                        result.complete(null);
                    } else {
                        result.completeExceptionally(new DriverException(ErrorKind.HTTP_STATUS, "POST answered HTTP "
                                + response.code() + ": " + response.body().string().strip()));
                    }
                }
            }
        });
        return result;
    }
}
