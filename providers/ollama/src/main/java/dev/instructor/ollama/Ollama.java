package dev.instructor.ollama;

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
import java.util.Collections;
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
 * Ollama's native chat API as an {@link LlmProvider}. JSON_SCHEMA (the default) sends the schema as
 * {@code format}, which Ollama enforces with constrained decoding; JSON sends {@code format: "json"}; MD_JSON asks
 * in the prompt. TOOLS is not offered: Ollama cannot force a tool call.
 *
 * <pre>{@code
 * Ollama ollama = Ollama.fromEnv(); // OLLAMA_HOST, default http://localhost:11434
 * }</pre>
 *
 * <p>Immutable and thread-safe; share one instance, it holds one HTTP client.
 */
public final class Ollama implements LlmProvider {
    private static final String DEFAULT_HOST = "http://localhost:11434";
    /** TOOLS is missing: Ollama cannot force a tool call. */
    private static final Set<Mode> MODES =
            Collections.unmodifiableSet(EnumSet.of(Mode.JSON_SCHEMA, Mode.JSON, Mode.MD_JSON));

    private final String name;
    private final URI endpoint;
    private final Map<String, String> headers;
    private final Mode defaultMode;
    private final JdkHttpTransport transport;

    private Ollama(Builder builder) {
        this.name = builder.name;
        this.endpoint = BaseUrl.resolve(builder.baseUrl, "/api/chat");
        Map<String, String> headers = new LinkedHashMap<>();
        if (builder.apiKey != null) {
            headers.put("Authorization", "Bearer " + builder.apiKey);
        }
        this.headers = Map.copyOf(builder.extraHeaders.over(headers));
        this.defaultMode = builder.defaultMode;
        this.transport = new JdkHttpTransport(name, builder.timeouts, builder.retry, builder.httpClient);
    }

    /** Returns a provider for {@code OLLAMA_HOST} (as Ollama's CLI reads it), or {@code http://localhost:11434}. */
    public static Ollama fromEnv() {
        return fromEnv(System.getenv());
    }

    static Ollama fromEnv(Map<String, String> env) {
        String host = env.get("OLLAMA_HOST");
        return builder()
                .host(host == null || host.isBlank() ? DEFAULT_HOST : host)
                .build();
    }

    /** Returns a builder for {@code http://localhost:11434}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures an {@link Ollama}; each setter validates its value at once. */
    public static final class Builder {
        private final ExtraHeaders extraHeaders = new ExtraHeaders();
        private String name = "ollama";
        private String apiKey;
        private URI baseUrl = URI.create(DEFAULT_HOST);
        private Mode defaultMode = Mode.JSON_SCHEMA;
        // Local models may load for a long time before the first token.
        private Timeouts timeouts = Timeouts.DEFAULT.withFirstEvent(Duration.ofMinutes(5));
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private Consumer<HttpClient.Builder> httpClient = builder -> {};

        private Builder() {}

        /**
         * Sets the server's URL, {@code http://localhost:11434} by default; {@code /api/chat} is appended to it, so a
         * proxy path such as {@code https://gateway.example.dev/ollama} works. Named and checked as every provider's
         * {@code baseUrl} is: an absolute http or https URL. {@link #host} sets the same thing from the looser forms
         * of {@code OLLAMA_HOST}; the last call wins.
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = BaseUrl.parse("baseUrl", baseUrl);
            return this;
        }

        /**
         * Sets the server as {@code OLLAMA_HOST} names it: a URL, or {@code host[:port]} (http and port 11434
         * assumed). Kept beside {@link #baseUrl}, which takes a URL only, because it accepts the forms users already
         * have in that variable; the last call of the two wins.
         */
        public Builder host(String host) {
            String url = requireText("host", host).strip();
            if (!url.contains("://")) {
                url = "http://" + url;
                if (url.lastIndexOf(':') <= "http://".length() || url.endsWith("]")) {
                    url = url + ":11434";
                }
            }
            this.baseUrl = BaseUrl.parse("host", url);
            return this;
        }

        /**
         * Sets a bearer token, for an Ollama behind an authenticating proxy (or Ollama's cloud), without its
         * surrounding white space: a key read from a file often ends in a line break.
         *
         * @throws IllegalArgumentException when blank, or holding a control character inside; the message never quotes
         *     the key
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = HeaderValue.of("apiKey", apiKey);
            return this;
        }

        /**
         * Adds a header to every request (a gateway's routing or tracing header, say). It replaces a header of the
         * same name, in any case, that the provider sets itself, as {@code OpenAi.Builder.header} does.
         *
         * @throws IllegalArgumentException for a blank name, or a header the JDK HTTP client refuses ({@code Host},
         *     {@code Content-Length}, a value with a line break...)
         */
        public Builder header(String name, String value) {
            extraHeaders.put(name, value);
            return this;
        }

        /**
         * Sets the mode used when a request names none; JSON_SCHEMA by default.
         *
         * @throws IllegalArgumentException for TOOLS, which Ollama cannot force
         */
        public Builder defaultMode(Mode mode) {
            Objects.requireNonNull(mode, "mode");
            if (!MODES.contains(mode)) {
                throw unsupported(name, mode);
            }
            this.defaultMode = mode;
            return this;
        }

        /** Sets the default timeouts (first event: five minutes, for model loading). */
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
        public Ollama build() {
            return new Ollama(this);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Mode> modes() {
        return EnumSet.copyOf(MODES);
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
        if (!MODES.contains(mode)) {
            throw unsupported(name, mode);
        }
        return SchemaDialect.PLAIN;
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
        ObjectNode body = OllamaBody.build(request, mode, dialect(mode).apply(request.schema()));
        return transport.open(
                new OutgoingRequest(endpoint, headers, body),
                JdkHttpTransport.Framing.NDJSON,
                OllamaDecoder::new,
                listener,
                request.timeouts());
    }

    @Override
    public String toString() {
        return "Ollama[" + name + ", " + endpoint + "]";
    }

    /** Returns {@code value}; null is a programming error (NPE), blank a bad value (IAE), as in every builder. */
    private static String requireText(String setting, String value) {
        Objects.requireNonNull(value, setting);
        if (value.isBlank()) {
            throw new IllegalArgumentException(setting + " must not be blank");
        }
        return value;
    }

    private static IllegalArgumentException unsupported(String name, Mode mode) {
        return new IllegalArgumentException(name + " does not support mode " + mode + "; it supports " + MODES);
    }
}
