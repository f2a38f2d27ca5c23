/** The Anthropic's Messages API, as an instructor-java provider over the JDK HTTP client. */
module dev.instructor.anthropic {
    requires transitive dev.instructor.core;

    exports dev.instructor.anthropic;
}
