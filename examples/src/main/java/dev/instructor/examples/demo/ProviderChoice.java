package dev.instructor.examples.demo;

import dev.instructor.Instructor;
import dev.instructor.anthropic.Anthropic;
import dev.instructor.gemini.Gemini;
import dev.instructor.ollama.Ollama;
import dev.instructor.openai.OpenAi;
import java.util.Map;

/**
 * The model the demo asks: a real provider when its key is set, else the {@link OfflineModel}.
 *
 * @param client the client of that provider
 * @param model the model name sent with each request
 * @param label what the page's badge and the log call it, such as {@code openai} or {@code offline}
 * @param offline the offline model, or null when a real provider is used
 */
record ProviderChoice(Instructor client, String model, String label, OfflineModel offline) implements AutoCloseable {

    /** Chooses by the first key found in {@code env}, in the order of {@link DemoOptions#USAGE}. */
    static ProviderChoice choose(DemoOptions options, Map<String, String> env) {
        if (!options.offline()) {
            if (isSet(env, "OPENAI_API_KEY")) {
                return new ProviderChoice(
                        Instructor.from(OpenAi.fromEnv()), model(options, "gpt-4o-mini"), "openai", null);
            }
            if (isSet(env, "ANTHROPIC_API_KEY")) {
                return new ProviderChoice(
                        Instructor.from(Anthropic.fromEnv()),
                        model(options, "claude-3-5-haiku-latest"),
                        "anthropic",
                        null);
            }
            if (isSet(env, "GEMINI_API_KEY")) {
                return new ProviderChoice(
                        Instructor.from(Gemini.fromEnv()), model(options, "gemini-2.0-flash"), "gemini", null);
            }
            if (isSet(env, "OLLAMA_HOST")) {
                return new ProviderChoice(
                        Instructor.from(Ollama.fromEnv()), model(options, "llama3.2"), "ollama", null);
            }
        }
        OfflineModel offline = OfflineModel.start(options.offlinePace());
        return new ProviderChoice(
                Instructor.from(offline.provider()), model(options, OfflineModel.MODEL), "offline", offline);
    }

    /** Returns whether this is the offline model. */
    boolean isOffline() {
        return offline != null;
    }

    @Override
    public void close() {
        if (offline != null) {
            offline.close();
        }
    }

    private static String model(DemoOptions options, String fallback) {
        return options.model() != null ? options.model() : fallback;
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }
}
