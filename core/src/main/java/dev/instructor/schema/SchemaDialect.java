package dev.instructor.schema;

import tools.jackson.databind.node.ObjectNode;

/**
 * The flavours of JSON Schema that LLM providers accept. Each dialect is a pure function from one plain schema (as
 * generated from a Java type) to the schema a provider wants; the input is never modified.
 */
public enum SchemaDialect {
    /** Plain JSON Schema (draft 2020-12), as generated. */
    PLAIN,
    /**
     * OpenAI strict structured outputs: every property required, optional ones typed {@code ["T","null"]},
     * {@code additionalProperties: false} everywhere, keywords strict mode rejects moved into descriptions.
     */
    OPENAI_STRICT,
    /** Anthropic tool input and output format schemas: plain JSON Schema. */
    ANTHROPIC,
    /** Google Gemini's supported subset of JSON Schema. */
    GEMINI;

    /**
     * Returns {@code schema} rewritten for this dialect, as a new tree.
     *
     * @param schema a plain schema; not modified
     */
    public ObjectNode apply(ObjectNode schema) {
        // Skeleton: the schema work replaces this with the real rewrites.
        return schema.deepCopy();
    }
}
