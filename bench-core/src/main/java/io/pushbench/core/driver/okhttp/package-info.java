/**
 * OkHttp plumbing the OkHttp drivers share: the configured {@code OkHttpClient}, POSTs, and byte
 * counting at the socket. The drivers are in the transport packages.
 */
package io.pushbench.core.driver.okhttp;
