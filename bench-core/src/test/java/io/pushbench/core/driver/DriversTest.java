package io.pushbench.core.driver;

import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which drivers exist, and the error for one that does not. */
class DriversTest {

    @Test
    void everySupportedCombinationCreatesADriverOfThatTransportAndStack() {
        for (Transport transport : Transport.values()) {
            for (ClientStack stack : ClientStack.values()) {
                if (Drivers.supports(transport, stack)) {
                    try (TransportDriver driver = Drivers.create(transport, stack, new DriverOptions(1, 0))) {
                        assertThat(driver.transport()).isEqualTo(transport);
                        assertThat(driver.stack()).isEqualTo(stack);
                        assertThat(driver.tcpConnectionsOpened()).isZero();
                    }
                }
            }
        }
    }

    @Test
    void anUnsupportedCombinationIsRefusedNamingTheStackAndTheTransport() {
        for (Transport transport : Transport.values()) {
            for (ClientStack stack : ClientStack.values()) {
                if (!Drivers.supports(transport, stack)) {
                    assertThatThrownBy(() -> Drivers.create(transport, stack, DriverOptions.defaults()))
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessage("no " + stack.id() + " driver for transport " + transport.id());
                }
            }
        }
    }

    @Test
    void theLibraryStacksSpeakWebSocketLongPollingAndSse() {
        for (ClientStack stack : new ClientStack[] {ClientStack.JETTY, ClientStack.OKHTTP}) {
            assertThat(Drivers.supports(Transport.WEBSOCKET, stack)).isTrue();
            assertThat(Drivers.supports(Transport.LONG_POLLING, stack)).isTrue();
            assertThat(Drivers.supports(Transport.SSE_HTTP1, stack)).isTrue();
        }
    }
}
