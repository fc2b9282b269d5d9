package io.pushbench.report;

import io.pushbench.core.gate.Check;

import java.util.List;

/**
 * The checks of a gate, one row each: the thresholds of {@code --assert} on a run's page, or the
 * allowances of {@code --max-regression} on a comparison. Failed checks are marked as worse,
 * passed as better; an inconclusive one is neither.
 */
final class ChecksSection implements Section {

    private final String id;
    private final String title;
    private final List<Check> checks;
    private final String note;

    /**
     * @param id     the section's anchor
     * @param title  its heading, before the tally (e.g. {@code Thresholds})
     * @param checks the checks, in order
     * @param note   a sentence under the table saying how they were judged
     */
    ChecksSection(String id, String title, List<Check> checks, String note) {
        this.id = id;
        this.title = title;
        this.checks = checks;
        this.note = note;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title + ": " + Check.tally(checks);
    }

    @Override
    public void render(Html html) {
        html.open("div", "class", "scroll").open("table", "class", "wrap").open("tr")
                .element("th", "status", "class", "label").element("th", "transport", "class", "label")
                .element("th", "check", "class", "label").element("th", "measured", "class", "label").close("tr");
        for (Check check : checks) {
            html.open("tr", "class", "check-" + check.status().word())
                    .element("td", check.status().word(), "class", switch (check.status()) {
                        case FAILED -> "label worse";
                        case PASSED -> "label better";
                        case INCONCLUSIVE -> "label";
                    })
                    .element("td", check.subject(), "class", "label")
                    .element("td", check.name(), "class", "label")
                    .element("td", check.detail(), "class", "label")
                    .close("tr");
        }
        html.close("table").close("div");
        html.element("p", note, "class", "note");
    }

    /** The banner for failed checks at the top of a page, or {@code null} when none failed. */
    static String banner(String what, List<Check> checks) {
        long failed = Check.count(checks, Check.Status.FAILED);
        if (failed == 0) {
            return null;
        }
        return what + ": " + failed + " of " + checks.size() + " failed: " + String.join("; ",
                checks.stream().filter(Check::failed).map(c -> c.subject() + " " + c.name()).toList()) + ".";
    }
}
