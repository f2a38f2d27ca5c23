package dev.instructor.sse.servlet;

import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.InstanceHandle;
import java.net.InetSocketAddress;
import java.net.URI;

/** The servlet adapter on Undertow 2.3, the servlet container of WildFly and of Quarkus's servlet extension. */
class UndertowServletSseTest extends ServletSseTest {
    private Undertow server;
    private DeploymentManager deployment;

    @Override
    protected URI serve(boolean asyncSupported, Service service) throws Exception {
        var servlet = servlet(service);
        var info = Servlets.servlet("stream", servlet.getClass(), () -> new InstanceHandle<>() {
                    @Override
                    public jakarta.servlet.Servlet getInstance() {
                        return servlet;
                    }

                    @Override
                    public void release() {}
                })
                .addMapping("/stream")
                .setAsyncSupported(asyncSupported);
        deployment = Servlets.defaultContainer()
                .addDeployment(Servlets.deployment()
                        .setClassLoader(UndertowServletSseTest.class.getClassLoader())
                        .setContextPath("/")
                        .setDeploymentName("stream")
                        .addServlet(info));
        deployment.deploy();
        server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(deployment.start())
                .build();
        server.start();
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        return URI.create("http://127.0.0.1:" + port + "/stream");
    }

    @Override
    protected void stop() throws Exception {
        if (server != null) {
            // Undertow's stop waits for every request thread to end, unlike Jetty's and Tomcat's, and a few contract
            // cases leave one waiting for good: a model that stays silent after its client left, with heartbeats off,
            // so that nothing can find the client gone (the case heartbeats exist for). The listener closes at once;
            // a thread still waiting after a second is left to end with the JVM.
            Thread stopping = new Thread(server::stop, "undertow-stop");
            stopping.setDaemon(true);
            stopping.start();
            stopping.join(1000);
        }
        if (deployment != null) {
            deployment.stop();
            deployment.undeploy();
        }
    }
}
