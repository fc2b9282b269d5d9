package io.pushbench.cli;

import io.pushbench.core.result.Environment;
import picocli.CommandLine;

/** {@code --version}: pushbench's version and commit, and the JVM it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        Environment env = Environment.capture(Environment.MONOTONIC_ONE_HOST);
        return new String[] {
            "pushbench " + env.pushbenchVersion() + " (commit " + env.commit() + ")",
            env.jvm() + ", " + env.os() + " " + env.arch()
        };
    }
}
