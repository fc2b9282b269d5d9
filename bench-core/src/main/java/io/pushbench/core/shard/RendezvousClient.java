package io.pushbench.core.shard;

import io.pushbench.core.engine.StartGate;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One shard's side of the rendezvous ({@link Coordinator}): joins, measures its clock against the
 * rendezvous's before each step, waits for the shared start, and at the end uploads its results.
 * Not thread-safe: used by the run's thread.
 */
public final class RendezvousClient implements Closeable {

    /** Clock exchanges per step; the one with the shortest round trip gives the offset. */
    static final int CLOCK_SAMPLES = 8;

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final String runId;

    /** What a step's start told this shard. */
    public record Start(long localStartNanos, long clockOffsetNanos, long clockErrorNanos, long latenessNanos,
                        List<Integer> shards, List<Integer> missing) {
    }

    /** The offset of the rendezvous's clock from this one, and its error bound. */
    record ClockOffset(long offsetNanos, long errorNanos) {
    }

    private RendezvousClient(Socket socket, String runId, DataInputStream in, DataOutputStream out) {
        this.socket = socket;
        this.runId = runId;
        this.in = in;
        this.out = out;
    }

    /**
     * Connects to the rendezvous at {@code address}, retrying until {@code patience} runs out (the rendezvous may
     * start after this shard), and joins as shard {@code index} of {@code count}.
     *
     * @throws StartGate.StartRefusedException when it refuses this shard (a restart, a wrong count), or cannot be reached
     */
    public static RendezvousClient join(InetSocketAddress address, int index, int count, String attempt, String host,
                                        Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            Socket socket = new Socket();
            try {
                InetSocketAddress resolved = address.isUnresolved()
                        ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
                if (resolved.isUnresolved()) {
                    throw new IOException("cannot resolve " + address.getHostString());
                }
                socket.connect(resolved, 2000);
                socket.setTcpNoDelay(true);
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
                out.writeUTF(Wire.HELLO);
                out.writeInt(index);
                out.writeInt(count);
                out.writeUTF(attempt);
                out.writeUTF(host);
                out.flush();
                String word = in.readUTF();
                if (Wire.REFUSED.equals(word)) {
                    String why = in.readUTF();
                    socket.close();
                    throw new StartGate.StartRefusedException("the rendezvous at " + describe(address)
                            + " refused this shard: " + why);
                }
                return new RendezvousClient(socket, in.readUTF(), in, out);
            } catch (IOException e) {
                last = e;
                closeQuietly(socket);
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        throw new StartGate.StartRefusedException("cannot reach the rendezvous at " + describe(address) + " within "
                + patience.toSeconds() + " s" + (last == null ? "" : ": " + last.getMessage()));
    }

    private static String describe(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a socket that failed to connect.
        }
    }

    /** The run's identity, from the rendezvous. */
    public String runId() {
        return runId;
    }

    /** This end's address, as the rendezvous sees it (more or less: behind NAT it differs). */
    public String localAddress() {
        return socket.getLocalAddress().getHostAddress();
    }

    /**
     * Measures the clock, says this shard is ready for {@code step}, and waits for the shared start.
     *
     * @throws StartGate.StartRefusedException when the rendezvous fails the run (a shard missing) or is lost
     */
    public Start awaitStart(int step) {
        try {
            ClockOffset clock = measureClock();
            out.writeUTF(Wire.READY);
            out.writeInt(step);
            out.flush();
            String word = in.readUTF();
            if (Wire.FAIL.equals(word)) {
                throw new StartGate.StartRefusedException("the run failed at the rendezvous: " + in.readUTF());
            }
            if (!Wire.START.equals(word)) {
                throw new IOException("unexpected " + word);
            }
            long received = System.nanoTime();
            long startAtRendezvous = in.readLong();
            List<Integer> shards = readInts(in);
            List<Integer> missing = readInts(in);
            long localStart = startAtRendezvous - clock.offsetNanos();
            return new Start(localStart, clock.offsetNanos(), clock.errorNanos(), Math.max(0, received - localStart),
                    shards, missing);
        } catch (IOException e) {
            throw new StartGate.StartRefusedException("lost the rendezvous before step " + step + ": " + e.getMessage());
        }
    }

    /** NTP-style: offset = t2 - (t1 + t3) / 2 of the exchange with the shortest round trip, error = half of it. */
    private ClockOffset measureClock() throws IOException {
        long bestRtt = Long.MAX_VALUE;
        long bestOffset = 0;
        for (int i = 0; i < CLOCK_SAMPLES; i++) {
            long t1 = System.nanoTime();
            out.writeUTF(Wire.PING);
            out.writeLong(t1);
            out.flush();
            String word = in.readUTF();
            if (Wire.FAIL.equals(word)) {
                throw new StartGate.StartRefusedException("the run failed at the rendezvous: " + in.readUTF());
            }
            long echoed = in.readLong();
            long t2 = in.readLong();
            long t3 = System.nanoTime();
            if (echoed != t1) {
                throw new IOException("clock exchange out of step");
            }
            long rtt = t3 - t1;
            if (rtt < bestRtt) {
                bestRtt = rtt;
                bestOffset = t2 - (t1 + t3) / 2;
            }
        }
        return new ClockOffset(bestOffset, (bestRtt + 1) / 2);
    }

    /** Uploads the files of {@code dir} (not its subdirectories' own shards) and says this shard is done. */
    public void finish(Path dir, boolean upload) {
        try {
            if (upload && dir != null) {
                List<Path> files = new ArrayList<>();
                try (var stream = Files.walk(dir)) {
                    stream.filter(Files::isRegularFile).forEach(files::add);
                }
                for (Path file : files) {
                    out.writeUTF(Wire.FILE);
                    out.writeUTF(dir.relativize(file).toString().replace('\\', '/'));
                    out.writeLong(Files.size(file));
                    try (InputStream content = Files.newInputStream(file)) {
                        content.transferTo(out);
                    }
                }
            }
            out.writeUTF(Wire.DONE);
            out.flush();
            while (true) {
                String word = in.readUTF();
                if (Wire.BYE.equals(word)) {
                    return;
                }
                if (Wire.FAIL.equals(word)) {
                    in.readUTF();
                }
            }
        } catch (IOException e) {
            // The rendezvous is gone: the results stay in this shard's directory.
        }
    }

    private static List<Integer> readInts(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<Integer> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(in.readInt());
        }
        return values;
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }
}
