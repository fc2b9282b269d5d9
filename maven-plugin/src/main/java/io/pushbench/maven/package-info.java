/**
 * pushbench in another project's Maven build: {@code pushbench:compare} and {@code pushbench:capacity}
 * run the command line's {@code compare} and {@code capacity} with the same options, and fail the
 * build when a threshold ({@code assert}) breaks; {@code pushbench:start-server} and
 * {@code pushbench:stop-server} run the reference server for them.
 */
package io.pushbench.maven;
