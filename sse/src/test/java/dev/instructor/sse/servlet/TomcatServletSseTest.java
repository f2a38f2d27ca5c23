package dev.instructor.sse.servlet;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servlet adapter on embedded Tomcat 10.1, the container of Spring Boot 3: it detects a departed client, flushes
 * and ends async cycles in its own way, so the whole contract runs here too.
 */
class TomcatServletSseTest extends ServletSseTest {
    @TempDir
    Path baseDir;

    private EmbeddedTomcat tomcat;

    @Override
    protected URI serve(boolean asyncSupported, Service service) throws Exception {
        tomcat = EmbeddedTomcat.start(baseDir, servlet(service), asyncSupported, "/stream");
        return tomcat.uri("stream");
    }

    @Override
    protected void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }
}
