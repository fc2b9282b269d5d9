package io.pushbench.core.sse;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One test per rule of the WHATWG event stream interpretation, from literal wire text. Each wire
 * text is parsed whole, split in two at every byte position, and byte by byte: all must give the
 * same events and leave nothing unread.
 */
class SseParserTest {

    @Test
    void dataLineAndEmptyLineDispatchAMessage() {
        Recorder r = parse("data: hello\n\n", new Event("", "message", "hello"));
        assertThat(r.comments).isEmpty();
        assertThat(r.retries).isEmpty();
    }

    @Test
    void severalDataLinesAreJoinedWithLf() {
        parse("data: one\ndata: two\ndata:\ndata: four\n\n", new Event("", "message", "one\ntwo\n\nfour"));
    }

    @Test
    void onlyTheFinalLfOfTheDataIsDropped() {
        parse("data\ndata\n\n", new Event("", "message", "\n"));
    }

    @Test
    void lfCrlfAndCrAllEndLines() {
        Event hello = new Event("", "message", "hello\nworld");
        parse("data: hello\ndata: world\n\n", hello);
        parse("data: hello\r\ndata: world\r\n\r\n", hello);
        parse("data: hello\rdata: world\r\r", hello);
        parse("data: hello\r\ndata: world\n\r", hello);
    }

    @Test
    void crEndingOneChunkAndLfStartingTheNextAreOneLineEnding() {
        Recorder r = new Recorder();
        SseParser parser = new SseParser(r);
        feed(parser, "data: a\r", 1);
        feed(parser, "\ndata: b\r", 2);
        feed(parser, "\n\r", 3);
        feed(parser, "\n", 4);
        assertThat(r.events).containsExactly(new Event("", "message", "a\nb"));
        assertThat(r.receivedNanos).containsExactly(3L);
        assertThat(parser.hasPendingInput()).isFalse();
    }

    @Test
    void oneSpaceAfterTheColonIsRemovedAndNoMore() {
        parse("data:no space\n\ndata: one\n\ndata:  two\n\n",
                new Event("", "message", "no space"), new Event("", "message", "one"),
                new Event("", "message", " two"));
    }

    @Test
    void onlyTheFirstColonSeparatesFieldFromValue() {
        parse("data: a:b: c\n\n", new Event("", "message", "a:b: c"));
    }

    @Test
    void aLineWithoutColonIsAFieldWithAnEmptyValue() {
        parse("data\n\n", new Event("", "message", ""));
        parse("event\ndata: x\n\n", new Event("", "", "x"));
    }

    @Test
    void eventSetsTheTypeForOneEventOnly() {
        parse("event: tick\ndata: 1\n\ndata: 2\n\n",
                new Event("", "tick", "1"), new Event("", "message", "2"));
    }

    @Test
    void idSetsTheLastEventIdWhichPersistsAcrossEvents() {
        Recorder r = parse("id: 7\ndata: a\n\ndata: b\n\nid: 8\ndata: c\n\n",
                new Event("7", "message", "a"), new Event("7", "message", "b"), new Event("8", "message", "c"));
        assertThat(r.lastEventId).isEqualTo("8");
    }

    @Test
    void anEmptyIdResetsTheLastEventId() {
        parse("id: 7\ndata: a\n\nid\ndata: b\n\n", new Event("7", "message", "a"), new Event("", "message", "b"));
    }

    @Test
    void anIdContainingNulIsIgnored() {
        parse("id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n", new Event("1", "message", "a"), new Event("1", "message", "b"));
    }

    @Test
    void retryIsReportedOnlyWhenAllAsciiDigits() {
        Recorder r = parse("retry: 1500\nretry: 15x\nretry: -1\nretry:\nretry:  20\nretry: 0\n\n");
        assertThat(r.retries).containsExactly(1500L, 0L);
    }

    @Test
    void aLineStartingWithColonIsAComment() {
        Recorder r = parse(": hb\n:\n:no space\ndata: x\n: inside an event\n\n", new Event("", "message", "x"));
        assertThat(r.comments).containsExactly("hb", "", "no space", "inside an event");
    }

    @Test
    void unknownFieldsAreIgnored() {
        parse("foo: bar\nData: no\nDATA: no\ndata : no\ndata: yes\n\n", new Event("", "message", "yes"));
    }

    @Test
    void anEmptyLineWithNoDataDispatchesNothingAndResetsTheType() {
        Recorder r = parse("event: lost\n\ndata: x\n\n\n\n", new Event("", "message", "x"));
        assertThat(r.events).hasSize(1);
    }

    @Test
    void anEmptyLineWithNoDataStillSetsTheLastEventId() {
        Recorder r = parse("id: 5\n\n");
        assertThat(r.lastEventId).isEqualTo("5");
    }

    @Test
    void aLeadingByteOrderMarkIsSkipped() {
        parse("\uFEFFdata: x\n\n", new Event("", "message", "x"));
    }

    @Test
    void aByteOrderMarkAfterTheStartIsNotSkipped() {
        parse("data: x\n\n\uFEFFdata: y\n\n", new Event("", "message", "x"));
    }

    @Test
    void textIsUtf8EvenWhenACharacterIsSplitAcrossChunks() {
        parse("id: é1\nevent: ünï\ndata: 日本 😀\n\n", new Event("é1", "ünï", "日本 😀"));
    }

    @Test
    void anUnfinishedEventIsPendingAndDiscardedAtEndOfStream() {
        Recorder r = new Recorder();
        SseParser parser = new SseParser(r);
        feed(parser, "id: 3\ndata: done\n\ndata: half", 1);
        assertThat(parser.hasPendingInput()).isTrue();
        parser.endOfStream();
        assertThat(parser.hasPendingInput()).isFalse();
        assertThat(parser.lastEventId()).isEqualTo("3");
        feed(parser, "\uFEFFdata: next\n\n", 2);
        assertThat(r.events).containsExactly(new Event("3", "message", "done"), new Event("", "message", "next"));
    }

    @Test
    void anEventIsReportedWithTheReceiveTimeOfTheChunkThatCompletesIt() {
        Recorder r = new Recorder();
        SseParser parser = new SseParser(r);
        feed(parser, "data: a\n\ndata: b\n", 10);
        feed(parser, "\ndata: c\n\n", 20);
        assertThat(r.receivedNanos).containsExactly(10L, 20L, 20L);
    }

    @Test
    void aLineLongerThanTheLimitIsRefused() {
        SseParser parser = new SseParser(new Recorder(), 8);
        feed(parser, "data: 12", 1);
        assertThatThrownBy(() -> feed(parser, "3", 2)).isInstanceOf(SseLimitException.class)
                .hasMessageContaining("8 bytes");
    }

    @Test
    void eventDataLargerThanTheLimitIsRefused() {
        SseParser parser = new SseParser(new Recorder(), 14);
        feed(parser, "data: 1234567\n", 1);
        assertThatThrownBy(() -> feed(parser, "data: 1234567\n", 2)).isInstanceOf(SseLimitException.class)
                .hasMessageContaining("event data");
    }

    @Test
    void theFeedConsumesTheChunk() {
        var chunk = Unpooled.copiedBuffer("data: x\n", StandardCharsets.UTF_8);
        new SseParser(new Recorder()).feed(chunk, 0);
        assertThat(chunk.isReadable()).isFalse();
        chunk.release();
    }

    /**
     * Parses {@code wire} whole, split in two at every byte, and one byte at a time; asserts the
     * same events each time and nothing left unread; returns what the whole parse recorded.
     */
    private static Recorder parse(String wire, Event... expected) {
        byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
        Recorder whole = parseChunks(bytes, List.of(bytes.length));
        assertThat(whole.events).as("whole").containsExactly(expected);
        for (int split = 1; split < bytes.length; split++) {
            Recorder r = parseChunks(bytes, List.of(split, bytes.length));
            assertThat(r.events).as("split at byte %d", split).containsExactly(expected);
            assertThat(r.comments).as("split at byte %d", split).isEqualTo(whole.comments);
            assertThat(r.retries).as("split at byte %d", split).isEqualTo(whole.retries);
        }
        List<Integer> everyByte = new ArrayList<>();
        for (int i = 1; i <= bytes.length; i++) {
            everyByte.add(i);
        }
        assertThat(parseChunks(bytes, everyByte).events).as("byte by byte").containsExactly(expected);
        return whole;
    }

    /** Feeds {@code bytes} in chunks ending at the given offsets and checks nothing is left unread. */
    private static Recorder parseChunks(byte[] bytes, List<Integer> chunkEnds) {
        Recorder r = new Recorder();
        SseParser parser = new SseParser(r);
        int start = 0;
        for (int end : chunkEnds) {
            var chunk = Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, start, end));
            parser.feed(chunk, end);
            chunk.release();
            start = end;
        }
        assertThat(parser.hasPendingInput()).as("pending input after %s", chunkEnds).isFalse();
        r.lastEventId = parser.lastEventId();
        return r;
    }

    private static void feed(SseParser parser, String text, long receivedNanos) {
        var chunk = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        parser.feed(chunk, receivedNanos);
        chunk.release();
    }

    private record Event(String id, String type, String data) {
    }

    private static final class Recorder implements SseParser.Listener {
        final List<Event> events = new ArrayList<>();
        final List<Long> receivedNanos = new ArrayList<>();
        final List<Long> retries = new ArrayList<>();
        final List<String> comments = new ArrayList<>();
        String lastEventId;

        @Override
        public void onEvent(CharSequence lastEventId, CharSequence type, CharSequence data, long receivedNanos) {
            // The texts are views valid during the call only: kept as strings.
            events.add(new Event(lastEventId.toString(), type.toString(), data.toString()));
            this.receivedNanos.add(receivedNanos);
        }

        @Override
        public void onRetry(long millis) {
            retries.add(millis);
        }

        @Override
        public void onComment(CharSequence text) {
            comments.add(text.toString());
        }
    }
}
