package io.pushbench.server;

import io.pushbench.core.transport.ClientStack;
import io.pushbench.core.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

/** The Jetty and OkHttp long-polling drivers against the reference server, through the engine, over loopback. */
class LibraryLongPollingDriversTest {

    @TempDir
    Path dir;

    private ReferenceServer server;

    @BeforeEach
    void start() throws Exception {
        server = ReferenceServer.builder().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(value = ClientStack.class, names = {"JETTY", "OKHTTP"})
    void everyBroadcastMessageReachesEverySubscriberOnceInOrder(ClientStack stack) throws Exception {
        LibraryDriverRuns.assertEveryBroadcastOnceInOrder(
                LibraryDriverRuns.broadcast(server, Transport.LONG_POLLING, stack, dir));
    }

    @ParameterizedTest
    @EnumSource(value = ClientStack.class, names = {"JETTY", "OKHTTP"})
    void everyEchoRequestIsAnsweredOnce(ClientStack stack) throws Exception {
        LibraryDriverRuns.assertEveryEchoAnsweredOnce(
                LibraryDriverRuns.echo(server, Transport.LONG_POLLING, stack, dir));
    }
}
