package dev.instructor.internal.validation;

import dev.instructor.Violation;
import dev.instructor.internal.binding.NodeBinder;
import dev.instructor.internal.binding.ObjectProperty;
import dev.instructor.internal.binding.ObjectShape;
import dev.instructor.internal.binding.Shape;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.JsonType;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The checks of a bean's own constraints while it streams: a member against its property's constraints as it
 * completes, and the completed bean only for what its members' checks cannot see: constrained members the model left
 * out, members Jackson may take from a later name, unwrapped values, required properties left null, and, when the
 * class has them, class-level and getter constraints, which need the whole bean, bound once.
 *
 * <p>Only a member whose value Jackson binds is checked, as a violation aborts the attempt: of several members for one
 * property (a name and its alias, a name in another case, a repeated name), a property set after a creator keeps the
 * first, so a later one is never checked; any other keeps the last, so one with several names is checked, nested
 * values included, once its object completes and the last is known (see {@link ObjectShape#bindsLatest}). A repeat of
 * a single name is not foreseen: its first value may have been reported. Types without aliases pay one test per member
 * for this, decided by the shape ({@link #isKept}).
 */
final class BeanChecks {
    private final BeanValidation beans;
    private final ValueValidation values;
    private final RequiredMembers required;
    private final NodeBinder binder;
    private final ReportedViolations reported;
    private final WholeValues whole;
    /** Names a map key as the model writes it. */
    private final Function<Object, String> keys;

    private final Map<ObjectProperty, Boolean> constrained = new HashMap<>();

    BeanChecks(
            BeanValidation beans,
            ValueValidation values,
            NodeBinder binder,
            ReportedViolations reported,
            WholeValues whole,
            Function<Object, String> keys) {
        this.beans = beans;
        this.values = values;
        this.required = values.required();
        this.binder = binder;
        this.reported = reported;
        this.whole = whole;
        this.keys = keys;
    }

    /**
     * Returns true when a violation in the value of the member of {@code object} written last under {@code key} may be
     * reported now: when it is the value Jackson binds to {@code property}, which a later member may replace only where
     * the property has several names or Jackson keeps the first of its members. Other properties cost two field reads.
     */
    static boolean isKept(ObjectShape owner, PartialValue object, String key, ObjectProperty property) {
        if (!owner.hasOtherNames() && !owner.keepsFirst(property)) {
            return true;
        }
        return object.type() != JsonType.OBJECT || owner.bindsLatest((PartialObject) object, key, property);
    }

    /**
     * Checks the completed member {@code node} at {@code path} of a bean of {@code owner}, bound by {@code shape},
     * against {@code property}'s constraints, when it has any.
     */
    void checkMember(
            ObjectShape owner,
            ObjectProperty property,
            Shape shape,
            PartialValue node,
            JsonPointer path,
            List<Violation> found) {
        if (constrained.computeIfAbsent(property, isConstrained(owner))) {
            Object value = binder.bind(shape, node);
            if (value != Shape.ABSENT) {
                // The completed path names the member as written, an alias included. The whole value is checked: the
                // items of a set or Iterable it holds may break a constraint each, under one path.
                found.addAll(reported.inWholeCheck(beans.validateMember(owner, property, value, path, keys)));
            }
        }
    }

    /**
     * Checks a completed bean whose present members were each checked as they completed, except those of a property
     * with several names of which Jackson keeps the last (see {@link #isKept}): only now is that member known.
     */
    void checkBean(ObjectShape shape, PartialObject node, JsonPointer path, List<Violation> found) {
        if (shape.hasOtherNames()) {
            checkKeptMembers(shape, node, path, found);
        }
        BeanValidation.Plan plan = values.plan(shape);
        // The members of an unwrapped value are not properties of the bean: nothing checked them as they completed.
        boolean unwraps = !shape.unwrappedValues().isEmpty();
        Object bean = plan.wholeBean || unwraps || required.mayLeaveNull(shape, node)
                ? binder.bind(shape, node)
                : Shape.ABSENT;
        boolean bound = bean != Shape.ABSENT && bean != null;
        List<Violation> inBean = new ArrayList<>();
        if (plan.wholeBean) {
            if (bound) {
                inBean.addAll(beans.validateBean(bean, shape, path, keys));
            }
        } else {
            for (ObjectProperty property : plan.constrained) {
                if (!isPresent(shape, node, property)) {
                    inBean.addAll(beans.validateProperty(shape, property, property.defaultValue(), path));
                }
            }
        }
        if (bound) {
            required.check(bean, shape, node, path, null, inBean); // after the constraints, which it does not repeat
            if (unwraps) {
                inBean.addAll(values.validateUnwrapped(bean, shape, node, path));
            }
        }
        found.addAll(reported.inWholeCheck(whole.written(inBean, path, node, shape)));
    }

    /**
     * Checks the member Jackson keeps of each property of a complete bean that has several names and takes the last
     * member written for it, nested values included: none of them was checked as it completed.
     */
    private void checkKeptMembers(ObjectShape shape, PartialObject node, JsonPointer path, List<Violation> found) {
        for (ObjectProperty property : shape.properties()) {
            if (shape.keepsFirst(property) || !shape.hasManyNames(property)) {
                continue;
            }
            String key = shape.writtenName(node, property.name());
            PartialValue member = node.get(key);
            if (member == null) {
                continue; // missing: checked below, as any missing member
            }
            Object value = binder.bind(property.shape(), member);
            if (value == Shape.ABSENT) {
                continue;
            }
            JsonPointer at = path.append(key);
            if (constrained.computeIfAbsent(property, isConstrained(shape))) {
                found.addAll(reported.inWholeCheck(beans.validateMember(shape, property, value, at, keys)));
            }
            found.addAll(whole.checkBound(value, property.shape(), member, at));
        }
    }

    private Function<ObjectProperty, Boolean> isConstrained(ObjectShape owner) {
        return p -> beans.isConstrained(owner, p);
    }

    private static boolean isPresent(ObjectShape shape, PartialObject node, ObjectProperty property) {
        for (int i = 0, n = node.size(); i < n; i++) {
            if (shape.property(node.keyAt(i)) == property) {
                return true;
            }
        }
        return false;
    }
}
