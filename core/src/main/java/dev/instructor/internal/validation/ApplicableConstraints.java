package dev.instructor.internal.validation;

import dev.instructor.internal.binding.ObjectShape;
import dev.instructor.internal.binding.Shape;

/**
 * Refuses, when a response model is built, a constraint that Bean Validation cannot check on its property's declared
 * type: {@code @Min(2) Optional<Integer>} or {@code @Size(max = 4) Optional<String>}, for which Hibernate Validator has
 * no validator (the {@code Optional} is not unwrapped unless asked). Hibernate would otherwise fail every validation of
 * the model with HV000030, answer after answer. The beans the binding looks into are checked, nested ones included;
 * one read whole (a union subtype, a value with a deserializer of its own) is not.
 */
public final class ApplicableConstraints {
    private ApplicableConstraints() {}

    /**
     * Checks the properties of every bean reachable from {@code root}.
     *
     * @throws IllegalArgumentException naming the first property whose constraint cannot be checked, and the fix
     */
    public static void check(Shape root) {
        BeanValidation beans = BeanValidation.shared();
        ReachableShapes.any(root, shape -> {
            if (shape instanceof ObjectShape object) {
                beans.checkApplicable(object.type().getRawClass());
            }
            return false;
        });
    }
}
