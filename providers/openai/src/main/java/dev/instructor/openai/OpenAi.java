package dev.instructor.openai;

import dev.instructor.internal.transport.BaseUrl;
import dev.instructor.internal.transport.ExtraHeaders;
import dev.instructor.internal.transport.HeaderValue;
import dev.instructor.internal.transport.JdkHttpTransport;
import dev.instructor.internal.transport.OutgoingRequest;
import dev.instructor.internal.transport.RetryPolicy;
import dev.instructor.internal.transport.StreamDecoder;
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
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI, any OpenAI-compatible server, or Azure OpenAI, as an {@link LlmProvider}: Chat Completions (all four
 * modes) or the Responses API (TOOLS, JSON_SCHEMA, JSON).
 *
 * <pre>{@code
 * OpenAi openAi = OpenAi.fromEnv();                                   // OPENAI_API_KEY, OPENAI_BASE_URL
 * OpenAi local = OpenAi.compatible("http://localhost:11434/v1").build(); // Ollama, vLLM, LM Studio...
 * OpenAi azure = OpenAi.azure("https://my.openai.azure.com", "gpt-4o", "2024-10-21").apiKey(key).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; share one instance, it holds one HTTP client.
 */
public final class OpenAi implements LlmProvider {
    /** Which OpenAI API to call. */
    public enum Api {
        /** {@code POST /chat/completions}. */
        CHAT_COMPLETIONS,
        /** {@code POST /responses}. */
        RESPONSES
    }

    private static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private final String name;
    private final Api api;
    private final URI endpoint;
    private final Map<String, String> headers;
    private final boolean strict;
    private final String maxTokensField;
    private final boolean streamUsage;
    private final boolean noParallelToolCalls;
    private final Mode defaultMode;
    private final boolean modelRequired;
    private final JdkHttpTransport transport;

    private OpenAi(Builder builder, URI endpoint, Map<String, String> headers) {
        this.name = builder.name;
        this.api = builder.api;
        this.endpoint = endpoint;
        this.headers = Map.copyOf(headers);
        this.strict = builder.strict;
        this.maxTokensField = builder.maxTokensField;
        this.streamUsage = builder.streamUsage;
        this.noParallelToolCalls = builder.noParallelToolCalls;
        this.defaultMode = builder.defaultMode;
        // An Azure deployment names its model, and a compatible server may serve one of its own (llama.cpp's does).
        this.modelRequired = builder.kind == Kind.OPENAI || builder.api == Api.RESPONSES;
        this.transport = new JdkHttpTransport(name, builder.timeouts, builder.retry, builder.httpClient);
    }

    /**
     * Returns an OpenAI provider configured from {@code OPENAI_API_KEY} (required), {@code OPENAI_BASE_URL},
     * {@code OPENAI_ORG_ID} and {@code OPENAI_PROJECT_ID} (optional).
     *
     * @throws IllegalStateException if {@code OPENAI_API_KEY} is not set
     */
    public static OpenAi fromEnv() {
        return fromEnv(System.getenv());
    }

    static OpenAi fromEnv(Map<String, String> env) {
        String key = env.get("OPENAI_API_KEY");
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("OPENAI_API_KEY is not set");
        }
        Builder builder = builder().apiKey(key);
        String baseUrl = env.get("OPENAI_BASE_URL");
        if (baseUrl != null && !baseUrl.isBlank()) {
            builder.baseUrl(baseUrl);
        }
        String organization = env.get("OPENAI_ORG_ID");
        if (organization != null && !organization.isBlank()) {
            builder.organization(organization);
        }
        String project = env.get("OPENAI_PROJECT_ID");
        if (project != null && !project.isBlank()) {
            builder.project(project);
        }
        return builder.build();
    }

    /** Returns a builder for api.openai.com; an API key is required. */
    public static Builder builder() {
        return new Builder(Kind.OPENAI);
    }

    /**
     * Returns a builder for an OpenAI-compatible Chat Completions server (Ollama's {@code /v1}, vLLM, llama.cpp, LM
     * Studio, Groq, OpenRouter, DeepSeek, Mistral). The API key is optional, schemas are sent plain and not strict,
     * and the token limit is sent as {@code max_tokens}.
     *
     * @param baseUrl the URL that {@code /chat/completions} is appended to, e.g. {@code http://localhost:8000/v1}
     */
    public static Builder compatible(String baseUrl) {
        Builder builder =
                new Builder(Kind.COMPATIBLE).baseUrl(baseUrl).strict(false).name("openai-compatible");
        builder.maxTokensField = "max_tokens";
        return builder;
    }

    /**
     * Returns a builder for an Azure OpenAI deployment, called at
     * {@code {endpoint}/openai/deployments/{deployment}/chat/completions?api-version={apiVersion}} with the
     * {@code api-key} header.
     */
    public static Builder azure(String endpoint, String deployment, String apiVersion) {
        Builder builder = new Builder(Kind.AZURE).baseUrl(endpoint).name("azure-openai");
        builder.deployment = requireText("deployment", deployment);
        builder.apiVersion = requireText("apiVersion", apiVersion);
        return builder;
    }

    private enum Kind {
        OPENAI,
        COMPATIBLE,
        AZURE
    }

    /** Configures an {@link OpenAi}; each setter validates its value at once. */
    public static final class Builder {
        private final Kind kind;
        private final ExtraHeaders extraHeaders = new ExtraHeaders();
        private String name = "openai";
        private Api api = Api.CHAT_COMPLETIONS;
        private URI baseUrl = URI.create(DEFAULT_BASE_URL);
        private String apiKey;
        private String organization;
        private String project;
        private String deployment;
        private String apiVersion;
        private boolean strict = true;
        private String maxTokensField = "max_completion_tokens";
        private boolean streamUsage = true;
        private boolean noParallelToolCalls = true;
        private Mode defaultMode = Mode.TOOLS;
        private Timeouts timeouts = Timeouts.DEFAULT;
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private Consumer<HttpClient.Builder> httpClient = builder -> {};

        private Builder(Kind kind) {
            this.kind = kind;
        }

        /**
         * Sets the API key (sent as a bearer token, or as {@code api-key} for Azure), without its surrounding white
         * space: a key read from a file often ends in a line break.
         *
         * @throws IllegalArgumentException when blank, or holding a control character inside; the message never quotes
         *     the key
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = HeaderValue.of("apiKey", apiKey);
            return this;
        }

        /** Sets the base URL ({@code https://api.openai.com/v1} by default; the resource endpoint for Azure). */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = BaseUrl.parse("baseUrl", baseUrl);
            return this;
        }

        /** Sets the {@code OpenAI-Organization} header, checked as {@link #apiKey} is. */
        public Builder organization(String organization) {
            this.organization = HeaderValue.of("organization", organization);
            return this;
        }

        /** Sets the {@code OpenAI-Project} header, checked as {@link #apiKey} is. */
        public Builder project(String project) {
            this.project = HeaderValue.of("project", project);
            return this;
        }

        /**
         * Adds a header to every request (e.g. OpenRouter's {@code HTTP-Referer}). It replaces a header of the same
         * name, in any case, that the provider sets itself. An {@code Authorization} header takes the place of
         * {@link #apiKey}, which is then not needed: a Microsoft Entra ID token for Azure OpenAI
         * ({@code header("Authorization", "Bearer " + token)}), a gateway's own token.
         *
         * @throws IllegalArgumentException for a blank name, or a header the JDK HTTP client refuses ({@code Host},
         *     {@code Content-Length}, a value with a line break...)
         */
        public Builder header(String name, String value) {
            extraHeaders.put(name, value);
            return this;
        }

        /** Chooses the API; Chat Completions by default. Azure supports Chat Completions only here. */
        public Builder api(Api api) {
            this.api = Objects.requireNonNull(api, "api");
            return this;
        }

        /** Sets whether schemas are sent with {@code strict: true} (OpenAI strict structured outputs). */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /**
         * Sets whether Chat Completions requests ask for a usage chunk ({@code stream_options.include_usage}); on
         * by default, off for the rare compatible server that rejects the field.
         */
        public Builder streamUsage(boolean streamUsage) {
            this.streamUsage = streamUsage;
            return this;
        }

        /**
         * Sets whether TOOLS requests send {@code parallel_tool_calls: false}, as OpenAI advises with strict schemas;
         * on by default. Chat Completions requests for o-series reasoning models ({@code o1}, {@code o3},
         * {@code o4-mini}...) never carry it, because those models answer 400 {@code unsupported_parameter}; turn it
         * off for any other model or server that rejects the field (an Azure deployment of an o-series model, whose
         * name we cannot read from the request).
         */
        public Builder noParallelToolCalls(boolean noParallelToolCalls) {
            this.noParallelToolCalls = noParallelToolCalls;
            return this;
        }

        /**
         * Sets the mode used when a request names none; TOOLS by default. Chat Completions supports every mode and
         * the Responses API all but MD_JSON; as the API may be chosen after this call, {@link #build} checks the pair
         * and throws {@link IllegalStateException}, as it does for its other cross-setting checks.
         */
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
        public OpenAi build() {
            Map<String, String> headers = new LinkedHashMap<>();
            // A header of the caller's may authenticate instead: an Entra ID token for Azure, a gateway's token.
            if (kind != Kind.COMPATIBLE && apiKey == null && !extraHeaders.hasAny("Authorization", "api-key")) {
                throw new IllegalStateException("apiKey is required for " + name
                        + ", unless header(\"Authorization\", ...) authenticates instead");
            }
            if (kind == Kind.AZURE && api != Api.CHAT_COMPLETIONS) {
                throw new IllegalStateException("Azure OpenAI is supported with Api.CHAT_COMPLETIONS only: " + api);
            }
            if (!modes(api).contains(defaultMode)) {
                throw new IllegalStateException(name + " " + api + " does not support defaultMode " + defaultMode
                        + "; it supports " + modes(api));
            }
            URI endpoint;
            if (kind == Kind.AZURE) {
                if (apiKey != null) {
                    headers.put("api-key", apiKey);
                }
                endpoint = BaseUrl.resolve(
                        baseUrl,
                        "/openai/deployments/" + encode(deployment) + "/chat/completions?api-version="
                                + encode(apiVersion));
            } else {
                if (apiKey != null) {
                    headers.put("Authorization", "Bearer " + apiKey);
                }
                endpoint = BaseUrl.resolve(baseUrl, api == Api.RESPONSES ? "/responses" : "/chat/completions");
            }
            if (organization != null) {
                headers.put("OpenAI-Organization", organization);
            }
            if (project != null) {
                headers.put("OpenAI-Project", project);
            }
            return new OpenAi(this, endpoint, extraHeaders.over(headers));
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Mode> modes() {
        return modes(api);
    }

    private static Set<Mode> modes(Api api) {
        return api == Api.RESPONSES ? EnumSet.of(Mode.TOOLS, Mode.JSON_SCHEMA, Mode.JSON) : EnumSet.allOf(Mode.class);
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
        if (!modes().contains(mode)) {
            throw new IllegalArgumentException(
                    name + " " + api + " does not support mode " + mode + "; it supports " + modes());
        }
        boolean constrained = mode == Mode.TOOLS || mode == Mode.JSON_SCHEMA;
        return constrained && strict ? SchemaDialect.OPENAI_STRICT : SchemaDialect.PLAIN;
    }

    /**
     * Checks that the request names a model, unless it goes to an Azure deployment or to an OpenAI-compatible
     * server's Chat Completions, which may choose one of their own; and that the mode's dialect can express the
     * schema (strict mode has no maps), so that fails here, before the call, rather than when the call opens.
     *
     * @throws IllegalArgumentException when a model is needed and the request has none, or the schema cannot be
     *     expressed
     */
    @Override
    public void validate(ProviderRequest request) {
        if (modelRequired) {
            request.requireModel();
        }
        dialect(request.mode() == null ? defaultMode : request.mode()).apply(request.schema());
    }

    @Override
    public ProviderCall open(ProviderRequest request, ProviderListener listener) {
        validate(request);
        Mode mode = request.mode() == null ? defaultMode : request.mode();
        ObjectNode schema = dialect(mode).apply(request.schema());
        ObjectNode body;
        Supplier<StreamDecoder> decoder;
        if (api == Api.RESPONSES) {
            body = ResponsesBody.build(request, mode, schema, strict, noParallelToolCalls);
            decoder = () -> new ResponsesDecoder(mode, request.schemaName());
        } else {
            body = ChatBody.build(request, mode, schema, strict, maxTokensField, streamUsage, noParallelToolCalls);
            decoder = () -> new ChatDecoder(mode, request.schemaName());
        }
        return transport.open(
                new OutgoingRequest(endpoint, headers, body),
                JdkHttpTransport.Framing.SSE,
                decoder,
                listener,
                request.timeouts());
    }

    @Override
    public String toString() {
        return "OpenAi[" + name + ", " + api + ", " + endpoint + "]";
    }

    /** Returns {@code value}; null is a programming error (NPE), blank a bad value (IAE), as in every builder. */
    private static String requireText(String setting, String value) {
        Objects.requireNonNull(value, setting);
        if (value.isBlank()) {
            throw new IllegalArgumentException(setting + " must not be blank");
        }
        return value;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
