package dev.instructor.examples;

import dev.instructor.Description;

/**
 * One recommendation of the seed chapter's async example. The {@link Description} goes into the JSON Schema the model
 * is asked to fill, where it guides the model as a prompt would.
 *
 * @param title the film's title
 * @param year the release year; a number, so partials show it only once complete ({@code 0} until then)
 * @param reason why it fits
 */
public record MovieRecommendation(
        String title,
        int year,

        @Description("One sentence explaining why this movie fits")
        String reason) {}
