package io.pushbench.core.result;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Where a run happened: software versions, machine shape and the clock latencies were read from.
 *
 * @param pushbenchVersion the version of pushbench that ran
 * @param commit           the git commit pushbench was built from, or {@code unknown}
 * @param jvm              {@code java.vm.name} and {@code java.runtime.version}
 * @param jvmVendor        {@code java.vm.vendor}
 * @param os               {@code os.name} and {@code os.version}
 * @param arch             {@code os.arch}
 * @param cpus             processors available to the JVM
 * @param maxHeapBytes     the JVM's maximum heap
 * @param clock            how send and receive times relate: {@value #MONOTONIC_ONE_HOST} when both are
 *                         {@code System.nanoTime()} on one host
 */
public record Environment(
        String pushbenchVersion,
        String commit,
        String jvm,
        String jvmVendor,
        String os,
        String arch,
        int cpus,
        long maxHeapBytes,
        String clock) {

    /** Send and receive stamps both from the system-wide monotonic clock of one host. */
    public static final String MONOTONIC_ONE_HOST = "monotonic (System.nanoTime, one host)";

    /** The environment of this JVM. */
    public static Environment capture(String clock) {
        Properties build = buildProperties();
        return new Environment(
                build.getProperty("version", "unknown"),
                build.getProperty("commit", "unknown"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.vendor"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory(),
                clock);
    }

    /** Version and commit, written into the jar by the build. */
    private static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = Environment.class.getResourceAsStream("/pushbench-build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // The figures stay valid without a version; "unknown" says so in the result.
        }
        return properties;
    }
}
