package io.pushbench.core.spec;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardSliceTest {

    @Test
    void connectionsSplitByCumulativeFloorsAddUpExactly() {
        for (int n = 1; n <= 7; n++) {
            for (int c : new int[] {7, 10, 2500, 10_001}) {
                int count = n;
                int sum = IntStream.range(0, n).map(i -> new ShardSlice(i, count).connections(c)).sum();
                assertThat(sum).as("%d connections over %d shards", c, n).isEqualTo(c);
                int max = IntStream.range(0, n).map(i -> new ShardSlice(i, count).connections(c)).max().orElseThrow();
                int min = IntStream.range(0, n).map(i -> new ShardSlice(i, count).connections(c)).min().orElseThrow();
                assertThat(max - min).isLessThanOrEqualTo(1);
            }
        }
        assertThat(new ShardSlice(0, 3).connections(10)).isEqualTo(3);
        assertThat(new ShardSlice(2, 3).connections(10)).isEqualTo(4);
    }

    @Test
    void everySequenceNumberHasExactlyOneShard() {
        int n = 4;
        for (long s = 0; s < 1000; s++) {
            long sequence = s;
            assertThat(IntStream.range(0, n).filter(i -> new ShardSlice(i, n).owns(sequence)).count()).isEqualTo(1);
        }
        for (int i = 0; i < n; i++) {
            ShardSlice slice = new ShardSlice(i, n);
            for (long from = 0; from < 20; from++) {
                for (long to = from; to < 40; to++) {
                    long f = from;
                    long expected = java.util.stream.LongStream.range(from, to).filter(slice::owns).count();
                    assertThat(slice.ownedIn(f, to)).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void parsesIndexOverCountAndRefusesOthers() {
        assertThat(ShardSlice.parse("2/4")).isEqualTo(new ShardSlice(2, 4));
        assertThatThrownBy(() -> ShardSlice.parse("4/4")).hasMessageContaining("0..3");
        assertThatThrownBy(() -> ShardSlice.parse("two")).hasMessageContaining("INDEX/COUNT");
        assertThatThrownBy(() -> ShardSlice.parse("0/0")).hasMessageContaining("count");
    }
}
