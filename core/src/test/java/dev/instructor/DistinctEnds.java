package dev.instructor;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Objects;

/**
 * A class-level constraint for the validation tests: a journey's two ends must differ. It needs the whole object, so
 * it is reported on the object, not on a member.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DistinctEnds.Validator.class)
@interface DistinctEnds {
    String message() default "start and end must differ";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** What a type carrying the constraint exposes. */
    interface Ends {
        Object start();

        Object end();
    }

    /** Checks {@link DistinctEnds}; an end not given yet passes. */
    final class Validator implements ConstraintValidator<DistinctEnds, Ends> {
        @Override
        public boolean isValid(Ends ends, ConstraintValidatorContext context) {
            return ends == null || ends.start() == null || !Objects.equals(ends.start(), ends.end());
        }
    }
}
