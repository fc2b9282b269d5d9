package io.pushbench.maven;

import io.pushbench.server.ReferenceServer;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.net.BindException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * {@code pushbench:start-server}: starts the reference server ({@code pushbench serve}) in the
 * build's JVM, in the background, on a free port by default, and sets the project property
 * {@code portProperty} ({@code pushbench.port}) to its port, so that later goals can point at it:
 * {@code ws://127.0.0.1:${pushbench.port}/ws/echo}. {@code pushbench:stop-server} stops it; so does
 * the end of the build.
 */
@Mojo(name = "start-server", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = false)
public class StartServerMojo extends AbstractMojo {

    /** Where the running server is kept between this goal and {@code stop-server}: the plugin's context. */
    static final String CONTEXT_KEY = "pushbench.server";

    /** TCP port; 0 picks a free one. */
    @Parameter(property = "pushbench.serverPort", defaultValue = "0")
    int port;

    /** Address to listen on. */
    @Parameter(property = "pushbench.bind", defaultValue = ReferenceServer.DEFAULT_BIND)
    String bind;

    /** Delay added before writing each broadcast, in milliseconds (calibration). */
    @Parameter(property = "pushbench.serverDelayMillis", defaultValue = "0")
    long delayMillis;

    /** Most TCP connections open at once (a server that breaks at a known point); 0 for no limit. */
    @Parameter(property = "pushbench.maxConnections", defaultValue = "0")
    int maxConnections;

    /** The project property set to the port the server listens on. */
    @Parameter(property = "pushbench.portProperty", defaultValue = "pushbench.port")
    String portProperty;

    /** Skip the goal. */
    @Parameter(property = "pushbench.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project.properties}", readonly = true, required = true)
    Properties projectProperties;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("pushbench start-server: skipped");
            return;
        }
        ReferenceServer server;
        try {
            server = ReferenceServer.builder().bind(bind).port(port).delay(Duration.ofMillis(delayMillis))
                    .maxConnections(maxConnections).start();
        } catch (BindException e) {
            throw new MojoExecutionException("pushbench start-server: port " + port + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("pushbench start-server: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "pushbench-server-shutdown"));
        context().put(CONTEXT_KEY, server);
        projectProperties.setProperty(portProperty, Integer.toString(server.port()));
        getLog().info("pushbench reference server listening on " + server.host() + ":" + server.port() + " (" + portProperty
                + "=" + server.port() + ")");
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> context() {
        return getPluginContext();
    }
}
