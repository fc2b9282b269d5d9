package io.pushbench.report;

import java.util.List;

/**
 * The frame every page shares: the document head with its inline style, a title bar with the
 * navigation, the warning banners, and the sections in order.
 *
 * <p>The page is self-contained and says so to the browser: its Content-Security-Policy allows
 * no fetch at all except images from {@code data:} URIs and the inline style, so it opens the same
 * from a disk, an archive or a mail attachment, and cannot reach the network.
 */
final class PageLayout {

    /** Allows the inline style and embedded images, nothing else. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

    private static final String STYLE = """
            :root { --text: #222; --muted: #666; --line: #ddd; --accent: #0072b2; --best: #e3f4ea; \
            --better: #1a7f37; --worse: #c62828; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", \
            Arial, sans-serif; color: var(--text); background: #f4f5f7; }
            header.top { background: #1f2933; color: #fff; padding: 14px 28px 0; }
            header.top h1 { margin: 0; font-size: 22px; font-weight: 600; }
            header.top .sub { color: #c5ccd3; margin: 2px 0 10px; }
            nav a { color: #dfe6ec; text-decoration: none; display: inline-block; padding: 8px 12px 10px 0; \
            margin-right: 10px; border-bottom: 3px solid transparent; }
            nav a:hover { border-bottom-color: #56b4e9; }
            main { max-width: 1180px; margin: 0 auto; padding: 18px 28px 40px; }
            section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 14px 20px 18px; \
            margin: 0 0 18px; }
            section h2 { font-size: 17px; margin: 0 0 10px; }
            section h3 { font-size: 15px; margin: 16px 0 8px; }
            .banner { border-radius: 6px; padding: 10px 14px; margin: 0 0 10px; border: 1px solid #e0b252; \
            background: #fff4d6; color: #5c4300; }
            .banner strong { margin-right: 6px; }
            .note { color: var(--muted); font-size: 13px; margin: 6px 0 0; }
            table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 13px; }
            th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
            th { font-weight: 600; background: #fafbfc; vertical-align: bottom; white-space: normal; min-width: 3em; }
            th .unit { display: block; font-weight: 400; color: var(--muted); font-size: 12px; }
            td.label, th.label { text-align: left; }
            td.best { background: var(--best); font-weight: 700; }
            tr.floor td { color: var(--muted); }
            .scroll { overflow-x: auto; }
            .flag { display: inline-block; font-size: 11px; font-weight: 600; color: #5c4300; background: #fff4d6; \
            border: 1px solid #e0b252; border-radius: 3px; padding: 0 4px; margin-left: 4px; }
            .swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 7px; \
            vertical-align: baseline; }
            .conditions { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 32px; }
            .conditions table td { border: none; padding: 2px 12px 2px 0; }
            .conditions td.label { color: var(--muted); }
            .conditions td { text-align: left; white-space: normal; }
            table.wrap td { white-space: normal; }
            tr.differs td { background: #fff4d6; }
            .better { color: var(--better); font-weight: 600; }
            .worse { color: var(--worse); font-weight: 600; }
            img.chart { display: block; max-width: 100%; height: auto; margin: 6px 0 12px; }
            ul.files { margin: 4px 0; padding-left: 20px; }
            a { color: var(--accent); }
            """;

    private PageLayout() {
    }

    /**
     * A complete page.
     *
     * @param title    the page title, e.g. the scenario
     * @param subtitle a line under the title, e.g. when the run started
     * @param banners  warnings shown above everything else
     * @param sections the content, in order
     */
    static String render(String title, String subtitle, List<String> banners, List<Section> sections) {
        Html html = new Html();
        html.raw("<!DOCTYPE html>\n").open("html", "lang", "en").raw("\n<head>\n")
                .open("meta", "charset", "utf-8").raw("\n")
                .open("meta", "http-equiv", "Content-Security-Policy", "content", CONTENT_SECURITY_POLICY).raw("\n")
                .open("meta", "name", "viewport", "content", "width=device-width, initial-scale=1").raw("\n")
                .open("meta", "name", "generator", "content", "pushbench").raw("\n")
                .element("title", title).raw("\n")
                .open("style").raw("\n").raw(STYLE).close("style")
                .raw("</head>\n").open("body").raw("\n");
        html.open("header", "class", "top").element("h1", title).element("div", subtitle, "class", "sub").open("nav");
        for (Section section : sections) {
            html.link("#" + section.id(), section.title());
        }
        html.close("nav").close("header");
        html.open("main").raw("\n");
        for (String banner : banners) {
            html.open("div", "class", "banner", "role", "alert").element("strong", "Warning:").text(banner).close("div");
        }
        for (Section section : sections) {
            html.open("section", "id", section.id()).element("h2", section.title()).raw("\n");
            section.render(html);
            html.close("section");
        }
        html.close("main").close("body").close("html");
        return html.toString();
    }
}
