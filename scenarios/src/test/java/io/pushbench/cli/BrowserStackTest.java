package io.pushbench.cli;

import io.pushbench.core.driver.browser.ChromiumExecutable;
import io.pushbench.core.result.BrowserSide;
import io.pushbench.core.result.Metrics;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.result.SelfHealth;
import io.pushbench.core.result.TransportResult;
import io.pushbench.core.testing.HistogramLogs;
import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.pushbench.core.testing.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser client stack with the real headless Chromium ({@code /usr/bin/chromium} or
 * {@code PUSHBENCH_CHROMIUM}; {@code .ci/run} installs it): every message of every transport reaches
 * the page exactly once, the browser's 6-connections-per-host limit shows over HTTP/1.1 and not over
 * HTTP/2, EventSource reconnects by itself after a server restart, and the figures agree with Netty's.
 * Light loads (a page's event loop is one thread, on a machine the server and the generator share).
 */
class BrowserStackTest {

    private static final String[] LIGHT = {"--rate", "100", "--warmup", "500ms", "--duration", "1500ms", "--drain", "500ms",
        "--no-floor", "--no-generator-floor", "--quiet"};

    @Test
    void everyTransportDeliversEveryMessageToThePageOnceAndBoundsItsClock(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliTestSupport.Run run = CliTestSupport.run(args(List.of("compare", "--clients", "browser", "--tls",
                "--subscribers", "3", "--out", out.toString())));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("inside the browser", "clock +/-");
        RunResult result = ResultFiles.read(out);
        assertThat(result.results()).extracting(TransportResult::transport)
                .containsExactlyElementsOf(CompareCommand.DEFAULT_TRANSPORTS);
        for (TransportResult r : result.results()) {
            assertThat(r.client()).isEqualTo(ClientStack.BROWSER);
            assertThat(r.connections().opened()).as(r.label()).isEqualTo(3);
            assertThat(r.delivery().expected()).as(r.label()).isEqualTo(r.delivery().sent() * 3).isPositive();
            assertThat(r.delivery().received()).as(r.label() + " received").isEqualTo(r.delivery().expected());
            assertThat(r.delivery().lost()).as(r.label()).isZero();
            assertThat(r.delivery().duplicated()).as(r.label()).isZero();
            assertThat(r.delivery().negativeLatencies()).as(r.label() + ": a page time mapped before its send").isZero();
            BrowserSide browser = r.browser();
            assertThat(browser).as(r.label()).isNotNull();
            assertThat(browser.clockErrorMillis()).as(r.label() + " clock bound").isPositive();
            assertThat(browser.streamsOpened()).isEqualTo(3);
            assertThat(browser.streamsNeverOpened()).isZero();
            assertThat(browser.handlerMicrosPerMessage()).isPositive();
            SelfHealth health = r.selfHealth();
            assertThat(health.outsideCpuMillis()).as(r.label() + ": Chromium's CPU").isPositive();
            assertThat(health.generatorCpuMillis()).as(r.label() + ": the generator's CPU includes Chromium's")
                    .isGreaterThanOrEqualTo(health.outsideCpuMillis());
        }
    }

    @Test
    void onePageHoldsSixHttp1StreamsToAHostAndEveryHttp2Stream(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliTestSupport.Run run = CliTestSupport.run(args(List.of("compare", "--clients", "browser", "--tls",
                "--transports", "sse-http1,sse-http2", "--subscribers", "10", "--browser-pages", "1",
                "--out", out.toString())));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        RunResult result = ResultFiles.read(out);
        BrowserSide http1 = result.results().get(0).browser();
        assertThat(result.results().get(0).transport()).isEqualTo(Transport.SSE_HTTP1);
        assertThat(http1.pages()).isEqualTo(1);
        assertThat(http1.streamsRequested()).isEqualTo(10);
        assertThat(http1.streamsOpened()).as("6 connections per host over HTTP/1.1").isEqualTo(6);
        assertThat(http1.streamsNeverOpened()).isEqualTo(4);
        assertThat(http1.maxWaitMillis()).as("the 4 waited the whole run").isGreaterThan(2000);
        assertThat(result.results().get(0).delivery().lost()).as("what the waiting streams never got")
                .isEqualTo(4 * result.results().get(0).delivery().sent());
        BrowserSide http2 = result.results().get(1).browser();
        assertThat(http2.streamsOpened()).as("every stream on the one HTTP/2 connection").isEqualTo(10);
        assertThat(http2.streamsNeverOpened()).isZero();
        assertThat(result.results().get(1).delivery().lost()).isZero();
    }

    /** The measured phase holds the restart of a server JVM (seconds on a loaded machine) and EventSource's retries. */
    @Test
    void eventSourceReconnectsByItselfAfterAServerRestartAndTheGapIsCounted(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        ServerProcess server = ServerProcess.start();
        int port = server.port();
        String url = server.base("http");
        List<Transport> transports = List.of(Transport.SSE_HTTP1);
        try {
            CompletableFuture<CliTestSupport.Run> compare = CompletableFuture.supplyAsync(() -> CliTestSupport.run(
                    "compare", "--server", url, "--clients", "browser", "--transports", "sse-http1",
                    "--rate", "100", "--subscribers", "2", "--warmup", "500ms", "--duration", "10s", "--drain", "1s",
                    "--no-floor", "--no-generator-floor", "--quiet", "--out", out.toString()));
            for (Transport transport : transports) {
                Path log = out.resolve(ResultFiles.histogramLogName(transport, ClientStack.BROWSER));
                // Messages recorded: the streams are open and measured (the browser may take seconds to start).
                awaitTrue(Duration.ofSeconds(60), () -> compare.isDone() || recorded(log) >= 100, transport + " measuring");
                assertThat(compare).as("compare still running when " + transport + " is measuring").isNotDone();
                server.crash();
                server = ServerProcess.startOn(port);
            }
            CliTestSupport.Run run = compare.get(120, TimeUnit.SECONDS);
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        } finally {
            server.stop();
        }
        RunResult result = ResultFiles.read(out);
        for (TransportResult r : result.results()) {
            assertThat(r.connections().reconnects()).as(r.label() + " reconnects; " + r.connections() + r.delivery()
                    + r.errors() + r.browser()).isPositive();
            assertThat(r.connections().downtimeSeconds()).as(r.label() + " downtime").isPositive();
            assertThat(r.delivery().lostInGaps()).as(r.label() + " lost in gaps").isPositive()
                    .isLessThanOrEqualTo(r.delivery().lost());
            assertThat(r.delivery().received()).as(r.label() + " received").isPositive();
        }
    }

    @Test
    void theBrowserAgreesWithNettyAtALightLoad(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliTestSupport.Run run = CliTestSupport.run(args(List.of("compare", "--clients", "netty,browser",
                "--transports", "websocket,sse-http1", "--subscribers", "2", "--out", out.toString())));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("websocket/browser", "sse-http1/browser", "client stacks against the reference");
        RunResult result = ResultFiles.read(out);
        assertThat(result.agreement()).hasSize(2);
        for (int i = 0; i < result.results().size(); i += 2) {
            TransportResult netty = result.results().get(i);
            TransportResult browser = result.results().get(i + 1);
            assertThat(browser.client()).isEqualTo(ClientStack.BROWSER);
            assertThat(netty.selfHealth().outsideCpuMillis()).as(netty.label() + ": no process outside the JVM")
                    .isZero();
            double apart = Math.abs(browser.latency().get(Metrics.PUSH_CORRECTED).p50()
                    - netty.latency().get(Metrics.PUSH_CORRECTED).p50()) / 1000;
            // The documented tolerance for the browser's median (docs/METHODOLOGY.md): the agreement check's 1 ms,
            // plus the page clock's bound, plus the page's event-loop median.
            assertThat(apart).as(browser.label() + " p50 apart from netty's, ms")
                    .isLessThanOrEqualTo(1 + browser.browser().clockErrorMillis() + browser.browser().loopDelayP50Millis());
            assertThat(browser.delivery().received()).isEqualTo(netty.delivery().received());
        }
    }

    @Test
    void withoutChromiumOneLineSaysWhatIsMissingAndHowToInstallIt(@TempDir Path dir) {
        System.setProperty(ChromiumExecutable.PROPERTY, dir.resolve("no-chromium").toString());
        try {
            CliTestSupport.Run run = CliTestSupport.run("compare", "--clients", "browser", "--transports", "websocket",
                    "--out", dir.resolve("run").toString());
            CliTestSupport.assertOneLineError(run, "chromium", "apt-get install chromium");
            assertThat(run.err().lines().count()).isEqualTo(1);
            assertThat(dir.resolve("run")).doesNotExist();
        } finally {
            System.clearProperty(ChromiumExecutable.PROPERTY);
        }
    }

    /** Push latencies the log holds so far; 0 while it cannot be read whole. */
    private static long recorded(Path log) {
        try {
            if (HistogramLogs.intervalsWritten(log, Metrics.PUSH_CORRECTED) == 0) {
                return 0;
            }
            var total = HistogramLogs.totalsByTag(log).get(Metrics.PUSH_CORRECTED);
            return total == null ? 0 : total.getTotalCount();
        } catch (Exception e) {
            // A line being written as it is read.
            return 0;
        }
    }

    private static String[] args(List<String> first) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(LIGHT));
        return all.toArray(String[]::new);
    }
}
