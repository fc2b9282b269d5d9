package io.pushbench.core.engine;

import io.pushbench.core.netty.NettyIo;
import io.pushbench.core.spec.CapacitySpec;
import io.pushbench.core.spec.LoadModel;
import io.pushbench.core.spec.RunSpec;
import io.pushbench.core.spec.Workload;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * How many client I/O threads a run gets when the user asks for none: as few event loops as carry
 * the messages it plans to send and receive, and never more than the client's share of the machine:
 * one per processor ({@link NettyIo#defaultThreads()}), or half of them
 * ({@link NettyIo#sharedProcessThreads()}) when the server runs on this machine too, in this
 * process or another, because its event loops need the other half.
 *
 * <p>Why not always one per core: every event loop runs its own share of the send plan, and each
 * share wakes once per timer resolution whatever it carries. Two loops at 10,000 round trips/s wake
 * twice as often as one and carry half as much per wake-up, and on a machine where the server runs
 * too, the second loop takes a core from it. One loop is what a bare client uses, and it carries far
 * more than that: {@link #MESSAGES_PER_LOOP} is where a second one starts to pay. A run with no plan
 * (passive, idle, closed) gets the whole share.
 */
public final class ClientEventLoops {

    /**
     * Messages per second, sent and received together, planned for one client event loop. Measured on
     * the 2-core development machine against {@code pushbench serve} in its own process, WebSocket
     * echo, 10 connections, 32 B: one loop held 80,000 round trips/s (160,000 messages/s) with a p99
     * under 10 ms. A third of that leaves a loop room for bursts, reconnects and the reads of a
     * slower server.
     */
    public static final int MESSAGES_PER_LOOP = 50_000;

    private ClientEventLoops() {
    }

    /**
     * Client I/O threads for a run: {@code requested} when it is above 0, else enough loops for
     * {@code plannedMessagesPerSecond} within the client's share of the machine.
     *
     * @param plannedMessagesPerSecond messages the client sends and receives per second at its busiest,
     *                                 0 when there is no plan
     * @param serverOnThisMachine      whether the server runs on this machine (in this process or another)
     */
    public static int forPlan(int requested, double plannedMessagesPerSecond, boolean serverOnThisMachine) {
        if (requested > 0) {
            return requested;
        }
        int share = serverOnThisMachine ? NettyIo.sharedProcessThreads() : NettyIo.defaultThreads();
        if (plannedMessagesPerSecond <= 0) {
            return share;
        }
        int wanted = (int) Math.ceil(plannedMessagesPerSecond / MESSAGES_PER_LOOP);
        return Math.max(1, Math.min(share, wanted));
    }

    /**
     * Whether {@code url}'s host is this machine: a loopback or wildcard address, or one of this
     * machine's interfaces. A host that does not resolve is taken as elsewhere (the run reports it).
     */
    public static boolean onThisMachine(URI url) {
        String host = url.getHost();
        if (host == null) {
            return false;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.isLoopbackAddress() || address.isAnyLocalAddress()
                        || NetworkInterface.getByInetAddress(address) != null) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    }

    /** Messages the clients of a compare run send and receive per second at its busiest; 0 without a rate. */
    public static double plannedMessages(RunSpec spec) {
        double rate = 0;
        if (spec.load() instanceof LoadModel.ConstantRate c) {
            rate = c.perSecond();
        } else if (spec.load() instanceof LoadModel.RampRate r) {
            rate = Math.max(r.fromPerSecond(), r.toPerSecond());
        }
        return plannedMessages(spec.workload(), rate, spec.subscribers());
    }

    /** Messages the clients of a capacity staircase send and receive per second at its busiest step. */
    public static double plannedMessages(CapacitySpec spec) {
        double busiest = 0;
        for (int i = 0; i < spec.steps(); i++) {
            busiest = Math.max(busiest, plannedMessages(spec.mode().workload(), spec.rateAt(i), spec.connectionsAt(i)));
        }
        return busiest;
    }

    /**
     * Per second at {@code rate}: echo sends and receives each message once; broadcast and chat deliver
     * each to every connection, and its publish or send crosses a client socket once more.
     */
    static double plannedMessages(Workload workload, double rate, int connections) {
        return switch (workload) {
            case ECHO -> 2 * rate;
            case BROADCAST, CHAT -> rate * (connections + 1.0);
            case IDLE, PASSIVE -> 0;
        };
    }
}
