/**
 * Structured, validated LLM outputs streamed as partial objects of the caller's own types: the client, response
 * models, JSON Schema generation, partial binding, validation and the provider SPI.
 *
 * <p>The library binds, reads and validates the application's records and beans by reflection: the package that
 * holds them must be open to Jackson and Hibernate Validator, and open to this module for the binder's direct calls
 * (without that, partials are built through Jackson, a little slower). For example {@code opens com.example.model to
 * dev.instructor.core, tools.jackson.databind, org.hibernate.validator;}.
 */
// The provider modules the transport is exported to are built after this one, so javac cannot see them yet.
@SuppressWarnings("module")
module dev.instructor.core {
    requires transitive dev.instructor.json;
    requires transitive tools.jackson.databind;
    requires transitive jakarta.validation;
    requires java.net.http;
    requires com.fasterxml.classmate;
    requires com.github.victools.jsonschema.generator;
    requires com.github.victools.jsonschema.module.jackson;
    requires com.github.victools.jsonschema.module.jakarta.validation;
    requires org.hibernate.validator;
    // Hibernate Validator interpolates messages with Jakarta EL but requires it only statically: this brings the EL
    // API into the module graph, and with it the Expressly implementation that provides its ExpressionFactory.
    requires jakarta.el;

    exports dev.instructor;
    exports dev.instructor.schema;
    exports dev.instructor.spi;
    // The shared HTTP transport of the provider modules; not API.
    exports dev.instructor.internal.transport to
            dev.instructor.openai,
            dev.instructor.anthropic,
            dev.instructor.gemini,
            dev.instructor.ollama,
            dev.instructor.testing;

    // Hibernate Validator makes the validators of @Size and @NotEmpty on an Iterable, which it lacks; not API.
    exports dev.instructor.internal.validation to
            org.hibernate.validator;

    uses jakarta.validation.valueextraction.ValueExtractor;
}
