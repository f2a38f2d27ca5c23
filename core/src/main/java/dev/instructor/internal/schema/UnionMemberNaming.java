package dev.instructor.internal.schema;

import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.impl.DefinitionKey;
import com.github.victools.jsonschema.generator.naming.DefaultSchemaDefinitionNamingStrategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names definitions as victools does (the type's simple name), except where a union member ({@link UnionMember}) has
 * a definition beside the member's own: the union's is then named after the union too, {@code "Token.Coin"} beside
 * {@code "Coin"}, instead of victools' {@code "Coin-1"} and {@code "Coin-2"}, which would leave a model to guess
 * which is which. Any names still shared after that are numbered as victools numbers them.
 */
final class UnionMemberNaming extends DefaultSchemaDefinitionNamingStrategy {
    @Override
    public void adjustDuplicateNames(Map<DefinitionKey, String> duplicates, SchemaGenerationContext context) {
        for (Map.Entry<DefinitionKey, String> entry : duplicates.entrySet()) {
            if (entry.getKey().getType() instanceof UnionMember member) {
                String union = context.getTypeContext()
                        .getSimpleTypeDescription(context.getTypeContext().resolve(member.union()));
                entry.setValue(union + "." + entry.getValue());
            }
        }
        // Names still shared: a member outside unions met in two contexts, or one member of two unions of the same
        // simple name (A.Token and B.Token). Numbered as victools numbers them, so that no two definitions clash.
        Map<String, List<DefinitionKey>> byName = new LinkedHashMap<>();
        for (Map.Entry<DefinitionKey, String> entry : duplicates.entrySet()) {
            byName.computeIfAbsent(entry.getValue(), name -> new ArrayList<>()).add(entry.getKey());
        }
        for (Map.Entry<String, List<DefinitionKey>> shared : byName.entrySet()) {
            if (shared.getValue().size() > 1) {
                int index = 1;
                for (DefinitionKey key : shared.getValue()) {
                    duplicates.put(key, shared.getKey() + "-" + index++);
                }
            }
        }
    }
}
