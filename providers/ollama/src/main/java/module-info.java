/** The Ollama's native chat API, as an instructor-java provider over the JDK HTTP client. */
module dev.instructor.ollama {
    requires transitive dev.instructor.core;

    exports dev.instructor.ollama;
}
