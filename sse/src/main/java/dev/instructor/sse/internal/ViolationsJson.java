package dev.instructor.sse.internal;

import dev.instructor.InstructorRetryException;
import dev.instructor.ResponseModel;
import dev.instructor.ValidationException;
import dev.instructor.Violation;
import java.util.List;

/**
 * The {@code violations} member of a validation failure's {@code error} event: each violation of the last attempt as
 * {@code {"path", "message"}}, the path a JSON Pointer into the value the client holds (the list, not the {@code items}
 * wrapper the model was asked for), so that a page can mark what broke. Rejected values are left out: the message
 * already quotes what a person needs, and a value may be long.
 */
public final class ViolationsJson {
    private ViolationsJson() {}

    /**
     * Returns the JSON array of {@code failure}'s violations, or null when it is no validation failure or has none.
     *
     * @param failure the stream's failure, unwrapped
     * @param model the stream's response model, which maps the document's paths to the value's
     */
    public static String of(Throwable failure, ResponseModel<?> model) {
        List<Violation> violations = failure instanceof InstructorRetryException spent
                ? spent.lastViolations()
                : failure instanceof ValidationException invalid ? invalid.violations() : List.of();
        if (violations.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder("[");
        for (Violation violation : violations) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append("{\"path\":")
                    .append(JsonWriting.quote(model.valuePath(violation.path()).toString()))
                    .append(",\"message\":")
                    .append(JsonWriting.quote(violation.message()))
                    .append('}');
        }
        return out.append(']').toString();
    }
}
