package dev.instructor.internal.binding;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedWithParams;

/**
 * Calls the creator Jackson chose for a bean with an argument array. Jackson's own call goes through
 * {@code MethodHandle.invokeWithArguments}, which builds a spreader on every call: fine once per document, too slow
 * once per partial. A creator of up to {@link FixedArity#MAX} parameters is called through a small class made for it
 * with {@code LambdaMetafactory} (a plain call with casts and unboxing); a larger one reflectively. When the creator
 * cannot be opened at all, Jackson's slower call is used.
 */
final class Creator {
    private final ValueInstantiator instantiator;
    private final Constructor<?> constructor;
    private final Method factory;
    /** One of the {@link FixedArity} interfaces, or null. */
    private final Object direct;

    private final int arity;

    private Creator(
            ValueInstantiator instantiator, Constructor<?> constructor, Method factory, Object direct, int arity) {
        this.instantiator = instantiator;
        this.constructor = constructor;
        this.factory = factory;
        this.direct = direct;
        this.arity = arity;
    }

    private Creator(ValueInstantiator instantiator, Constructor<?> constructor, Method factory) {
        this(instantiator, constructor, factory, null, 0);
    }

    static Creator of(ValueInstantiator instantiator, int arity) {
        AnnotatedWithParams creator = arity > 0 ? instantiator.getWithArgsCreator() : null;
        if (creator == null || creator.getParameterCount() != arity) {
            return new Creator(instantiator, null, null);
        }
        AnnotatedElement element = creator.getAnnotated();
        try {
            if (element instanceof Constructor) {
                Constructor<?> constructor = (Constructor<?>) element;
                constructor.setAccessible(true);
                return new Creator(instantiator, constructor, null, FixedArity.of(constructor), arity);
            }
            if (element instanceof Method && Modifier.isStatic(((Method) element).getModifiers())) {
                Method factory = (Method) element;
                factory.setAccessible(true);
                return new Creator(instantiator, null, factory, FixedArity.of(factory), arity);
            }
        } catch (RuntimeException e) {
            // Not open to us (module rules): Jackson's slower call still works.
        }
        return new Creator(instantiator, null, null);
    }

    /** Returns a new instance from {@code arguments}; exceptions of the creator propagate unwrapped. */
    Object create(DeserializationContext context, Object[] arguments) throws Throwable {
        if (arguments.length == 0) {
            return instantiator.createUsingDefault(context);
        }
        if (direct != null) {
            return FixedArity.call(direct, arity, arguments);
        }
        try {
            if (constructor != null) {
                return constructor.newInstance(arguments);
            }
            if (factory != null) {
                return factory.invoke(null, arguments);
            }
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        return instantiator.createFromObjectWith(context, arguments);
    }
}
