package io.pushbench.core.shard;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The rendezvous of a sharded run: every shard connects, says which it is, measures its clock
 * against this process's ({@link System#nanoTime()} here is the reference), and says when each
 * step's connections are open. When every shard of the run is ready the coordinator announces one
 * start, a little ahead, to all of them.
 *
 * <ul>
 *   <li>A shard that does not arrive within the timeout fails the run for everyone, with a message
 *       naming it, unless missing shards are allowed: then the others start without it, and it is
 *       excluded from the rest of the run (named in every start).</li>
 *   <li>A shard whose index already joined this run (a restarted pod) is refused: its results
 *       would be counted twice.</li>
 *   <li>With a collect directory, each shard uploads its result files at the end, into
 *       {@code shard-I/} there.</li>
 * </ul>
 * Thread-safe: one thread per shard connection, state under this object's lock.
 */
public final class Coordinator implements Closeable {

    /** How far ahead of "everyone is ready" the start is set: room for the announcement to reach every shard. */
    static final long START_LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final int count;
    private final long timeoutNanos;
    private final boolean allowMissing;
    private final Path collectDir;
    private final Consumer<String> log;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final ServerSocket server;
    private final ScheduledExecutorService watchdog;
    private final long createdNanos = System.nanoTime();

    private final Map<Integer, Session> sessions = new HashMap<>();
    /** Shards still in the run; those excluded at a rendezvous leave it. */
    private final TreeSet<Integer> active = new TreeSet<>();
    private final Map<Integer, TreeSet<Integer>> readyByStep = new HashMap<>();
    private final Map<Integer, Long> firstReadyNanos = new HashMap<>();
    private final TreeSet<Integer> startedSteps = new TreeSet<>();
    private String failure;
    private volatile boolean closed;

    /**
     * Listens at {@code bind}.
     *
     * @param count        shards in the run
     * @param timeout      how long a step's rendezvous waits for a missing shard (from the first shard ready; for
     *                     the first step, from now)
     * @param allowMissing start without missing shards rather than fail
     * @param collectDir   where uploaded results go (shard-I/), or null to accept none
     * @param log          one line per event (a shard joined, a step started), for the console
     */
    public Coordinator(InetSocketAddress bind, int count, Duration timeout, boolean allowMissing, Path collectDir,
                       Consumer<String> log) throws IOException {
        this.count = count;
        this.timeoutNanos = timeout.toNanos();
        this.allowMissing = allowMissing;
        this.collectDir = collectDir;
        this.log = log;
        for (int i = 0; i < count; i++) {
            active.add(i);
        }
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(bind, count + 16);
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "rendezvous-watchdog"));
        watchdog.scheduleWithFixedDelay(this::checkDeadlines, 100, 100, TimeUnit.MILLISECONDS);
        daemon(this::accept, "rendezvous-accept").start();
    }

    /** The run's identity, written into every shard's record. */
    public String runId() {
        return runId;
    }

    /** The port it listens on. */
    public int port() {
        return server.getLocalPort();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                daemon(() -> serve(socket), "rendezvous-" + socket.getRemoteSocketAddress()).start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        Session session = null;
        try (socket;
             DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()))) {
            if (!Wire.HELLO.equals(in.readUTF())) {
                return;
            }
            int index = in.readInt();
            int theirCount = in.readInt();
            String attempt = in.readUTF();
            String host = in.readUTF();
            session = join(index, theirCount, attempt, host, out);
            if (session == null) {
                return;
            }
            while (true) {
                String word = in.readUTF();
                switch (word) {
                    case Wire.PING -> {
                        long t1 = in.readLong();
                        long t2 = System.nanoTime();
                        synchronized (out) {
                            out.writeUTF(Wire.PONG);
                            out.writeLong(t1);
                            out.writeLong(t2);
                            out.flush();
                        }
                    }
                    case Wire.READY -> ready(session, in.readInt());
                    case Wire.FILE -> receiveFile(session, in);
                    case Wire.DONE -> {
                        synchronized (this) {
                            session.done = true;
                            notifyAll();
                        }
                        synchronized (out) {
                            out.writeUTF(Wire.BYE);
                            out.flush();
                        }
                        return;
                    }
                    default -> throw new IOException("unknown message " + word);
                }
            }
        } catch (IOException e) {
            // The shard went away: the next rendezvous that waits for it sees so.
        } finally {
            if (session != null) {
                left(session);
            }
        }
    }

    private synchronized Session join(int index, int theirCount, String attempt, String host, DataOutputStream out)
            throws IOException {
        String refusal = null;
        if (theirCount != count) {
            refusal = "this rendezvous runs " + count + " shards, shard " + index + " was started as one of "
                    + theirCount;
        } else if (index < 0 || index >= count) {
            refusal = "shard index " + index + " is outside 0.." + (count - 1);
        } else if (sessions.containsKey(index)) {
            Session first = sessions.get(index);
            refusal = "shard " + index + " already joined run " + runId + " (attempt " + first.attempt + " on "
                    + first.host + "); a restarted shard is refused so that its results are never counted twice";
        } else if (failure != null) {
            refusal = "the run already failed: " + failure;
        } else if (!active.contains(index) || !startedSteps.isEmpty()) {
            refusal = "shard " + index + " arrived after the run started without it";
        }
        synchronized (out) {
            if (refusal != null) {
                out.writeUTF(Wire.REFUSED);
                out.writeUTF(refusal);
                out.flush();
                log.accept("rendezvous: refused shard " + index + " (" + host + "): " + refusal);
                return null;
            }
            out.writeUTF(Wire.WELCOME);
            out.writeUTF(runId);
            out.flush();
        }
        Session session = new Session(index, attempt, host, out);
        sessions.put(index, session);
        log.accept("rendezvous: shard " + index + " joined from " + host + " (" + sessions.size() + "/" + count + ")");
        return session;
    }

    private synchronized void ready(Session session, int step) throws IOException {
        if (failure != null) {
            session.send(Wire.FAIL, failure);
            return;
        }
        if (startedSteps.contains(step) || !active.contains(session.index)) {
            session.send(Wire.FAIL, "shard " + session.index + " is late for step " + step
                    + ": the others started it without this shard");
            return;
        }
        readyByStep.computeIfAbsent(step, s -> new TreeSet<>()).add(session.index);
        firstReadyNanos.putIfAbsent(step, System.nanoTime());
        session.readyStep = step;
        maybeStart(step);
    }

    private synchronized void left(Session session) {
        session.gone = true;
        notifyAll();
    }

    /** Starts {@code step} when every active shard is ready for it. Under the lock. */
    private void maybeStart(int step) throws IOException {
        TreeSet<Integer> ready = readyByStep.getOrDefault(step, new TreeSet<>());
        if (startedSteps.contains(step) || !ready.containsAll(active)) {
            return;
        }
        start(step, ready, List.of());
    }

    private void start(int step, TreeSet<Integer> ready, List<Integer> missing) throws IOException {
        startedSteps.add(step);
        long startNanos = System.nanoTime() + START_LEAD_NANOS;
        List<Integer> shards = new ArrayList<>(ready);
        for (int index : ready) {
            Session s = sessions.get(index);
            try {
                s.sendStart(startNanos, shards, missing);
            } catch (IOException e) {
                // That shard is gone; the others start anyway and it shows as missing in the merge.
            }
        }
        log.accept("rendezvous: step " + step + " starts in " + START_LEAD_NANOS / 1_000_000 + " ms with shards "
                + shards + (missing.isEmpty() ? "" : ", without " + missing));
    }

    /** Fails or shrinks the rendezvous of every step whose wait ran out. On the watchdog's thread. */
    private synchronized void checkDeadlines() {
        if (failure != null || closed) {
            return;
        }
        long now = System.nanoTime();
        int step = startedSteps.isEmpty() ? 1 : startedSteps.last() + 1;
        TreeSet<Integer> ready = readyByStep.getOrDefault(step, new TreeSet<>());
        long since = step == 1 ? createdNanos : firstReadyNanos.getOrDefault(step, Long.MAX_VALUE);
        // A shard already gone will not come: no need to wait out the timeout for it.
        List<Integer> gone = active.stream().filter(i -> !ready.contains(i) && sessions.containsKey(i)
                && sessions.get(i).gone).toList();
        boolean expired = since != Long.MAX_VALUE && now - since > timeoutNanos;
        if (!expired && (gone.isEmpty() || ready.isEmpty())) {
            return;
        }
        List<Integer> missing = active.stream().filter(i -> !ready.contains(i)).toList();
        if (missing.isEmpty()) {
            return;
        }
        if (!expired && missing.size() > gone.size()) {
            return;
        }
        try {
            if (allowMissing && !ready.isEmpty()) {
                active.removeAll(missing);
                start(step, ready, missing);
            } else {
                fail(describeMissing(step, missing, expired));
            }
        } catch (IOException e) {
            fail("cannot announce step " + step + ": " + e.getMessage());
        }
    }

    private String describeMissing(int step, List<Integer> missing, boolean expired) {
        String who = missing.stream().map(i -> {
            Session s = sessions.get(i);
            return "shard " + i + (s == null ? " (never arrived)" : s.gone ? " (" + s.host + ", left the run)"
                    : " (" + s.host + ", not ready)");
        }).collect(Collectors.joining(", "));
        return who + " missing at the rendezvous of step " + step
                + (expired ? " after " + Duration.ofNanos(timeoutNanos).toSeconds() + " s" : "")
                + "; start the missing shards, or run with --allow-missing-shards to go on without them";
    }

    private void fail(String why) {
        failure = why;
        log.accept("rendezvous: run failed: " + why);
        for (Session s : sessions.values()) {
            if (!s.gone) {
                try {
                    s.send(Wire.FAIL, why);
                } catch (IOException e) {
                    // Gone meanwhile.
                }
            }
        }
        notifyAll();
    }

    private void receiveFile(Session session, DataInputStream in) throws IOException {
        String path = in.readUTF();
        long length = in.readLong();
        if (collectDir == null || path.contains("..") || path.startsWith("/")) {
            in.skipNBytes(length);
            return;
        }
        Path target = collectDir.resolve("shard-" + session.index).resolve(path);
        Files.createDirectories(target.getParent());
        try (OutputStream file = Files.newOutputStream(target)) {
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("upload of " + path + " cut short");
                }
                file.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    /**
     * Waits until every shard that joined has said it is done or went away, or the run failed, at most
     * {@code timeout}. True when every shard of the run joined and said done.
     */
    public synchronized boolean awaitDone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean allIn = sessions.size() == count;
            boolean allSettled = sessions.values().stream().allMatch(s -> s.done || s.gone);
            if ((allIn && allSettled) || (failure != null && allSettled)) {
                return allIn && sessions.values().stream().allMatch(s -> s.done);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
        }
    }

    /** Why the run failed, or null. */
    public synchronized String failure() {
        return failure;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        watchdog.shutdownNow();
        server.close();
    }

    /** One shard's connection. */
    private static final class Session {
        final int index;
        final String attempt;
        final String host;
        final DataOutputStream out;
        int readyStep;
        boolean done;
        boolean gone;

        Session(int index, String attempt, String host, DataOutputStream out) {
            this.index = index;
            this.attempt = attempt;
            this.host = host;
            this.out = out;
        }

        void send(String word, String text) throws IOException {
            synchronized (out) {
                out.writeUTF(word);
                out.writeUTF(text);
                out.flush();
            }
        }

        void sendStart(long startNanos, List<Integer> shards, List<Integer> missing) throws IOException {
            synchronized (out) {
                out.writeUTF(Wire.START);
                out.writeLong(startNanos);
                writeInts(out, shards);
                writeInts(out, missing);
                out.flush();
            }
        }

        private static void writeInts(DataOutputStream out, List<Integer> values) throws IOException {
            out.writeInt(values.size());
            for (int v : values) {
                out.writeInt(v);
            }
        }
    }
}
