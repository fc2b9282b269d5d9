package io.pushbench.report;

/**
 * One part of a page, under its own heading and listed in the page's navigation. A page is a list
 * of sections; adding one to a page is a class implementing this and one line in the page.
 */
interface Section {

    /** The anchor of the section, unique on its page, e.g. {@code summary}. */
    String id();

    /** The heading, e.g. {@code Summary}. */
    String title();

    /** Writes the section's content (below its heading). */
    void render(Html html);
}
