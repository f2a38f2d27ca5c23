package dev.instructor;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;

/**
 * What Hibernate Validator itself finds in a value when every record and bean in it is validated, nested with or
 * without {@code @Valid} (as the final validation documents): each violation once, although a bean nested with
 * {@code @Valid} is also seen from its owner. The beans are found by reflection over record components and fields,
 * not through the binding's shapes, so that the two ways of reaching them can disagree.
 */
final class HibernateViolations {
    private static final Validator HIBERNATE = Validation.byProvider(HibernateValidator.class)
            .configure()
            .defaultLocale(Locale.ENGLISH)
            .buildValidatorFactory()
            .getValidator();

    /** Every bean found, mapped to whether it is inside a set. */
    private final IdentityHashMap<Object, Boolean> beans = new IdentityHashMap<>();

    private final List<ConstraintViolation<Object>> violations = new ArrayList<>();

    /**
     * Validates the records and beans in {@code value} whose classes are nested in {@code owner}.
     *
     * @param owner the test class declaring the types, so that JDK and library types are not walked into
     */
    HibernateViolations(Object value, Class<?> owner) {
        collect(value, false, owner);
        IdentityHashMap<Object, Set<String>> seen = new IdentityHashMap<>();
        for (Object bean : beans.keySet()) {
            for (ConstraintViolation<Object> violation : HIBERNATE.validate(bean)) {
                // The same constraint, member, element and value of the same bean, whichever bean it was seen from.
                String key = violation.getConstraintDescriptor().getAnnotation() + " at " + pathInLeafBean(violation)
                        + " = " + violation.getInvalidValue();
                if (seen.computeIfAbsent(violation.getLeafBean(), b -> new HashSet<>())
                        .add(key)) {
                    violations.add(violation);
                }
            }
        }
    }

    /** Returns the violations, each once. */
    List<ConstraintViolation<Object>> all() {
        return violations;
    }

    /** Returns true when the violation is inside an element of a set: in a bean held by one, or an element itself. */
    boolean inSet(ConstraintViolation<?> violation) {
        if (beans.getOrDefault(violation.getLeafBean(), false)) {
            return true;
        }
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.isInIterable() && node.getIndex() == null && node.getKey() == null) {
                return true; // Bean Validation gives a set's element neither index nor key
            }
        }
        return false;
    }

    /** Returns the node of the property, getter or bean the constraint is declared on. */
    static Path.Node declaredOn(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = nodes(violation);
        return nodes.get(declaredAt(nodes));
    }

    private static int declaredAt(List<Path.Node> nodes) {
        int at = nodes.size() - 1;
        while (at > 0
                && nodes.get(at).getKind() != ElementKind.PROPERTY
                && nodes.get(at).getKind() != ElementKind.BEAN) {
            at--;
        }
        return at;
    }

    private static List<Path.Node> nodes(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        return nodes;
    }

    /** Returns the index or key of the container element the constraint is on, or null when it is on no element. */
    static Object elementIndexOrKey(ConstraintViolation<?> violation) {
        Object last = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.BEAN) {
                last = null;
            } else if (node.getIndex() != null || node.getKey() != null) {
                last = node.getIndex() != null ? node.getIndex() : node.getKey();
            }
        }
        return last;
    }

    /**
     * Returns the violation's path from its leaf bean on: the node the constraint is declared on, without the index by
     * which the bean's owner reached it, then the container elements inside that property.
     */
    private static String pathInLeafBean(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = nodes(violation);
        int start = declaredAt(nodes);
        StringBuilder out = new StringBuilder(
                nodes.get(start).getKind() + " " + nodes.get(start).getName());
        for (Path.Node node : nodes.subList(start + 1, nodes.size())) {
            out.append(" / ")
                    .append(node.getName())
                    .append(' ')
                    .append(node.getIndex())
                    .append(' ')
                    .append(node.getKey());
        }
        return out.toString();
    }

    private void collect(Object value, boolean inSet, Class<?> owner) {
        if (value instanceof Optional<?> optional) {
            optional.ifPresent(content -> collect(content, inSet, owner));
        } else if (value instanceof Collection<?> items) {
            items.forEach(item -> collect(item, inSet || value instanceof Set, owner));
        } else if (value instanceof Map<?, ?> entries) {
            entries.values().forEach(item -> collect(item, inSet, owner));
        } else if (value instanceof Object[] items) {
            for (Object item : items) {
                collect(item, inSet, owner);
            }
        } else if (value != null
                && value.getClass().getEnclosingClass() == owner
                && !value.getClass().isEnum()
                && beans.put(value, inSet) == null) {
            for (Object member : members(value)) {
                collect(member, inSet, owner);
            }
        }
    }

    private static List<Object> members(Object bean) {
        List<Object> out = new ArrayList<>();
        try {
            if (bean.getClass().isRecord()) {
                for (RecordComponent component : bean.getClass().getRecordComponents()) {
                    out.add(component.getAccessor().invoke(bean));
                }
            } else {
                for (Field field : bean.getClass().getDeclaredFields()) {
                    field.setAccessible(true);
                    out.add(field.get(bean));
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return out;
    }
}
