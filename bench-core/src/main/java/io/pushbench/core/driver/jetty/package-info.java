/**
 * Jetty plumbing the Jetty drivers share: the configured {@code HttpClient}, POSTs, and byte
 * counting at the socket. The drivers are in the transport packages.
 */
package io.pushbench.core.driver.jetty;
