package io.pushbench.cli;

import io.pushbench.core.result.CapacityResult;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.TransportResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code capacity --ws-compression} and {@code --binary} against a reference server in its own
 * process that accepts permessage-deflate ({@code serve --ws-compression}): with a compressible
 * payload the wire carries less than the payload, the results and the summary say compression was
 * on, binary frames go both ways, and a client that offers nothing is answered uncompressed; the
 * same for broadcasts, which the server batches for subscribers without the extension.
 */
@Timeout(60)
class WebSocketFramingOptionsTest {

    /** An envelope padded with {@code x} to this size compresses to a few dozen bytes. */
    private static final int SIZE = 2048;

    private static ServerProcess server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerProcess.start("--ws-compression");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void compressionPutsFewerBytesOnTheWireThanThePayloadAndIsReported() throws Exception {
        CliTestSupport.Run run = echo("--ws-compression");
        TransportResult r = onlyStep();
        assertEveryReplyOnce(r);
        // Both directions per delivered message: each envelope went up and came back, compressed.
        assertThat(r.wire().bytesPerMessage()).isLessThan(SIZE);
        assertThat(ResultFiles.readCapacity(dir).scenario().protocol()).containsExactly("permessage-deflate");
        assertThat(run.out()).contains("with permessage-deflate").contains("client protocol: permessage-deflate");
    }

    @Test
    void withoutTheOfferTheServerSendsUncompressedFrames() throws Exception {
        CliTestSupport.Run run = echo();
        TransportResult r = onlyStep();
        assertEveryReplyOnce(r);
        // Each payload went up and came back whole (the measured window's bytes round this down a little).
        assertThat(r.wire().bytesPerMessage()).isGreaterThan(1.5 * SIZE);
        assertThat(run.out()).doesNotContain("client protocol");
    }

    @Test
    void binaryFramesGoUpAndComeBack() throws Exception {
        CliTestSupport.Run run = echo("--binary");
        assertEveryReplyOnce(onlyStep());
        assertThat(run.out()).contains("client protocol: binary frames");
    }

    @Test
    void compressedBinaryFramesToo() throws Exception {
        echo("--binary", "--ws-compression");
        TransportResult r = onlyStep();
        assertEveryReplyOnce(r);
        assertThat(r.wire().bytesPerMessage()).isLessThan(SIZE);
    }

    @Test
    void broadcastsToASubscriberThatNegotiatedCompressionAreCompressed() throws Exception {
        pubsub("--ws-compression");
        TransportResult r = onlyStep();
        assertEveryBroadcastToBoth(r);
        assertThat(r.wire().bytesPerMessage()).isLessThan(SIZE);
    }

    @Test
    void broadcastsToASubscriberThatOfferedNothingComeWhole() throws Exception {
        pubsub();
        TransportResult r = onlyStep();
        assertEveryBroadcastToBoth(r);
        assertThat(r.wire().bytesPerMessage()).isGreaterThan(0.9 * SIZE);
    }

    /** Echo: each of the 100 messages sent came back once. */
    private static void assertEveryReplyOnce(TransportResult r) {
        assertEachMessageReceived(r, 1);
    }

    /** Pubsub: each of the 100 broadcasts reached both subscribers once. */
    private static void assertEveryBroadcastToBoth(TransportResult r) {
        assertEachMessageReceived(r, 2);
    }

    private static void assertEachMessageReceived(TransportResult r, int times) {
        assertThat(r.errors()).isEmpty();
        assertThat(r.delivery().sent()).isEqualTo(100);
        assertThat(r.delivery().received()).isEqualTo(100L * times);
        assertThat(r.delivery().lost()).isZero();
        assertThat(r.delivery().duplicated()).isZero();
    }

    private CliTestSupport.Run echo(String... options) {
        List<String> args = new ArrayList<>(List.of("capacity", "--url", server.base("ws") + "/ws/echo",
                "--mode", "echo", "--connections", "2", "--rate", "50", "--size", Integer.toString(SIZE),
                "--step-duration", "2s", "--step-warmup", "500ms", "--slo", "p99<10s", "--io-threads", "1",
                "--no-generator-floor", "--out", dir.toString()));
        args.addAll(List.of(options));
        CliTestSupport.Run run = CliTestSupport.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return run;
    }

    /** Two subscribers of {@code /ws/broadcast}, 50 broadcasts a second POSTed to {@code /publish}. */
    private CliTestSupport.Run pubsub(String... options) {
        List<String> args = new ArrayList<>(List.of("capacity", "--url", server.base("ws") + "/ws/broadcast",
                "--mode", "pubsub", "--publish-url", server.base("http") + "/publish", "--connections", "2",
                "--rate", "50", "--size", Integer.toString(SIZE), "--step-duration", "2s", "--step-warmup", "500ms",
                "--slo", "p99<10s", "--io-threads", "1", "--no-generator-floor", "--out", dir.toString()));
        args.addAll(List.of(options));
        CliTestSupport.Run run = CliTestSupport.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return run;
    }

    private TransportResult onlyStep() throws Exception {
        CapacityResult result = ResultFiles.readCapacity(dir);
        assertThat(result.steps()).hasSize(1);
        return result.steps().get(0).result();
    }
}
