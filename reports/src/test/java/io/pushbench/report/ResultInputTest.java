package io.pushbench.report;

import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Result directories that cannot be rendered, or only in part: one case per test, each a one-line message. */
class ResultInputTest {

    @TempDir
    Path dir;

    @Test
    void aMissingDirectory() {
        assertThatThrownBy(() -> ReportRenderer.render(dir.resolve("nope")))
                .isInstanceOf(ReportInputException.class).hasMessage(dir.resolve("nope") + ": no such directory");
    }

    @Test
    void aFileInsteadOfADirectory() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> ReportRenderer.render(file)).hasMessage(file + ": not a directory");
    }

    @Test
    void aDirectoryWithoutAResult() {
        assertThatThrownBy(() -> ReportRenderer.render(dir))
                .hasMessage(dir + ": no result.json (not a pushbench result directory)");
    }

    @Test
    void malformedJson() throws Exception {
        Files.writeString(dir.resolve("result.json"), "{\n  \"format\": \"pushbench-result/1\",\n  \"results\": [ }");
        assertThatThrownBy(() -> ReportRenderer.render(dir)).isInstanceOf(ReportInputException.class)
                .message().startsWith(dir.resolve("result.json") + ": malformed JSON at line 3, column")
                .doesNotContain("\n");
    }

    @Test
    void jsonThatIsNotAResult() throws Exception {
        Files.writeString(dir.resolve("result.json"), "[1, 2, 3]");
        assertThatThrownBy(() -> ReportRenderer.render(dir)).isInstanceOf(ReportInputException.class)
                .message().contains("malformed JSON").doesNotContain("\n");
    }

    @Test
    void aMissingHistogramLog() throws Exception {
        new ResultFixture().transport(Transport.WEBSOCKET, 200_000, 262.0).write(dir);
        Files.delete(dir.resolve("websocket-netty.hlog"));

        assertThatThrownBy(() -> ReportRenderer.render(dir)).isInstanceOf(ReportInputException.class)
                .hasMessage("websocket-netty.hlog: histogram log missing from " + dir);
    }

    @Test
    void aLogCutInTheMiddleOfALineKeepsTheIntervalsBefore() throws Exception {
        new ResultFixture().transport(Transport.WEBSOCKET, 200_000, 262.0).write(dir);
        Path file = dir.resolve("websocket-netty.hlog");
        HistogramLog whole = HistogramLog.read(file);
        byte[] bytes = Files.readAllBytes(file);
        // Cut inside the last line: the last interval of the uncorrected metric is lost.
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 30));

        HistogramLog cut = HistogramLog.read(file);

        assertThat(whole.truncated()).isFalse();
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.intervals("push-corrected")).hasSize(whole.intervals("push-corrected").size());
        assertThat(cut.intervals("push-uncorrected")).hasSize(whole.intervals("push-uncorrected").size() - 1);
        assertThat(cut.total("push-corrected").getTotalCount())
                .isEqualTo((long) ResultFixture.INTERVALS * ResultFixture.PER_INTERVAL);
    }

    @Test
    void aLogCutAtALineEndIsNotTruncatedButHoldsLess() throws Exception {
        new ResultFixture().transport(Transport.WEBSOCKET, 200_000, 262.0).write(dir);
        Path file = dir.resolve("websocket-netty.hlog");
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.lastIndexOf('\n', text.length() - 2) + 1));

        HistogramLog log = HistogramLog.read(file);

        assertThat(log.truncated()).isFalse();
        assertThat(log.intervals("push-uncorrected")).hasSize(ResultFixture.INTERVALS);
    }

    @Test
    void anEmptyLogIsTruncatedAndRendersWithoutData() throws Exception {
        new ResultFixture().transport(Transport.WEBSOCKET, 200_000, 262.0).write(dir);
        Files.write(dir.resolve("websocket-netty.hlog"), new byte[0]);

        ReportRenderer.Rendered rendered = ReportRenderer.render(dir);

        assertThat(rendered.problems()).hasSize(1);
        assertThat(PageFile.read(rendered.page()).charts()).allMatch(chart -> chart.image() != null);
        assertThat(dir.resolve("websocket-netty.push-corrected.hgrm")).doesNotExist();
    }
}
