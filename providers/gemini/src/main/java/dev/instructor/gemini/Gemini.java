package dev.instructor.gemini;

import dev.instructor.internal.transport.BaseUrl;
import dev.instructor.internal.transport.ExtraHeaders;
import dev.instructor.internal.transport.HeaderValue;
import dev.instructor.internal.transport.JdkHttpTransport;
import dev.instructor.internal.transport.OutgoingRequest;
import dev.instructor.internal.transport.RetryPolicy;
import dev.instructor.schema.SchemaDialect;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderCall;
import dev.instructor.spi.ProviderListener;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.spi.Timeouts;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Google Gemini (the Gemini API) as an {@link LlmProvider}, calling
 * {@code models/{model}:streamGenerateContent?alt=sse}. JSON_SCHEMA (the default) sends {@code responseJsonSchema}
 * with {@code responseMimeType: application/json}; TOOLS forces a function call (its arguments arrive whole, not
 * streamed); JSON and MD_JSON put the schema in the system instruction.
 *
 * <pre>{@code
 * Gemini gemini = Gemini.fromEnv(); // GEMINI_API_KEY
 * }</pre>
 *
 * <p>Immutable and thread-safe; share one instance, it holds one HTTP client.
 */
public final class Gemini implements LlmProvider {
    private final String name;
    private final URI baseUrl;
    private final Map<String, String> headers;
    private final Mode defaultMode;
    private final JdkHttpTransport transport;

    private Gemini(Builder builder) {
        this.name = builder.name;
        this.baseUrl = builder.baseUrl;
        Map<String, String> headers = new LinkedHashMap<>();
        if (builder.apiKey != null) {
            headers.put("x-goog-api-key", builder.apiKey);
        }
        this.headers = Map.copyOf(builder.extraHeaders.over(headers));
        this.defaultMode = builder.defaultMode;
        this.transport = new JdkHttpTransport(name, builder.timeouts, builder.retry, builder.httpClient);
    }

    /**
     * Returns a provider configured from {@code GEMINI_API_KEY}, or else {@code GOOGLE_API_KEY}, which Google's SDK
     * also reads, and {@code GEMINI_BASE_URL} (optional).
     *
     * @throws IllegalStateException if neither {@code GEMINI_API_KEY} nor {@code GOOGLE_API_KEY} is set
     */
    public static Gemini fromEnv() {
        return fromEnv(System.getenv());
    }

    static Gemini fromEnv(Map<String, String> env) {
        String key = env.get("GEMINI_API_KEY");
        if (key == null || key.isBlank()) {
            key = env.get("GOOGLE_API_KEY");
        }
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("GEMINI_API_KEY (or GOOGLE_API_KEY) is not set");
        }
        Builder builder = builder().apiKey(key);
        String baseUrl = env.get("GEMINI_BASE_URL");
        if (baseUrl != null && !baseUrl.isBlank()) {
            builder.baseUrl(baseUrl);
        }
        return builder.build();
    }

    /** Returns a builder; an API key is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures a {@link Gemini}; each setter validates its value at once. */
    public static final class Builder {
        private final ExtraHeaders extraHeaders = new ExtraHeaders();
        private String name = "gemini";
        private URI baseUrl = URI.create("https://generativelanguage.googleapis.com/v1beta");
        private String apiKey;
        private Mode defaultMode = Mode.JSON_SCHEMA;
        private Timeouts timeouts = Timeouts.DEFAULT;
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private Consumer<HttpClient.Builder> httpClient = builder -> {};

        private Builder() {}

        /**
         * Sets the API key, sent as {@code x-goog-api-key} (never in the URL), without its surrounding white space: a
         * key read from a file often ends in a line break.
         *
         * @throws IllegalArgumentException when blank, or holding a control character inside; the message never quotes
         *     the key
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = HeaderValue.of("apiKey", apiKey);
            return this;
        }

        /** Sets the versioned base URL, {@code https://generativelanguage.googleapis.com/v1beta} by default. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = BaseUrl.parse("baseUrl", baseUrl);
            return this;
        }

        /**
         * Adds a header to every request (a gateway's routing or tracing header, say). It replaces a header of the
         * same name, in any case, that the provider sets itself, as {@code OpenAi.Builder.header} does. An
         * {@code Authorization} header (Vertex AI's OAuth access token, {@code "Bearer " + token}) takes the place
         * of {@link #apiKey}, which is then not needed nor sent: a key sent beside it would be checked, and refused.
         *
         * @throws IllegalArgumentException for a blank name, or a header the JDK HTTP client refuses ({@code Host},
         *     {@code Content-Length}, a value with a line break...)
         */
        public Builder header(String name, String value) {
            extraHeaders.put(name, value);
            return this;
        }

        /** Sets the mode used when a request names none; JSON_SCHEMA by default. Every mode is supported. */
        public Builder defaultMode(Mode mode) {
            this.defaultMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Sets the default timeouts. */
        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        /**
         * Sets how many times a request is sent again when it fails before the answer starts (a connection error,
         * or status 408, 409, 429 or 5xx); 2 by default, 0 for none. These are transport retries: re-asking the
         * model after a rejected answer is {@link dev.instructor.ChatRequest.Builder#maxRetries}.
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder maxRetries(int maxRetries) {
            this.retry = retry.withMaxRetries(maxRetries);
            return this;
        }

        /** Sets the exponential backoff's first and longest delay. */
        public Builder retryBackoff(Duration initial, Duration max) {
            this.retry = retry.withBackoff(initial, max);
            return this;
        }

        /**
         * Sets the longest delay a server may ask for ({@code retry-after-ms}, {@code retry-after}, or the
         * {@code RetryInfo} of a Google error body) that a retry waits for: a minute by default, as OpenAI's and
         * Anthropic's SDKs. A longer one fails the call at once with a retryable {@code ProviderHttpException} whose
         * {@code retryAfter()} is that delay, for the caller to schedule the request by: a call never sleeps longer.
         *
         * @param max zero or more; zero fails the call whenever a server asks for a wait
         * @throws IllegalArgumentException when negative
         */
        public Builder maxRetryAfter(Duration max) {
            this.retry = retry.withMaxRetryAfter(Objects.requireNonNull(max, "max"));
            return this;
        }

        /**
         * Configures the JDK {@link HttpClient} this provider sends its requests with: a proxy and an
         * {@link java.net.Authenticator} for its credentials, an {@link javax.net.ssl.SSLContext} or
         * {@link javax.net.ssl.SSLParameters} (a corporate CA, mutual TLS to a gateway), the executor its callbacks run
         * on, the HTTP version, a local address (Java 19+)...
         *
         * <pre>{@code
         * builder.httpClient(http -> http
         *         .proxy(ProxySelector.of(new InetSocketAddress("proxy.corp", 3128)))
         *         .executor(callbacks));
         * }</pre>
         *
         * <p>{@link #build()} hands {@code configurer} a builder set up as without it (the connect timeout of
         * {@link #timeouts(Timeouts)}; as executor, a few threads that every provider shares), then sets
         * {@link HttpClient.Redirect#NEVER} whatever it chose: a redirect followed would send this provider's API key
         * headers to the host the {@code Location} names. A connect timeout it sets replaces that of
         * {@link #timeouts(Timeouts)}, and is the one {@code timeouts().connect()} and a {@code CONNECT}
         * {@code ProviderTimeoutException} report.
         *
         * <p>An executor set here makes every callback of this provider's calls, and so signals every subscriber of
         * its {@code AsyncPartialStream}s (see "Threads" there): virtual threads on Java 21
         * ({@code Executors.newVirtualThreadPerTaskExecutor()}), or a pool of your own for subscribers that block. The
         * provider never shuts it down; once you do, its calls fail with a {@code ConnectionException}.
         *
         * <p>Called once per {@code build()}; calling this method again replaces the configurer.
         *
         * @param configurer changes the builder; what it throws propagates from {@code build()}
         */
        public Builder httpClient(Consumer<HttpClient.Builder> configurer) {
            this.httpClient = Objects.requireNonNull(configurer, "configurer");
            return this;
        }

        /** Sets the provider's name in messages and logs. */
        public Builder name(String name) {
            this.name = requireText("name", name);
            return this;
        }

        /** Returns the provider. */
        public Gemini build() {
            // A header of the caller's may authenticate instead: Vertex AI's OAuth access token.
            if (apiKey == null && !extraHeaders.hasAny("Authorization", "x-goog-api-key")) {
                throw new IllegalStateException("apiKey is required for " + name
                        + ", unless header(\"Authorization\", ...) authenticates instead");
            }
            return new Gemini(this);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Mode> modes() {
        return EnumSet.allOf(Mode.class);
    }

    @Override
    public Timeouts timeouts() {
        return transport.timeouts();
    }

    @Override
    public Optional<Executor> callbackExecutor() {
        return transport.callbackExecutor();
    }

    @Override
    public Mode defaultMode() {
        return defaultMode;
    }

    @Override
    public SchemaDialect dialect(Mode mode) {
        Objects.requireNonNull(mode, "mode");
        return mode == Mode.TOOLS || mode == Mode.JSON_SCHEMA ? SchemaDialect.GEMINI : SchemaDialect.PLAIN;
    }

    /**
     * Checks that the request names a model, which the API requires, so a missing one fails here, before the call.
     *
     * @throws IllegalArgumentException if the request names no model
     */
    @Override
    public void validate(ProviderRequest request) {
        request.requireModel();
    }

    @Override
    public ProviderCall open(ProviderRequest request, ProviderListener listener) {
        validate(request);
        Mode mode = request.mode() == null ? defaultMode : request.mode();
        ObjectNode body = GeminiBody.build(request, mode, dialect(mode).apply(request.schema()));
        URI endpoint = BaseUrl.resolve(baseUrl, modelPath(request.model()) + ":streamGenerateContent?alt=sse");
        return transport.open(
                new OutgoingRequest(endpoint, headers, body),
                JdkHttpTransport.Framing.SSE,
                () -> new GeminiDecoder(mode, request.schemaName()),
                listener,
                request.timeouts());
    }

    /**
     * Returns the path of the model's resource: {@code /models/NAME} for a base model ({@code models/} may be written
     * or not), {@code /tunedModels/NAME} for a tuned one, which lives under a collection of its own. The name is one
     * path segment, encoded.
     */
    static String modelPath(String model) {
        for (String collection : new String[] {"models/", "tunedModels/"}) {
            if (model.startsWith(collection)) {
                return "/" + collection
                        + URLEncoder.encode(model.substring(collection.length()), StandardCharsets.UTF_8);
            }
        }
        return "/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Gemini[" + name + ", " + baseUrl + "]";
    }

    /** Returns {@code value}; null is a programming error (NPE), blank a bad value (IAE), as in every builder. */
    private static String requireText(String setting, String value) {
        Objects.requireNonNull(value, setting);
        if (value.isBlank()) {
            throw new IllegalArgumentException(setting + " must not be blank");
        }
        return value;
    }
}
