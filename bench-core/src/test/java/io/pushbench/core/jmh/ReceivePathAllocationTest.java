package io.pushbench.core.jmh;

import com.sun.management.ThreadMXBean;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receive paths {@link ReceivePathBenchmark} measures, checked in the build for what they
 * allocate: the bytes this thread allocates over many messages, from the JVM's own count. Until
 * the JIT compiler has compiled a path some objects it would optimise away are still made, so a
 * path passes when one round of messages, within a bounded number, averages under one byte per
 * message. An object per message is at least 16 bytes: a path that allocates one in every 16
 * messages or more can never pass, however long it runs.
 */
class ReceivePathAllocationTest {

    private static final int MESSAGES_PER_ROUND = 100_000;
    private static final int MAX_ROUNDS = 30;
    private static final double BELOW_BYTES_PER_MESSAGE = 1.0;

    private static ResourceLeakDetector.Level leakDetection;

    /** The leak detector off, as the pushbench command runs: it allocates for the buffers it samples. */
    @BeforeAll
    static void leakDetectorOff() {
        leakDetection = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }

    @AfterAll
    static void leakDetectorBack() {
        ResourceLeakDetector.setLevel(leakDetection);
    }

    @Test
    void webSocketTextFramesAreReceivedWithoutAllocating() throws Exception {
        assertAllocationFree(new ReceivePathBenchmark.WebSocketPath());
    }

    @Test
    void sseOverHttp1EventsAreReceivedWithoutAllocating() throws Exception {
        assertAllocationFree(new ReceivePathBenchmark.SseHttp1Path());
    }

    @Test
    void sseOverHttp2EventsAreReceivedWithoutAllocating() throws Exception {
        assertAllocationFree(new ReceivePathBenchmark.SseHttp2Path());
    }

    @Test
    void longPollingAnswersAreReceivedWithoutAllocating() throws Exception {
        assertAllocationFree(new ReceivePathBenchmark.LongPollingPath());
    }

    private static void assertAllocationFree(ReceivePathBenchmark.WirePath path) throws Exception {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        path.messageBytes = 64;
        path.setUp();
        List<Double> rounds = new ArrayList<>();
        try {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                long before = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < MESSAGES_PER_ROUND; i++) {
                    path.receiveOne();
                }
                double perMessage = (threads.getThreadAllocatedBytes(thread) - before) / (double) MESSAGES_PER_ROUND;
                rounds.add(perMessage);
                if (perMessage < BELOW_BYTES_PER_MESSAGE) {
                    break;
                }
            }
        } finally {
            path.check();
        }
        assertThat(rounds).as("bytes allocated per message, by round of %d", MESSAGES_PER_ROUND)
                .anySatisfy(perMessage -> assertThat(perMessage).isLessThan(BELOW_BYTES_PER_MESSAGE));
    }
}
