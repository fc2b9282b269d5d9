package io.pushbench.core.driver.websocket;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.pushbench.core.driver.ConnectionListener;
import io.pushbench.core.driver.DriverException;
import io.pushbench.core.driver.DriverOptions;
import io.pushbench.core.driver.ErrorKind;
import io.pushbench.core.driver.PushConnection;
import io.pushbench.core.driver.Target;
import io.pushbench.core.driver.TlsTrust;
import io.pushbench.core.netty.NettyIo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * wss:// against a server with a self-signed certificate: refused by default with a message that
 * names the options, accepted with the certificate in a trust store, or with {@code insecure}.
 */
class WebSocketTlsTest {

    private static SelfSignedCertificate certificate;
    private static EventLoopGroup group;
    private static Channel server;
    private static URI uri;

    @BeforeAll
    static void startTlsEchoServer() throws Exception {
        certificate = new SelfSignedCertificate("localhost");
        SslContext context = SslContextBuilder.forServer(certificate.certificate(), certificate.privateKey()).build();
        group = NettyIo.newGroup("tls-server", 1);
        server = new ServerBootstrap().group(group).channel(NettyIo.serverSocketChannel())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(context.newHandler(ch.alloc()), new HttpServerCodec(),
                                new HttpObjectAggregator(65536), new WebSocketServerProtocolHandler("/ws"),
                                new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                                        ctx.writeAndFlush(new TextWebSocketFrame(frame.text()));
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        // The client refusing the certificate is what one test expects.
                                        ctx.close();
                                    }
                                });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        uri = URI.create("wss://localhost:" + ((InetSocketAddress) server.localAddress()).getPort() + "/ws");
    }

    @AfterAll
    static void stop() {
        server.close().awaitUninterruptibly();
        NettyIo.shutdown(group);
        certificate.delete();
    }

    @Test
    void anUntrustedCertificateFailsAndTheMessageNamesTheWayOut() {
        try (NettyWebSocketDriver driver = new NettyWebSocketDriver(DriverOptions.builder().ioThreads(1).build())) {
            assertThatThrownBy(() -> driver.connect(Target.of(uri), new Messages()).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(DriverException.class)
                    .hasMessageContaining("TLS failed")
                    .hasMessageContaining("--trust-store")
                    .hasMessageContaining("--insecure")
                    .satisfies(e -> assertThat(((DriverException) e).kind()).isEqualTo(ErrorKind.TLS_FAILED));
        }
    }

    @Test
    void aTrustStoreWithTheCertificateIsTrusted(@TempDir Path dir) throws Exception {
        Path store = trustStore(dir, "secret");
        echoesThrough(TlsTrust.trustStore(store, "secret"));
    }

    @Test
    void insecureTrustsAnyCertificate() throws Exception {
        echoesThrough(TlsTrust.insecure());
    }

    @Test
    void aPemCertificateFileIsATrustStoreToo(@TempDir Path dir) throws Exception {
        echoesThrough(TlsTrust.trustStore(certificate.certificate().toPath(), null));
    }

    @Test
    void aTrustStoreThatCannotBeUsedIsNamedWithTheReason(@TempDir Path dir) throws Exception {
        Path store = trustStore(dir, "secret");
        assertThatThrownBy(() -> TlsTrust.trustStore(store, "wrong"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trust-store " + store)
                .hasMessageContaining("wrong password");
        assertThatThrownBy(() -> TlsTrust.trustStore(dir.resolve("missing.p12"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such file");
        Path garbage = Files.writeString(dir.resolve("garbage.p12"), "not a key store");
        assertThatThrownBy(() -> TlsTrust.trustStore(garbage, null))
                .hasMessageContaining("neither a PKCS12 or JKS trust store nor PEM certificates");
    }

    private static void echoesThrough(TlsTrust trust) throws Exception {
        Messages messages = new Messages();
        try (NettyWebSocketDriver driver = new NettyWebSocketDriver(DriverOptions.builder().ioThreads(1).trust(trust)
                .build())) {
            PushConnection connection = driver.connect(Target.of(uri), messages).get(10, TimeUnit.SECONDS);
            connection.send("pb1:0:0:0;").get(10, TimeUnit.SECONDS);
            assertThat(messages.received.poll(10, TimeUnit.SECONDS)).isEqualTo("pb1:0:0:0;");
        }
    }

    private static Path trustStore(Path dir, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("server", certificate.cert());
        Path file = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    private static final class Messages implements ConnectionListener {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @Override
        public void onMessage(PushConnection connection, CharSequence payload, long receivedNanos) {
            received.add(payload.toString());
        }
    }
}
