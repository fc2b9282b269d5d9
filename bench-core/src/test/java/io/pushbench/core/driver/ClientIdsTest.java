package io.pushbench.core.driver;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClientIdsTest {

    @Test
    void theClientParameterGetsTheConnectionIdInBothUris() {
        Target target = new Target(URI.create("http://h:1/poll?x=1&client=run7"),
                URI.create("http://h:1/echo?client=run7"), Map.of("a", "b"));
        Target mine = ClientIds.forConnection(target, 12);
        assertThat(mine.uri()).isEqualTo(URI.create("http://h:1/poll?x=1&client=run7-12"));
        assertThat(mine.sendUri()).isEqualTo(URI.create("http://h:1/echo?client=run7-12"));
        assertThat(mine.headers()).isEqualTo(Map.of("a", "b"));
    }

    @Test
    void uriWithoutTheParameterAreLeftAsTheyAre() {
        Target target = Target.of(URI.create("http://h:1/poll?clientele=1"));
        assertThat(ClientIds.forConnection(target, 3)).isEqualTo(target);
        Target bare = Target.of(URI.create("http://h:1/poll"));
        assertThat(ClientIds.forConnection(bare, 3)).isEqualTo(bare);
    }
}
