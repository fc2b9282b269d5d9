package io.pushbench.server;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageHistoryTest {

    private static List<Long> ids(MessageHistory.Slice slice) {
        return slice.messages().stream().map(MessageHistory.Message::id).toList();
    }

    @Test
    void anEmptyHistoryHasNothingAndMissedNothing() {
        MessageHistory history = new MessageHistory(4, 100);
        assertThat(history.after(-1, 10)).isEqualTo(new MessageHistory.Slice(List.of(), 0));
        assertThat(history.newestId()).isEqualTo(-1);
    }

    @Test
    void givesTheMessagesAfterAnIdInOrderUpToTheMaximum() {
        MessageHistory history = new MessageHistory(8, 100);
        for (long id = 0; id < 6; id++) {
            history.append(id, "m" + id);
        }
        assertThat(ids(history.after(-1, 10))).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(ids(history.after(2, 2))).containsExactly(3L, 4L);
        assertThat(history.after(2, 2).messages().get(0).text()).isEqualTo("m3");
        assertThat(ids(history.after(5, 10))).isEmpty();
        assertThat(history.newestId()).isEqualTo(5);
    }

    @Test
    void evictsTheOldestBeyondTheCapacityAndCountsWhatAReaderMissed() {
        MessageHistory history = new MessageHistory(4, 100);
        for (long id = 0; id < 10; id++) {
            history.append(id, "m");
        }
        assertThat(history.after(1, 10)).satisfies(s -> {
            assertThat(ids(s)).containsExactly(6L, 7L, 8L, 9L);
            assertThat(s.missed()).isEqualTo(4);
        });
        assertThat(history.after(5, 10).missed()).isZero();
        assertThat(history.after(-1, 10).missed()).isEqualTo(6);
    }

    @Test
    void evictsTheOldestBeyondTheCharacterBoundButKeepsTheNewestHoweverLarge() {
        MessageHistory history = new MessageHistory(100, 10);
        history.append(0, "12345");
        history.append(1, "12345");
        assertThat(ids(history.after(-1, 10))).containsExactly(0L, 1L);
        history.append(2, "1");
        assertThat(ids(history.after(-1, 10))).containsExactly(1L, 2L);
        history.append(3, "x".repeat(50));
        assertThat(ids(history.after(-1, 10))).containsExactly(3L);
    }

    @Test
    void idsMustIncrease() {
        MessageHistory history = new MessageHistory(4, 100);
        history.append(3, "a");
        assertThatThrownBy(() -> history.append(3, "b")).hasMessageContaining("ids must increase");
    }

    @Test
    void readersSeeConsecutiveRunsWhileAWriterAppends() throws Exception {
        MessageHistory history = new MessageHistory(64, 1_000_000);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        CountDownLatch done = new CountDownLatch(1);
        try {
            var checks = reader.submit(() -> {
                while (done.getCount() > 0) {
                    List<Long> ids = ids(history.after(-1, 64));
                    for (int i = 1; i < ids.size(); i++) {
                        assertThat(ids.get(i)).isEqualTo(ids.get(i - 1) + 1);
                    }
                }
                return null;
            });
            for (long id = 0; id < 100_000; id++) {
                history.append(id, "m");
            }
            done.countDown();
            checks.get(10, TimeUnit.SECONDS);
        } finally {
            reader.shutdownNow();
        }
        assertThat(ids(history.after(-1, 64))).hasSize(64).startsWith(99_936L).endsWith(99_999L);
    }
}
