/** The OpenAI: Chat Completions, the Responses API, Azure and any OpenAI-compatible server, as an instructor-java provider over the JDK HTTP client. */
module dev.instructor.openai {
    requires transitive dev.instructor.core;
    // The builder's httpClient(...) takes a java.net.http.HttpClient.Builder configurer.
    requires transitive java.net.http;

    exports dev.instructor.openai;
}
