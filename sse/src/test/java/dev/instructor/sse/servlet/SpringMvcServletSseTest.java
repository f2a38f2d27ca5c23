package dev.instructor.sse.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.sse.FakeAsyncPartialStream;
import dev.instructor.sse.Script;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The servlet adapter called from a Spring MVC controller method that takes the request and the response and returns
 * {@code void}, behind a {@code DispatcherServlet} on embedded Tomcat: the way the guide tells Spring users to call it.
 */
class SpringMvcServletSseTest extends ServletSseTest {
    @TempDir
    Path baseDir;

    private EmbeddedTomcat tomcat;

    /** Spring MVC with annotated controllers, as {@code @SpringBootApplication} configures it. */
    @Configuration
    @EnableWebMvc
    static class WebConfig {}

    /** Hands every request to {@code /stream}, whatever its method, to the test's service. */
    @Controller
    public static class StreamController {
        private final Service service;

        StreamController(Service service) {
            this.service = service;
        }

        @RequestMapping("/stream")
        public void stream(HttpServletRequest request, HttpServletResponse response) throws IOException {
            service.handle(request, response);
        }
    }

    /**
     * CORS as a Spring application declares it: Spring answers the preflights (they never reach a controller) and adds
     * the CORS headers to the stream's response; the adapter has no policy of its own.
     */
    @Configuration
    @EnableWebMvc
    static class CorsWebConfig implements WebMvcConfigurer {
        @Override
        public void addCorsMappings(CorsRegistry registry) {
            registry.addMapping("/stream")
                    .allowedOrigins("https://app.example.com")
                    .allowedMethods("POST")
                    .allowedHeaders("Content-Type")
                    .exposedHeaders("X-Instructor-Format", "Retry-After");
        }
    }

    @Test
    void corsDeclaredInSpring_answersThePreflight_andTheStreamIsReadableAcrossOrigins() throws Exception {
        ServletSse adapter = ServletSse.create(UNPACED);
        URI uri = serve(
                CorsWebConfig.class,
                true,
                (request, response) -> adapter.streamAsync(
                        request, response, format -> new FakeAsyncPartialStream(new Script().finish("[1]"))));

        HttpResponse<String> preflight = send(request(uri, "OPTIONS")
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));
        HttpResponse<String> stranger = send(request(uri, "OPTIONS")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"));
        HttpResponse<String> stream = send(jsonPost(uri).header("Origin", "https://app.example.com"));

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .contains("https://app.example.com");
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(stream.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example.com");
        assertThat(stream.headers().firstValue("Access-Control-Expose-Headers"))
                .hasValueSatisfying(exposed -> assertThat(exposed).contains("X-Instructor-Format", "Retry-After"));
        assertThat(stream.headers().firstValue("Content-Type")).contains("text/event-stream");
        assertThat(stream.body()).isEqualTo("event: done\ndata: [1]\n\n");
    }

    @Override
    protected boolean frameworkAnswersOptions() {
        return true;
    }

    @Override
    protected URI serve(boolean asyncSupported, Service service) throws Exception {
        return serve(WebConfig.class, asyncSupported, service);
    }

    /** Starts Tomcat with a {@code DispatcherServlet} configured by {@code config} and {@code service}'s controller. */
    private URI serve(Class<?> config, boolean asyncSupported, Service service) throws Exception {
        AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
        spring.register(config);
        spring.addBeanFactoryPostProcessor(
                beans -> beans.registerSingleton("streamController", new StreamController(service)));
        tomcat = EmbeddedTomcat.start(baseDir, new DispatcherServlet(spring), asyncSupported, "/");
        return tomcat.uri("stream");
    }

    @Override
    protected void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }
}
