package dev.instructor.examples.demo;

import dev.instructor.sse.SseCors;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo's settings, from its command line and environment; the command line wins.
 *
 * @param host the interface to listen on
 * @param port the port; 0 for any free one
 * @param corsOrigins page origins allowed to call {@code /ideas} from elsewhere
 * @param offline true to use the offline model even when an API key is set
 * @param offlinePace the offline model's pause between tokens
 * @param model the model name, or null for the provider's default in {@link ProviderChoice}
 */
record DemoOptions(
        String host, int port, List<String> corsOrigins, boolean offline, Duration offlinePace, String model) {

    static final String USAGE = String.join(
            "\n",
            "Usage: ./demo [--port N] [--host H] [--cors-origin URL]... [--offline] [--offline-pace-ms N] [--model M]",
            "       ./demo cli [file.json] [--delay-ms N]   (the streaming JSON CLI)",
            "  --port N             port to listen on, 0 for any free port (env PORT; default 8080)",
            "  --host H             interface to listen on (default 127.0.0.1)",
            "  --cors-origin URL    allow pages of this origin to call /ideas; repeatable or comma-separated",
            "                       (env DEMO_CORS_ORIGINS)",
            "  --offline            use the built-in offline model even when an API key is set",
            "  --offline-pace-ms N  the offline model's pause between tokens (default 30)",
            "  --model M            model name (env DEMO_MODEL; default per provider)",
            "Provider: the first of OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, OLLAMA_HOST that is set;",
            "otherwise offline.");

    /**
     * Returns the address a browser on this machine opens to reach the demo on {@code port}. {@code localhost} for
     * a loopback or wildcard host, which every local browser reaches; otherwise the host itself, since a server bound
     * to one interface's address is not reachable as {@code localhost}. No name is looked up.
     */
    String pageUrl(int port) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String name = isLocal(bare) ? "localhost" : bare.contains(":") ? "[" + bare + "]" : bare;
        return "http://" + name + ":" + port + "/";
    }

    private static boolean isLocal(String host) {
        if (host.isEmpty() || host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.contains(":") && !host.matches("[0-9.]+")) {
            return false;
        }
        try {
            // An address literal: parsed, never looked up.
            InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress() || address.isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Reads the options.
     *
     * @throws IllegalArgumentException naming the bad option or value
     */
    static DemoOptions parse(List<String> args, Map<String, String> env) {
        String host = "127.0.0.1";
        // PORT is read only when --port is not given, so that the command line wins over a bad variable too.
        String portVariable = blankToNull(env.get("PORT"));
        Integer portOption = null;
        List<String> origins = new ArrayList<>(origins(env.getOrDefault("DEMO_CORS_ORIGINS", ""), "DEMO_CORS_ORIGINS"));
        boolean offline = false;
        long paceMillis = 30;
        String model = blankToNull(env.get("DEMO_MODEL"));
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--port" -> portOption = port(value(args, ++i, arg), arg);
                case "--host" -> host = value(args, ++i, arg);
                case "--cors-origin" -> origins.addAll(origins(value(args, ++i, arg), arg));
                case "--offline" -> offline = true;
                case "--offline-pace-ms" -> paceMillis = pace(value(args, ++i, arg));
                case "--model" -> model = value(args, ++i, arg);
                default -> throw new IllegalArgumentException("unknown option: " + arg);
            }
        }
        int port = portOption != null ? portOption : portVariable != null ? port(portVariable, "PORT") : 8080;
        return new DemoOptions(host, port, List.copyOf(origins), offline, Duration.ofMillis(paceMillis), model);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()
                || args.get(index).startsWith("--")
                || args.get(index).isBlank()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int port(String text, String source) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(source + " must be a port from 0 to 65535, got \"" + text + "\"");
    }

    private static long pace(String text) {
        try {
            long millis = Long.parseLong(text.trim());
            if (millis >= 0 && millis <= 10_000) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--offline-pace-ms must be 0 to 10000, got \"" + text + "\"");
    }

    private static List<String> origins(String text, String source) {
        List<String> origins = new ArrayList<>();
        for (String origin : text.split(",")) {
            if (!origin.isBlank()) {
                origins.add(origin.trim());
            }
        }
        try {
            // Checked now, as the server would at start-up, so that a bad origin is a bad option.
            if (!origins.isEmpty()) {
                SseCors.allowOrigins(origins.toArray(String[]::new));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        return origins;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
