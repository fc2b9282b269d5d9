package io.pushbench.core.driver.browser;

/**
 * How the browser stack runs its pages.
 *
 * @param pages how many pages (tabs) the connections are spread over, round robin; 0 chooses: one page per
 *              {@value #AUTO_STREAMS_PER_PAGE} connections for the HTTP/1.1 transports (so that the browser's
 *              6-connections-per-host limit holds none back and a send still finds a free connection), one page
 *              for the others
 */
public record BrowserOptions(int pages) {

    /** Connections per page when the page count is chosen automatically, for the HTTP/1.1 transports. */
    public static final int AUTO_STREAMS_PER_PAGE = 5;
    /** The defaults: pages chosen automatically. */
    public static final BrowserOptions DEFAULTS = new BrowserOptions(0);
    /** Most pages one driver opens. */
    public static final int MAX_PAGES = 200;

    public BrowserOptions {
        if (pages < 0 || pages > MAX_PAGES) {
            throw new IllegalArgumentException("browser-pages must be 0 (automatic) to " + MAX_PAGES + ", was " + pages);
        }
    }
}
