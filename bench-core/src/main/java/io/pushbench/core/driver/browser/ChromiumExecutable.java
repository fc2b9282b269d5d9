package io.pushbench.core.driver.browser;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the Chromium to run: {@value #ENV} when set, else Debian's {@code /usr/bin/chromium}. pushbench
 * never downloads a browser: a missing one is an error that says how to install it.
 */
public final class ChromiumExecutable {

    /** The environment variable naming the Chromium (or Chrome) executable to use. */
    public static final String ENV = "PUSHBENCH_CHROMIUM";
    /** Where Debian's {@code chromium} package installs it. */
    public static final Path DEBIAN = Path.of("/usr/bin/chromium");
    /** A system property that, when set, wins over {@value #ENV} (tests set it; a process cannot change its environment). */
    public static final String PROPERTY = "pushbench.chromium";

    private ChromiumExecutable() {
    }

    /**
     * The executable.
     *
     * @throws MissingChromium naming what is missing and how to install it
     */
    public static Path find() {
        String configured = System.getProperty(PROPERTY, System.getenv(ENV));
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.trim());
            if (!Files.isExecutable(path)) {
                throw new MissingChromium(ENV + "=" + configured.trim() + " is not an executable file; point it at "
                        + "chromium or chrome, or unset it to use " + DEBIAN + " (apt-get install chromium)");
            }
            return path;
        }
        if (!Files.isExecutable(DEBIAN)) {
            throw new MissingChromium("the browser client stack needs Chromium, and " + DEBIAN + " is missing: "
                    + "install it with 'apt-get install chromium' or set " + ENV + " to a chromium or chrome executable");
        }
        return DEBIAN;
    }

    /** No browser to run: the message names what is missing and how to install it. */
    public static final class MissingChromium extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        MissingChromium(String message) {
            super(message);
        }
    }
}
