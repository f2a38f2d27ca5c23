package dev.instructor.examples.snippets;

import dev.instructor.AsyncPartialStream;
import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.InstructorRetryException;
import dev.instructor.PartialStream;
import dev.instructor.PartialUpdate;
import dev.instructor.ResponseModel;
import dev.instructor.TypeRef;
import dev.instructor.Violation;
import dev.instructor.anthropic.Anthropic;
import dev.instructor.gemini.Gemini;
import dev.instructor.ollama.Ollama;
import dev.instructor.openai.OpenAi;
import dev.instructor.spi.Mode;
import dev.instructor.sse.SseCors;
import dev.instructor.sse.StructuredSse;
import dev.instructor.sse.javalin.JavalinSse;
import dev.instructor.sse.servlet.ServletSse;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLContext;

/**
 * The code blocks of README.md and docs/guide.md, compiled with the tests so they cannot rot (as caffeine's
 * {@code Snippets.java}); {@code MarkdownSnippetsTest} checks each Markdown block equals its region here. Never run:
 * they need real API keys. A region runs from {@code // snippet:name} to {@code // end:name}.
 */
@SuppressWarnings("unused")
final class Snippets {
    private Snippets() {}

    // snippet:idea
    record Idea(String title, @Size(max = 140) String blurb) {}
    // end:idea

    static void basic() {
        // snippet:basic
        Instructor client = Instructor.from(OpenAi.fromEnv()); // OPENAI_API_KEY
        ChatRequest request = ChatRequest.builder()
                .model("gpt-4o-mini")
                .user("Generate 3 marketing ideas for a note-taking app")
                .build();

        try (PartialStream<List<Idea>> stream = client.responses().stream(request, new TypeRef<List<Idea>>() {})) {
            for (List<Idea> partial : stream) {
                System.out.println("partial: " + partial); // ever-fuller List<Idea>, for display
            }
            List<Idea> ideas = stream.getFinalResponse(); // fully validated: the one to act on
            System.out.println("final: " + ideas);
        }
        // end:basic
    }

    static void batch(Instructor client, ChatRequest request) {
        // snippet:batch
        List<Idea> ideas = client.responses().create(request, new TypeRef<List<Idea>>() {});
        // end:batch
    }

    static void updates(Instructor client, ChatRequest request) {
        // snippet:updates
        try (PartialStream<List<Idea>> stream = client.responses().stream(request, new TypeRef<List<Idea>>() {})) {
            for (PartialUpdate<List<Idea>> update : stream.updates()) {
                if (update.attempt() > 1) {
                    System.out.println("re-asked: attempt " + update.attempt() + " starts from nothing");
                }
                System.out.println(update.completedPaths() + " completed, writing " + update.activePath());
                if (update.isFinal()) {
                    System.out.println("validated: " + update.value());
                }
            }
        }
        // end:updates
    }

    static void elements(Instructor client, ChatRequest request) {
        // snippet:elements
        try (PartialStream<List<Idea>> stream = client.responses().stream(request, new TypeRef<List<Idea>>() {})) {
            for (Idea idea : stream.elements(Idea.class)) {
                System.out.println("complete and valid: " + idea); // each item once, as soon as it is done
            }
            List<Idea> all = stream.getFinalResponse();
        }
        // end:elements
    }

    static void async(Instructor client, ChatRequest request) {
        // snippet:async
        AsyncPartialStream<List<Idea>> stream = client.responses().streamAsync(request, new TypeRef<List<Idea>>() {});
        stream.elements(Idea.class).subscribe(new Flow.Subscriber<Idea>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Idea idea) {
                System.out.println("complete: " + idea); // on an HTTP client thread: do not block here
            }

            @Override
            public void onError(Throwable failure) {}

            @Override
            public void onComplete() {}
        });
        stream.finalResponse().thenAccept(ideas -> System.out.println("final: " + ideas));
        // stream.cancel() aborts the provider request, e.g. when the user navigates away
        // end:async
    }

    static void reask() {
        // snippet:reask
        Instructor client = Instructor.builder()
                .provider(Anthropic.fromEnv())
                .failFast(true) // the default: abort an attempt as soon as a completed part breaks a constraint
                .build();
        ChatRequest request = ChatRequest.builder()
                .model("claude-3-5-haiku-latest")
                .user("Generate 3 marketing ideas for a note-taking app")
                .maxRetries(2) // the default: up to 3 attempts in all
                .build();
        try {
            List<Idea> ideas = client.responses().create(request, new TypeRef<List<Idea>>() {});
        } catch (InstructorRetryException e) {
            System.out.println(e.attempts() + " attempts rejected; last: " + e.lastViolations());
        }
        // end:reask
    }

    static void validator(Instructor client, ChatRequest request) {
        // snippet:validator
        ResponseModel<List<Idea>> distinctTitles = ResponseModel.builder(new TypeRef<List<Idea>>() {})
                .validator((ideas, context) -> {
                    List<Violation> violations = new ArrayList<>();
                    for (int i = 1; i < ideas.size(); i++) {
                        if (ideas.get(i).title().equals(ideas.get(0).title())) {
                            violations.add(Violation.of("/" + i + "/title", "repeats the first title"));
                        }
                    }
                    return violations; // runs on the final value only; a violation re-asks the model
                })
                .build();
        List<Idea> ideas = client.responses().create(request, distinctTitles);
        // end:validator
    }

    static void tuning() {
        // snippet:tuning
        ChatRequest request = ChatRequest.builder()
                .model("gpt-4o-mini")
                .user("Generate 3 marketing ideas for a note-taking app")
                .partialInterval(Duration.ofMillis(100)) // at most 10 partials a second; the final is never held
                // adjusts the provider's timeouts; timeouts(Timeouts) would replace them all
                .timeouts(t -> t.withIdle(Duration.ofSeconds(20)).withTotal(Duration.ofMinutes(2)))
                .maxTokens(1_000) // a cut-off answer fails with TruncatedException, it is not re-asked
                .build();
        // end:tuning
    }

    static void javalin(Instructor client) {
        // snippet:javalin
        JavalinSse sse = JavalinSse.create(StructuredSse.builder()
                        .heartbeat(Duration.ofSeconds(15)) // detects a departed browser while the model is silent
                        .timeLimit(Duration.ofMinutes(2))
                        .build())
                .cors(SseCors.allowOrigins("http://localhost:3000"));
        Handler ideas = ctx -> sse.streamAsync(ctx, format -> {
            ChatRequest request = ChatRequest.builder()
                    .model("gpt-4o-mini")
                    .user("Give 5 " + ctx.queryParam("topic"))
                    .build();
            return client.responses().streamAsync(request, new TypeRef<List<Idea>>() {});
        });
        Javalin app = Javalin.create(config -> {
            config.routes.post("/ideas", ideas);
            config.routes.options("/ideas", sse::preflight); // CORS preflight
        });
        // end:javalin
    }

    static void servlet(Instructor client) {
        // snippet:servlet
        ServletSse sse = ServletSse.create(StructuredSse.builder()
                        .heartbeat(Duration.ofSeconds(15))
                        .timeLimit(Duration.ofMinutes(2))
                        .build())
                .cors(SseCors.allowOrigins("http://localhost:3000"));
        HttpServlet ideas = new HttpServlet() {
            @Override // every method, OPTIONS included, goes to the adapter for its checks and CORS headers
            protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                sse.stream(req, res, format -> {
                    ChatRequest request = ChatRequest.builder()
                            .model("gpt-4o-mini")
                            .user("Give 5 " + req.getParameter("topic"))
                            .build();
                    return client.responses().stream(request, new TypeRef<List<Idea>>() {});
                });
            }
        };
        // end:servlet
    }

    static void reasoning() {
        // snippet:reasoning
        Instructor qwq = Instructor.builder() // QwQ served without a reasoning parser
                .provider(OpenAi.compatible("http://localhost:8000/v1").build())
                .defaultMode(Mode.MD_JSON) // free text: room for the reasoning before the answer
                .startsInsideReasoning(true) // the template wrote <think>: skip the answer up to </think>
                .build();
        // end:reasoning
    }

    static void providers() {
        // snippet:providers
        Instructor openAi = Instructor.from(OpenAi.fromEnv()); // TOOLS
        Instructor anthropic = Instructor.from(Anthropic.fromEnv()); // TOOLS
        Instructor gemini = Instructor.from(Gemini.fromEnv()); // JSON_SCHEMA
        Instructor ollama = Instructor.from(Ollama.fromEnv()); // JSON_SCHEMA
        Instructor local = Instructor.builder() // any OpenAI-compatible server
                .provider(OpenAi.compatible("http://localhost:8000/v1").build())
                .defaultMode(Mode.JSON)
                .build();
        // end:providers
    }

    static void httpClient(SSLContext corporateCa, char[] proxyPassword) {
        // snippet:http-client
        ExecutorService callbacks = Executors.newFixedThreadPool(16); // or newVirtualThreadPerTaskExecutor() on 21
        OpenAi openAi = OpenAi.builder()
                .apiKey(System.getenv("OPENAI_API_KEY"))
                .httpClient(http -> http.proxy(ProxySelector.of(new InetSocketAddress("proxy.corp.example", 3128)))
                        .authenticator(new Authenticator() {
                            @Override
                            protected PasswordAuthentication getPasswordAuthentication() {
                                return new PasswordAuthentication("svc-llm", proxyPassword); // the proxy's 407
                            }
                        })
                        .sslContext(corporateCa) // trusts the gateway's CA; with a KeyManager, mutual TLS
                        .executor(callbacks) // every callback, so every streamAsync subscriber, runs here
                        .version(HttpClient.Version.HTTP_1_1))
                .build();
        // end:http-client
    }
}
