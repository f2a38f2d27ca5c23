package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.TypeAttributeOverrideV2;
import com.github.victools.jsonschema.generator.TypeScope;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tells the model that a {@code Set}'s items are distinct, in words rather than as {@code uniqueItems}: Jackson reads
 * {@code ["a","a"]} into a set by dropping the repeat, and the schema must not reject an answer the binding accepts.
 * For the same reason a set's {@code @Size(max)} is described, not written as {@code maxItems}, which counts repeats
 * (see {@link FullMatchValidationModule}); its {@code minItems} stays, as a set of n distinct items is written with at
 * least n.
 */
public final class SetItems implements TypeAttributeOverrideV2 {
    /** Returns true when {@code type} is a set, whose repeated items Jackson drops. */
    static boolean isSet(ResolvedType type) {
        return type != null && Set.class.isAssignableFrom(type.getErasedType());
    }

    /** The sentence for a set's upper bound, counted after repeats are dropped. */
    static String maxSentence(int max) {
        return "Must have at most " + max + " distinct " + (max == 1 ? "item." : "items.");
    }

    /**
     * Appends to {@code node}, the schema of a set, the sentence for its upper bound {@code max}: a root set's bound,
     * which a type token declares, as a property's is described.
     */
    public static void describeMax(ObjectNode node, int max) {
        ConstraintText.appendSentence(node, maxSentence(max));
    }

    @Override
    public void overrideTypeAttributes(ObjectNode definition, TypeScope scope, SchemaGenerationContext context) {
        if (isSet(scope.getType())) {
            ConstraintText.appendLater(definition, "Items are distinct: a repeated item is dropped.");
        }
    }
}
