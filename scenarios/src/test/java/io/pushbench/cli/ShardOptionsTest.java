package io.pushbench.cli;

import io.pushbench.core.spec.ShardSlice;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which shard a process is: from --shard, or from an Indexed Job's environment; bad values in one line. */
class ShardOptionsTest {

    @Test
    void anIndexedJobsPodNeedsNoArgumentsOfItsOwn() {
        ShardOptions options = new ShardOptions();
        assertThat(options.slice(Map.of("JOB_COMPLETION_INDEX", "2", "PUSHBENCH_SHARDS", "4")))
                .isEqualTo(new ShardSlice(2, 4));
        assertThat(options.slice(Map.of())).as("a whole run").isNull();
        assertThat(options.rendezvous(Map.of("PUSHBENCH_RENDEZVOUS", "pushbench-0.pushbench")).getPort())
                .isEqualTo(ShardOptions.DEFAULT_PORT);
        options.shard = "1/3";
        assertThat(options.slice(Map.of("JOB_COMPLETION_INDEX", "2", "PUSHBENCH_SHARDS", "4")))
                .as("--shard wins").isEqualTo(new ShardSlice(1, 3));
    }

    @Test
    void aCountWithoutAnIndexIsRefused() {
        assertThatThrownBy(() -> new ShardOptions().slice(Map.of("PUSHBENCH_SHARDS", "4")))
                .isInstanceOf(UserError.class).hasMessageContaining("JOB_COMPLETION_INDEX");
    }

    @Test
    void badShardOptionsGetOneLine() {
        CliTestSupport.assertOneLineError(CliTestSupport.run("capacity", "--url", "ws://127.0.0.1:9/ws/echo", "--mode",
                "echo", "--shard", "4/4", "--rendezvous", "127.0.0.1:9"), "--shard", "0..3");
        CliTestSupport.assertOneLineError(CliTestSupport.run("capacity", "--url", "ws://127.0.0.1:9/ws/echo", "--mode",
                "echo", "--shard", "0/2"), "--rendezvous");
        CliTestSupport.assertOneLineError(CliTestSupport.run("capacity", "--url", "ws://127.0.0.1:9/ws/echo", "--mode",
                "echo", "--connections", "3", "--shard", "0/4", "--rendezvous", "127.0.0.1:9"),
                "--connections 3 over 4 shards");
        CliTestSupport.assertOneLineError(CliTestSupport.run("compare", "--shard", "0/2", "--rendezvous",
                "127.0.0.1:9"), "--shard", "--server");
    }
}
