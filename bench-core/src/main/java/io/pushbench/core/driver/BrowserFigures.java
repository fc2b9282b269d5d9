package io.pushbench.core.driver;

/**
 * What the browser's pages measured, as the driver hands it to the engine, which records it in the result
 * ({@code BrowserSide}, the same fields; results do not depend on drivers): how its pages' clocks were mapped
 * onto pushbench's, how the subscriptions opened (the browser's own connection limits), and what handling
 * the messages cost the pages.
 *
 * @param pages                  pages (tabs) the connections were spread over
 * @param clockErrorMillis       bound on the error of every page time mapped onto pushbench's clock: half the
 *                               shortest round trip of the estimate before the run (the one applied), or after it,
 *                               whichever is larger, plus how far the two estimates differ
 * @param clockDriftMillis       the estimate after the run minus the one before (the pages' clock drift)
 * @param streamsRequested       subscriptions the pages asked the browser for
 * @param streamsOpened          of those, how many opened during the run
 * @param streamsWaited          of those that opened, how many waited at least a second (held back by the browser)
 * @param streamsNeverOpened     subscriptions still waiting when the run ended
 * @param maxWaitMillis          longest wait for a subscription to open, those never opened included (their wait so far)
 * @param handlerMicrosPerMessage mean time the page spent in its message handler per message, microseconds
 * @param loopDelayP50Millis     median delay of the page's event loop (a task asked for every 20 ms, how late it ran)
 * @param loopDelayP99Millis     its 99th percentile
 * @param loopDelayMaxMillis     its maximum
 */
public record BrowserFigures(int pages, double clockErrorMillis, double clockDriftMillis, int streamsRequested,
                          int streamsOpened, int streamsWaited, int streamsNeverOpened, double maxWaitMillis,
                          double handlerMicrosPerMessage, double loopDelayP50Millis, double loopDelayP99Millis,
                          double loopDelayMaxMillis) {
}
