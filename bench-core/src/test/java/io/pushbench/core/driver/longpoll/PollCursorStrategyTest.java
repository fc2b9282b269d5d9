package io.pushbench.core.driver.longpoll;

import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.transport.PollBatchFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each cursor strategy: what its polls carry, how its answers move it, what it rejects. */
class PollCursorStrategyTest {

    private static final URI BASE = URI.create("http://127.0.0.1:8080/sub?id=room");

    private final List<String> messages = new ArrayList<>();

    @Test
    void parsesEveryFormAndPrintsItBack() {
        assertThat(PollCursorStrategy.parse("pushbench")).isEqualTo(PollCursorStrategy.PUSHBENCH);
        assertThat(PollCursorStrategy.parse("ETag")).isEqualTo(PollCursorStrategy.ETAG);
        PollCursorStrategy header = PollCursorStrategy.parse("header:X-Cursor");
        assertThat(header.header()).isEqualTo("X-Cursor");
        assertThat(header.queryParam()).isNull();
        PollCursorStrategy query = PollCursorStrategy.parse("header:Pushbench-Last-Id,query:after");
        assertThat(query.queryParam()).isEqualTo("after");
        assertThat(query.toString()).isEqualTo("header:Pushbench-Last-Id,query:after");
        assertThat(PollCursorStrategy.parse(query.toString())).isEqualTo(query);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "etags", "header:", "header:Bad Name", "header:X,since", "header:X,query:",
        "header:X,query:a b"})
    void rejectsMalformedCursorsNamingTheSyntax(String text) {
        assertThatThrownBy(() -> PollCursorStrategy.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PollCursorStrategy.SYNTAX);
    }

    @Test
    void pushbenchCursorAsksForTheNewestIdThenPollsAfterIt() {
        PollCursor cursor = PollCursorStrategy.PUSHBENCH.newCursor(BASE);
        assertThat(cursor.hasCursor()).isFalse();
        assertThat(cursor.next()).hasToString(BASE + "&after=newest");
        cursor.answer(200, headers(PollBatchFormat.LAST_ID_HEADER, "41"), new byte[0], this::collect);
        assertThat(cursor.hasCursor()).isTrue();
        cursor.answer(200, headers(PollBatchFormat.LAST_ID_HEADER, "43"),
                bytes("42 pb1:42:1:0;x\n43 pb1:43:1:0;x\n"), this::collect);
        assertThat(messages).containsExactly("pb1:42:1:0;x", "pb1:43:1:0;x");
        assertThat(cursor.next()).hasToString(BASE + "&after=43");
        assertThat(headersOf(cursor)).isEmpty();
    }

    @Test
    void pushbenchCursorWithoutItsHeaderSaysWhichCursorToChoose() {
        PollCursor cursor = PollCursorStrategy.PUSHBENCH.newCursor(BASE);
        assertThatThrownBy(() -> cursor.answer(200, headers(), bytes("pb1:1:1:0;"), this::collect))
                .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROTOCOL))
                .hasMessageContaining("--poll-cursor");
    }

    @Test
    void etagCursorEchoesTheValidatorsOfTheLastAnswer() {
        PollCursor cursor = PollCursorStrategy.ETAG.newCursor(BASE);
        assertThat(cursor.hasCursor()).isTrue();
        assertThat(cursor.next()).isEqualTo(BASE);
        assertThat(headersOf(cursor)).isEmpty();
        cursor.answer(200, headers("Last-Modified", "Fri, 04 Dec 2026 18:00:00 GMT", "Etag", "3"),
                bytes("pb1:7:1:0;xxxx"), this::collect);
        assertThat(messages).containsExactly("pb1:7:1:0;xxxx");
        assertThat(headersOf(cursor)).containsExactly(Map.entry("If-Modified-Since", "Fri, 04 Dec 2026 18:00:00 GMT"),
                Map.entry("If-None-Match", "3"));
        assertThat(cursor.next()).isEqualTo(BASE);
    }

    @ParameterizedTest
    @ValueSource(ints = {204, 304, 408})
    void noMessageYetAnswersKeepTheCursor(int status) {
        PollCursor cursor = PollCursorStrategy.ETAG.newCursor(BASE);
        cursor.answer(200, headers("Etag", "1"), bytes("pb1:1:1:0;"), this::collect);
        cursor.answer(status, headers(), new byte[0], this::collect);
        assertThat(messages).hasSize(1);
        assertThat(headersOf(cursor)).containsEntry("If-None-Match", "1");
    }

    @Test
    void otherStatusesAreHttpErrors() {
        PollCursor cursor = PollCursorStrategy.ETAG.newCursor(BASE);
        assertThatThrownBy(() -> cursor.answer(503, headers(), new byte[0], this::collect))
                .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.HTTP_STATUS));
    }

    @Test
    void etagCursorRejectsAnAnswerWithoutValidatorsAndDoesNotMove() {
        PollCursor cursor = PollCursorStrategy.ETAG.newCursor(BASE);
        cursor.answer(200, headers("Etag", "1"), bytes("pb1:1:1:0;"), this::collect);
        assertThatThrownBy(() -> cursor.answer(200, headers(), bytes("pb1:2:1:0;"), this::collect))
                .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROTOCOL))
                .hasMessageContaining("Etag");
        assertThat(messages).hasSize(1);
        assertThat(headersOf(cursor)).containsEntry("If-None-Match", "1");
    }

    @Test
    void headerCursorGoesBackAsAHeaderOrAQueryParameter() {
        PollCursor asHeader = PollCursorStrategy.parse("header:X-Cursor").newCursor(BASE);
        asHeader.answer(200, headers("x-cursor", "a b"), bytes("pb1:1:1:0;"), this::collect);
        assertThat(asHeader.next()).isEqualTo(BASE);
        assertThat(headersOf(asHeader)).containsExactly(Map.entry("X-Cursor", "a b"));

        PollCursor asQuery = PollCursorStrategy.parse("header:X-Cursor,query:since").newCursor(BASE);
        assertThat(asQuery.next()).isEqualTo(BASE);
        asQuery.answer(200, headers("X-Cursor", "a b"), bytes("pb1:1:1:0;"), this::collect);
        assertThat(asQuery.next()).hasToString(BASE + "&since=a+b");
        assertThat(headersOf(asQuery)).isEmpty();
    }

    @Test
    void aServersOwnBodyYieldsEachEnvelopeInIt() {
        PollCursor cursor = PollCursorStrategy.ETAG.newCursor(BASE);
        cursor.answer(200, headers("Etag", "1"),
                bytes("[{\"m\":\"pb1:1:1:0;xx\"},{\"m\":\"pb1:2:1:0;xx\"}]"), this::collect);
        assertThat(messages).containsExactly("pb1:1:1:0;xx\"},{\"m\":\"", "pb1:2:1:0;xx\"}]");
        messages.clear();
        cursor.answer(200, headers("Etag", "2"), bytes("no envelope"), this::collect);
        assertThat(messages).containsExactly("no envelope");
        messages.clear();
        cursor.answer(200, headers("Etag", "3"), new byte[0], this::collect);
        assertThat(messages).isEmpty();
    }

    private void collect(long id, CharSequence text) {
        messages.add(text.toString());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Headers from name-value pairs, looked up case-insensitively as every stack does. */
    private static PollCursor.Headers headers(String... nameValue) {
        return name -> {
            for (int i = 0; i < nameValue.length; i += 2) {
                if (nameValue[i].equalsIgnoreCase(name)) {
                    return nameValue[i + 1];
                }
            }
            return null;
        };
    }

    private static Map<String, String> headersOf(PollCursor cursor) {
        Map<String, String> out = new LinkedHashMap<>();
        cursor.headers(out::put);
        return out;
    }
}
