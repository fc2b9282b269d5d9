package io.pushbench.core.engine;

import io.pushbench.core.driver.BrowserFigures;
import io.pushbench.core.result.BrowserSide;

/** Records what a browser driver's pages measured in the result: the driver's figures as a {@link BrowserSide}. */
final class BrowserSides {

    private BrowserSides() {
    }

    /** The result's record of {@code figures}; null for null (a stack that is not a browser). */
    static BrowserSide of(BrowserFigures figures) {
        if (figures == null) {
            return null;
        }
        return new BrowserSide(figures.pages(), figures.clockErrorMillis(), figures.clockDriftMillis(),
                figures.streamsRequested(), figures.streamsOpened(), figures.streamsWaited(),
                figures.streamsNeverOpened(), figures.maxWaitMillis(), figures.handlerMicrosPerMessage(),
                figures.loopDelayP50Millis(), figures.loopDelayP99Millis(), figures.loopDelayMaxMillis());
    }
}
