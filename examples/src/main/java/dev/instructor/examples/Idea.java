package dev.instructor.examples;

import jakarta.validation.constraints.Size;

/**
 * One marketing idea, the seed chapter's {@code Idea}: the blurb is capped at 140 characters, checked on the final
 * value and, with fail-fast, as soon as the blurb is complete.
 *
 * @param title a short name
 * @param blurb one line of copy
 */
public record Idea(String title, @Size(max = 140) String blurb) {}
