package io.pushbench.core.engine;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.pushbench.core.netty.NettyIo;
import io.pushbench.core.spec.LoadModel;
import io.pushbench.core.spec.SendTiming;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduledSenderTest {

    private static final long MILLIS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long STALL_MILLIS = 100;

    @Test
    void handsEveryPlannedSendItsPlannedTime() throws Exception {
        SendPlan plan = new SendPlan(new LoadModel.ConstantRate(2000), 100 * MILLIS, 400 * MILLIS);
        List<long[]> sends = new ArrayList<>();
        ScheduledSender sender = new ScheduledSender("test", plan, 1000 * MILLIS,
                (sequence, intended) -> sends.add(new long[] {sequence, intended, System.nanoTime()}));
        long start = System.nanoTime() + 10 * MILLIS;
        sender.start(start);
        sender.join();

        assertThat(sends).hasSize(1000);
        assertThat(sender.sent()).isEqualTo(1000);
        for (int i = 0; i < sends.size(); i++) {
            long[] send = sends.get(i);
            assertThat(send[0]).isEqualTo(i);
            assertThat(send[1]).isEqualTo(start + plan.offsetNanos(i));
            assertThat(send[2]).as("never early").isGreaterThanOrEqualTo(send[1]);
        }
    }

    @Test
    void aStallDelaysTheDueSendsButKeepsTheirPlannedTimes() throws Exception {
        SendPlan plan = new SendPlan(new LoadModel.ConstantRate(1000), 0, 300 * MILLIS);
        List<long[]> sends = new ArrayList<>();
        ScheduledSender sender = new ScheduledSender("test", plan, 1000 * MILLIS, (sequence, intended) -> {
            sends.add(new long[] {sequence, intended, System.nanoTime()});
            if (sequence == 100) {
                sleep(STALL_MILLIS);
            }
        });
        long start = System.nanoTime() + 10 * MILLIS;
        sender.start(start);
        sender.join();

        assertThat(sends).hasSize(300);
        // The sends due during the stall went out late, still stamped with their own plan.
        // Orderings, true however loaded the machine: send 101 went out after the stall that began at
        // send 100, though it was planned one interval after send 100.
        long[] stalled = sends.get(100);
        long[] afterStall = sends.get(101);
        assertThat(afterStall[1]).isEqualTo(start + 101 * MILLIS);
        assertThat(afterStall[2]).isGreaterThanOrEqualTo(stalled[2] + STALL_MILLIS * MILLIS);
        assertThat(sender.lag().intervalHistogram(null).getMaxValue())
                .isGreaterThanOrEqualTo(stalled[2] + STALL_MILLIS * MILLIS - afterStall[1]);
    }

    @Test
    void stopsAtTheEndOfTheGracePeriodWhenFarBehind() throws Exception {
        SendPlan plan = new SendPlan(new LoadModel.ConstantRate(1000), 0, 100 * MILLIS);
        // 100 sends that take 5 ms each cannot fit in 100 ms plus 50 ms of grace, however fast the machine.
        ScheduledSender sender = new ScheduledSender("test", plan, 50 * MILLIS, (sequence, intended) -> sleep(5));
        sender.start(System.nanoTime());
        sender.join();
        assertThat(sender.sent()).isLessThan(plan.endExclusive());
    }

    @Test
    void shardsSendTheIndicesTheyOwnOnTheirOwnEventLoops() throws Exception {
        EventLoopGroup loops = NettyIo.newGroup("test-shards", 2);
        try {
            EventLoop even = loops.next();
            EventLoop odd = loops.next();
            SendPlan plan = new SendPlan(new LoadModel.ConstantRate(4000), 0, 250 * MILLIS);
            List<Long> sent = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger wrongThread = new AtomicInteger();
            ScheduledSender sender = new ScheduledSender("test", plan, 1000 * MILLIS, SendTiming.defaults(), List.of(
                    new ScheduledSender.Shard(even, i -> i % 2 == 0, (i, due) -> {
                        sent.add(i);
                        wrongThread.addAndGet(even.inEventLoop() ? 0 : 1);
                    }, () -> { }),
                    new ScheduledSender.Shard(odd, i -> i % 2 == 1, (i, due) -> {
                        sent.add(i);
                        wrongThread.addAndGet(odd.inEventLoop() ? 0 : 1);
                    }, () -> { })), ScheduledSender.newLagRecorder());
            sender.start(System.nanoTime() + 10 * MILLIS);
            sender.join();

            assertThat(sent).hasSize(1000).doesNotHaveDuplicates();
            assertThat(wrongThread).hasValue(0);
            assertThat(sender.sent()).isEqualTo(1000);
        } finally {
            NettyIo.shutdown(loops);
        }
    }

    @Test
    void aWakeUpSendsEverythingDueAndEndsWithOneBatchCall() throws Exception {
        // 20,000 msg/s for 200 ms with wake-ups at most every 5 ms: at most 200 / 5 wake-ups (+ the first and
        // last), however slow the machine, and every message still goes out.
        SendPlan plan = new SendPlan(new LoadModel.ConstantRate(20_000), 0, 200 * MILLIS);
        AtomicInteger messages = new AtomicInteger();
        AtomicInteger batches = new AtomicInteger();
        ScheduledSender sender = new ScheduledSender("test", plan, 1000 * MILLIS,
                SendTiming.eventLoop(Duration.ofMillis(5)),
                List.of(new ScheduledSender.Shard(null, i -> true, (i, due) -> messages.incrementAndGet(),
                        batches::incrementAndGet)), ScheduledSender.newLagRecorder());
        sender.start(System.nanoTime() + 10 * MILLIS);
        sender.join();

        assertThat(messages).hasValue(4000);
        assertThat(batches.get()).isBetween(1, 200 / 5 + 2);
    }

    @Test
    void theSpinningSenderIsAnOptIn() throws Exception {
        SendPlan plan = new SendPlan(new LoadModel.ConstantRate(2000), 0, 100 * MILLIS);
        List<Long> sent = new ArrayList<>();
        ScheduledSender sender = new ScheduledSender("test", plan, 1000 * MILLIS, SendTiming.spinning(),
                List.of(ScheduledSender.Shard.all((i, due) -> sent.add(i))), ScheduledSender.newLagRecorder());
        sender.start(System.nanoTime() + 10 * MILLIS);
        sender.join();

        assertThat(sent).hasSize(200);
        assertThat(sender.sent()).isEqualTo(200);
    }

    @Test
    void stopEndsAWaitForAFarSend() throws Exception {
        // One message a minute: without stop() the second would be a minute away.
        SendPlan plan = new SendPlan(new LoadModel.ConstantRate(1.0 / 60), 0, 600_000 * MILLIS);
        ScheduledSender sender = new ScheduledSender("test", plan, 0, (i, due) -> { });
        sender.start(System.nanoTime());
        while (sender.sent() < 1) {
            Thread.onSpinWait();
        }
        sender.stop();
        sender.join();
        assertThat(sender.sent()).isEqualTo(1);
    }

    /** A slow or stalled action: holding the sender's thread is the behaviour under test. */
    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
