package dev.instructor.internal.client;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Names the tool or schema a provider sees after the response type: {@code Idea}, {@code ListOfIdea}. The model
 * reads the name, so it says what is asked for; providers accept letters, digits, {@code _} and {@code -}.
 */
final class SchemaNames {
    private SchemaNames() {}

    static String of(Type type) {
        String name = sanitize(describe(type));
        if (name.isEmpty()) {
            return "response";
        }
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    private static String describe(Type type) {
        if (type instanceof Class<?> raw) {
            return raw.isArray() ? "ArrayOf" + describe(raw.getComponentType()) : raw.getSimpleName();
        }
        if (type instanceof ParameterizedType parameterized) {
            StringBuilder out = new StringBuilder(describe(parameterized.getRawType()));
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < arguments.length; i++) {
                out.append(i == 0 ? "Of" : "And").append(describe(arguments[i]));
            }
            return out.toString();
        }
        if (type instanceof GenericArrayType array) {
            return "ArrayOf" + describe(array.getGenericComponentType());
        }
        return "response";
    }

    private static String sanitize(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", "");
    }
}
