/** The Google Gemini's streamGenerateContent, as an instructor-java provider over the JDK HTTP client. */
module dev.instructor.gemini {
    requires transitive dev.instructor.core;

    exports dev.instructor.gemini;
}
