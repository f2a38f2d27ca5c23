package dev.instructor.examples.demo;

import dev.instructor.sse.SseCors;
import dev.instructor.sse.StructuredSse;
import dev.instructor.sse.javalin.JavalinSse;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.staticfiles.Location;
import io.javalin.util.JavalinBindException;
import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo's HTTP server: the page ({@code GET /} and its scripts, with the built {@code instructor-stream} client
 * under {@code /vendor/instructor-stream/}), {@code POST /ideas}, {@code GET /info} for the page's provider badge, and
 * in offline mode {@code GET /_offline/connections}.
 */
final class DemoServer implements AutoCloseable {
    /** Where the page lives on the class path. */
    static final String STATIC = "/dev/instructor/examples/demo/static";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger LOG = LoggerFactory.getLogger("demo.requests");

    private final Javalin app;

    private DemoServer(Javalin app) {
        this.app = app;
    }

    /**
     * Starts the server on {@code options}' host and port, answering with {@code provider}.
     *
     * @throws IllegalStateException when it cannot listen there, with a message for the command line
     */
    static DemoServer start(DemoOptions options, ProviderChoice provider) {
        SseCors cors = options.corsOrigins().isEmpty()
                ? null
                : SseCors.allowOrigins(options.corsOrigins().toArray(String[]::new));
        JavalinSse sse = cors == null
                ? JavalinSse.create(StructuredSse.create())
                : JavalinSse.create(StructuredSse.create()).cors(cors);
        OfflineModel offline = provider.offline();
        IdeasEndpoint ideas = new IdeasEndpoint(provider, sse, at -> {
            LOG.info("POST /ideas: the browser left; model call cancelled");
            if (offline != null) {
                offline.cancelled(at);
            }
        });
        String info = info(provider);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = options.host();
            config.jetty.port = options.port();
            config.requestLogger.http(RequestLog::log);
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = STATIC;
                files.location = Location.CLASSPATH;
                // The page and the client change with each build; browsers must not keep old copies.
                files.headers = Map.of("Cache-Control", "no-cache");
            });
            config.routes.post("/ideas", ideas::handle);
            config.routes.options("/ideas", sse::preflight);
            // Any other method is the adapter's 405 with Allow and a JSON body (wire format, section 1), not a 404.
            // HEAD too: Javalin would answer it 200 by itself, without a handler, because a GET route exists.
            Handler refuse = ctx -> sse.streamAsync(ctx, format -> null);
            config.routes.get("/ideas", refuse);
            config.routes.head("/ideas", refuse);
            config.routes.put("/ideas", refuse);
            config.routes.patch("/ideas", refuse);
            config.routes.delete("/ideas", refuse);
            config.routes.get(
                    "/info", ctx -> ctx.contentType("application/json").result(info));
            if (offline != null) {
                config.routes.get("/_offline/connections", ctx -> ctx.contentType("application/json")
                        .result(offline.diagnosticsJson()));
            }
        });
        try {
            app.start();
        } catch (JavalinBindException e) {
            // Javalin calls every bind failure "Port already in use": the socket's own exception says which it was.
            throw new IllegalStateException(
                    "cannot listen on " + options.host() + ":" + options.port() + ": " + bindFailure(e), e);
        }
        return new DemoServer(app);
    }

    private static String bindFailure(JavalinBindException e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof UnresolvedAddressException) {
            return "the host cannot be resolved";
        }
        if (root instanceof BindException && String.valueOf(root.getMessage()).contains("in use")) {
            return "the port is in use; choose another with --port N (0 for any free port)";
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    /** Returns the port listened on, the real one when 0 was asked for. */
    int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static String info(ProviderChoice provider) {
        ObjectNode info = JSON.createObjectNode();
        info.put("provider", provider.label());
        info.put("model", provider.model());
        info.put("offline", provider.isOffline());
        return JSON.writeValueAsString(info);
    }
}
