package app.model;

import jakarta.validation.constraints.Size;

public record Idea(String title, @Size(max = 20) String blurb) {}
