package dev.instructor.internal.validation;

import jakarta.validation.GroupSequence;
import jakarta.validation.groups.Default;
import jakarta.validation.metadata.ConstraintDescriptor;
import org.hibernate.validator.group.GroupSequenceProvider;

/**
 * The default group sequence a class redefines with {@code @GroupSequence}, as streaming checks must follow it. The
 * final validation of such a bean validates the sequence's groups in turn and stops after the first group in which a
 * constraint fails, the bean's other properties' included; the check of one member cannot tell that. Only the first
 * group is validated whatever the other members hold: a member alone is checked for its constraints only, and the rest
 * waits for the whole bean.
 *
 * <p>Read from the annotation, which is not inherited, as Hibernate reads it; a sequence given in XML is not seen.
 */
final class DefaultSequence {
    private static final ClassValue<DefaultSequence> SEQUENCES = new ClassValue<>() {
        @Override
        protected DefaultSequence computeValue(Class<?> type) {
            if (type.isAnnotationPresent(GroupSequenceProvider.class)) {
                return new DefaultSequence(type, null); // a sequence per bean: nothing is known of a member alone
            }
            GroupSequence sequence = type.getAnnotation(GroupSequence.class);
            if (sequence == null || sequence.value().length == 0) {
                return null;
            }
            Class<?> first = sequence.value()[0];
            // A sequence within the sequence: its own first group would do, but it is rare enough to wait for the bean.
            return new DefaultSequence(type, first.isAnnotationPresent(GroupSequence.class) ? null : first);
        }
    };

    private final Class<?> type;
    /** The first group of the sequence, or null when a member is not checked alone. */
    private final Class<?> first;

    private DefaultSequence(Class<?> type, Class<?> first) {
        this.type = type;
        this.first = first;
    }

    /** Returns the sequence {@code type} redefines its default group with, or null when it does not. */
    static DefaultSequence of(Class<?> type) {
        return SEQUENCES.get(type);
    }

    /**
     * Returns true when the final validation checks {@code constraint} whatever the bean's other members hold: it
     * belongs to the sequence's first group, or to a group that one extends. The class's own name in the sequence
     * stands for its constraints of the default group.
     */
    boolean alwaysChecks(ConstraintDescriptor<?> constraint) {
        if (first == null) {
            return false;
        }
        for (Class<?> group : constraint.getGroups()) {
            boolean checked = first == type ? group == Default.class || group == type : group.isAssignableFrom(first);
            if (checked) {
                return true;
            }
        }
        return false;
    }
}
