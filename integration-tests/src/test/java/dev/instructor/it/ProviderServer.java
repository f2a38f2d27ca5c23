package dev.instructor.it;

import dev.instructor.Instructor;
import dev.instructor.InstructorListener;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.RecordedRequest;
import java.net.URI;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh {@link FakeProviderServer} for each test, closed after it even when the test fails, and clients of a
 * {@link ProviderSetup} against it. Registered with {@code @RegisterExtension} on an instance field, so that each test
 * (each parameterized invocation too) gets its own server:
 *
 * <pre>{@code
 * final ProviderServer server = ProviderServer.of(ProviderSetup.OPENAI_CHAT_TOOLS);
 *
 * void aTest() {
 *     server.enqueue(...);
 *     Instructor client = server.client();
 *     ...
 *     RecordedRequest request = server.takeRequest();
 * }
 * }</pre>
 *
 * <p>The server starts before the test class's own {@code @BeforeEach} methods, which may use it, and closes after
 * its {@code @AfterEach} methods.
 */
final class ProviderServer implements BeforeEachCallback, AfterEachCallback {
    private final ProviderSetup setup;
    private final FakeProviderServer.Builder builder;
    private FakeProviderServer server;

    private ProviderServer(ProviderSetup setup, FakeProviderServer.Builder builder) {
        this.setup = setup;
        this.builder = builder;
    }

    /** Serves tests that run against {@code setup}: {@link #client(InstructorListener...)} builds its clients. */
    static ProviderServer of(ProviderSetup setup) {
        return of(setup, FakeProviderServer.builder());
    }

    /** As {@link #of(ProviderSetup)}, with each test's server built by {@code builder} (a dispatcher, say). */
    static ProviderServer of(ProviderSetup setup, FakeProviderServer.Builder builder) {
        return new ProviderServer(Objects.requireNonNull(setup, "setup"), builder);
    }

    /**
     * Serves tests that each name their setup, typically a parameter, in
     * {@link #client(ProviderSetup, InstructorListener...)}.
     */
    static ProviderServer anySetup() {
        return new ProviderServer(null, FakeProviderServer.builder());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server = builder.build();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.close();
    }

    /** Returns a new client of this server's setup against the server, with these listeners. */
    Instructor client(InstructorListener... listeners) {
        if (setup == null) {
            throw new IllegalStateException("no setup to build a client of: call client(setup)");
        }
        return client(setup, listeners);
    }

    /** Returns a new client of {@code setup} against the server, with these listeners. */
    Instructor client(ProviderSetup setup, InstructorListener... listeners) {
        return setup.client(server, listeners);
    }

    /** Adds a response to answer the next request without one: {@link FakeProviderServer#enqueue}. */
    ProviderServer enqueue(FakeResponse response) {
        server.enqueue(response);
        return this;
    }

    /** Removes and returns the next received request, waiting up to five seconds. */
    RecordedRequest takeRequest() {
        return server.takeRequest();
    }

    /** Returns how many requests the server has received. */
    int requestCount() {
        return server.requestCount();
    }

    /** Returns the URL of {@code path} on the server, e.g. {@code url("/v1")}. */
    URI url(String path) {
        return server.url(path);
    }
}
