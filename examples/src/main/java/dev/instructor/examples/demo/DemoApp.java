package dev.instructor.examples.demo;

import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo web app, the README's main command ({@code ./demo}): a page that streams ideas for a topic into a list as
 * the model writes them, served with {@code POST /ideas} as Server-Sent Events. Without an API key it runs offline
 * against an in-process fake provider.
 */
public final class DemoApp {
    private DemoApp() {}

    /**
     * Starts the demo and prints its URL; runs until the process is stopped.
     *
     * @param args see {@link DemoOptions#USAGE}
     */
    public static void main(String[] args) {
        DemoLogging.configure();
        List<String> arguments = Arrays.asList(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.println(DemoOptions.USAGE);
            return;
        }
        DemoOptions options;
        try {
            options = DemoOptions.parse(arguments, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage() + "\n" + DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        Logger log = LoggerFactory.getLogger("demo");
        ProviderChoice provider = ProviderChoice.choose(options, System.getenv());
        DemoServer server;
        try {
            server = DemoServer.start(options, provider);
        } catch (IllegalStateException e) {
            provider.close();
            System.err.println("demo: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            provider.close();
        }));
        if (provider.isOffline()) {
            log.info(
                    "OFFLINE mode ({}): ideas come from a fake provider at {}",
                    options.offline() ? "--offline" : "no API key set",
                    provider.offline().baseUrl());
        } else {
            log.info("provider: {} model {}", provider.label(), provider.model());
        }
        if (!options.corsOrigins().isEmpty()) {
            log.info("CORS origins: {}", String.join(", ", options.corsOrigins()));
        }
        // The browser test waits for this exact line: keep its shape.
        System.out.println("Demo ready: " + options.pageUrl(server.port())
                + (provider.isOffline() ? "  (offline)" : "  (" + provider.label() + ")"));
        System.out.flush();
    }
}
