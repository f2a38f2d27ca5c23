package dev.instructor.internal.client;

import dev.instructor.ResponseModel;
import tools.jackson.databind.node.ObjectNode;

/**
 * A response model with what every request for it sends: the schema (wrapped as the model unwraps) and its name.
 * Building both costs milliseconds (Jackson introspection, schema generation), so the client keeps one per type.
 *
 * @param model the response model
 * @param schema the plain JSON schema providers receive; shared, never modified (the SPI's contract)
 * @param schemaName the tool or schema name
 */
record PreparedModel<T>(ResponseModel<T> model, ObjectNode schema, String schemaName) {

    static <T> PreparedModel<T> of(ResponseModel<T> model) {
        return new PreparedModel<>(model, model.schema(), SchemaNames.of(model.type()));
    }
}
