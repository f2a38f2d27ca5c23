package dev.instructor.internal.binding;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Direct calls of a constructor or static factory with a fixed number of parameters, for {@link Creator}: the JDK's
 * {@link LambdaMetafactory} makes a class implementing one of the interfaces below whose single method casts and
 * unboxes its arguments and calls the creator, as a compiled {@code new Recipe(...)} would. A reflective call costs
 * several times more per partial, and a method handle held in a field cannot be inlined.
 */
public final class FixedArity {
    private static final System.Logger LOG = System.getLogger("dev.instructor.Instructor");

    /** The largest number of parameters handled; larger creators are called reflectively. */
    static final int MAX = 8;

    private FixedArity() {}

    // Public because the classes made for them live in the user's package, as nestmates of the user's type.

    public interface Call1 {
        Object call(Object a);
    }

    public interface Call2 {
        Object call(Object a, Object b);
    }

    public interface Call3 {
        Object call(Object a, Object b, Object c);
    }

    public interface Call4 {
        Object call(Object a, Object b, Object c, Object d);
    }

    public interface Call5 {
        Object call(Object a, Object b, Object c, Object d, Object e);
    }

    public interface Call6 {
        Object call(Object a, Object b, Object c, Object d, Object e, Object f);
    }

    public interface Call7 {
        Object call(Object a, Object b, Object c, Object d, Object e, Object f, Object g);
    }

    public interface Call8 {
        Object call(Object a, Object b, Object c, Object d, Object e, Object f, Object g, Object h);
    }

    private static final Class<?>[] INTERFACES = {
        null, Call1.class, Call2.class, Call3.class, Call4.class, Call5.class, Call6.class, Call7.class, Call8.class
    };

    /** What {@link #CALLS} holds for a creator that cannot be called directly. */
    private static final Object NONE = new Object();

    /**
     * The calls made so far, per declaring class: each is a class of its own, kept as long as the creator's class is
     * loaded and made once however many models use it (a model may be built per request).
     */
    private static final ClassValue<Map<Executable, Object>> CALLS = new ClassValue<>() {
        @Override
        protected Map<Executable, Object> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /**
     * Returns an instance of the {@code CallN} interface for {@code creator} (already made accessible), or null when it
     * has too many parameters or cannot be linked (module rules): the caller then calls it reflectively.
     */
    static Object of(Executable creator) {
        Object call = CALLS.get(creator.getDeclaringClass()).computeIfAbsent(creator, FixedArity::make);
        return call == NONE ? null : call;
    }

    private static Object make(Executable creator) {
        int arity = creator.getParameterCount();
        if (arity == 0 || arity > MAX) {
            return NONE;
        }
        try {
            MethodHandles.Lookup lookup =
                    MethodHandles.privateLookupIn(creator.getDeclaringClass(), MethodHandles.lookup());
            MethodHandle target = creator instanceof Constructor<?> constructor
                    ? lookup.unreflectConstructor(constructor)
                    : lookup.unreflect((Method) creator);
            Class<?> type = INTERFACES[arity];
            CallSite site = LambdaMetafactory.metafactory(
                    lookup,
                    "call",
                    MethodType.methodType(type),
                    MethodType.genericMethodType(arity),
                    target,
                    target.type().wrap());
            return site.getTarget().invoke();
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError && !(e instanceof InternalError)) {
                throw (VirtualMachineError) e;
            }
            // Not linkable here (module rules, a hidden class refused): called reflectively, which works but costs
            // more per partial. Said once per creator, so that a slow stream can be explained.
            LOG.log(
                    System.Logger.Level.DEBUG,
                    () -> "calling " + creator + " reflectively: it cannot be linked as a lambda (" + e + ")");
            return NONE;
        }
    }

    /** Calls {@code call}, made by {@link #of} for {@code arity} parameters, with {@code arguments}. */
    static Object call(Object call, int arity, Object[] a) {
        switch (arity) {
            case 1:
                return ((Call1) call).call(a[0]);
            case 2:
                return ((Call2) call).call(a[0], a[1]);
            case 3:
                return ((Call3) call).call(a[0], a[1], a[2]);
            case 4:
                return ((Call4) call).call(a[0], a[1], a[2], a[3]);
            case 5:
                return ((Call5) call).call(a[0], a[1], a[2], a[3], a[4]);
            case 6:
                return ((Call6) call).call(a[0], a[1], a[2], a[3], a[4], a[5]);
            case 7:
                return ((Call7) call).call(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
            default:
                return ((Call8) call).call(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
        }
    }
}
