package io.pushbench.maven;

import io.pushbench.server.ReferenceServer;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** {@code pushbench:stop-server}: stops the reference server that {@code pushbench:start-server} started. */
@Mojo(name = "stop-server", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = false)
public class StopServerMojo extends AbstractMojo {

    @Override
    public void execute() {
        Object server = getPluginContext() == null ? null : getPluginContext().remove(StartServerMojo.CONTEXT_KEY);
        if (server instanceof ReferenceServer running) {
            running.close();
            getLog().info("pushbench reference server stopped");
        } else {
            getLog().info("pushbench stop-server: no server was started");
        }
    }
}
