package io.pushbench.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Where the shard processes of a test run, each with an address of its own, as pods would: a network
 * namespace per shard ({@code ip netns}), joined by veth pairs to one bridge in this namespace, whose
 * address the server listens on. Set up by {@link #create}, torn down by {@link #close} (the namespaces
 * and the bridge, which removes the veth pairs). Where namespaces cannot be made (not root, no
 * {@code ip}), the shards run on 127.0.0.x addresses instead, and {@link #fallbackReason} says why;
 * the caller prints it, nothing is skipped.
 */
final class ShardHosts implements AutoCloseable {

    private static final long COMMAND_TIMEOUT_SECONDS = 10;

    private final String tag;
    private final int shards;
    private final int subnet;
    private final List<String> namespaces = new ArrayList<>();
    private final String fallbackReason;
    private boolean bridge;

    private ShardHosts(int shards) {
        this.tag = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        this.shards = shards;
        this.subnet = ThreadLocalRandom.current().nextInt(100, 250);
        this.fallbackReason = setUp();
    }

    /** {@code shards} hosts: namespaces when they can be made, 127.0.0.x otherwise. */
    static ShardHosts create(int shards) {
        return new ShardHosts(shards);
    }

    /** Why the shards run on loopback addresses rather than in namespaces; null when in namespaces. */
    String fallbackReason() {
        return fallbackReason;
    }

    boolean namespaces() {
        return fallbackReason == null;
    }

    /** The address of shard {@code i}. */
    String shardAddress(int i) {
        return namespaces() ? "10.213." + subnet + "." + (i + 1) : "127.0.0." + (i + 2);
    }

    /** The address the server listens on, reachable from every shard. */
    String serverAddress() {
        return namespaces() ? "10.213." + subnet + ".254" : "127.0.0.1";
    }

    /** The command prefix that runs a process as shard {@code i}. */
    List<String> prefix(int i) {
        return namespaces() ? List.of("ip", "netns", "exec", namespaceName(i)) : List.of();
    }

    /** The options that make shard {@code i}'s connections come from its address. */
    List<String> sourceOptions(int i) {
        return namespaces() ? List.of() : List.of("--local-addresses", shardAddress(i));
    }

    private String namespaceName(int i) {
        return "pb" + tag + "-" + i;
    }

    private String setUp() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return "network namespaces need Linux";
        }
        if (Boolean.getBoolean("pushbench.shards.loopback")) {
            return "-Dpushbench.shards.loopback asks for loopback addresses";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "network namespaces need root (running as " + System.getProperty("user.name") + ")";
        }
        try {
            String br = "pbbr" + tag;
            ip("link", "add", br, "type", "bridge");
            bridge = true;
            ip("addr", "add", serverAddress() + "/24", "dev", br);
            ip("link", "set", br, "up");
            for (int i = 0; i < shards; i++) {
                String ns = namespaceName(i);
                ip("netns", "add", ns);
                namespaces.add(ns);
                String outside = "pbv" + tag + i;
                String inside = "pbp" + tag + i;
                ip("link", "add", outside, "type", "veth", "peer", "name", inside);
                ip("link", "set", inside, "netns", ns);
                ip("link", "set", outside, "master", br, "up");
                ip("netns", "exec", ns, "ip", "addr", "add", shardAddress(i) + "/24", "dev", inside);
                ip("netns", "exec", ns, "ip", "link", "set", inside, "up");
                ip("netns", "exec", ns, "ip", "link", "set", "lo", "up");
            }
            return null;
        } catch (IOException e) {
            close();
            return "cannot create network namespaces: " + e.getMessage();
        }
    }

    private static void ip(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": no answer in " + COMMAND_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + ": "
                    + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }

    @Override
    public void close() {
        for (String ns : namespaces) {
            try {
                ip("netns", "del", ns);
            } catch (IOException e) {
                System.err.println("cannot delete network namespace " + ns + ": " + e.getMessage());
            }
        }
        namespaces.clear();
        if (bridge) {
            try {
                ip("link", "del", "pbbr" + tag);
            } catch (IOException e) {
                System.err.println("cannot delete bridge pbbr" + tag + ": " + e.getMessage());
            }
            bridge = false;
        }
    }
}
