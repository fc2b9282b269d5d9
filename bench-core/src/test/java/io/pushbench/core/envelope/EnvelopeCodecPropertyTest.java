package io.pushbench.core.envelope;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties of the envelope codec over arbitrary input: it finds what was encoded and never throws on garbage. */
class EnvelopeCodecPropertyTest {

    @Property
    void roundTripsAnyEnvelopeAtAnySize(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long sequence,
                                        @ForAll @LongRange(min = -(1L << 60), max = 1L << 60) long intended,
                                        @ForAll @LongRange(min = -1_000_000_000L, max = 1L << 40) long lag,
                                        @ForAll @IntRange(min = 0, max = 70_000) int size) {
        Envelope envelope = new Envelope(sequence, intended, intended + lag);
        String text = EnvelopeCodec.encode(envelope, size);
        assertThat(EnvelopeCodec.decode(text)).isEqualTo(envelope);
        assertThat(text.length()).isEqualTo(Math.max(size, EnvelopeCodec.headerLength(envelope)));
    }

    @Property
    void isFoundBehindAnyPrefixWithoutTheMarker(@ForAll("noMarker") String prefix, @ForAll("noMarker") String suffix,
                                                @ForAll @LongRange(min = 0, max = 1_000_000) long sequence) {
        Envelope envelope = new Envelope(sequence, 42, 43);
        assertThat(EnvelopeCodec.decode(prefix + EnvelopeCodec.encode(envelope, 0) + suffix)).isEqualTo(envelope);
    }

    @Property
    void arbitraryTextNeverThrows(@ForAll String text) {
        EnvelopeCodec.decode(text);
        EnvelopeCodec.decode(EnvelopeCodec.MARKER + text);
    }

    @Provide
    Arbitrary<String> noMarker() {
        return Arbitraries.strings().ofMaxLength(40).filter(s -> !s.contains("pb1"));
    }
}
