package io.pushbench.core.jmh;

import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * JMH's benchmark threads as Netty's {@code FastThreadLocalThread}s, the kind an event loop runs
 * on: Netty's allocator and recyclers keep per-thread caches on those, so a buffer taken and
 * released on one costs what it costs on a driver's event loop. Named by
 * {@code -Djmh.executor=CUSTOM -Djmh.executor.class=}, which makes JMH call the
 * {@code (int, String)} constructor.
 */
public final class EventLoopThreads extends ThreadPoolExecutor {

    /**
     * @param maxThreads how many benchmark threads JMH runs at most
     * @param prefix     the threads' name prefix
     */
    public EventLoopThreads(int maxThreads, String prefix) {
        // A fixed pool, as JMH's own default executor: the same threads run every iteration.
        super(maxThreads, maxThreads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory(prefix, true));
    }
}
