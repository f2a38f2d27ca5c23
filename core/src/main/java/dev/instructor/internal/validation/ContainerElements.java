package dev.instructor.internal.validation;

import jakarta.validation.groups.Default;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.ContainerElementTypeDescriptor;
import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JavaType;

/**
 * How one property's container elements ({@code List<@NotBlank String>}, {@code Map<String, @Min(1) Integer>},
 * {@code List<List<@Size(max = 3) String>>}) are checked one at a time while the property is still open: Bean
 * Validation only validates a whole property value, so an element is handed to it inside a value of the property's
 * type that holds that element alone on each level (see {@link #holding}), and only the violations of that element
 * and of what it holds are kept ({@link BeanValidation#validateElement}).
 *
 * <p>Decided once per property, from its declared type: only the containers whose values Jackson makes of a class
 * that a list, set, map or array of one element can stand for are walked ({@code List}, {@code Collection},
 * {@code Set}, {@code Map} with text keys, arrays of objects, {@code Optional}); an element below any other container
 * is checked with its whole property, as before.
 */
final class ContainerElements {
    /** A container level of the property's type, from the property down. */
    private enum Level {
        OPTIONAL,
        LIST,
        SET,
        ARRAY,
        MAP
    }

    private final Level[] levels;
    private final Class<?>[] components;
    /** The size upper bound of a string element at each JSON depth below the property (0: the property's value). */
    private final int[] maxLength;
    /**
     * The size upper bound of a list, array (of primitives too) or map element at each JSON depth below the property,
     * or -1.
     */
    private final int[] maxItems;
    /**
     * The index in {@link #levels} of the container measured at each depth with a bound in {@link #maxItems}; the
     * number of levels for an array of primitives, which ends the chain.
     */
    private final int[] measuredLevel;
    /**
     * Whether an element completed at each JSON depth below the property may break a constraint not yet checked: one
     * on the element itself, or below a container not walked. Not an element that only cascades
     * ({@code List<@Valid Item>}: its beans are checked on their own) or whose items were each checked as they
     * completed.
     */
    private final boolean[] constrainedAt;
    /** The size constraints behind {@link #maxLength} or {@link #maxItems} at each JSON depth below the property. */
    private final List<List<ConstraintDescriptor<?>>> boundsAt;
    /**
     * Judges the elements at the deepest depth without Hibernate Validator when they plainly pass, or null: only where
     * that depth alone is constrained, with built-in rules only (see {@link QuickCheck}), no key constrained and no
     * {@code Optional} on the way, so that the element bound is the value the rules were made for.
     */
    private final QuickCheck quick;

    private ContainerElements(
            Level[] levels,
            Class<?>[] components,
            int[] maxLength,
            int[] maxItems,
            int[] measuredLevel,
            boolean[] constrainedAt,
            List<List<ConstraintDescriptor<?>>> boundsAt,
            QuickCheck quick) {
        this.boundsAt = boundsAt;
        this.levels = levels;
        this.components = components;
        this.maxLength = maxLength;
        this.maxItems = maxItems;
        this.measuredLevel = measuredLevel;
        this.constrainedAt = constrainedAt;
        this.quick = quick;
    }

    /**
     * Returns how the elements of a property of {@code type} are checked, or null when it has no constraints on its
     * container elements or none that can be checked element by element; {@code elements} are its descriptors.
     * {@code quickChecked}: whether values that plainly pass may be judged by {@link QuickCheck}.
     */
    static ContainerElements of(
            JavaType type,
            Set<ContainerElementTypeDescriptor> elements,
            Set<Class<? extends Annotation>> sizeKinds,
            DefaultSequence sequence,
            boolean quickChecked) {
        if (elements.isEmpty()) {
            return null;
        }
        List<Level> levels = new ArrayList<>();
        List<Class<?>> components = new ArrayList<>();
        List<Integer> maxLength = new ArrayList<>(List.of(-1));
        List<Integer> maxItems = new ArrayList<>(List.of(-1));
        List<Integer> measuredLevel = new ArrayList<>(List.of(-1));
        List<Boolean> constrainedAt = new ArrayList<>(List.of(false));
        List<List<ConstraintDescriptor<?>>> boundsAt = new ArrayList<>();
        boundsAt.add(List.of());
        Set<ContainerElementTypeDescriptor> candidates = elements;
        ContainerElementTypeDescriptor element = null;
        boolean plainChain = true; // no Optional and no key constrained on the way down
        JavaType current = type;
        for (Level level = levelOf(current); level != null; level = levelOf(current)) {
            levels.add(level);
            if (element != null && level != Level.OPTIONAL && level != Level.SET) {
                // A list, array or map element, measured while open as a property's is; a set collapses repeated
                // items, so it is measured only once complete.
                int depth = maxItems.size() - 1;
                boundsAt.set(depth, boundsOf(element, sizeKinds, sequence));
                maxItems.set(depth, maxOf(boundsAt.get(depth)));
                measuredLevel.set(depth, levels.size() - 1);
            }
            current = level == Level.OPTIONAL ? current.getReferencedType() : current.getContentType();
            components.add(current.getRawClass());
            boolean keyConstrained = level == Level.MAP && keyConstrained(candidates);
            plainChain &= level != Level.OPTIONAL && !keyConstrained;
            element = elementOf(candidates, level);
            candidates = element == null ? Set.of() : element.getConstrainedContainerElementTypes();
            if (level != Level.OPTIONAL) {
                maxLength.add(-1);
                maxItems.add(-1);
                measuredLevel.add(-1);
                constrainedAt.add(false);
                boundsAt.add(List.of());
            }
            if (keyConstrained
                    || element != null && !element.getConstraintDescriptors().isEmpty()) {
                // An Optional's content is the same JSON value as the Optional: constrained at the same depth.
                constrainedAt.set(constrainedAt.size() - 1, true);
            }
        }
        if (!candidates.isEmpty()) {
            // Constraints below a container not walked: checked with the deepest element that is.
            constrainedAt.set(constrainedAt.size() - 1, true);
        }
        if (levels.isEmpty() || !constrainedAt.contains(true)) {
            return null;
        }
        if (current.getRawClass() == String.class || current.getRawClass() == CharSequence.class) {
            // The text at the end of the chain, measured while open.
            boundsAt.set(boundsAt.size() - 1, boundsOf(element, sizeKinds, sequence));
            maxLength.set(maxLength.size() - 1, maxOf(boundsAt.get(boundsAt.size() - 1)));
        } else if (current.isArrayType() && element != null) {
            // An array of primitives at the end of the chain (List<int @Size(max = 3) []>), not a level of its own as
            // its items have no constraints to walk to: measured while open as a list element is.
            boundsAt.set(boundsAt.size() - 1, boundsOf(element, sizeKinds, sequence));
            maxItems.set(maxItems.size() - 1, maxOf(boundsAt.get(boundsAt.size() - 1)));
            measuredLevel.set(measuredLevel.size() - 1, levels.size());
        }
        int[] bounds = maxLength.stream().mapToInt(Integer::intValue).toArray();
        int[] itemBounds = maxItems.stream().mapToInt(Integer::intValue).toArray();
        int[] measured = measuredLevel.stream().mapToInt(Integer::intValue).toArray();
        boolean[] constrained = new boolean[constrainedAt.size()];
        for (int i = 0; i < constrained.length; i++) {
            constrained[i] = constrainedAt.get(i);
        }
        boolean deepestAlone = constrainedAt.indexOf(true) == constrained.length - 1;
        QuickCheck quick = quickChecked && plainChain && deepestAlone && candidates.isEmpty() && element != null
                ? QuickCheck.of(element)
                : null;
        return new ContainerElements(
                levels.toArray(new Level[0]),
                components.toArray(new Class<?>[0]),
                bounds,
                itemBounds,
                measured,
                constrained,
                List.copyOf(boundsAt),
                quick);
    }

    /** Returns the level a value of {@code type} makes, or null for a leaf or a container not walked. */
    private static Level levelOf(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == Optional.class) {
            return Level.OPTIONAL;
        }
        if (type.isArrayType()) {
            return type.getContentType().isPrimitive() ? null : Level.ARRAY;
        }
        if (type.isMapLikeType()) {
            Class<?> key = type.getKeyType().getRawClass();
            return raw.isAssignableFrom(LinkedHashMap.class) && key.isAssignableFrom(String.class) ? Level.MAP : null;
        }
        if (type.isCollectionLikeType()) {
            if (raw.isAssignableFrom(ArrayList.class)) {
                return Level.LIST;
            }
            return raw.isAssignableFrom(LinkedHashSet.class) ? Level.SET : null;
        }
        return null;
    }

    /**
     * Returns the descriptor, among those of a container level, of the element the level holds (a map's value, any
     * other container's element), or null when nothing about it is constrained.
     */
    private static ContainerElementTypeDescriptor elementOf(
            Set<ContainerElementTypeDescriptor> candidates, Level level) {
        int argument = level == Level.MAP ? 1 : 0;
        for (ContainerElementTypeDescriptor descriptor : candidates) {
            Integer index = descriptor.getTypeArgumentIndex();
            if (index == null || index == argument) {
                return descriptor;
            }
        }
        return null;
    }

    /** Returns true when the keys of a map level ({@code Map<@Size(max = 2) String, V>}) are constrained. */
    private static boolean keyConstrained(Set<ContainerElementTypeDescriptor> candidates) {
        for (ContainerElementTypeDescriptor descriptor : candidates) {
            Integer index = descriptor.getTypeArgumentIndex();
            if (index != null
                    && index == 0
                    && !descriptor.getConstraintDescriptors().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Returns the size constraints ({@code sizeKinds}) the default validation checks on {@code element}. */
    private static List<ConstraintDescriptor<?>> boundsOf(
            ContainerElementTypeDescriptor element,
            Set<Class<? extends Annotation>> sizeKinds,
            DefaultSequence sequence) {
        List<ConstraintDescriptor<?>> bounds = new ArrayList<>(1);
        if (element != null) {
            for (ConstraintDescriptor<?> constraint : element.findConstraints()
                    .unorderedAndMatchingGroups(Default.class)
                    .getConstraintDescriptors()) {
                if (sizeKinds.contains(constraint.getAnnotation().annotationType())
                        && (sequence == null || sequence.alwaysChecks(constraint))) {
                    bounds.add(constraint);
                }
            }
        }
        return List.copyOf(bounds);
    }

    /** Returns the smallest size upper bound of {@code bounds}, or -1. */
    static int maxOf(List<ConstraintDescriptor<?>> bounds) {
        int max = -1;
        for (ConstraintDescriptor<?> constraint : bounds) {
            Object bound = constraint.getAttributes().get("max");
            if (bound instanceof Integer && (max < 0 || (Integer) bound < max)) {
                max = (Integer) bound;
            }
        }
        return max;
    }

    /**
     * Returns true when a completed element {@code depth} JSON levels below the property is checked: it is within the
     * levels walked, and a constraint is declared at its depth or below a container not walked.
     */
    boolean checksAt(int depth) {
        return depth < constrainedAt.length && constrainedAt[depth];
    }

    /**
     * Returns true when the completed {@code element}, {@code depth} JSON levels below the property, plainly passes
     * its constraints: Hibernate Validator need not be asked (it costs about a microsecond, and nearly every element
     * passes). False when in doubt.
     */
    boolean passesQuickly(Object element, int depth) {
        return quick != null && depth == constrainedAt.length - 1 && quick.passes(element);
    }

    /**
     * Returns the size constraints whose smallest upper bound {@link #maxLength} or {@link #maxItems} gives at
     * {@code depth}: checked without Bean Validation when a validator of the user's throws on the value measured.
     */
    List<ConstraintDescriptor<?>> bounds(int depth) {
        return depth < boundsAt.size() ? boundsAt.get(depth) : List.of();
    }

    /**
     * Returns the JSON depth below the property of the innermost set item that is, or holds, an element {@code depth}
     * JSON levels below the property (1 for an item of a {@code Set} property), or -1 when no set holds it.
     */
    int setItemDepth(int depth) {
        int found = -1;
        int at = 0;
        for (int i = 0; i < levels.length && at < depth; i++) {
            if (levels[i] != Level.OPTIONAL) {
                at++;
                found = levels[i] == Level.SET ? at : found;
            }
        }
        return found;
    }

    /** Returns the size upper bound of a string element {@code depth} JSON levels below the property, or -1. */
    int maxLength(int depth) {
        return depth < maxLength.length ? maxLength[depth] : -1;
    }

    /**
     * Returns the size upper bound of a list, array or map element {@code depth} JSON levels below the property (0: the
     * content of an {@code Optional} property), or -1.
     */
    int maxItems(int depth) {
        return depth < maxItems.length ? maxItems[depth] : -1;
    }

    /** Returns true when the text at the end of the chain, or a list, array or map on the way, has a size bound. */
    boolean anyBound() {
        if (maxLength[maxLength.length - 1] >= 0) {
            return true;
        }
        for (int max : maxItems) {
            if (max >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns a value of the property's type that holds {@code element} alone, {@code segments.size()} JSON levels
     * below the property: {@code segments} are the element's path from the property, whose map keys it keeps. A
     * {@code leaf} element is the text at the end of the chain, to be wrapped in the {@code Optional}s around it too;
     * any other is a value of its element type, as bound.
     */
    Object holding(Object element, List<String> segments, boolean leaf) {
        int end = leaf ? levels.length : 0;
        for (int consumed = 0; !leaf && consumed < segments.size(); end++) {
            if (levels[end] != Level.OPTIONAL) {
                consumed++;
            }
        }
        return holding(element, segments, end);
    }

    /**
     * Returns a value of the property's type that holds the open list, array or map {@code measured} alone,
     * {@code segments.size()} JSON levels below the property (see {@link #maxItems}): as a value of the container type
     * measured there, inside the {@code Optional}s around it.
     */
    Object holdingMeasured(Object measured, List<String> segments) {
        return holding(measured, segments, measuredLevel[segments.size()]);
    }

    /** Wraps {@code element} in the levels above {@code levels[end]}, from the innermost out. */
    private Object holding(Object element, List<String> segments, int end) {
        Object value = element;
        int depth = segments.size();
        for (int i = end - 1; i >= 0; i--) {
            switch (levels[i]) {
                case OPTIONAL -> value = Optional.ofNullable(value);
                case LIST -> {
                    List<Object> list = new ArrayList<>(1);
                    list.add(value);
                    value = list;
                    depth--;
                }
                case SET -> {
                    Set<Object> set = new LinkedHashSet<>(2);
                    set.add(value);
                    value = set;
                    depth--;
                }
                case ARRAY -> {
                    Object array = Array.newInstance(components[i], 1);
                    Array.set(array, 0, value);
                    value = array;
                    depth--;
                }
                case MAP -> {
                    Map<String, Object> map = new LinkedHashMap<>(2);
                    depth--;
                    map.put(segments.get(depth), value);
                    value = map;
                }
            }
        }
        return value;
    }
}
