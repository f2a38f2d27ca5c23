package dev.instructor.internal.validation;

import jakarta.validation.BootstrapConfiguration;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.groups.Default;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.ContainerElementTypeDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import jakarta.validation.metadata.ValidateUnwrappedValue;
import jakarta.validation.valueextraction.ValueExtractor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Predicate;
import org.hibernate.validator.constraintvalidation.spi.DefaultConstraintValidatorFactory;

/**
 * Tells that a value passes a property's constraints without asking Hibernate Validator, when every one of them is a
 * built-in constraint with a simple rule ({@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty}, {@code @Size},
 * {@code @Min}, {@code @Max}, {@code @Positive}, {@code @PositiveOrZero} on strings, collections, maps and integral
 * numbers). A stream checks each completed constrained value; a {@code validateValue} call costs about a
 * microsecond (it parses the property path, looks up metadata and builds a context) and nearly every value passes.
 *
 * <p>The check is one-sided: it answers {@code true} only when Bean Validation would report nothing, and {@code
 * false} when in doubt (a value it cannot judge, or one that breaks a rule), after which the caller asks Hibernate
 * Validator, which reports the violations with their messages. A property with anything else (another constraint, a
 * custom validator in place of a built-in one, groups other than the default, constraints on container elements)
 * gets no quick check.
 */
final class QuickCheck {
    /** Where Hibernate Validator keeps its built-in validators: any other class is the user's and its rule unknown. */
    private static final String BUILT_IN = "org.hibernate.validator.internal.constraintvalidators.";

    /** Declared types whose built-in validators the rules copy: text, collections and maps, integral numbers. */
    private static final Set<Class<?>> TEXT = Set.of(String.class, CharSequence.class);

    private static final Set<Class<?>> SIZED = Set.of(List.class, Set.class, Collection.class, Map.class);
    private static final Set<Class<?>> INTEGRAL =
            Set.of(Integer.class, Long.class, Short.class, Byte.class, int.class, long.class, short.class, byte.class);

    private final List<Predicate<Object>> rules;

    private QuickCheck(List<Predicate<Object>> rules) {
        this.rules = rules;
    }

    /**
     * Returns true when the validators of {@code factory} are Hibernate's own as the rules copy them: made by its
     * default factory (a factory of the user's, configured in {@code validation.xml}, may hand out a subclass that
     * judges otherwise, under the same class names), with no value extractors of the user's (which may unwrap a value
     * before its constraints see it).
     */
    static boolean trusts(ValidatorFactory factory, BootstrapConfiguration bootstrap) {
        return factory.getConstraintValidatorFactory().getClass() == DefaultConstraintValidatorFactory.class
                && bootstrap.getValueExtractorClassNames().isEmpty()
                && !ServiceLoader.load(ValueExtractor.class).iterator().hasNext()
                && !ServiceLoader.load(ValueExtractor.class, QuickCheck.class.getClassLoader())
                        .iterator()
                        .hasNext();
    }

    /** Returns a check that never passes: the property always goes to Hibernate Validator. */
    static QuickCheck never() {
        return new QuickCheck(List.of(value -> false));
    }

    /** Returns the quick check of a property's constraints, or null when they cannot all be judged here. */
    static QuickCheck of(PropertyDescriptor property) {
        if (!property.getConstrainedContainerElementTypes().isEmpty()) {
            return null;
        }
        return of(property.getConstraintDescriptors(), property.getElementClass());
    }

    /**
     * Returns the quick check of a container element's own constraints ({@code List<@NotBlank String>}), or null when
     * they cannot all be judged here or what it holds is constrained too.
     */
    static QuickCheck of(ContainerElementTypeDescriptor element) {
        if (!element.getConstrainedContainerElementTypes().isEmpty()) {
            return null;
        }
        return of(element.getConstraintDescriptors(), element.getElementClass());
    }

    private static QuickCheck of(Set<ConstraintDescriptor<?>> constraints, Class<?> declared) {
        // Hibernate picks a constraint's validator by the declared type (and fails on a type it has none for, whatever
        // the value), so each rule is kept to the declared types whose validators it copies.
        List<Predicate<Object>> rules = new ArrayList<>();
        for (ConstraintDescriptor<?> constraint : constraints) {
            Predicate<Object> rule = isPlain(constraint) ? rule(constraint, declared) : null;
            if (rule == null) {
                return null;
            }
            rules.add(rule);
        }
        return rules.isEmpty() ? null : new QuickCheck(List.copyOf(rules));
    }

    /** Returns true when Bean Validation would find no violation of the property's constraints in {@code value}. */
    boolean passes(Object value) {
        for (Predicate<Object> rule : rules) {
            if (!rule.test(value)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A constraint of the default group, validated by Hibernate's own validators only (and ours of an {@code Iterable},
     * see {@link IterableBounds}), composed of nothing, and
     * applied to the value itself (not unwrapped from an {@code Optional} or another container).
     */
    private static boolean isPlain(ConstraintDescriptor<?> constraint) {
        if (!constraint.getComposingConstraints().isEmpty()
                || !constraint.getGroups().equals(Set.of(Default.class))
                || constraint.getValueUnwrapping() == ValidateUnwrappedValue.UNWRAP) {
            return false;
        }
        for (Class<?> validator : constraint.getConstraintValidatorClasses()) {
            // IterableBounds' validators judge only an Iterable, which no rule here is kept to.
            if (!validator.getName().startsWith(BUILT_IN) && validator.getEnclosingClass() != IterableBounds.class) {
                return false;
            }
        }
        return true;
    }

    /**
     * The rule of a built-in constraint on a property declared as {@code declared}, as its Hibernate validator applies
     * it, or null for any other constraint or declared type.
     */
    private static Predicate<Object> rule(ConstraintDescriptor<?> constraint, Class<?> declared) {
        boolean text = TEXT.contains(declared);
        boolean sized = text || SIZED.contains(declared);
        boolean integral = INTEGRAL.contains(declared);
        Map<String, Object> attributes = constraint.getAttributes();
        switch (constraint.getAnnotation().annotationType().getName()) {
            case "jakarta.validation.constraints.NotNull":
                return sized || integral ? value -> value != null : null;
            case "jakarta.validation.constraints.NotBlank":
                return text ? value -> value instanceof CharSequence chars && hasInk(chars) : null;
            case "jakarta.validation.constraints.NotEmpty":
                return sized ? value -> value != null && size(value) > 0 : null;
            case "jakarta.validation.constraints.Size":
                int min = (Integer) attributes.get("min");
                int max = (Integer) attributes.get("max");
                if (!sized || min < 0 || max < min) {
                    return null; // (Hibernate rejects such a declaration itself: let it say so)
                }
                return value -> {
                    if (value == null) {
                        return true;
                    }
                    long size = size(value);
                    return size >= min && size <= max;
                };
            case "jakarta.validation.constraints.Min":
                long least = (Long) attributes.get("value");
                return integral ? value -> value == null || isIntegral(value) && longOf(value) >= least : null;
            case "jakarta.validation.constraints.Max":
                long most = (Long) attributes.get("value");
                return integral ? value -> value == null || isIntegral(value) && longOf(value) <= most : null;
            case "jakarta.validation.constraints.Positive":
                return integral ? value -> value == null || isIntegral(value) && longOf(value) > 0 : null;
            case "jakarta.validation.constraints.PositiveOrZero":
                return integral ? value -> value == null || isIntegral(value) && longOf(value) >= 0 : null;
            default:
                return null;
        }
    }

    private static long longOf(Object value) {
        return ((Number) value).longValue();
    }

    /** Returns the size a built-in validator measures, or -1 (which passes no rule) for a kind not judged here. */
    static long size(Object value) {
        if (value instanceof CharSequence text) {
            return text.length();
        }
        if (value instanceof Collection<?> items) {
            return items.size();
        }
        if (value instanceof Map<?, ?> entries) {
            return entries.size();
        }
        return -1;
    }

    /**
     * Returns true when {@code text} has a char that no notion of blank counts as blank: not a control char or space
     * (which {@code trim()} drops), not Unicode whitespace or a space separator (which {@code isBlank()} and
     * {@code strip()} drop, and Hibernate's validator as well, as for U+3000).
     */
    private static boolean hasInk(CharSequence text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c > ' ' && !Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIntegral(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte;
    }
}
