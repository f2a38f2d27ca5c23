package dev.instructor.examples.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts text into pieces the size of an LLM's tokens, as a BPE tokenizer does English: a word with its leading space,
 * long words in parts, runs of punctuation (JSON syntax) of up to three characters.
 */
final class TokenSplitter {
    private static final Pattern TOKEN =
            Pattern.compile(" ?[\\p{L}\\p{N}]{1,7}|[^\\p{L}\\p{N}\\s]{1,3}|\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private TokenSplitter() {}

    /** Returns pieces that concatenate to {@code text}; none is empty. */
    static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() > end) {
                pieces.add(text.substring(end, matcher.start())); // cannot happen with this pattern; kept for safety
            }
            pieces.add(matcher.group());
            end = matcher.end();
        }
        if (end < text.length()) {
            pieces.add(text.substring(end));
        }
        return pieces;
    }
}
