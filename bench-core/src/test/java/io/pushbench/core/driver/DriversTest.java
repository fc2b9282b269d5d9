package io.pushbench.core.driver;

import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which drivers exist. */
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
    void everyStackSpeaksEveryTransport() {
        for (Transport transport : Transport.values()) {
            for (ClientStack stack : ClientStack.values()) {
                assertThat(Drivers.supports(transport, stack)).as(transport + " on " + stack).isTrue();
            }
        }
    }
}
