package dev.instructor.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.InstructorListener;
import dev.instructor.TypeRef;
import dev.instructor.Usage;
import dev.instructor.sse.HttpServerSse;
import dev.instructor.sse.SseCors;
import dev.instructor.sse.StructuredSse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed chapter's FastAPI endpoint in Java: {@code POST /ideas} streams a {@code List<Idea>} as Server-Sent Events,
 * on the JDK's own HTTP server through {@link HttpServerSse}. What the chapter writes by hand, the sse module does:
 * snapshot events ({@code data: [...]}), {@code event: done} with the validated value, {@code event: error}, the
 * {@code Cache-Control} and {@code X-Accel-Buffering} headers, and cancelling the model call when the browser leaves
 * (a failed write; heartbeats find out while the model is silent). This class adds the request validation, the CORS
 * policy and the logging.
 *
 * <p>The full product (a page, the TypeScript client, the delta format, Javalin) is the demo app: {@code ./demo}.
 */
public final class SseEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SseEndpoint.class);
    // A count of 2.5 is refused, as Pydantic refuses it for "count: int", rather than read as 2.
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();
    private static final Validator VALIDATOR =
            Validation.buildDefaultValidatorFactory().getValidator();
    private static final TypeRef<List<Idea>> IDEAS = new TypeRef<>() {};
    /** The largest request body read, in bytes; a topic and a count need far less. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    /** How much more of a body over the limit is read and dropped before the 413, so that the client can read it. */
    private static final long MAX_SWALLOWED_BYTES = 2L << 20;

    /**
     * The request body, checked with Bean Validation as the chapter's Pydantic model is.
     *
     * @param topic what the ideas are about, at most 200 characters (it goes into the paid prompt); {@code snack
     *     ideas} when absent
     * @param count how many, 1 to 20; 5 when absent
     */
    record IdeasRequest(
            @NotBlank @Size(max = 200) String topic,
            @Min(1) @Max(20) Integer count) {
        IdeasRequest {
            topic = topic == null ? "snack ideas" : topic;
            count = count == null ? 5 : count;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;

    private SseEndpoint(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Serves {@code POST /ideas} on {@code localhost:8000}, offline unless an API key is set, allowing pages of
     * {@code http://localhost:3000}, until the process is stopped.
     *
     * @param args {@code --offline} to use the scripted model even when an API key is set
     */
    public static void main(String[] args) throws IOException {
        ExampleProvider provider = ExampleProvider.fromEnv(args, BasicStreaming.OFFLINE_ANSWER);
        SseEndpoint endpoint = start(provider, 8000, "http://localhost:3000");
        System.out.println("POST http://localhost:" + endpoint.port() + "/ideas  (Ctrl-C to stop), e.g.");
        System.out.println("  curl -N -H 'Content-Type: application/json' -d '{\"topic\":\"snack ideas\",\"count\":3}' "
                + "http://localhost:" + endpoint.port() + "/ideas");
    }

    /**
     * Starts the server.
     *
     * @param port the port, or 0 for any free one
     * @param corsOrigin the page origin allowed to call across origins
     */
    static SseEndpoint start(ExampleProvider provider, int port, String corsOrigin) throws IOException {
        Instructor client = provider.client(new OutcomeLog()); // one client for the app, as the chapter's lifespan
        HttpServerSse sse = HttpServerSse.create(StructuredSse.create()).cors(SseCors.allowOrigins(corsOrigin));
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.createContext("/ideas", exchange -> handle(exchange, sse, client, provider.model()));
        // Handlers return as soon as a stream has started, but parsing and validating a body is blocking work: keep it
        // off the server's single dispatcher thread.
        ExecutorService threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.start();
        return new SseEndpoint(server, threads);
    }

    private static void handle(HttpExchange exchange, HttpServerSse sse, Instructor client, String model)
            throws IOException {
        // The adapter checks the request first (an OPTIONS preflight, 405 for another method, 415 for a body not sent
        // as application/json, docs/wire-format.md, section 1); only then is the body read and validated.
        sse.streamAsync(exchange, format -> {
            IdeasRequest body = readBody(exchange, sse);
            if (body == null) {
                return null; // answered 400 or 413; no model call is made
            }
            LOG.info("POST /ideas: {} x {}", body.count(), body.topic());
            ChatRequest request = ChatRequest.builder()
                    .model(model)
                    .user("Give " + body.count() + " " + body.topic())
                    .build();
            // Returns at once: the events are written from the HTTP client's callbacks, no thread waits for the model.
            return client.responses().streamAsync(request, IDEAS);
        });
    }

    /** Reads and drops up to {@code limit} bytes of {@code body}, or all of it when it is shorter. */
    private static void discard(InputStream body, long limit) throws IOException {
        byte[] buffer = new byte[8192];
        long left = limit;
        int n;
        while (left > 0 && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= n;
        }
    }

    /** Returns the checked request body, or null once the exchange is answered with why it was refused. */
    private static IdeasRequest readBody(HttpExchange exchange, HttpServerSse sse) {
        try {
            // Read no more than the limit: JSON allows any amount of white space, so the whole of an endless body
            // would otherwise be read (and held) before any field could be checked.
            byte[] bytes = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                // Closed with much of the body unread (the JDK server reads on 64 KiB at most), the connection is
                // reset, and the client, still sending, may see the reset instead of the 413: read a bounded rest.
                discard(exchange.getRequestBody(), MAX_SWALLOWED_BYTES);
                sse.sendError(exchange, 413, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
                return null;
            }
            IdeasRequest body;
            try {
                body = JSON.readValue(bytes, IdeasRequest.class);
            } catch (JacksonException e) {
                body = null;
            }
            if (body == null) {
                sse.sendBadRequest(exchange, "the body must be a JSON object {\"topic\": ..., \"count\": ...}", null);
                return null;
            }
            for (ConstraintViolation<IdeasRequest> violation : VALIDATOR.validate(body)) {
                String field = violation.getPropertyPath().toString();
                sse.sendBadRequest(exchange, field + ": " + violation.getMessage(), field);
                return null; // the first violation is enough
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the connection failed; the adapter logs it
        }
    }

    /** Returns the port listened on. */
    int port() {
        return server.getAddress().getPort();
    }

    /** Stops the server at once; streams still running are cut. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** Logs how each model call ended; the sse module turns the same failures into {@code error} events. */
    private static final class OutcomeLog implements InstructorListener {
        @Override
        public void onComplete(Object value, Usage usage) {
            LOG.info("stream done: {} tokens", usage.totalTokens());
        }

        @Override
        public void onError(Throwable error) {
            if (error instanceof CancellationException) {
                LOG.info("client disconnected; model call cancelled");
            } else {
                LOG.warn("stream failed", error);
            }
        }
    }
}
