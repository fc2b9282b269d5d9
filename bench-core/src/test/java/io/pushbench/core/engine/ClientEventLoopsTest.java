package io.pushbench.core.engine;

import io.pushbench.core.netty.NettyIo;
import io.pushbench.core.spec.CapacityMode;
import io.pushbench.core.spec.CapacitySpec;
import io.pushbench.core.spec.LoadModel;
import io.pushbench.core.spec.Ramp;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Workload;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ClientEventLoopsTest {

    private static final int PER_LOOP = ClientEventLoops.MESSAGES_PER_LOOP;

    @Test
    void aRequestedCountIsKeptWhateverThePlan() {
        assertThat(ClientEventLoops.forPlan(3, 10, false)).isEqualTo(3);
        assertThat(ClientEventLoops.forPlan(1, 100.0 * PER_LOOP, true)).isEqualTo(1);
    }

    @Test
    void aPlanOneLoopCarriesGetsOneLoop() {
        assertThat(ClientEventLoops.forPlan(0, 1, false)).isEqualTo(1);
        assertThat(ClientEventLoops.forPlan(0, PER_LOOP, false)).isEqualTo(1);
    }

    @Test
    void aBiggerPlanGetsMoreLoopsUpToTheMachinesShare() {
        assertThat(ClientEventLoops.forPlan(0, PER_LOOP + 1.0, false))
                .isEqualTo(Math.min(2, NettyIo.defaultThreads()));
        assertThat(ClientEventLoops.forPlan(0, 1000.0 * PER_LOOP, false)).isEqualTo(NettyIo.defaultThreads());
        assertThat(ClientEventLoops.forPlan(0, 1000.0 * PER_LOOP, true)).isEqualTo(NettyIo.sharedProcessThreads());
    }

    @Test
    void noPlanGetsTheMachinesShare() {
        assertThat(ClientEventLoops.forPlan(0, 0, false)).isEqualTo(NettyIo.defaultThreads());
        assertThat(ClientEventLoops.forPlan(0, 0, true)).isEqualTo(NettyIo.sharedProcessThreads());
    }

    @Test
    void echoCountsEachRoundTripTwiceAndAFanOutEveryDeliveryAndThePublish() {
        assertThat(ClientEventLoops.plannedMessages(Workload.ECHO, 10_000, 10)).isEqualTo(20_000);
        assertThat(ClientEventLoops.plannedMessages(Workload.BROADCAST, 1_000, 10)).isEqualTo(11_000);
        assertThat(ClientEventLoops.plannedMessages(Workload.CHAT, 1_000, 10)).isEqualTo(11_000);
        assertThat(ClientEventLoops.plannedMessages(Workload.PASSIVE, 1_000, 10)).isZero();
    }

    @Test
    void aCompareRunIsSizedByItsBusiestRateAndAClosedOneHasNoPlan() {
        RunSpec ramp = RunSpec.builder().workload(Workload.ECHO).load(new LoadModel.RampRate(1_000, 30_000))
                .subscribers(10).build();
        assertThat(ClientEventLoops.plannedMessages(ramp)).isEqualTo(60_000);
        RunSpec closed = RunSpec.builder().workload(Workload.ECHO).load(new LoadModel.Closed(Duration.ZERO))
                .subscribers(10).build();
        assertThat(ClientEventLoops.plannedMessages(closed)).isZero();
    }

    @Test
    void aStaircaseIsSizedByItsBusiestStep() {
        CapacitySpec spec = CapacitySpec.builder().url(URI.create("ws://127.0.0.1:1/ws/echo"))
                .sendUrl(URI.create("http://127.0.0.1:1/publish")).mode(CapacityMode.PUBSUB).connections(Ramp.parse("10..100/10")).rate(Ramp.fixed(100)).build();
        assertThat(ClientEventLoops.plannedMessages(spec)).isEqualTo(100 * 101.0);
    }

    @Test
    void loopbackAndThisMachinesOwnAddressesAreThisMachineAndAnUnresolvableHostIsNot() throws Exception {
        assertThat(ClientEventLoops.onThisMachine(URI.create("ws://127.0.0.1:8080/ws"))).isTrue();
        assertThat(ClientEventLoops.onThisMachine(URI.create("http://[::1]:8080/sse"))).isTrue();
        assertThat(ClientEventLoops.onThisMachine(URI.create("http://localhost:8080/sse"))).isTrue();
        assertThat(ClientEventLoops.onThisMachine(URI.create("http://0.0.0.0:8080/sse"))).isTrue();
        assertThat(ClientEventLoops.onThisMachine(URI.create("http://no-such-host.invalid/sse"))).isFalse();
        // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never a local interface's address.
        assertThat(ClientEventLoops.onThisMachine(URI.create("http://192.0.2.1/sse"))).isFalse();
    }
}
