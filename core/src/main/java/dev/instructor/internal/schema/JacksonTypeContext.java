package dev.instructor.internal.schema;

import com.fasterxml.classmate.AnnotationConfiguration;
import com.fasterxml.classmate.AnnotationInclusion;
import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfig;
import com.github.victools.jsonschema.generator.TypeContext;

/**
 * victools' type context, except that {@code Iterable} itself is a container, as Jackson reads it: from an array, as a
 * {@code Collection} of its items. victools takes only arrays and {@code Collection}s for containers, and would
 * describe an {@code Iterable} as an object with no properties. A class that merely implements {@code Iterable} stays
 * what victools makes of it, as Jackson binds such a class as a bean.
 */
final class JacksonTypeContext extends TypeContext {
    JacksonTypeContext(SchemaGeneratorConfig config) {
        super(
                new AnnotationConfiguration.StdConfiguration(AnnotationInclusion.INCLUDE_AND_INHERIT_IF_INHERITED),
                config);
    }

    @Override
    public boolean isContainerType(ResolvedType type) {
        return type.getErasedType() == Iterable.class || super.isContainerType(type);
    }
}
