/**
 * The browser client stack: headless Chromium opens pages that subscribe with the browser's own
 * {@code WebSocket}, {@code EventSource} and {@code fetch}, and stream what they receive back to
 * pushbench over a WebSocket back-channel ({@link io.pushbench.core.driver.browser.BrowserDriver}).
 */
package io.pushbench.core.driver.browser;
