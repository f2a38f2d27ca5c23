package dev.instructor.examples.demo;

import jakarta.validation.constraints.Size;

/**
 * One idea of the demo's answer, the Instructor streaming guide's model: a title and a blurb short enough for a card.
 *
 * @param title a catchy name
 * @param blurb one or two sentences, at most 140 characters
 */
public record Idea(String title, @Size(max = 140) String blurb) {}
