package io.pushbench.core.envelope;

import io.pushbench.core.testing.RandomInputs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties of the envelope codec over generated input: it finds what was encoded and never throws on garbage. */
class EnvelopeCodecPropertyTest {

    @Test
    void roundTripsAnyEnvelopeAtAnySize() {
        RandomInputs.check(1, random -> {
            long intended = RandomInputs.longBetween(random, -(1L << 60), 1L << 60);
            Envelope envelope = new Envelope(RandomInputs.longBetween(random, 0, Long.MAX_VALUE / 2), intended,
                    intended + RandomInputs.longBetween(random, -1_000_000_000L, 1L << 40));
            int size = (int) RandomInputs.longBetween(random, 0, 70_000);
            String text = EnvelopeCodec.encode(envelope, size);
            assertThat(EnvelopeCodec.decode(text)).isEqualTo(envelope);
            assertThat(text.length()).isEqualTo(Math.max(size, EnvelopeCodec.headerLength(envelope)));
        });
    }

    @Test
    void isFoundBehindAnyTextWithoutTheMarker() {
        RandomInputs.check(2, random -> {
            String prefix = RandomInputs.text(random, 40).replace("pb1", "");
            String suffix = RandomInputs.text(random, 40);
            Envelope envelope = new Envelope(RandomInputs.longBetween(random, 0, 1_000_000), 42, 43);
            assertThat(EnvelopeCodec.decode(prefix + EnvelopeCodec.encode(envelope, 0) + suffix)).isEqualTo(envelope);
        });
    }

    @Test
    void arbitraryTextNeverThrows() {
        RandomInputs.check(3, random -> {
            String text = RandomInputs.text(random, 60);
            EnvelopeCodec.decode(text);
            EnvelopeCodec.decode(EnvelopeCodec.MARKER + text);
            EnvelopeCodec.decode(EnvelopeCodec.MARKER + "1:" + text);
        });
    }
}
