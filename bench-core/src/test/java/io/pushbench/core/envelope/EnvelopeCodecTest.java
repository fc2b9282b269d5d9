package io.pushbench.core.envelope;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EnvelopeCodecTest {

    private static final Envelope SAMPLE = new Envelope(123_456, 987_654_321_012_345L, 987_654_321_099_999L);

    @ParameterizedTest
    @ValueSource(ints = {16, 17, 64, 125, 126, 127, 256, 1024, 4096, 65_535, 65_536})
    void roundTripsAtEverySizeAndPadsToIt(int size) {
        String text = EnvelopeCodec.encode(SAMPLE, size);
        assertThat(text).hasSize(Math.max(size, EnvelopeCodec.headerLength(SAMPLE)));
        assertThat(EnvelopeCodec.decode(text)).isEqualTo(SAMPLE);
        assertThat(EnvelopeCodec.encodeBytes(SAMPLE, size)).hasSize(text.length());
    }

    @Test
    void aSizeBelowTheHeaderGivesTheHeaderAlone() {
        String text = EnvelopeCodec.encode(SAMPLE, 16);
        assertThat(text).isEqualTo("pb1:123456:987654321012345:87654;");
        assertThat(text.length()).isEqualTo(EnvelopeCodec.headerLength(SAMPLE));
    }

    @Test
    void isTextSafeForSseJsonAndUrls() {
        String text = EnvelopeCodec.encode(SAMPLE, 1000);
        assertThat(text).matches("[0-9a-z:;x-]+");
    }

    @Test
    void isFoundInsideWhateverAServerWrapsAroundIt() {
        String wrapped = "{\"type\":\"tick\",\"payload\":\"" + EnvelopeCodec.encode(SAMPLE, 80) + "\",\"ts\":1}";
        assertThat(EnvelopeCodec.decode(wrapped)).isEqualTo(SAMPLE);
        assertThat(EnvelopeCodec.decode(new StringBuilder("data: ").append(EnvelopeCodec.encode(SAMPLE, 40))))
                .isEqualTo(SAMPLE);
    }

    @Test
    void keepsAnEarlySendAsANegativeLag() {
        Envelope early = new Envelope(0, 1_000, 900);
        assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(early, 0))).isEqualTo(early);
    }

    @Test
    void rejectsTextWithoutAWellFormedEnvelope() {
        assertThat(EnvelopeCodec.decode("")).isNull();
        assertThat(EnvelopeCodec.decode("hello")).isNull();
        assertThat(EnvelopeCodec.decode("pb1:")).isNull();
        assertThat(EnvelopeCodec.decode("pb1:1:2:3")).isNull();
        assertThat(EnvelopeCodec.decode("pb1:1:2:x;")).isNull();
        assertThat(EnvelopeCodec.decode("pb1::2:3;")).isNull();
        assertThat(EnvelopeCodec.decode("pb1:-1:2:3;")).isNull();
        assertThat(EnvelopeCodec.decode("pb1:1:99999999999999999999:3;")).isNull();
    }
}
