package io.pushbench.report;

import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens rendered pages in headless Chromium, from disk as a reader would, and checks that they
 * load without an error, fetch nothing, and display every chart. Skipped when no Chromium is
 * installed (set {@code PUSHBENCH_CHROMIUM} to a browser binary to point the test at one).
 *
 * <p>The page under test is a copy with a small probe script added: it records failed loads and
 * blocked fetches as they happen, and at the load event each image's {@code naturalWidth} and
 * size on the page, then writes them into the DOM that Chromium dumps.
 */
class ReportInBrowserTest {

    private static final String PROBE = """
            <script>
            (function () {
              var errors = [];
              window.addEventListener('error', function (e) {
                var t = e.target;
                errors.push(t && t.tagName ? 'failed to load ' + t.tagName + ' ' + (t.alt || t.href || '')
                                           : 'script error: ' + e.message);
              }, true);
              document.addEventListener('securitypolicyviolation', function (e) {
                errors.push('blocked ' + e.blockedURI + ' by ' + e.violatedDirective);
              });
              window.addEventListener('load', function () {
                var images = document.images, shown = 0, hidden = [];
                for (var i = 0; i < images.length; i++) {
                  var box = images[i].getBoundingClientRect();
                  if (images[i].complete && images[i].naturalWidth > 0 && box.width > 0 && box.height > 0) {
                    shown++;
                  } else {
                    hidden.push(images[i].alt);
                  }
                }
                var probe = document.createElement('pre');
                probe.id = 'probe';
                probe.textContent = 'images=' + images.length + '\\nshown=' + shown + '\\nhidden=' + hidden.join('|')
                    + '\\nerrors=' + errors.join('|') + '\\n';
                document.body.appendChild(probe);
              });
            })();
            </script>
            """;
    private static final Pattern PROBE_OUTPUT = Pattern.compile("<pre id=\"probe\">([^<]*)</pre>");

    @TempDir
    Path dir;

    @Test
    void theReportLoadsWithoutErrorsAndShowsEveryChart() throws Exception {
        HeadlessChromium chromium = chromium();
        Path run = new ResultFixture()
                .transport(Transport.WEBSOCKET, 200_000, 262.0)
                .transport(Transport.SSE_HTTP1, 400_000, 258.5)
                .write(dir.resolve("run"));
        Path page = ReportRenderer.render(run).page();

        Map<String, String> probe = open(chromium, page);

        int charts = PageFile.read(page).charts().size();
        assertThat(charts).isEqualTo(4);
        assertThat(probe).containsEntry("images", Integer.toString(charts))
                .containsEntry("shown", Integer.toString(charts))
                .containsEntry("hidden", "")
                .containsEntry("errors", "");
    }

    @Test
    void theComparisonLoadsWithoutErrorsAndShowsItsChart() throws Exception {
        HeadlessChromium chromium = chromium();
        Path baseline = new ResultFixture().transport(Transport.WEBSOCKET, 200_000, 262.0).write(dir.resolve("a"));
        Path current = new ResultFixture().transport(Transport.WEBSOCKET, 300_000, 262.0).write(dir.resolve("b"));
        Path page = ReportRenderer.compare(current, baseline).page();

        Map<String, String> probe = open(chromium, page);

        assertThat(probe).containsEntry("images", "1").containsEntry("shown", "1").containsEntry("errors", "");
    }

    @Test
    void theCapacityReportLoadsWithoutErrorsAndShowsBothCharts() throws Exception {
        HeadlessChromium chromium = chromium();
        Path run = new CapacityFixture().step(200_000, 0).step(400_000, 0).step(40_000_000, 0.02)
                .write(dir.resolve("capacity"));
        Path page = ReportRenderer.render(run).page();

        Map<String, String> probe = open(chromium, page);

        assertThat(probe).containsEntry("images", "2").containsEntry("shown", "2").containsEntry("hidden", "")
                .containsEntry("errors", "");
    }

    private static HeadlessChromium chromium() {
        Optional<HeadlessChromium> chromium = HeadlessChromium.find();
        assumeTrue(chromium.isPresent(), "Chromium not found (looked for $PUSHBENCH_CHROMIUM, chromium, "
                + "chromium-browser, google-chrome): the browser check is skipped. Install it to run it, "
                + "e.g. apt-get install chromium");
        return chromium.get();
    }

    /** Opens a probed copy of the page (beside it, so that relative links resolve the same) and returns what the probe saw. */
    private Map<String, String> open(HeadlessChromium chromium, Path page) throws Exception {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        String policy = "style-src &#39;unsafe-inline&#39;\"";
        assertThat(html).contains(policy);
        // The probe is the only script: the page's policy is widened for it alone, and still blocks any fetch.
        String probed = html.replace(policy, "style-src &#39;unsafe-inline&#39;; script-src &#39;unsafe-inline&#39;\"")
                .replaceFirst("<meta name=\"viewport\"", Matcher.quoteReplacement(PROBE) + "<meta name=\"viewport\"");
        Path copy = Files.writeString(page.resolveSibling("probed-" + page.getFileName()), probed, StandardCharsets.UTF_8);

        String dom = chromium.dumpDom(copy, Files.createDirectories(dir.resolve("chromium-" + page.getFileName())));

        Matcher m = PROBE_OUTPUT.matcher(dom);
        assertThat(m.find()).as("the probe ran in %s; the DOM was: %s", chromium,
                dom.length() > 500 ? dom.substring(0, 500) : dom).isTrue();
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : m.group(1).split("\n")) {
            int eq = line.indexOf('=');
            values.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return values;
    }
}
