package io.pushbench.core.driver.netty;

import io.netty.util.concurrent.Future;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.ErrorKind;

import java.util.concurrent.CompletableFuture;

/** Bridges Netty futures to {@link CompletableFuture}s. */
public final class NettyFutures {

    private NettyFutures() {
    }

    /** A future that completes when {@code future} does, failing with an {@link ErrorKind#IO} error. */
    public static CompletableFuture<Void> toCompletable(Future<?> future) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        future.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(null);
            } else {
                result.completeExceptionally(new DriverException(ErrorKind.IO, "write failed: "
                        + f.cause().getMessage(), f.cause()));
            }
        });
        return result;
    }
}
