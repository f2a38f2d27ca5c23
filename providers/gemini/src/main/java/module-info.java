/** The Google Gemini's streamGenerateContent, as an instructor-java provider over the JDK HTTP client. */
module dev.instructor.gemini {
    requires transitive dev.instructor.core;
    // The builder's httpClient(...) takes a java.net.http.HttpClient.Builder configurer.
    requires transitive java.net.http;

    exports dev.instructor.gemini;
}
