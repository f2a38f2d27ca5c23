package dev.instructor.internal.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;

/**
 * {@code @Size} and {@code @NotEmpty} on an {@code Iterable} property, which Bean Validation has no validator for
 * (Hibernate Validator fails the whole validation with HV000030), while the schema asks the model for an array with
 * {@code minItems}/{@code maxItems} and Jackson reads it as a list: the items are counted, as on a {@code Collection}.
 * Added to Hibernate's own validators of those constraints, so every other declared type keeps them.
 */
public final class IterableBounds {
    private IterableBounds() {}

    /** Adds the validators to {@code configuration}. */
    static void register(HibernateValidatorConfiguration configuration) {
        ConstraintMapping mapping = configuration.createConstraintMapping();
        mapping.constraintDefinition(Size.class).includeExistingValidators(true).validatedBy(SizeOfIterable.class);
        mapping.constraintDefinition(NotEmpty.class)
                .includeExistingValidators(true)
                .validatedBy(NotEmptyIterable.class);
        configuration.addMapping(mapping);
    }

    private static long count(Iterable<?> items, long enough) {
        long count = 0;
        for (var it = items.iterator(); it.hasNext() && count < enough; it.next()) {
            count++;
        }
        return count;
    }

    /** {@code @Size} on an {@code Iterable}: its number of items, as on a {@code Collection}; null is valid. */
    public static final class SizeOfIterable implements ConstraintValidator<Size, Iterable<?>> {
        private int min;
        private int max;

        /** Made by Hibernate Validator. */
        public SizeOfIterable() {}

        @Override
        public void initialize(Size size) {
            this.min = size.min();
            this.max = size.max();
        }

        @Override
        public boolean isValid(Iterable<?> value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            long count = count(value, (long) max + 1);
            return count >= min && count <= max;
        }
    }

    /** {@code @NotEmpty} on an {@code Iterable}: at least one item; null is not valid, as on a {@code Collection}. */
    public static final class NotEmptyIterable implements ConstraintValidator<NotEmpty, Iterable<?>> {
        /** Made by Hibernate Validator. */
        public NotEmptyIterable() {}

        @Override
        public boolean isValid(Iterable<?> value, ConstraintValidatorContext context) {
            return value != null && value.iterator().hasNext();
        }
    }
}
