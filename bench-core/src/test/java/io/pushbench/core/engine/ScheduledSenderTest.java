package io.pushbench.core.engine;

import io.pushbench.core.spec.LoadModel;
import org.junit.jupiter.api.Test;

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

    /** A slow or stalled action: holding the sender's thread is the behaviour under test. */
    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
