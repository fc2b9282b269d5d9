package io.pushbench.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushbench.core.result.Environment;
import io.pushbench.core.result.FloorResult;
import io.pushbench.core.result.ResultFiles;
import io.pushbench.core.result.RunResult;
import io.pushbench.core.result.SelfHealth;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The page of one run, rendered from result directories with known figures. */
class ReportRendererTest {

    @TempDir
    Path dir;

    private Path twoTransports() throws IOException {
        return new ResultFixture()
                .transport(Transport.WEBSOCKET, 200_000, 262.0)
                .transport(Transport.SSE_HTTP1, 400_000, 258.5)
                .write(dir);
    }

    @Test
    void rendersEverySectionWithTheConditionsOfTheRun() throws Exception {
        ReportRenderer.Rendered rendered = ReportRenderer.render(twoTransports());

        assertThat(rendered.page()).isEqualTo(dir.resolve("report.html")).isRegularFile();
        assertThat(rendered.problems()).isEmpty();
        PageFile page = PageFile.read(rendered.page());
        assertThat(page.sections()).containsExactly("conditions", "summary", "percentiles", "timeline", "wire",
                "health", "files");
        assertThat(page.section("conditions")).contains("fixture", "broadcast", "1,000 msg/s, constant rate", "256 B",
                "subscribers", "3 s", System.getProperty("java.vm.name"), Environment.MONOTONIC_ONE_HOST,
                "CPUs", "2026-11-25 05:21:22 UTC");
        assertThat(page.section("summary")).contains("websocket", "sse-http1", "p99.9", "msg/s", "B/msg",
                "server CPU", "\u00B5s/msg").doesNotContain("saturated", "fan-out");
        assertThat(page.section("health")).contains(">ok<", "% of all CPUs");
    }

    @Test
    void everyChartIsAPngDrawnAtTwiceItsDisplaySize() throws Exception {
        PageFile page = PageFile.read(ReportRenderer.render(twoTransports()).page());

        List<PageFile.Chart> charts = page.charts();
        assertThat(charts).hasSize(4).hasSize(page.imageTags());
        assertThat(charts).extracting(PageFile.Chart::alt).containsExactly("Push latency by percentile",
                "Push latency over time", "Delivered throughput over time", "Bytes on the wire per message");
        for (PageFile.Chart chart : charts) {
            assertThat(chart.image()).as(chart.alt()).isNotNull();
            assertThat(chart.image().getWidth()).isEqualTo(2 * chart.width());
            assertThat(chart.image().getHeight()).isEqualTo(2 * chart.height());
        }
    }

    @Test
    void writesThePercentileDistributionsBesideThePageInMicroseconds() throws Exception {
        PageFile page = PageFile.read(ReportRenderer.render(twoTransports()).page());

        for (String name : List.of("websocket-netty.push-corrected.hgrm", "websocket-netty.push-uncorrected.hgrm",
                "sse-http1-netty.push-corrected.hgrm", "sse-http1-netty.push-uncorrected.hgrm")) {
            assertThat(dir.resolve(name)).isRegularFile();
            assertThat(page.section("files")).contains("href=\"" + name + "\"");
        }
        assertThat(page.section("files")).contains("href=\"result.json\"", "href=\"websocket-netty.hlog\"");
        // The fixture's median is 200 µs: the 50% line of the distribution says so, in microseconds.
        String median = Files.readAllLines(dir.resolve("websocket-netty.push-corrected.hgrm")).stream()
                .filter(line -> line.contains(" 0.500000000000 ")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(median.trim().split("\\s+")[0])).isBetween(199.0, 201.5);
    }

    @Test
    void marksTheBestValueOfEachColumn() throws Exception {
        PageFile page = PageFile.read(ReportRenderer.render(twoTransports()).page());

        String summary = page.section("summary");
        String websocket = row(summary, "websocket");
        String sse = row(summary, "sse-http1");
        // websocket is faster at every percentile; sse-http1 needs fewer bytes; the rest are equal.
        assertThat(count(websocket, "class=\"best\"")).isEqualTo(5);
        assertThat(count(sse, "class=\"best\"")).isEqualTo(1);
        assertThat(sse).contains("class=\"best\" title=\"best in column\">258.5<");
    }

    @Test
    void marksNothingWhenThereIsOneTransport() throws Exception {
        new ResultFixture().transport(Transport.WEBSOCKET, 200_000, 262.0).write(dir);

        assertThat(PageFile.read(ReportRenderer.render(dir).page()).html()).doesNotContain("class=\"best\"");
    }

    @Test
    void warnsAtTheTopWhenTheRunWasInterrupted() throws Exception {
        new ResultFixture().transport(Transport.WEBSOCKET, 200_000, 262.0).interrupted(true).write(dir);

        String html = PageFile.read(ReportRenderer.render(dir).page()).html();
        int banner = html.indexOf("class=\"banner\"");
        assertThat(banner).isPositive().isLessThan(html.indexOf("<section"));
        assertThat(html.substring(banner)).contains("interrupted");
    }

    @Test
    void warnsAndMarksATransportWhoseGeneratorWasSaturated() throws Exception {
        new ResultFixture().transport(Transport.WEBSOCKET, 200_000, 262.0).saturated(true).write(dir);

        PageFile page = PageFile.read(ReportRenderer.render(dir).page());

        assertThat(page.html()).contains("class=\"banner\"", "websocket: the load generator was saturated",
                "schedule lag p99 12.0 ms &gt; 5 ms");
        assertThat(page.section("summary")).contains("<span class=\"flag\"");
        assertThat(page.section("health")).contains("class=\"label worse\">saturated<");
    }

    @Test
    void showsWhatTheGeneratorSawEachApart() throws Exception {
        new ResultFixture().transport(Transport.WEBSOCKET, 200_000, 262.0).write(dir);

        String health = PageFile.read(ReportRenderer.render(dir).page()).section("health");

        // The fixture's figures: JVM paused 14.5 ms (longest 6.2), 3 GC pauses of 12 ms, 7 stalls of 11.2 ms (longest
        // 3.1), an idle thread 0.48 ms late at p99.
        assertThat(health).contains("JVM paused", "GC pauses", "platform stalls", "idle thread p99", "I/O lag p99")
                .contains(">14.5, 6.2<", ">3, 12.0<", ">7, 11.2, 3.1<", ">0.480<");
    }

    @Test
    void readsAResultWrittenBeforeTheSelfCheckNamedWhatItSaw() throws Exception {
        new ResultFixture().transport(Transport.WEBSOCKET, 200_000, 262.0).saturated(true).write(dir);
        ObjectNode json = (ObjectNode) ResultFiles.mapper().readTree(dir.resolve("result.json").toFile());
        json.withArray("results").forEach(r -> {
            ObjectNode health = (ObjectNode) r.get("selfHealth");
            health.remove(List.of("warnings", "jvmPauses", "platformStalls", "clampedValues"));
            health.putArray("reasons").add("JVM paused 6.5% of the measured time > 5%"); // as it was worded then
        });
        ResultFiles.mapper().writeValue(dir.resolve("result.json").toFile(), json);

        RunResult read = ResultFiles.read(dir);
        PageFile page = PageFile.read(ReportRenderer.render(dir).page());

        SelfHealth health = read.results().get(0).selfHealth();
        assertThat(health.jvmPauses()).isNull();
        assertThat(health.platformStalls()).isNull();
        assertThat(health.warnings()).isEmpty();
        assertThat(health.clampedValues()).isZero();
        assertThat(page.section("health")).contains("class=\"label worse\">saturated<",
                "JVM paused 6.5% of the measured time &gt; 5%");
    }

    @Test
    void marksAFloorWhoseGeneratorWasSaturated() throws Exception {
        new ResultFixture().floor(20_000).transport(Transport.WEBSOCKET, 200_000, 262.0).saturated(true).write(dir);

        String summary = PageFile.read(ReportRenderer.render(dir).page()).section("summary");

        String floor = Arrays.stream(summary.split("<tr")).filter(r -> r.contains("floor (raw TCP)"))
                .findFirst().orElseThrow();
        assertThat(floor).contains("<span class=\"flag\"", "the multiples understate what each transport adds");
    }

    @Test
    void showsTheFloorRowAndEachTransportsMultiplesOfIt() throws Exception {
        new ResultFixture().floor(20_000)
                .transport(Transport.WEBSOCKET, 200_000, 262.0)
                .transport(Transport.SSE_HTTP1, 400_000, 258.5)
                .write(dir);

        PageFile page = PageFile.read(ReportRenderer.render(dir).page());

        String summary = page.section("summary");
        assertThat(summary).contains(">\u00D7 floor</span>", "p50 \u00D7 floor and p99 \u00D7 floor", "raw TCP ping-pong",
                "one way");
        String floor = Arrays.stream(summary.split("<tr")).filter(r -> r.contains(">floor (raw TCP)</td>"))
                .findFirst().orElseThrow();
        // The floor's p50 is 20 µs; the transports' are 10 and 20 times that, and so are their p99s.
        assertThat(floor).contains(">0.020<").doesNotContain("class=\"best\"");
        assertThat(count(row(summary, "websocket"), ">10.0<")).isEqualTo(2);
        assertThat(count(row(summary, "sse-http1"), ">20.0<")).isEqualTo(2);
        assertThat(count(row(summary, "websocket"), "class=\"best\"")).as("the floor is no contender").isEqualTo(5);
        assertThat(page.section("files")).contains("href=\"" + FloorResult.HISTOGRAM_LOG + "\"");
        assertThat(page.charts()).allMatch(chart -> chart.image() != null);
    }

    @Test
    void aResultWithoutAFloorHasNoFloorRowOrMultiples() throws Exception {
        twoTransports();
        ObjectNode json = (ObjectNode) ResultFiles.mapper().readTree(dir.resolve("result.json").toFile());
        assertThat(json.has("floor")).isTrue();
        json.remove("floor"); // as written before the floor existed

        ResultFiles.mapper().writeValue(dir.resolve("result.json").toFile(), json);
        PageFile page = PageFile.read(ReportRenderer.render(dir).page());

        assertThat(page.sections()).contains("summary", "percentiles");
        assertThat(page.section("summary")).contains("websocket", "p99.9").doesNotContain("floor");
    }

    @Test
    void hasNoBannerForAWholeRun() throws Exception {
        assertThat(PageFile.read(ReportRenderer.render(twoTransports()).page()).html()).doesNotContain("class=\"banner\"");
    }

    @Test
    void leavesOutWhatTheResultDoesNotHold() throws Exception {
        twoTransports();
        ObjectNode json = (ObjectNode) ResultFiles.mapper().readTree(dir.resolve("result.json").toFile());
        json.remove("environment");
        json.withArray("results").forEach(r -> ((ObjectNode) r).remove(List.of("wire", "histogramLog", "selfHealth")));
        ResultFiles.mapper().writeValue(dir.resolve("result.json").toFile(), json);

        PageFile page = PageFile.read(ReportRenderer.render(dir).page());

        assertThat(page.sections()).containsExactly("conditions", "summary", "files");
        assertThat(page.section("summary")).contains("p50").doesNotContain("B/msg", "CPU");
        assertThat(page.section("conditions")).doesNotContain("JVM");
        assertThat(page.charts()).isEmpty();
    }

    @Test
    void escapesTextFromTheResult() throws Exception {
        new ResultFixture().name("<script>alert('x')</script>").transport(Transport.WEBSOCKET, 200_000, 262.0).write(dir);

        String html = PageFile.read(ReportRenderer.render(dir).page()).html();

        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").doesNotContain("<script");
    }

    @Test
    void fetchesNothingFromAnywhere() throws Exception {
        String html = PageFile.read(ReportRenderer.render(twoTransports()).page()).html();

        assertThat(html).doesNotContain("<script", "<link", "url(", "@import", "src=\"http");
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;;");
        assertThat(Arrays.stream(html.split("src=\"")).skip(1)).allMatch(src -> src.startsWith("data:image/png;base64,"));
    }

    @Test
    void rendersWhatATruncatedLogHoldsAndSaysSo() throws Exception {
        new ResultFixture().transport(Transport.WEBSOCKET, 200_000, 262.0).write(dir);
        Path log = dir.resolve("websocket-netty.hlog");
        byte[] whole = Files.readAllBytes(log);
        Files.write(log, Arrays.copyOf(whole, whole.length - 40));

        ReportRenderer.Rendered rendered = ReportRenderer.render(dir);

        assertThat(rendered.problems()).singleElement().asString()
                .contains("websocket-netty.hlog", "truncated").doesNotContain("\n");
        PageFile page = PageFile.read(rendered.page());
        assertThat(page.html()).contains("class=\"banner\"", "websocket-netty.hlog ends in the middle of a record");
        assertThat(page.charts()).hasSize(4).allMatch(chart -> chart.image() != null);
        assertThat(dir.resolve("websocket-netty.push-corrected.hgrm")).isRegularFile();
    }

    private static String row(String table, String label) {
        return Arrays.stream(table.split("<tr")).filter(r -> r.contains("</span>" + label + "</td>"))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + label + " in " + table));
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
