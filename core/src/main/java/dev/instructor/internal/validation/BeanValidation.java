package dev.instructor.internal.validation;

import dev.instructor.Violation;
import dev.instructor.internal.binding.ObjectProperty;
import dev.instructor.internal.binding.ObjectShape;
import dev.instructor.json.JsonPointer;
import jakarta.validation.BootstrapConfiguration;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.UnexpectedTypeException;
import jakarta.validation.Validation;
import jakarta.validation.ValidationException;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.groups.Default;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorConfiguration;

/**
 * Bean Validation (Hibernate Validator) of one bean or one property value at a time, reported in JSON terms: Java
 * property names become the JSON names Jackson uses, container element indexes and keys become pointer segments.
 * Messages are interpolated in English, since they are written for the model.
 *
 * <p>Each call validates only the constraints that belong to the given bean; cascaded {@code @Valid} objects are
 * left to the caller, which reaches every nested bean itself (so nested records are validated with or without
 * {@code @Valid}, and nothing is reported twice).
 */
public final class BeanValidation {
    private final Validator validator;
    /**
     * The quick check of each property validated so far by Java name, or {@link #NO_QUICK_CHECK}; per class through a
     * {@code ClassValue}, which keeps no class from being unloaded.
     */
    private final ClassValue<Map<String, QuickCheck>> quickChecks = new ClassValue<>() {
        @Override
        protected Map<String, QuickCheck> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private static final QuickCheck NO_QUICK_CHECK = QuickCheck.never();

    private final boolean quickChecked;

    private final ConstraintMessages messages;

    BeanValidation(Validator validator, boolean quickChecked, ConstraintMessages messages) {
        this.validator = validator;
        this.quickChecked = quickChecked;
        this.messages = messages;
    }

    /**
     * Returns the message of a constraint annotation that is not declared on a bean (a type token's root bound),
     * interpolated as the messages of the constraints checked here are.
     */
    String message(Annotation constraint) {
        return messages.of(constraint);
    }

    /**
     * What checking one completed bean of a shape takes, once each of its members has been checked on completion:
     * its constrained JSON properties (to check those the model left out) and whether anything else is constrained
     * (class-level constraints, getters such as {@code @AssertTrue isValid()}), which needs the whole bean.
     */
    public static final class Plan {
        final List<ObjectProperty> constrained;
        final boolean wholeBean;

        Plan(List<ObjectProperty> constrained, boolean wholeBean) {
            this.constrained = constrained;
            this.wholeBean = wholeBean;
        }
    }

    /**
     * Returns the plan for checking completed beans of {@code shape}, made anew: keep it for the shape's model, as
     * {@link ValueValidation#plan} does. Not kept here, as this instance outlives the models of a server that builds
     * them per request.
     */
    Plan plan(ObjectShape shape) {
        BeanDescriptor descriptor =
                validator.getConstraintsForClass(shape.type().getRawClass());
        List<ObjectProperty> constrained = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        for (ObjectProperty property : shape.properties()) {
            if (isConstrained(shape, property)) {
                constrained.add(property);
                covered.add(property.javaName());
            }
        }
        // A redefined default group sequence is followed bean by bean: only the whole bean tells whether an earlier
        // group fails, which hides the later groups' violations (see DefaultSequence).
        boolean wholeBean = !descriptor.getConstraintDescriptors().isEmpty()
                || DefaultSequence.of(shape.type().getRawClass()) != null;
        for (PropertyDescriptor property : descriptor.getConstrainedProperties()) {
            wholeBean |= !covered.contains(property.getPropertyName())
                    && (property.hasConstraints()
                            || !property.getConstrainedContainerElementTypes().isEmpty());
        }
        return new Plan(List.copyOf(constrained), wholeBean);
    }

    /**
     * Throws when a default-group constraint on a property of {@code type} has no validator for the property's declared
     * type: Hibernate looks the validator up even for a null value, and fails there as it would on every answer. Nor
     * may one throw on that null: the checks of required members give it null too.
     */
    void checkApplicable(Class<?> type) {
        for (PropertyDescriptor property :
                validator.getConstraintsForClass(type).getConstrainedProperties()) {
            try {
                validator.validateValue(type, property.getPropertyName(), null);
            } catch (UnexpectedTypeException e) {
                String constraint = property.getConstraintDescriptors().stream()
                        .map(d -> "@" + d.getAnnotation().annotationType().getSimpleName())
                        .distinct()
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("a constraint");
                throw new IllegalArgumentException(
                        constraint + " on " + type.getName() + "." + property.getPropertyName()
                                + " cannot be checked on its type "
                                + property.getElementClass().getSimpleName()
                                + ": Bean Validation has no validator for it (" + e.getMessage()
                                + "). On an Optional, put the"
                                + " constraint on its value, as in Optional<@Min(1) Integer>, or give it"
                                + " payload = Unwrapping.Unwrap.class",
                        e);
            } catch (ValidationException e) {
                // A validator that throws on null (HV000028): the checks of required members ask every constraint
                // about null too, so it would fail every answer; said now, as for a missing validator.
                throw new IllegalArgumentException(
                        "a constraint on " + type.getName() + "." + property.getPropertyName()
                                + " fails on null (" + e.getMessage() + "): Bean Validation gives every validator"
                                + " null for a missing value, which it must accept; leave null to @NotNull",
                        e);
            }
        }
    }

    /** Returns true when values that plainly pass are judged by {@link QuickCheck} rather than Hibernate. */
    boolean quickChecked() {
        return quickChecked;
    }

    /** Returns the shared instance over a Hibernate Validator built on first use. */
    public static BeanValidation shared() {
        return Holder.INSTANCE;
    }

    /**
     * Returns the violations of the constraints declared on {@code bean}'s class, its properties and their container
     * elements, with paths under {@code path}; {@code keys} names a map key as the model writes it.
     */
    public List<Violation> validateBean(
            Object bean, ObjectShape shape, JsonPointer path, Function<Object, String> keys) {
        if (!isConstrained(bean.getClass())) {
            return List.of();
        }
        Set<ConstraintViolation<Object>> found = validator.validate(bean);
        if (found.isEmpty()) {
            return List.of();
        }
        List<Violation> out = new ArrayList<>(found.size());
        for (ConstraintViolation<Object> violation : found) {
            if (violation.getLeafBean() == bean || violation.getLeafBean() == null) {
                out.add(translate(violation, shape, path, false, keys));
            }
        }
        return out;
    }

    /**
     * Returns the violations of the constraints on {@code value} and on the values it holds, all at {@code path}: for a
     * value Jackson reads with a deserializer of its own ({@code @JsonDeserialize(using = ...)}), whose members the
     * binding does not know as the model wrote them. As for the items of a set, a violation inside the value names its
     * Bean Validation path in the message.
     */
    public List<Violation> validateWhole(Object value, JsonPointer path) {
        if (!isConstrained(value.getClass())) {
            return List.of();
        }
        List<Violation> out = new ArrayList<>();
        for (ConstraintViolation<Object> violation : validator.validate(value)) {
            String inside = violation.getPropertyPath().toString();
            String message = inside.isEmpty() ? violation.getMessage() : inside + ": " + violation.getMessage();
            out.add(new Violation(path, message, violation.getInvalidValue()));
        }
        return out;
    }

    /**
     * Returns the violations of the constraints on one property of {@code owner}'s class for {@code value}, with
     * paths under the owner's {@code path} and the property's own name: for a member the document lacks.
     */
    public List<Violation> validateProperty(
            ObjectShape owner, ObjectProperty property, Object value, JsonPointer path) {
        return validateValue(owner, property, value, path, false, String::valueOf);
    }

    /**
     * Returns the violations of the constraints on one property of {@code owner}'s class for {@code value}, with
     * paths at or under {@code member}, the member's path in the document (named as the model wrote it, an alias
     * included); {@code keys} names a map key as the model writes it.
     */
    public List<Violation> validateMember(
            ObjectShape owner,
            ObjectProperty property,
            Object value,
            JsonPointer member,
            Function<Object, String> keys) {
        return validateValue(owner, property, value, member, true, keys);
    }

    private List<Violation> validateValue(
            ObjectShape owner,
            ObjectProperty property,
            Object value,
            JsonPointer path,
            boolean atMember,
            Function<Object, String> keys) {
        Class<?> type = owner.type().getRawClass();
        if (quickChecked && quickCheck(type, property.javaName()).passes(value)) {
            return List.of(); // nearly every completed value: no need to ask Hibernate Validator (see QuickCheck)
        }
        @SuppressWarnings("unchecked")
        Class<Object> beanClass = (Class<Object>) type;
        Set<ConstraintViolation<Object>> found = validator.validateValue(beanClass, property.javaName(), value);
        DefaultSequence sequence = found.isEmpty() ? null : DefaultSequence.of(type);
        List<Violation> out = new ArrayList<>(found.size());
        for (ConstraintViolation<Object> violation : found) {
            if (sequence == null || sequence.alwaysChecks(violation.getConstraintDescriptor())) {
                out.add(translate(violation, owner, path, atMember, keys));
            }
        }
        return out;
    }

    /** Returns the quick check of a property, made on first use, or one that never passes. */
    private QuickCheck quickCheck(Class<?> type, String property) {
        Map<String, QuickCheck> known = quickChecks.get(type);
        QuickCheck quick = known.get(property);
        if (quick == null) {
            PropertyDescriptor descriptor =
                    validator.getConstraintsForClass(type).getConstraintsForProperty(property);
            quick = descriptor == null ? null : QuickCheck.of(descriptor);
            if (quick == null) {
                quick = NO_QUICK_CHECK;
            }
            known.put(property, quick);
        }
        return quick;
    }

    /** Returns true when instances of {@code type} have any constraint or cascade to check. */
    public boolean isConstrained(Class<?> type) {
        return validator.getConstraintsForClass(type).isBeanConstrained();
    }

    /** Returns true when {@code property} of {@code owner}'s class has constraints of its own or on its elements. */
    public boolean isConstrained(ObjectShape owner, ObjectProperty property) {
        PropertyDescriptor descriptor = validator
                .getConstraintsForClass(owner.type().getRawClass())
                .getConstraintsForProperty(property.javaName());
        return descriptor != null
                && (descriptor.hasConstraints()
                        || !descriptor.getConstrainedContainerElementTypes().isEmpty());
    }

    /**
     * Returns the violations of {@code property}'s constraints of the given annotation types only whose upper bound
     * ({@code max}) a value still growing at {@code member} in the document has passed; {@code rejected}, what was
     * measured, replaces the rejected value shown. A lower bound is left to the completed value, which may still reach
     * it ({@code @Size(min = 10) @Size(max = 5)}). When a validator of the property fails on {@code value}, which
     * stands for what was written so far (a list of nulls), the size constraints are checked here (see {@link
     * #brokenBounds}); the rest waits for the property to complete.
     */
    List<Violation> validateGrowing(
            ObjectShape owner,
            ObjectProperty property,
            Object value,
            Object rejected,
            JsonPointer member,
            Set<Class<? extends Annotation>> kinds) {
        @SuppressWarnings("unchecked")
        Class<Object> beanClass = (Class<Object>) owner.type().getRawClass();
        Set<ConstraintViolation<Object>> found;
        try {
            found = validator.validateValue(beanClass, property.javaName(), value);
        } catch (ValidationException e) {
            // Every validator of the property sees the value, and its items' validators the placeholder items: one of
            // the user's may fail on them, as on no value an answer holds.
            return brokenBounds(sizeBounds(owner, property, kinds), rejected, member);
        }
        List<Violation> out = new ArrayList<>(1);
        DefaultSequence sequence = DefaultSequence.of(beanClass);
        long size = sizeOf(rejected);
        for (ConstraintViolation<Object> violation : found) {
            Annotation annotation = violation.getConstraintDescriptor().getAnnotation();
            if (kinds.contains(annotation.annotationType())
                    && isPropertyLevel(violation)
                    && passesMax(violation.getConstraintDescriptor(), size)
                    && (sequence == null || sequence.alwaysChecks(violation.getConstraintDescriptor()))) {
                out.add(new Violation(member, violation.getMessage(), rejected));
            }
        }
        return out;
    }

    /**
     * Returns how the container elements of {@code property} are checked one by one while it is open, or null when
     * it has no constraints on them that can be; {@code sizeKinds} are the constraints that bound an open string.
     */
    ContainerElements elements(ObjectShape owner, ObjectProperty property, Set<Class<? extends Annotation>> sizeKinds) {
        PropertyDescriptor descriptor = validator
                .getConstraintsForClass(owner.type().getRawClass())
                .getConstraintsForProperty(property.javaName());
        if (descriptor == null) {
            return null;
        }
        return ContainerElements.of(
                property.shape().type(),
                descriptor.getConstrainedContainerElementTypes(),
                sizeKinds,
                DefaultSequence.of(owner.type().getRawClass()),
                quickChecked);
    }

    /**
     * Returns the violations of {@code property}'s constraints on the container element at {@code element} in the
     * document, {@code depth} container levels below the property, and on what that element holds, as the final
     * validation reports them: {@code holding} is a value of the property holding that element alone on each level
     * (see {@link ContainerElements#holding}), so violations of the levels above it, which see only that element, are
     * dropped. With {@code sizeKinds}, only those constraints of the element itself whose upper bound an open string,
     * list or map has passed, whose {@code rejected} value is shown, of which {@code bounds} are the element's;
     * {@code keys} names a map key below the element as the model writes it.
     */
    List<Violation> validateElement(
            ObjectShape owner,
            ObjectProperty property,
            Object holding,
            JsonPointer element,
            int depth,
            Set<Class<? extends Annotation>> sizeKinds,
            List<ConstraintDescriptor<?>> bounds,
            Object rejected,
            Function<Object, String> keys) {
        @SuppressWarnings("unchecked")
        Class<Object> beanClass = (Class<Object>) owner.type().getRawClass();
        Set<ConstraintViolation<Object>> found;
        try {
            found = validator.validateValue(beanClass, property.javaName(), holding);
        } catch (ValidationException e) {
            // The property's own validators see the value too, which no answer holds (a map of one entry), and the
            // items' validators an open value's placeholder items: one of the user's may fail on them. An open value's
            // size bounds are then checked here, and the rest of the element waits for the property to complete.
            return sizeKinds == null ? List.of() : brokenBounds(bounds, rejected, element);
        }
        if (found.isEmpty()) {
            return List.of();
        }
        DefaultSequence sequence = DefaultSequence.of(beanClass);
        List<String> segments = element.segments();
        int member = segments.size() - depth;
        List<Violation> out = new ArrayList<>(found.size());
        for (ConstraintViolation<Object> violation : found) {
            if (sequence != null && !sequence.alwaysChecks(violation.getConstraintDescriptor())) {
                continue;
            }
            JsonPointer pointer = JsonPointer.of(segments.subList(0, member));
            int level = 0;
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                    continue;
                }
                level++;
                boolean named = node.getIndex() != null || node.getKey() != null;
                if (level <= depth) {
                    // Each container above the element holds it alone: name its index or key as the document does.
                    pointer = named ? pointer.append(segments.get(member + level - 1)) : pointer;
                } else if (node.getIndex() != null) {
                    pointer = pointer.append(node.getIndex());
                } else if (node.getKey() != null) {
                    pointer = pointer.append(keys.apply(node.getKey()));
                }
            }
            boolean kept = sizeKinds == null
                    ? level >= depth
                    : level == depth
                            && sizeKinds.contains(violation
                                    .getConstraintDescriptor()
                                    .getAnnotation()
                                    .annotationType())
                            && passesMax(violation.getConstraintDescriptor(), sizeOf(rejected));
            if (kept) {
                out.add(new Violation(
                        pointer, violation.getMessage(), sizeKinds == null ? violation.getInvalidValue() : rejected));
            }
        }
        return out;
    }

    /**
     * Returns the smallest {@code max} of the given size-like constraints on the property that the default validation
     * checks, or -1 when none: a bound of another group would hold back the check of the default group's. Of a
     * redefined default group sequence, only the bounds its first group checks (see {@link DefaultSequence}).
     */
    int maxSize(ObjectShape owner, ObjectProperty property, Set<Class<? extends Annotation>> kinds) {
        return ContainerElements.maxOf(sizeBounds(owner, property, kinds));
    }

    /**
     * Returns the size-like constraints ({@code kinds}) on the property itself that the default validation checks: of
     * a redefined default group sequence, those of its first group only.
     */
    private List<ConstraintDescriptor<?>> sizeBounds(
            ObjectShape owner, ObjectProperty property, Set<Class<? extends Annotation>> kinds) {
        PropertyDescriptor descriptor = validator
                .getConstraintsForClass(owner.type().getRawClass())
                .getConstraintsForProperty(property.javaName());
        if (descriptor == null) {
            return List.of();
        }
        DefaultSequence sequence = DefaultSequence.of(owner.type().getRawClass());
        List<ConstraintDescriptor<?>> bounds = new ArrayList<>(1);
        for (ConstraintDescriptor<?> constraint : descriptor
                .findConstraints()
                .unorderedAndMatchingGroups(Default.class)
                .getConstraintDescriptors()) {
            if (kinds.contains(constraint.getAnnotation().annotationType())
                    && (sequence == null || sequence.alwaysChecks(constraint))) {
                bounds.add(constraint);
            }
        }
        return bounds;
    }

    /**
     * Returns the violations of the size constraints among {@code bounds} ({@code @Size}, {@code @Length}) whose upper
     * bound the open value {@code measured} has passed, at {@code path}, with the messages Bean Validation gives them:
     * for a value it could not check, as a validator of the user's on the same value failed on the placeholder items
     * measured. The rule is their built-in validators', a count of chars, items or entries over {@code max}; the value
     * may still grow to its {@code min}.
     */
    private List<Violation> brokenBounds(List<ConstraintDescriptor<?>> bounds, Object measured, JsonPointer path) {
        long size = sizeOf(measured);
        List<Violation> out = new ArrayList<>(1);
        for (ConstraintDescriptor<?> bound : bounds) {
            if (passesMax(bound, size)) {
                out.add(new Violation(path, messages.of(bound, measured), measured));
            }
        }
        return out;
    }

    /**
     * Returns true when an open value of {@code size} chars, items or entries has passed the {@code max} of a size
     * constraint: only that is known while it grows.
     */
    private static boolean passesMax(ConstraintDescriptor<?> bound, long size) {
        return size >= 0 && bound.getAttributes().get("max") instanceof Integer max && size > max;
    }

    /** Returns the chars, items or entries of an open value measured, or -1 for a value of another kind. */
    private static long sizeOf(Object measured) {
        return measured != null && measured.getClass().isArray()
                ? Array.getLength(measured)
                : QuickCheck.size(measured);
    }

    private static boolean isPropertyLevel(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                return false;
            }
        }
        return true;
    }

    /**
     * Maps a violation's Bean Validation path inside one bean to a JSON Pointer under {@code path}, the bean's, or at
     * {@code path} when it is already the member's ({@code atMember}) path of the property the violation names.
     */
    private static Violation translate(
            ConstraintViolation<?> violation,
            ObjectShape shape,
            JsonPointer path,
            boolean atMember,
            Function<Object, String> keys) {
        JsonPointer pointer = path;
        String unmapped = null;
        boolean named = false;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.isInIterable()) {
                if (node.getIndex() != null) {
                    pointer = pointer.append(node.getIndex());
                } else if (node.getKey() != null) {
                    pointer = pointer.append(keys.apply(node.getKey()));
                }
            }
            if (node.getKind() == ElementKind.PROPERTY && !named) {
                named = true;
                ObjectProperty property = shape.propertyByJavaName(node.getName());
                if (property != null) {
                    pointer = atMember ? pointer : pointer.append(property.name());
                } else {
                    // A getter such as @AssertTrue isConsistent() has no JSON member: report it on the object.
                    unmapped = node.getName();
                }
            }
        }
        String message = unmapped == null ? violation.getMessage() : unmapped + ": " + violation.getMessage();
        return new Violation(pointer, message, violation.getInvalidValue());
    }

    /** Builds the factory lazily: Hibernate Validator takes a moment to start. */
    private static final class Holder {
        static final BeanValidation INSTANCE = create();

        private static BeanValidation create() {
            HibernateValidatorConfiguration configuration =
                    Validation.byProvider(HibernateValidator.class).configure().defaultLocale(Locale.ENGLISH);
            IterableBounds.register(configuration);
            BootstrapConfiguration bootstrap = configuration.getBootstrapConfiguration();
            ValidatorFactory factory = configuration.buildValidatorFactory();
            return new BeanValidation(
                    factory.getValidator(),
                    QuickCheck.trusts(factory, bootstrap),
                    new ConstraintMessages(factory.getMessageInterpolator()));
        }
    }
}
