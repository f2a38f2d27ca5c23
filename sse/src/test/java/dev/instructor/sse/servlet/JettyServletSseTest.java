package dev.instructor.sse.servlet;

import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The servlet adapter on Jetty 12 (ee10), the container Javalin also runs on. */
class JettyServletSseTest extends ServletSseTest {
    private Server server;

    @Override
    protected URI serve(boolean asyncSupported, Service service) throws Exception {
        ServletHolder holder = new ServletHolder(servlet(service));
        holder.setAsyncSupported(asyncSupported);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(holder, "/stream");
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/stream");
    }

    @Override
    protected void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }
}
