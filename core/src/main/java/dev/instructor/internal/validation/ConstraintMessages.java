package dev.instructor.internal.validation;

import jakarta.validation.ConstraintTarget;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Payload;
import jakarta.validation.ValidationException;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.ValidateUnwrappedValue;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Interpolates the message of a constraint annotation that Bean Validation never reads itself, such as a type token's
 * root bound ({@link RootBounds}), as it interpolates the messages of the constraints it checks: the same interpolator
 * (Hibernate Validator's, in English), so that {@code {min}} takes the annotation's value and a {@code {bundle.key}}
 * is looked up in the application's {@code ValidationMessages} and then Hibernate Validator's own. Also the message of
 * a constraint Bean Validation could not check on a placeholder value (see {@link BeanValidation#validateGrowing}).
 */
final class ConstraintMessages {
    private final MessageInterpolator interpolator;

    ConstraintMessages(MessageInterpolator interpolator) {
        this.interpolator = interpolator;
    }

    /** Returns the message of {@code constraint}, interpolated; the template itself if the interpolator fails. */
    String of(Annotation constraint) {
        Map<String, Object> attributes = attributes(constraint);
        if (!(attributes.get("message") instanceof String)) {
            throw new IllegalArgumentException("@" + constraint.annotationType().getSimpleName() + " has no message");
        }
        return of(new Descriptor(constraint, attributes), null);
    }

    /**
     * Returns the message of a constraint declared on a bean, as a violation of it by {@code validated} gives it:
     * for a violation found without Bean Validation, which could not be asked.
     */
    String of(ConstraintDescriptor<?> constraint, Object validated) {
        String message = constraint.getMessageTemplate();
        try {
            return interpolator.interpolate(message, new Context(constraint, validated));
        } catch (ValidationException e) {
            return message; // a malformed template: shown as written, as nothing else can be
        }
    }

    /** The annotation's elements by name, as a constraint descriptor lists them. */
    private static Map<String, Object> attributes(Annotation constraint) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Method element : constraint.annotationType().getDeclaredMethods()) {
            if (element.getParameterCount() == 0) {
                try {
                    element.setAccessible(true); // an annotation type of the application's may not be public
                    attributes.put(element.getName(), element.invoke(constraint));
                } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                    // an element that cannot be read cannot be interpolated either
                }
            }
        }
        return Collections.unmodifiableMap(attributes);
    }

    /** What an interpolator is told: the constraint, and the validated value (none for a root bound's size). */
    private record Context(ConstraintDescriptor<?> descriptor, Object validated)
            implements MessageInterpolator.Context {
        @Override
        public ConstraintDescriptor<?> getConstraintDescriptor() {
            return descriptor;
        }

        @Override
        public Object getValidatedValue() {
            return validated;
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new ValidationException("no " + type.getName() + " behind a message interpolated here");
        }
    }

    /** The descriptor of a constraint that is not declared on any bean. */
    private record Descriptor(Annotation annotation, Map<String, Object> attributes)
            implements ConstraintDescriptor<Annotation> {
        @Override
        public Annotation getAnnotation() {
            return annotation;
        }

        @Override
        public String getMessageTemplate() {
            return (String) attributes.get("message");
        }

        @Override
        public Set<Class<?>> getGroups() {
            return Set.of();
        }

        @Override
        public Set<Class<? extends Payload>> getPayload() {
            return Set.of();
        }

        @Override
        public ConstraintTarget getValidationAppliesTo() {
            return null;
        }

        @Override
        public List<Class<? extends jakarta.validation.ConstraintValidator<Annotation, ?>>>
                getConstraintValidatorClasses() {
            return List.of();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return attributes;
        }

        @Override
        public Set<ConstraintDescriptor<?>> getComposingConstraints() {
            return Set.of();
        }

        @Override
        public boolean isReportAsSingleViolation() {
            return false;
        }

        @Override
        public ValidateUnwrappedValue getValueUnwrapping() {
            return ValidateUnwrappedValue.DEFAULT;
        }

        @Override
        public <U> U unwrap(Class<U> type) {
            throw new ValidationException("no " + type.getName() + " behind a root bound");
        }
    }
}
