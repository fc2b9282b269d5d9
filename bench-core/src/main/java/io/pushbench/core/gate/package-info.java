/**
 * pushbench as a gate in a build: thresholds a run must meet ({@code --assert}) and the checks they
 * produce, which the command line prints, {@code result.json} keeps, and the reports, JUnit XML and
 * Markdown summaries show. The regression checks of {@code report --max-regression} produce the
 * same {@link io.pushbench.core.gate.Check}s.
 */
package io.pushbench.core.gate;
