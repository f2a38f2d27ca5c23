package dev.instructor.sse.servlet;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servlet adapter on embedded Tomcat 10.1, the container of Spring Boot 3: it detects a departed client, flushes
 * and ends async cycles in its own way, so the whole contract runs here too.
 */
class TomcatServletSseTest extends ServletSseTest {
    @TempDir
    Path baseDir;

    private Tomcat tomcat;

    @Override
    protected URI serve(boolean asyncSupported, Service service) throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(baseDir.resolve("tomcat")).toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Wrapper wrapper = Tomcat.addServlet(context, "stream", servlet(service));
        wrapper.setAsyncSupported(asyncSupported);
        context.addServletMappingDecoded("/stream", "stream");
        tomcat.start();
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/stream");
    }

    @Override
    protected void stop() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }
}
