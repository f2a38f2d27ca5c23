package dev.instructor.examples.demo;

import dev.instructor.ChatRequest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's prompt: turns an {@link IdeasRequest} into a {@link ChatRequest}, and reads one back for the offline
 * model, which answers the same prompt a real model gets.
 */
final class IdeaPrompt {
    private static final String SYSTEM = "You are a creative product strategist. Answer with short, concrete ideas.";
    private static final Pattern FIRST_LINE = Pattern.compile("Give (\\d+) ideas for: (.+)");

    private IdeaPrompt() {}

    /** Returns the request for {@code model}, asking for exactly {@code ideas.count()} ideas. */
    static ChatRequest request(String model, IdeasRequest ideas) {
        return ChatRequest.builder()
                .model(model)
                .system(SYSTEM)
                .user(userText(ideas))
                .build();
    }

    /** Returns the user message; its first line holds the count and the topic. */
    static String userText(IdeasRequest ideas) {
        return "Give " + ideas.count() + " ideas for: " + ideas.topic() + "\n"
                + "Each idea has a catchy title and a blurb of one or two sentences, at most 140 characters.";
    }

    /** Reads the count and topic back from a user message written by {@link #userText}, if it is one. */
    static Optional<IdeasRequest> parse(String userText) {
        String firstLine = userText.lines().findFirst().orElse("");
        Matcher matcher = FIRST_LINE.matcher(firstLine);
        if (!matcher.matches() || matcher.group(1).length() > 3) {
            return Optional.empty();
        }
        return Optional.of(new IdeasRequest(matcher.group(2).trim(), Integer.parseInt(matcher.group(1))));
    }
}
