package dev.instructor.internal.binding;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedWithParams;

/**
 * Calls the creator Jackson chose for a bean with an argument array. Jackson's own call goes through
 * {@code MethodHandle.invokeWithArguments}, which builds a spreader on every call: fine once per document, too slow
 * once per partial. This spreads once, up front, and falls back to Jackson when the creator cannot be opened.
 */
final class Creator {
    private final ValueInstantiator instantiator;
    private final MethodHandle handle;

    private Creator(ValueInstantiator instantiator, MethodHandle handle) {
        this.instantiator = instantiator;
        this.handle = handle;
    }

    static Creator of(ValueInstantiator instantiator, int arity) {
        return new Creator(instantiator, arity > 0 ? spreader(instantiator.getWithArgsCreator(), arity) : null);
    }

    /** Returns a new instance from {@code arguments}; exceptions of the creator propagate unwrapped. */
    Object create(DeserializationContext context, Object[] arguments) throws Throwable {
        if (arguments.length == 0) {
            return instantiator.createUsingDefault(context);
        }
        if (handle == null) {
            return instantiator.createFromObjectWith(context, arguments);
        }
        return (Object) handle.invokeExact(arguments);
    }

    private static MethodHandle spreader(AnnotatedWithParams creator, int arity) {
        if (creator == null || creator.getParameterCount() != arity) {
            return null;
        }
        AnnotatedElement element = creator.getAnnotated();
        try {
            MethodHandle target;
            if (element instanceof Constructor) {
                Constructor<?> constructor = (Constructor<?>) element;
                constructor.setAccessible(true);
                target = MethodHandles.lookup().unreflectConstructor(constructor);
            } else if (element instanceof Method && Modifier.isStatic(((Method) element).getModifiers())) {
                Method factory = (Method) element;
                factory.setAccessible(true);
                target = MethodHandles.lookup().unreflect(factory);
            } else {
                return null;
            }
            return target.asSpreader(Object[].class, arity).asType(MethodType.methodType(Object.class, Object[].class));
        } catch (RuntimeException | IllegalAccessException e) {
            return null; // not open to us (module rules): Jackson's slower call still works
        }
    }
}
