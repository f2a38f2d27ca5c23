package dev.instructor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A description of a type or property written into the JSON Schema the model is asked to fill, where it guides the
 * model as a prompt would. On a record component it reaches the generated field and accessor, so
 * {@code record Movie(@Description("One sentence explaining why this movie fits") String reason) {}} describes
 * {@code reason}.
 *
 * <p>On the response model's own type it also becomes the description of the forced tool ({@code TOOLS}) or of
 * OpenAI's response format ({@code JSON_SCHEMA}), which providers show the model next to the name, as Python
 * Instructor does with a model's docstring.
 *
 * <p>Jackson's {@code @JsonClassDescription} and {@code @JsonPropertyDescription} are honoured too; when both are
 * present this annotation wins.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.PARAMETER})
public @interface Description {
    /** The description text, in plain words addressed to the model. */
    String value();
}
