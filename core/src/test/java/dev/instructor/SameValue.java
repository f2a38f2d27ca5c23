package dev.instructor;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Structural equality of bound values, for comparing a partial with Jackson's binding: records and beans member by
 * member (a bean need not define {@code equals}), arrays item by item, lists, sets and maps by content whatever their
 * class, {@code Optional}s by content, everything else by class and {@code equals}, so that {@code 1.0} and
 * {@code 1.00} as {@code BigDecimal}, {@code -0.0} and {@code 0.0}, or {@code null} and {@code Optional.empty()} differ.
 */
final class SameValue {
    private SameValue() {}

    static boolean same(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Optional<?> x) {
            return b instanceof Optional<?> y && same(x.orElse(null), y.orElse(null));
        }
        if (a instanceof List<?> x) {
            return b instanceof List<?> y && sameItems(x.iterator(), y.iterator(), x.size(), y.size());
        }
        if (a instanceof Set<?> x) {
            return b instanceof Set<?> y && x.size() == y.size() && x.containsAll(y) && y.containsAll(x);
        }
        if (a instanceof Map<?, ?> x) {
            return b instanceof Map<?, ?> y && sameEntries(x, y);
        }
        if (a.getClass() != b.getClass()) {
            return false;
        }
        if (a.getClass().isArray()) {
            return sameArrays(a, b);
        }
        if (a.getClass().isRecord()) {
            return sameComponents(a, b);
        }
        if (isValue(a)) {
            return a.equals(b);
        }
        return sameFields(a, b);
    }

    private static boolean isValue(Object value) {
        Class<?> type = value.getClass();
        return type.isEnum() || !type.getName().startsWith("dev.instructor");
    }

    private static boolean sameItems(Iterator<?> a, Iterator<?> b, int sizeA, int sizeB) {
        if (sizeA != sizeB) {
            return false;
        }
        while (a.hasNext()) {
            if (!same(a.next(), b.next())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameEntries(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<?, ?> entry : a.entrySet()) {
            if (!b.containsKey(entry.getKey()) || !same(entry.getValue(), b.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameArrays(Object a, Object b) {
        int length = Array.getLength(a);
        if (length != Array.getLength(b)) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (!same(Array.get(a, i), Array.get(b, i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameComponents(Object a, Object b) {
        try {
            for (RecordComponent component : a.getClass().getRecordComponents()) {
                component.getAccessor().setAccessible(true);
                if (!same(
                        component.getAccessor().invoke(a),
                        component.getAccessor().invoke(b))) {
                    return false;
                }
            }
            return true;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean sameFields(Object a, Object b) {
        try {
            for (Class<?> type = a.getClass(); type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                        continue;
                    }
                    field.setAccessible(true);
                    if (!same(field.get(a), field.get(b))) {
                        return false;
                    }
                }
            }
            return true;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Describes a value for a failure message, arrays and beans included. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value.getClass().isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < Array.getLength(value); i++) {
                out.append(i == 0 ? "" : ", ").append(describe(Array.get(value, i)));
            }
            return out.append(']').toString();
        }
        if (value.getClass().isRecord() || isValue(value) || value instanceof Iterable<?> || value instanceof Map) {
            return String.valueOf(value)
                    + (value instanceof Number ? " (" + value.getClass().getSimpleName() + ")" : "");
        }
        StringBuilder out = new StringBuilder(value.getClass().getSimpleName()).append('{');
        try {
            for (Class<?> type = value.getClass(); type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                        field.setAccessible(true);
                        out.append(field.getName())
                                .append('=')
                                .append(describe(field.get(value)))
                                .append(' ');
                    }
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return out.append('}').toString();
    }
}
