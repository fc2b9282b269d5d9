package io.pushbench.report;

import io.pushbench.core.result.ResultFiles;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Links to each run's own report and result, relative to the comparison page. */
final class ComparisonFilesSection implements Section {

    private final RunStats baseline;
    private final RunStats current;

    ComparisonFilesSection(RunStats baseline, RunStats current) {
        this.baseline = baseline;
        this.current = current;
    }

    @Override
    public String id() {
        return "files";
    }

    @Override
    public String title() {
        return "Files";
    }

    @Override
    public void render(Html html) {
        html.open("ul", "class", "files");
        runLinks(html, "current run", current);
        runLinks(html, "baseline", baseline);
        html.close("ul");
    }

    private void runLinks(Html html, String name, RunStats run) {
        html.open("li").element("strong", name).text(" (" + run.dir() + "): ");
        Path report = run.dir().resolve(ReportRenderer.REPORT_HTML);
        if (Files.isRegularFile(report)) {
            html.link(href(report), ReportRenderer.REPORT_HTML).text(", ");
        }
        html.link(href(run.dir().resolve(ResultFiles.RESULT_JSON)), ResultFiles.RESULT_JSON).close("li");
    }

    /** The file's path relative to the page's directory, as a URL path (so that spaces and the like work). */
    private String href(Path file) {
        Path from = current.dir().toAbsolutePath().normalize();
        Path relative = from.relativize(file.toAbsolutePath().normalize());
        String path = relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
        if (!path.startsWith("..")) {
            // A first segment holding a colon would read as a URL scheme.
            path = "./" + path;
        }
        try {
            return new URI(null, null, path, null).getRawPath();
        } catch (URISyntaxException e) {
            // Cannot happen for a path without a scheme; the absolute URI is a correct fallback.
            return file.toAbsolutePath().toUri().toString();
        }
    }
}
