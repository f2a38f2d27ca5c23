package dev.instructor.spi;

/** The part of a stopped answer's message that says how far the answer got, where the text is at hand. */
final class StopMessages {
    private StopMessages() {}

    /** Returns {@code "after N chars of the answer"}, or {@code "before any answer"} for an empty or null text. */
    static String after(String partialText) {
        return partialText == null || partialText.isEmpty()
                ? "before any answer"
                : "after " + partialText.length() + " chars of the answer";
    }
}
