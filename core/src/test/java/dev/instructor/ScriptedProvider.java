package dev.instructor;

import dev.instructor.schema.SchemaDialect;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderCall;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderException;
import dev.instructor.spi.ProviderListener;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.spi.TruncatedException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link LlmProvider} for core tests: each call plays the next script on a daemon thread of its own
 * (calls run side by side, as a real provider's do), event by event, and records the request and how many events it
 * delivered before a cancel.
 */
final class ScriptedProvider implements LlmProvider {
    /** One thread per call being played, as a real provider's calls run side by side. */
    private static final ExecutorService PLAYER = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "scripted-provider");
        thread.setDaemon(true);
        return thread;
    });

    /** The pause of a script played on the thread that opens the call, before {@code open} returns. */
    private static final long INLINE = -1;

    private final ConcurrentLinkedQueue<Script> scripts = new ConcurrentLinkedQueue<>();
    final List<ProviderRequest> requests = new CopyOnWriteArrayList<>();
    final List<Played> calls = new CopyOnWriteArrayList<>();
    private final Mode defaultMode;

    ScriptedProvider(Mode defaultMode) {
        this.defaultMode = defaultMode;
    }

    ScriptedProvider() {
        this(Mode.JSON_SCHEMA);
    }

    /** A scripted answer: events, then completion or a failure. */
    record Script(
            List<ProviderEvent> events, ProviderException failure, long pauseMillis, int holdBefore, long holdMillis) {
        Script(List<ProviderEvent> events, ProviderException failure, long pauseMillis) {
            this(events, failure, pauseMillis, -1, 0);
        }
    }

    /** What happened to one call. */
    static final class Played {
        final AtomicInteger delivered = new AtomicInteger();
        final AtomicBoolean cancelled = new AtomicBoolean();
        final int total;

        Played(int total) {
            this.total = total;
        }
    }

    /** Enqueues an answer whose JSON arrives in chunks of {@code chunk} chars, with usage {@code in}/{@code out}. */
    ScriptedProvider answer(String json, int chunk, long in, long out) {
        scripts.add(new Script(events(json, chunk, in, out, "stop"), null, 0));
        return this;
    }

    ScriptedProvider answer(String json) {
        return answer(json, 3, 10, 20);
    }

    /**
     * Enqueues an answer delivered whole before {@code open} returns, on the caller's thread, as a provider answering
     * from memory may deliver it.
     */
    ScriptedProvider inlineAnswer(String json) {
        scripts.add(new Script(events(json, 3, 10, 20, "stop"), null, INLINE));
        return this;
    }

    /** Enqueues an answer whose text arrives in exactly the {@code deltas} given, one event each. */
    ScriptedProvider deltas(String... deltas) {
        List<ProviderEvent> events = new ArrayList<>();
        for (String delta : deltas) {
            events.add(new ProviderEvent.TextDelta(delta));
        }
        events.add(new ProviderEvent.Usage(1, 1, 2));
        events.add(new ProviderEvent.Finish("stop"));
        scripts.add(new Script(events, null, 0));
        return this;
    }

    /** Enqueues an answer sent slowly: {@code pauseMillis} between events. */
    ScriptedProvider slowAnswer(String json, int chunk, long pauseMillis) {
        scripts.add(new Script(events(json, chunk, 1, 1, "stop"), null, pauseMillis));
        return this;
    }

    /**
     * Enqueues an answer sent every {@code pauseMillis}, whose end (usage and finish) comes {@code holdMillis} after
     * the last delta: the model has written its JSON but the stream has not ended.
     */
    ScriptedProvider heldAnswer(String json, int chunk, long pauseMillis, long holdMillis) {
        List<ProviderEvent> events = events(json, chunk, 1, 1, "stop");
        scripts.add(new Script(events, null, pauseMillis, events.size() - 2, holdMillis));
        return this;
    }

    /** Enqueues a tool-call answer with the given call id. */
    ScriptedProvider toolAnswer(String id, String json) {
        return toolAnswer(id, null, json);
    }

    /** Enqueues a tool-call answer with the given call id and signature. */
    ScriptedProvider toolAnswer(String id, String signature, String json) {
        List<ProviderEvent> events = new ArrayList<>();
        events.add(new ProviderEvent.ToolCall(id, "tool", signature));
        events.addAll(events(json, 4, 5, 5, "tool_calls"));
        scripts.add(new Script(events, null, 0));
        return this;
    }

    /** Enqueues an answer cut off by the token limit after {@code json}. */
    ScriptedProvider truncated(String json) {
        List<ProviderEvent> events = new ArrayList<>();
        events.add(new ProviderEvent.TextDelta(json));
        scripts.add(new Script(events, new TruncatedException("scripted", "length", json, 1), 0));
        return this;
    }

    /** Enqueues a refusal. */
    ScriptedProvider refused(String why) {
        List<ProviderEvent> events = List.of(new ProviderEvent.Refusal(why));
        scripts.add(new Script(events, new dev.instructor.spi.RefusalException("scripted", why, "", 1), 0));
        return this;
    }

    static List<ProviderEvent> events(String json, int chunk, long in, long out, String finish) {
        List<ProviderEvent> events = new ArrayList<>();
        for (int at = 0; at < json.length(); at += chunk) {
            events.add(new ProviderEvent.TextDelta(json.substring(at, Math.min(at + chunk, json.length()))));
        }
        events.add(new ProviderEvent.Usage(in, out, in + out));
        events.add(new ProviderEvent.Finish(finish));
        return events;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public Set<Mode> modes() {
        return EnumSet.allOf(Mode.class);
    }

    @Override
    public Mode defaultMode() {
        return defaultMode;
    }

    @Override
    public SchemaDialect dialect(Mode mode) {
        return SchemaDialect.PLAIN;
    }

    @Override
    public ProviderCall open(ProviderRequest request, ProviderListener listener) {
        requests.add(request);
        Script script = scripts.poll();
        if (script == null) {
            throw new AssertionError("no script left for request " + requests.size());
        }
        Played played = new Played(script.events().size());
        calls.add(played);
        Object lock = new Object();
        Executor player = script.pauseMillis() == INLINE ? Runnable::run : PLAYER;
        player.execute(() -> {
            for (int i = 0; i < script.events().size(); i++) {
                ProviderEvent event = script.events().get(i);
                if (i == script.holdBefore()) {
                    pause(script.holdMillis());
                }
                synchronized (lock) {
                    if (played.cancelled.get()) {
                        return;
                    }
                    played.delivered.incrementAndGet();
                    listener.onEvent(event);
                }
                pause(script.pauseMillis());
            }
            synchronized (lock) {
                if (played.cancelled.get()) {
                    return;
                }
                if (script.failure() != null) {
                    listener.onFailure(script.failure());
                } else {
                    listener.onComplete();
                }
                played.cancelled.set(true); // ended: later cancels do nothing
            }
        });
        return new ProviderCall() {
            @Override
            public void cancel() {
                played.cancelled.set(true);
            }

            @Override
            public boolean isDone() {
                return played.cancelled.get();
            }
        };
    }

    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
