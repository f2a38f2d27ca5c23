package dev.instructor.examples;

import dev.instructor.Instructor;
import dev.instructor.InstructorListener;
import dev.instructor.anthropic.Anthropic;
import dev.instructor.gemini.Gemini;
import dev.instructor.ollama.Ollama;
import dev.instructor.openai.OpenAi;
import dev.instructor.spi.LlmProvider;
import dev.instructor.testing.FakeProviderServer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The model an example asks: a real provider when its key is in the environment, otherwise the testing module's
 * {@link FakeProviderServer} started in-process, answering with the example's scripted value in OpenAI's Chat
 * Completions wire format, one token per write at LLM pace. Offline, requests still go through the real
 * {@link OpenAi} provider code: the fake only stands in for {@code api.openai.com}.
 *
 * <p>Keys are looked up in this order: {@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY}, {@code GEMINI_API_KEY},
 * {@code OLLAMA_HOST}. Close it to stop the fake server.
 */
final class ExampleProvider implements AutoCloseable {
    /** The pause between two tokens of an offline answer when a person is watching. */
    static final Duration LLM_PACE = Duration.ofMillis(25);

    private final LlmProvider provider;
    private final String model;
    private final FakeProviderServer fake;

    private ExampleProvider(LlmProvider provider, String model, FakeProviderServer fake) {
        this.provider = provider;
        this.model = model;
        this.fake = fake;
    }

    /**
     * Chooses by the process environment; {@code --offline} among {@code args} forces the fake provider.
     *
     * @param offlineAnswer what the fake model answers: any value Jackson writes, such as a list of records
     */
    static ExampleProvider fromEnv(String[] args, Object offlineAnswer) {
        boolean forceOffline = java.util.Arrays.asList(args).contains("--offline");
        return choose(forceOffline ? Map.of() : System.getenv(), offlineAnswer, LLM_PACE);
    }

    /** Chooses by {@code env}: the first provider whose variable is set, else the fake answering at {@code pace}. */
    static ExampleProvider choose(Map<String, String> env, Object offlineAnswer, Duration pace) {
        if (isSet(env, "OPENAI_API_KEY")) {
            return new ExampleProvider(OpenAi.fromEnv(), "gpt-4o-mini", null);
        }
        if (isSet(env, "ANTHROPIC_API_KEY")) {
            return new ExampleProvider(Anthropic.fromEnv(), "claude-3-5-haiku-latest", null);
        }
        if (isSet(env, "GEMINI_API_KEY")) {
            return new ExampleProvider(Gemini.fromEnv(), "gemini-2.0-flash", null);
        }
        if (isSet(env, "OLLAMA_HOST")) {
            return new ExampleProvider(Ollama.fromEnv(), "llama3.2", null);
        }
        return offline(offlineAnswer, pace);
    }

    /** Starts the fake provider answering {@code answer} at {@code pace} per token. */
    static ExampleProvider offline(Object answer, Duration pace) {
        FakeProviderServer server = FakeProviderServer.builder()
                .dispatcher(new ScriptedModel(answer, pace))
                .build();
        OpenAi openAi = OpenAi.builder()
                .apiKey("offline")
                .baseUrl(server.url("/v1").toString())
                .name("offline")
                .maxRetries(0) // the fake never fails by itself: a transport retry would only hide a bug
                .build();
        return new ExampleProvider(openAi, "offline-model", server);
    }

    /** Returns a client of this provider, in the provider's default mode, with {@code listeners}. */
    Instructor client(InstructorListener... listeners) {
        Instructor.Builder builder = Instructor.builder().provider(provider);
        for (InstructorListener listener : listeners) {
            builder.listener(listener);
        }
        return builder.build();
    }

    /** Returns the model name to put in requests. */
    String model() {
        return model;
    }

    /** Returns the fake server when offline, to check what it saw (tests). */
    Optional<FakeProviderServer> fakeServer() {
        return Optional.ofNullable(fake);
    }

    @Override
    public void close() {
        if (fake != null) {
            fake.close();
        }
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }
}
