package dev.instructor.internal.binding;

import java.util.HashSet;
import java.util.Set;

/**
 * The member names that are none of a type's properties and that Jackson nevertheless ignores rather than rejects
 * under {@code FAIL_ON_UNKNOWN_PROPERTIES}: names ignored by {@code @JsonIgnoreProperties}, {@code @JsonIgnore} or the
 * mapper's overrides, names left out by {@code @JsonIncludeProperties}, and a union's type id.
 */
final class UnknownMembers {
    private final Set<String> ignored;
    /** The only names Jackson reads, or {@code null} when {@code @JsonIncludeProperties} does not restrict them. */
    private final Set<String> included;

    UnknownMembers(Set<String> ignored, Set<String> included) {
        this.ignored = Set.copyOf(ignored);
        this.included = included == null ? null : Set.copyOf(included);
    }

    /** Returns true when Jackson rejects an object for a member named {@code name} that is none of its properties. */
    boolean rejects(String name) {
        return !ignored.contains(name) && (included == null || included.contains(name));
    }

    /** Returns the same rules with {@code name} ignored as well. */
    UnknownMembers ignoring(String name) {
        Set<String> more = new HashSet<>(ignored);
        more.add(name);
        return new UnknownMembers(more, included);
    }
}
