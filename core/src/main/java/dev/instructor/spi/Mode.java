package dev.instructor.spi;

/** How a provider is asked to produce structured output. */
public enum Mode {
    /** A forced function / tool call whose arguments are the structured output. */
    TOOLS,
    /** The provider's native structured-output format constrained by the JSON schema. */
    JSON_SCHEMA,
    /** The provider's plain JSON mode, with the schema given in the instructions. */
    JSON,
    /** Plain text with the JSON in a fenced Markdown block; the schema is given in the instructions. */
    MD_JSON
}
