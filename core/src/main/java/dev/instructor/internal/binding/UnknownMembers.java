package dev.instructor.internal.binding;

import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.deser.bean.BeanDeserializer;

/**
 * Which member names Jackson ignores for a type, and which members that are none of its properties it rejects the
 * object for: an ignored one (by {@code
 * @JsonIgnoreProperties}, {@code @JsonIgnore}, the mapper's overrides, or left out by {@code @JsonIncludeProperties})
 * under {@code FAIL_ON_IGNORED_PROPERTIES}, any other under {@code FAIL_ON_UNKNOWN_PROPERTIES} unless the type
 * ignores all unknown members. The names come from Jackson's own bean deserializer, whose lists are protected: a copy
 * of it made here reads them.
 */
final class UnknownMembers {
    private final Set<String> ignored;
    /** The only names Jackson reads, or {@code null} when {@code @JsonIncludeProperties} does not restrict them. */
    private final Set<String> included;
    /** Names Jackson takes out before the type sees its members (a union's hidden type id): neither known nor not. */
    private final Set<String> removed;

    private final boolean ignoreAllUnknown;
    private final boolean failOnIgnored;
    private final boolean failOnUnknown;

    private UnknownMembers(
            Set<String> ignored,
            Set<String> included,
            Set<String> removed,
            boolean ignoreAllUnknown,
            boolean failOnIgnored,
            boolean failOnUnknown) {
        this.ignored = ignored;
        this.included = included;
        this.removed = removed;
        this.ignoreAllUnknown = ignoreAllUnknown;
        this.failOnIgnored = failOnIgnored;
        this.failOnUnknown = failOnUnknown;
    }

    /**
     * Returns the rules of {@code bean} under {@code config}, or {@code null} when Jackson ignores no name and rejects
     * no member.
     */
    static UnknownMembers of(BeanDeserializer bean, DeserializationConfig config) {
        Lists lists = new Lists(bean);
        boolean failOnIgnored = config.isEnabled(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES);
        boolean failOnUnknown = config.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        boolean ignoresNames = !lists.ignored().isEmpty() || lists.included() != null;
        if (!ignoresNames && !failOnIgnored && (!failOnUnknown || lists.ignoreAllUnknown())) {
            return null;
        }
        return new UnknownMembers(
                lists.ignored(), lists.included(), Set.of(), lists.ignoreAllUnknown(), failOnIgnored, failOnUnknown);
    }

    /** Returns true when Jackson rejects an object for a member named {@code name} that is none of its properties. */
    boolean rejects(String name) {
        if (removed.contains(name)) {
            return false;
        }
        return isIgnored(name) ? failOnIgnored : failOnUnknown && !ignoreAllUnknown;
    }

    /**
     * Returns true when Jackson ignores the name exactly as written ({@code @JsonIgnoreProperties}, or left out by
     * {@code @JsonIncludeProperties}), as IgnorePropertiesUtil.shouldIgnore decides. An object built by a creator
     * checks this before it looks for a property, so a property found only by another case or an alias does not take
     * it.
     */
    boolean isIgnored(String name) {
        return ignored.contains(name) || (included != null && !included.contains(name));
    }

    /** Returns the same rules for a type that never sees the member {@code name}. */
    UnknownMembers ignoring(String name) {
        Set<String> more = new HashSet<>(removed);
        more.add(name);
        return new UnknownMembers(ignored, included, Set.copyOf(more), ignoreAllUnknown, failOnIgnored, failOnUnknown);
    }

    /** A copy of a bean deserializer, made only to read the name lists it keeps in protected fields. */
    private static final class Lists extends BeanDeserializer {
        private static final long serialVersionUID = 1L;

        Lists(BeanDeserializer source) {
            super(source);
        }

        Set<String> ignored() {
            return _ignorableProps == null ? Set.of() : Set.copyOf(_ignorableProps);
        }

        Set<String> included() {
            return _includableProps == null ? null : Set.copyOf(_includableProps);
        }

        boolean ignoreAllUnknown() {
            return _ignoreAllUnknown;
        }
    }
}
