package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.TypeContext;
import java.util.List;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

/**
 * Converts between victools' types (classmate's {@link ResolvedType}) and Jackson's {@link JavaType}, and tells which
 * classes the object-building providers look at.
 */
final class JacksonTypes {
    private JacksonTypes() {}

    /** {@code type} as Jackson's type, its type arguments included. */
    static JavaType javaType(TypeFactory factory, ResolvedType type) {
        if (type.isArray()) {
            return factory.constructArrayType(javaType(factory, type.getArrayElementType()));
        }
        List<ResolvedType> arguments = type.getTypeParameters();
        if (arguments.isEmpty()) {
            return factory.constructType(type.getErasedType());
        }
        JavaType[] converted = new JavaType[arguments.size()];
        for (int i = 0; i < converted.length; i++) {
            converted[i] = javaType(factory, arguments.get(i));
        }
        return factory.constructParametricType(type.getErasedType(), converted);
    }

    /** {@code type} as victools' type, its type arguments included (an array's element type loses its own). */
    static ResolvedType resolvedType(TypeContext context, JavaType type) {
        int count = type.getBindings().size();
        if (count == 0 || type.isArrayType()) {
            return context.resolve(type.getRawClass());
        }
        ResolvedType[] arguments = new ResolvedType[count];
        for (int i = 0; i < count; i++) {
            arguments[i] = resolvedType(context, type.getBindings().getBoundType(i));
        }
        return context.resolve(type.getRawClass(), arguments);
    }

    /**
     * Returns true for a class that may be an object of the caller's (or a value object), as the providers that
     * describe objects from Jackson's view consider: not a primitive, array, enum or interface, and not a JDK class,
     * whose shapes victools and {@link JdkTypeDefinitionProvider} know.
     */
    static boolean isCallerClass(Class<?> raw) {
        return !(raw.isPrimitive()
                || raw.isArray()
                || raw.isEnum()
                || raw.isInterface()
                || raw.getName().startsWith("java."));
    }
}
