package dev.instructor.sse.servlet;

import jakarta.servlet.Servlet;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** An embedded Tomcat on a free loopback port serving one servlet, for the tests of the servlet adapter. */
final class EmbeddedTomcat implements AutoCloseable {
    private final Tomcat tomcat;
    private final URI root;

    private EmbeddedTomcat(Tomcat tomcat, URI root) {
        this.tomcat = tomcat;
        this.root = root;
    }

    /**
     * Starts Tomcat with {@code servlet} mapped at {@code mapping}, marked async-supported or not.
     *
     * @param baseDir a directory for Tomcat's work files
     */
    static EmbeddedTomcat start(Path baseDir, Servlet servlet, boolean asyncSupported, String mapping)
            throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(baseDir.resolve("tomcat")).toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Wrapper wrapper = Tomcat.addServlet(context, "servlet", servlet);
        wrapper.setAsyncSupported(asyncSupported);
        wrapper.setLoadOnStartup(1);
        context.addServletMappingDecoded(mapping, "servlet");
        tomcat.start();
        return new EmbeddedTomcat(tomcat, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
    }

    /** Returns the URI of {@code path} on this server, {@code path} without its leading slash. */
    URI uri(String path) {
        return root.resolve(path);
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
