package dev.instructor.examples;

/**
 * The command line of {@link StreamJsonCli}, parsed and checked.
 *
 * @param file the document to stream, or {@code null} for the built-in sample
 * @param delayMillis pause after each shown partial, so a person can watch it grow
 * @param maxChunk the longest chunk fed at once
 * @param seed seed of the chunk-length generator
 * @param lenient parse chatty model output (prose or a markdown fence around the JSON)
 * @param plain print each partial on its own line instead of re-drawing one line
 */
record CliOptions(String file, long delayMillis, int maxChunk, long seed, boolean lenient, boolean plain) {
    static final String USAGE =
            "usage: StreamJsonCli [file.json] [--delay-ms N] [--max-chunk N] [--seed N] [--lenient] [--plain]";

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    static CliOptions parse(String[] args) {
        String file = null;
        long delayMillis = 40;
        int maxChunk = 6;
        long seed = 42;
        boolean lenient = false;
        boolean plain = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--delay-ms" -> delayMillis = number(args, ++i, arg, 0, Long.MAX_VALUE);
                case "--max-chunk" -> maxChunk = (int) number(args, ++i, arg, 1, Integer.MAX_VALUE);
                case "--seed" -> seed = number(args, ++i, arg, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--lenient" -> lenient = true;
                case "--plain" -> plain = true;
                default -> {
                    if (arg.startsWith("--") || file != null) {
                        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                    }
                    file = arg;
                }
            }
        }
        return new CliOptions(file, delayMillis, maxChunk, seed, lenient, plain);
    }

    private static long number(String[] args, int index, String option, long minimum, long maximum) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a number");
        }
        long value;
        try {
            value = Long.parseLong(args[index]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number but got '" + args[index] + "'");
        }
        if (value < minimum) {
            throw new IllegalArgumentException(option + " must be at least " + minimum + " but was " + value);
        }
        if (value > maximum) {
            throw new IllegalArgumentException(option + " must be at most " + maximum + " but was " + value);
        }
        return value;
    }
}
