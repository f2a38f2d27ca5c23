package dev.instructor.internal.client;

import dev.instructor.ResponseModel;
import dev.instructor.ValidationException;
import dev.instructor.Violation;
import dev.instructor.spi.InvalidToolCallException;
import dev.instructor.spi.Mode;
import java.util.List;

/**
 * The last link: binds and validates the attempt's answer. A provider failure passes through as it is, except a tool
 * call the provider could not read; that, an answer rejected mid-stream, one that is not JSON, or one that breaks a
 * constraint becomes a {@link ValidationException} for the links before it to act on.
 */
final class FinalValidation implements AttemptInterceptor {

    @Override
    public Decision intercept(AttemptEnd end, Chain chain) {
        if (end.failure() instanceof InvalidToolCallException invalid) {
            // The model's mistake, not the provider's: the links before this one re-ask it like any invalid answer.
            String why = invalid.detail().isEmpty() ? "" : ": " + invalid.detail();
            return new Decision.Fail(new ValidationException(List.of(Violation.of(
                    "", "the provider could not read the tool call (" + invalid.finishReason() + why + ")"))));
        }
        if (end.failure() != null) {
            return new Decision.Fail(end.failure());
        }
        if (!end.earlyViolations().isEmpty()) {
            return new Decision.Fail(new ValidationException(end.earlyViolations()));
        }
        if (end.document() == null) {
            String why = end.rawText().isBlank()
                    ? emptyAnswer(end)
                    : end.syntaxError() != null ? end.syntaxError() : "the answer holds no JSON value";
            return new Decision.Fail(new ValidationException(List.of(Violation.of("", "not valid JSON: " + why))));
        }
        try {
            return validate(end.plan().model, end);
        } catch (ValidationException e) {
            return new Decision.Fail(e);
        }
    }

    /**
     * Says that nothing arrived, rather than where the parser found the end: a model that wrote text where a tool call
     * was asked for, or a server that ignored the forced tool choice, sends no arguments at all.
     */
    private static String emptyAnswer(AttemptEnd end) {
        return end.plan().mode == Mode.TOOLS && end.toolCallId() == null
                ? "the answer was empty: no call of the tool " + end.plan().schemaName + " arrived"
                : "the answer was empty";
    }

    private static <T> Decision validate(ResponseModel<T> model, AttemptEnd end) {
        // As written: Jackson resolves (or rejects) a repeated member name itself, as the partials expect.
        T value = model.parse(end.document().toWrittenJson());
        // With the document, so that a path names a member as the model wrote it (an alias), not as the type does.
        List<Violation> violations =
                model.validate(value, end.document(), end.plan().request.validationContext());
        if (!violations.isEmpty()) {
            return new Decision.Fail(new ValidationException(violations));
        }
        return new Decision.Accept(value, end.document());
    }
}
