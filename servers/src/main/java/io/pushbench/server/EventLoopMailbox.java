package io.pushbench.server;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.PlatformDependent;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands work to one server event loop in batches: whatever other threads post between two runs
 * of the loop's drain costs one task and one wake-up, not one each. At the end of each run, every
 * {@link Batch} that asked is told once, which is where its channels are flushed: one flush per
 * channel per run, however many messages were written to it.
 *
 * <p>A post from the loop's own thread runs at once (after anything already queued, so the order
 * of posts is kept), with no task at all.
 *
 * <p>Thread-safe: {@link #post} from any thread; everything posted, and every {@link Batch}, runs
 * on the loop, in the order posted.
 */
public final class EventLoopMailbox {

    /** Something that writes during a run and completes its writes at the run's end, e.g. by flushing. */
    public interface Batch {
        /** Called on the loop, once per run in which {@link #endOfRun} was asked for. */
        void runEnded();
    }

    /**
     * Posts run per task before the loop gets back to I/O, so that a publisher faster than the loop
     * cannot keep it from reading; the rest run in the next task.
     */
    static final int MAX_POSTS_PER_RUN = 4096;

    private final EventExecutor loop;
    private final Queue<Runnable> posts = PlatformDependent.newMpscQueue();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;
    /** Touched on the loop only. */
    private final List<Batch> ending = new ArrayList<>();
    /** Touched on the loop only: a post from the loop while it drains joins the current run. */
    private boolean draining;

    /** @param loop the event loop everything posted here runs on */
    public EventLoopMailbox(EventExecutor loop) {
        this.loop = loop;
    }

    /** The event loop this mailbox hands work to. */
    public EventExecutor loop() {
        return loop;
    }

    /**
     * Runs {@code work} on the loop, after everything posted before it: now when called on the
     * loop, otherwise in the loop's next run. Any thread.
     */
    public void post(Runnable work) {
        posts.offer(work);
        if (loop.inEventLoop()) {
            if (!draining) {
                drain();
            }
        } else if (scheduled.compareAndSet(false, true)) {
            loop.execute(drain);
        }
    }

    /** Asks for {@code batch}'s {@link Batch#runEnded()} once this run ends. On the loop, during a run only. */
    public void endOfRun(Batch batch) {
        if (!ending.contains(batch)) {
            ending.add(batch);
        }
    }

    private void drain() {
        // Cleared before looking: a post that finds it cleared schedules the next run itself.
        scheduled.set(false);
        draining = true;
        try {
            Runnable work;
            for (int n = 0; n < MAX_POSTS_PER_RUN && (work = posts.poll()) != null; n++) {
                work.run();
            }
        } finally {
            draining = false;
            for (int i = 0; i < ending.size(); i++) {
                ending.get(i).runEnded();
            }
            ending.clear();
        }
        if (!posts.isEmpty() && scheduled.compareAndSet(false, true)) {
            loop.execute(drain);
        }
    }
}
