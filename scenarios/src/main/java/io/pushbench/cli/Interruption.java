package io.pushbench.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C and SIGTERM into an orderly stop: the JVM's shutdown hook asks the run to stop,
 * then holds the exit until the command has written what it measured (or
 * {@value #GRACE_SECONDS} s passed). Closing it means "finished": the hook no longer waits.
 */
final class Interruption implements AutoCloseable {

    /** How long a signal waits for the results to be written before the JVM exits anyway. */
    static final long GRACE_SECONDS = 15;

    private static volatile boolean signalled;

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private Interruption(Runnable stop) {
        this.hook = new Thread(() -> {
            signalled = true;
            stop.run();
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pushbench-interrupt");
    }

    /**
     * Whether a signal started the JVM's shutdown during a run: the JVM is then exiting with 128 +
     * the signal's number, and nothing should call {@link System#exit} with another code.
     */
    static boolean signalled() {
        return signalled;
    }

    /** Registers {@code stop} to run on Ctrl-C or SIGTERM until this is closed. */
    static Interruption onSignal(Runnable stop) {
        Interruption interruption = new Interruption(stop);
        Runtime.getRuntime().addShutdownHook(interruption.hook);
        return interruption;
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is running and has just been released.
        }
    }
}
