package io.pushbench.interop;

import io.pushbench.core.result.TransportResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code capacity --on-open} against a WebSocket server that pushes only after a subscribe
 * message: websocketd ({@link Websocketd}) running a shell script per connection that waits for
 * {@code subscribe <channel>} and only then pushes, writing down each subscribe line it got.
 * (nchan subscribes by URL, so it cannot play this part.)
 */
@Timeout(60)
class SubscribeFirstInteropTest {

    private static final Pattern SUBSCRIBE = Pattern.compile(
            "subscribe room-(\\d+) ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    private static final int CONNECTIONS = 4;

    @TempDir
    Path dir;

    @Test
    void aServerThatPushesOnlyAfterASubscribeMessageIsMeasured() throws Exception {
        Path subscribed = dir.resolve("subscribed");
        Path script = dir.resolve("subscribe-then-push.sh");
        // Bounded: 400 messages 20 ms apart at most, and it ends when its connection does.
        Files.writeString(script, """
                #!/bin/sh
                IFS= read -r line || exit 0
                printf '%s\\n' "$line" >> '""" + subscribed + """
                '
                case "$line" in
                  "subscribe "*) ;;
                  *) echo "expected: subscribe CHANNEL"; exit 0 ;;
                esac
                i=0
                while [ "$i" -lt 400 ]; do
                  printf 'tick %d\\n' "$i" || exit 0
                  i=$((i + 1))
                  sleep 0.02
                done
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path message = dir.resolve("subscribe.txt");
        Files.writeString(message, "subscribe room-{conn} {uuid}\n");

        try (Websocketd server = Websocketd.start(dir, script)) {
            TransportResult r = InteropCli.capacityStep(dir.resolve("out"), "--url", server.url(), "--mode", "passive",
                    "--on-open-file", message.toString(), "--connections", Integer.toString(CONNECTIONS), "--slo", "gap-p99<10s");
            assertThat(r.errors()).as(server.log()).isEmpty();
            // 4 connections pushed every 20 ms for a 3 s step: far more than this, and nothing without the subscribe.
            assertThat(r.delivery().received()).isGreaterThan(CONNECTIONS * 20L);
        }
        List<String> lines = Files.readAllLines(subscribed);
        assertThat(lines).hasSize(CONNECTIONS).allMatch(l -> SUBSCRIBE.matcher(l).matches());
        assertThat(lines.stream().map(l -> group(l, 1))).containsExactlyInAnyOrder("0", "1", "2", "3");
        assertThat(lines.stream().map(l -> group(l, 2)).distinct()).hasSize(CONNECTIONS);
    }

    private static String group(String line, int group) {
        Matcher m = SUBSCRIBE.matcher(line);
        assertThat(m.matches()).isTrue();
        return m.group(group);
    }
}
