/**
 * JSON Schemas for the caller's Java types and their provider dialects: {@link dev.instructor.schema.JsonSchemas}
 * generates plain JSON Schema as Jackson binds a type, {@link dev.instructor.schema.SchemaDialect} rewrites it for
 * OpenAI strict mode, Anthropic or Gemini.
 */
package dev.instructor.schema;
