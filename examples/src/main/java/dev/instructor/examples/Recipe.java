package dev.instructor.examples;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * One recipe of the seed chapter's list example.
 *
 * @param name the dish
 * @param prepTimeMinutes at least 1; {@code 0} in a partial until the number is complete
 * @param ingredients at least one; grows item by item in partials
 * @param instructions how to cook it
 */
public record Recipe(
        String name,
        @Min(1) int prepTimeMinutes,
        @Size(min = 1) List<String> ingredients,
        String instructions) {}
