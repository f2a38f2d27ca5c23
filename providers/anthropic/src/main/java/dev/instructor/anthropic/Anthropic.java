package dev.instructor.anthropic;

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
import java.net.http.HttpClient;
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
 * Anthropic's Messages API as an {@link LlmProvider}. TOOLS (the default) forces a tool call whose input is the
 * output; JSON_SCHEMA uses native structured outputs ({@code output_config.format}, on models that support it; a
 * map cannot be expressed there and fails before sending, TOOLS takes it);
 * JSON and MD_JSON put the schema in the system prompt.
 *
 * <pre>{@code
 * Anthropic anthropic = Anthropic.fromEnv(); // ANTHROPIC_API_KEY
 * }</pre>
 *
 * <p>Immutable and thread-safe; share one instance, it holds one HTTP client.
 */
public final class Anthropic implements LlmProvider {
    /** The API version header sent by default. */
    public static final String DEFAULT_VERSION = "2023-06-01";

    /** The highest temperature the Messages API accepts. */
    private static final double MAX_TEMPERATURE = 1.0;

    private final String name;
    private final URI endpoint;
    private final Map<String, String> headers;
    private final Mode defaultMode;
    private final int defaultMaxTokens;
    private final JdkHttpTransport transport;

    private Anthropic(Builder builder) {
        this.name = builder.name;
        this.endpoint = BaseUrl.resolve(builder.baseUrl, "/v1/messages");
        Map<String, String> headers = new LinkedHashMap<>();
        if (builder.apiKey != null) {
            headers.put("x-api-key", builder.apiKey);
        }
        headers.put("anthropic-version", builder.version);
        if (builder.beta != null) {
            headers.put("anthropic-beta", builder.beta);
        }
        this.headers = Map.copyOf(builder.extraHeaders.over(headers));
        this.defaultMode = builder.defaultMode;
        this.defaultMaxTokens = builder.defaultMaxTokens;
        this.transport = new JdkHttpTransport(name, builder.timeouts, builder.retry, builder.httpClient);
    }

    /**
     * Returns a provider configured as Anthropic's SDKs are: from {@code ANTHROPIC_API_KEY}, or else
     * {@code ANTHROPIC_AUTH_TOKEN}, sent as a bearer token (a gateway's in front of the API), and
     * {@code ANTHROPIC_BASE_URL} (optional).
     *
     * @throws IllegalStateException if neither {@code ANTHROPIC_API_KEY} nor {@code ANTHROPIC_AUTH_TOKEN} is set
     */
    public static Anthropic fromEnv() {
        return fromEnv(System.getenv());
    }

    static Anthropic fromEnv(Map<String, String> env) {
        String key = env.get("ANTHROPIC_API_KEY");
        String token = env.get("ANTHROPIC_AUTH_TOKEN");
        Builder builder = builder();
        if (key != null && !key.isBlank()) {
            builder.apiKey(key);
        } else if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + HeaderValue.of("ANTHROPIC_AUTH_TOKEN", token));
        } else {
            throw new IllegalStateException("ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN) is not set");
        }
        String baseUrl = env.get("ANTHROPIC_BASE_URL");
        if (baseUrl != null && !baseUrl.isBlank()) {
            builder.baseUrl(baseUrl);
        }
        return builder.build();
    }

    /** Returns a builder; an API key is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures an {@link Anthropic}; each setter validates its value at once. */
    public static final class Builder {
        private final ExtraHeaders extraHeaders = new ExtraHeaders();
        private String name = "anthropic";
        private URI baseUrl = URI.create("https://api.anthropic.com");
        private String apiKey;
        private String version = DEFAULT_VERSION;
        private String beta;
        private Mode defaultMode = Mode.TOOLS;
        private int defaultMaxTokens = 4096;
        private Timeouts timeouts = Timeouts.DEFAULT;
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private Consumer<HttpClient.Builder> httpClient = builder -> {};

        private Builder() {}

        /**
         * Sets the API key, sent as {@code x-api-key}, without its surrounding white space: a key read from a file
         * often ends in a line break.
         *
         * @throws IllegalArgumentException when blank, or holding a control character inside; the message never quotes
         *     the key
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = HeaderValue.of("apiKey", apiKey);
            return this;
        }

        /** Sets the base URL, {@code https://api.anthropic.com} by default. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = BaseUrl.parse("baseUrl", baseUrl);
            return this;
        }

        /** Sets the {@code anthropic-version} header, checked as {@link #apiKey} is. */
        public Builder version(String version) {
            this.version = HeaderValue.of("version", version);
            return this;
        }

        /**
         * Sets the {@code anthropic-beta} header (comma-separated beta names), none by default; checked as
         * {@link #apiKey} is.
         */
        public Builder beta(String beta) {
            this.beta = HeaderValue.of("beta", beta);
            return this;
        }

        /**
         * Adds a header to every request (a gateway's routing or tracing header, say). It replaces a header of the
         * same name, in any case, that the provider sets itself, as {@code OpenAi.Builder.header} does. An
         * {@code Authorization} header (a gateway's or an OAuth bearer token) takes the place of {@link #apiKey},
         * which is then not needed nor sent.
         *
         * @throws IllegalArgumentException for a blank name, or a header the JDK HTTP client refuses ({@code Host},
         *     {@code Content-Length}, a value with a line break...)
         */
        public Builder header(String name, String value) {
            extraHeaders.put(name, value);
            return this;
        }

        /** Sets the mode used when a request names none; TOOLS by default. Every mode is supported. */
        public Builder defaultMode(Mode mode) {
            this.defaultMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Sets {@code max_tokens} for requests that set none (the API requires one); 4096 by default. */
        public Builder defaultMaxTokens(int maxTokens) {
            if (maxTokens <= 0) {
                throw new IllegalArgumentException("defaultMaxTokens must be positive: " + maxTokens);
            }
            this.defaultMaxTokens = maxTokens;
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
        public Anthropic build() {
            // A header of the caller's may authenticate instead: a gateway's or an OAuth bearer token.
            if (apiKey == null && !extraHeaders.hasAny("Authorization", "x-api-key")) {
                throw new IllegalStateException("apiKey is required for " + name
                        + ", unless header(\"Authorization\", ...) authenticates instead");
            }
            return new Anthropic(this);
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
        return switch (mode) {
            case TOOLS -> SchemaDialect.ANTHROPIC;
            // output_config.format is compiled into a grammar, which rejects numeric, length and size constraints.
            case JSON_SCHEMA -> SchemaDialect.ANTHROPIC_STRICT;
            default -> SchemaDialect.PLAIN;
        };
    }

    /**
     * Rejects a temperature above 1: the Messages API takes [0, 1], narrower than the [0, 2] every provider request
     * allows, and would answer 400. Also rejects a schema JSON_SCHEMA's structured outputs cannot express (a map, a
     * recursive schema, a member of any type), so that fails here, before the call, rather than as a 400.
     *
     * @throws IllegalArgumentException if the request names no model (the API requires one), the temperature is
     *     above 1, or the schema cannot be expressed
     */
    @Override
    public void validate(ProviderRequest request) {
        checkedSchema(request);
    }

    /** Validates {@code request} as {@link #validate} does; returns its schema in the mode's dialect. */
    private ObjectNode checkedSchema(ProviderRequest request) {
        request.requireModel();
        Double temperature = request.temperature();
        if (temperature != null && temperature > MAX_TEMPERATURE) {
            throw new IllegalArgumentException("temperature must be in [0, 1] for " + name + ": " + temperature);
        }
        // The dialect of JSON_SCHEMA (ANTHROPIC_STRICT) throws for what structured outputs cannot express.
        return dialect(mode(request)).apply(request.schema());
    }

    private Mode mode(ProviderRequest request) {
        return request.mode() == null ? defaultMode : request.mode();
    }

    @Override
    public ProviderCall open(ProviderRequest request, ProviderListener listener) {
        ObjectNode schema = checkedSchema(request); // the dialect's rewrite, once
        Mode mode = mode(request);
        ObjectNode body = AnthropicBody.build(request, mode, schema, defaultMaxTokens);
        return transport.open(
                new OutgoingRequest(endpoint, headers, body),
                JdkHttpTransport.Framing.SSE,
                () -> new AnthropicDecoder(mode, request.schemaName()),
                listener,
                request.timeouts());
    }

    @Override
    public String toString() {
        return "Anthropic[" + name + ", " + endpoint + "]";
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
