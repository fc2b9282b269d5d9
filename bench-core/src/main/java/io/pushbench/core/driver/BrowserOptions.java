package io.pushbench.core.driver;

/**
 * How the browser stack runs its pages.
 *
 * @param pages how many pages (tabs) the connections are spread over, round robin; 0 (automatic) gives each
 *              connection a page of its own, as each subscriber were a user with one tab, up to {@value #MAX_PAGES}
 *              pages, then round robin over those
 */
public record BrowserOptions(int pages) {

    /** The defaults: a page per connection. */
    public static final BrowserOptions DEFAULTS = new BrowserOptions(0);
    /** Most pages one driver opens. */
    public static final int MAX_PAGES = 200;

    public BrowserOptions {
        if (pages < 0 || pages > MAX_PAGES) {
            throw new IllegalArgumentException("browser-pages must be 0 (automatic) to " + MAX_PAGES + ", was " + pages);
        }
    }
}
