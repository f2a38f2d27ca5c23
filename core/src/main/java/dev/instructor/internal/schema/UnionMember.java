package dev.instructor.internal.schema;

import com.fasterxml.classmate.types.ResolvedObjectType;
import java.util.Objects;

/**
 * A concrete member of a union as the union lists it, where Jackson reads it there otherwise than where a value is
 * declared as the member itself: with the union's type info rather than its own ({@code @JsonTypeInfo} on the member,
 * {@code Id.NONE} too), or in full only where its identity is its own and not the union's. A type of its own to
 * victools, so that its definition in the union is kept apart from the member's elsewhere; {@link
 * UnionMemberNaming} names the two apart.
 */
final class UnionMember extends ResolvedObjectType {
    private final Class<?> union;

    UnionMember(ResolvedObjectType member, Class<?> union) {
        super(
                member.getErasedType(),
                member.getTypeBindings(),
                member.getParentClass(),
                member.getImplementedInterfaces());
        this.union = union;
    }

    /** The declared union type that lists this member. */
    Class<?> union() {
        return union;
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other) && union == ((UnionMember) other).union;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), union);
    }
}
