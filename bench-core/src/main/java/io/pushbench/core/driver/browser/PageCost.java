package io.pushbench.core.driver.browser;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What running the subscriptions cost one page, as the page measured it.
 *
 * @param handled       messages its handlers ran for
 * @param handlerMillis time spent in those handlers, milliseconds
 * @param loopLags      how late each event-loop probe ran, milliseconds
 * @param waiting       for each subscription not open yet, how long it has waited, milliseconds
 */
record PageCost(long handled, double handlerMillis, double[] loopLags, double[] waiting) {

    static PageCost of(JsonNode stats) {
        return new PageCost(stats.path("handled").asLong(), stats.path("handlerMs").asDouble(),
                doubles(stats.path("lags")), doubles(stats.path("waiting")));
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}
