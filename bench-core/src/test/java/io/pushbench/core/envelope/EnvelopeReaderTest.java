package io.pushbench.core.envelope;

import io.netty.buffer.Unpooled;
import io.pushbench.core.text.MessageText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One reader reads envelope after envelope into its fields, from a string or a view of bytes. */
class EnvelopeReaderTest {

    @Test
    void readsOneEnvelopeAfterAnotherIntoItsFields() {
        EnvelopeReader reader = new EnvelopeReader();
        for (long sequence = 0; sequence < 5; sequence++) {
            Envelope sent = new Envelope(sequence, 1_000_000 + sequence, 1_000_050 + sequence);
            assertThat(reader.read(EnvelopeCodec.encode(sent, 64))).isTrue();
            assertThat(reader.sequence()).isEqualTo(sequence);
            assertThat(reader.intendedNanos()).isEqualTo(sent.intendedNanos());
            assertThat(reader.sentNanos()).isEqualTo(sent.sentNanos());
            assertThat(reader.toEnvelope()).isEqualTo(sent);
        }
    }

    @Test
    void readsAViewOfTheBytesAsItReadsAString() {
        Envelope sent = new Envelope(42, 987_654_321L, 987_654_999L);
        byte[] wire = ("data: " + EnvelopeCodec.encode(sent, 100)).getBytes();
        EnvelopeReader reader = new EnvelopeReader();

        assertThat(reader.read(new MessageText().of(Unpooled.wrappedBuffer(wire)))).isTrue();

        assertThat(reader.toEnvelope()).isEqualTo(sent);
    }

    @Test
    void aMalformedEnvelopeAfterAGoodOneIsRefused() {
        EnvelopeReader reader = new EnvelopeReader();
        assertThat(reader.read("pb1:1:2:3;")).isTrue();
        assertThat(reader.read("pb1:1:2:x;")).isFalse();
        assertThat(reader.read(new MessageText().of(Unpooled.wrappedBuffer("pb1:-1:2:3;".getBytes())))).isFalse();
        assertThat(reader.read("no envelope")).isFalse();
    }
}
