package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.classmate.types.ResolvedObjectType;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SubtypeResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Lists a union's members (by the mapper's polymorphism, {@link PolymorphicTypes}) and marks those that Jackson reads
 * otherwise in the union than where a value is declared as the member ({@link UnionMember}):
 * <ul>
 *   <li>a member whose type info differs from the union's: Jackson reads the union's type id around every member of
 *       the union, whatever {@code @JsonTypeInfo} the member has of its own, and the member's own one (or none, for
 *       {@code Id.NONE}) where a value is declared as the member;
 *   <li>a member with an identity of its own, not the union's: where a value is declared as the union Jackson reads
 *       it in full, with its id, and fails on its id alone, which it reads where a value is declared as the member.
 * </ul>
 * A member Jackson reads alike in both places is left as it is, so that both uses share one definition.
 */
final class UnionMembers implements SubtypeResolver {
    private final PolymorphicTypes polymorphicTypes;
    private final JacksonPolymorphism polymorphism;
    private final Predicate<ResolvedType> hasIdentity;

    UnionMembers(
            PolymorphicTypes polymorphicTypes, JacksonPolymorphism polymorphism, Predicate<ResolvedType> hasIdentity) {
        this.polymorphicTypes = polymorphicTypes;
        this.polymorphism = polymorphism;
        this.hasIdentity = hasIdentity;
    }

    @Override
    public List<ResolvedType> findSubtypes(ResolvedType declaredType, SchemaGenerationContext context) {
        List<ResolvedType> members = polymorphicTypes.findSubtypes(declaredType, context);
        if (members == null) {
            return null;
        }
        Class<?> union = declaredType.getErasedType();
        boolean unionIdentity = hasIdentity.test(declaredType);
        List<ResolvedType> marked = new ArrayList<>();
        for (ResolvedType member : members) {
            boolean ownTypeInfo =
                    !Objects.equals(polymorphism.typeInfo(member.getErasedType()), polymorphism.typeInfo(union));
            boolean ownIdentity = !unionIdentity && hasIdentity.test(member);
            marked.add(
                    member instanceof ResolvedObjectType object && (ownTypeInfo || ownIdentity)
                            ? new UnionMember(object, union)
                            : member);
        }
        return marked;
    }
}
