/**
 * Test support for applications of instructor-java: {@code FakeProviderServer}, a loopback HTTP server that answers
 * in each provider's streaming wire format with scripted, paced, split or failing answers.
 */
module dev.instructor.testing {
    exports dev.instructor.testing;
}
