package dev.instructor.internal.binding;

import dev.instructor.json.JsonType;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialValue;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.deser.ValueInstantiator;

/**
 * A record or bean, built the way Jackson builds it: through the creator Jackson chose (a record's canonical
 * constructor, a {@code @JsonCreator}, a no-arg constructor) and then Jackson's own setter or field properties.
 * Members not yet present get {@code null}, or a primitive's default.
 *
 * <p>An open object whose creator or setters reject its partial arguments (a compact constructor's
 * {@code requireNonNull}, a range check) is not shown yet; a complete one that is rejected skips the partial, as the
 * final binding would fail on it too. A complete value of another kind (a string, an array) is read by Jackson, which
 * may coerce it ({@code ACCEPT_EMPTY_STRING_AS_NULL_OBJECT}, {@code UNWRAP_SINGLE_VALUE_ARRAYS}, a one-string
 * creator), and so is a complete object in which a member name repeats (see {@code repeated}).
 *
 * <p>Over 400 lines: building an instance per snapshot (settled members, creator arguments, setters, the open member
 * {@link OpenChain} rebuilds) is one piece of state per object position, kept in one place.
 *
 * <p>Its properties are set once, right after construction: the factory registers the shape first, so that a
 * self-referential type finds it while its properties are being built.
 */
public final class ObjectShape extends Shape {
    private static final Slot[] NO_SLOTS = {};
    private static final ObjectProperty[] NO_PROPERTIES = {};
    private static final String[] NO_KEYS = {};

    private final ValueInstantiator instantiator;
    /** Reads a complete value of another kind than an object, which Jackson may still accept (a coerced string). */
    private final TextReader otherKinds;

    private Creator creator;
    private Map<String, ObjectProperty> byName;
    private boolean caseInsensitive;
    /** Whether a member may be written under another name than its property's: an alias, or any case. */
    private boolean otherNames;
    /** The properties that have an alias. */
    private Set<ObjectProperty> aliased = Set.of();

    private Object[] creatorDefaults;
    private Collection<ObjectProperty> properties;
    private Map<String, ObjectProperty> byJavaName;
    /** Whether some property is set after construction (a setter or field) rather than passed to the creator. */
    private boolean hasSetters;
    /** See {@link #propertyAt}; as many entries as the type has properties. */
    private KnownKey[] knownKeys = new KnownKey[0];
    /** Which names Jackson ignores, and which members that are not properties it rejects the object for; or null. */
    private UnknownMembers unknownRejected;
    /** Which names Jackson ignores (as {@link #unknownRejected} says, but kept whatever reads the object); or null. */
    private UnknownMembers ignorals;
    /** Reads a complete object of this type whole, when Jackson gives members to more than its properties. */
    private TextReader completeReader;

    private List<UnwrappedValue> unwrapped = List.of();
    /** Whether Jackson reads a value of another kind as a reference to an object it identified earlier. */
    private boolean referable;
    /**
     * The creator's properties by the names its creator matches, when those are matched in another case sensitivity
     * than the other properties (see {@link #property}); null otherwise.
     */
    private Map<String, ObjectProperty> creatorNames;

    private boolean creatorCaseInsensitive;

    ObjectShape(JavaType type, ValueInstantiator instantiator, TextReader otherKinds) {
        super(type);
        this.instantiator = instantiator;
        this.otherKinds = otherKinds;
    }

    void properties(
            Map<String, ObjectProperty> byName,
            Collection<ObjectProperty> properties,
            int creatorCount,
            boolean caseInsensitive) {
        this.byName = byName;
        this.properties = properties;
        this.caseInsensitive = caseInsensitive;
        Set<ObjectProperty> named = new HashSet<>();
        Set<ObjectProperty> more = new HashSet<>();
        for (ObjectProperty property : byName.values()) {
            if (!named.add(property)) {
                more.add(property);
            }
        }
        this.aliased = more;
        this.otherNames = caseInsensitive || !more.isEmpty();
        Object[] defaults = new Object[creatorCount];
        for (ObjectProperty property : properties) {
            if (property.creatorIndex >= 0) {
                defaults[property.creatorIndex] = property.defaultValue;
            }
        }
        this.creatorDefaults = defaults;
        this.creator = Creator.of(instantiator, creatorCount);
        Map<String, ObjectProperty> java = new HashMap<>();
        for (ObjectProperty property : properties) {
            java.putIfAbsent(property.javaName, property);
        }
        this.byJavaName = java;
        this.knownKeys = new KnownKey[Math.min(properties.size(), 64)];
        boolean setters = false;
        for (ObjectProperty property : properties) {
            setters |= property.creatorIndex < 0;
        }
        this.hasSetters = setters;
    }

    /**
     * Reads a complete object with {@code reader} rather than from its properties: for a type with an any-setter or an
     * {@code @JsonUnwrapped} property, whose values come from members no property takes, with a collection Jackson
     * fills through its getter, or with a record component Jackson ignores. While the object is open, its properties
     * are bound as usual and the rest is not shown yet.
     */
    void readCompleteWith(TextReader reader) {
        this.completeReader = reader;
    }

    /**
     * Makes a complete value of another kind than an object (a scalar) a reference to an identified object
     * ({@code @JsonIdentityInfo}), which only the whole document resolves: see {@link UnresolvedReference}.
     */
    void referable() {
        this.referable = true;
    }

    /** Records the type's {@code @JsonUnwrapped} properties, which are not among {@link #properties()}. */
    void unwrappedValues(List<UnwrappedValue> values) {
        this.unwrapped = List.copyOf(values);
    }

    /**
     * Returns the type's {@code @JsonUnwrapped} properties, whose values' members are written in this object: Jackson
     * reads them from the complete object, so they are not among {@link #properties()}; empty for most types.
     */
    public List<UnwrappedValue> unwrappedValues() {
        return unwrapped;
    }

    /**
     * Makes a creator property match only the names in {@code names}, keyed as {@code caseInsensitive} says: a
     * property's own {@code @JsonFormat(with = ACCEPT_CASE_INSENSITIVE_PROPERTIES)} changes how Jackson matches the
     * other properties, while the creator it keeps from the type matches names as before.
     */
    void creatorNames(Map<String, ObjectProperty> names, boolean caseInsensitive) {
        this.creatorNames = names;
        this.creatorCaseInsensitive = caseInsensitive;
        this.otherNames |= caseInsensitive;
    }

    /** Records which names Jackson ignores for this type; null when it ignores none. */
    void ignorals(UnknownMembers ignorals) {
        this.ignorals = ignorals;
    }

    /**
     * Returns true when Jackson ignores a member named {@code name} in this object, though a property has that name:
     * the property's {@code @JsonIgnoreProperties} holds for the beans it holds, which keep their creator.
     */
    public boolean ignores(String name) {
        return ignorals != null && ignorals.isIgnored(name);
    }

    /**
     * Makes a member that is none of the properties skip the partial where {@code rejected} says Jackson rejects the
     * object for it ({@code FAIL_ON_UNKNOWN_PROPERTIES}, {@code FAIL_ON_IGNORED_PROPERTIES}); null rejects none.
     */
    void rejectUnknownMembers(UnknownMembers rejected) {
        this.unknownRejected = rejected;
    }

    /**
     * Returns a shape of the same type that leaves the member {@code jsonName} unbound, as Jackson binds the subtype of
     * a union whose type id property is not visible to it: the id is taken out before the subtype sees its members.
     */
    ObjectShape without(String jsonName) {
        ObjectShape copy = new ObjectShape(type, instantiator, otherKinds);
        Map<String, ObjectProperty> names = new HashMap<>(byName);
        names.remove(caseInsensitive ? jsonName.toLowerCase(Locale.ROOT) : jsonName);
        copy.byName = names;
        copy.properties = properties;
        copy.caseInsensitive = caseInsensitive;
        copy.otherNames = otherNames;
        copy.aliased = aliased;
        copy.creatorDefaults = creatorDefaults;
        copy.creator = creator;
        copy.byJavaName = byJavaName;
        copy.hasSetters = hasSetters;
        copy.knownKeys = new KnownKey[knownKeys.length];
        copy.unknownRejected = unknownRejected == null ? null : unknownRejected.ignoring(jsonName);
        copy.completeReader = completeReader;
        copy.ignorals = ignorals;
        copy.referable = referable;
        if (creatorNames != null) {
            Map<String, ObjectProperty> creatorCopy = new HashMap<>(creatorNames);
            creatorCopy.remove(creatorCaseInsensitive ? jsonName.toLowerCase(Locale.ROOT) : jsonName);
            copy.creatorNames = creatorCopy;
        }
        copy.creatorCaseInsensitive = creatorCaseInsensitive;
        return copy;
    }

    /** Returns the property whose Java name (as Bean Validation reports it) is {@code javaName}, or {@code null}. */
    public ObjectProperty propertyByJavaName(String javaName) {
        return byJavaName.get(javaName);
    }

    /** Returns the properties, each once, in Jackson's order. */
    public Collection<ObjectProperty> properties() {
        return properties;
    }

    /** Returns the property a JSON member name binds to (aliases included), or {@code null}. */
    public ObjectProperty property(String jsonName) {
        ObjectProperty property = byName.get(caseInsensitive ? jsonName.toLowerCase(Locale.ROOT) : jsonName);
        if (creatorNames == null) {
            return property;
        }
        // As Jackson: the creator looks first; the other properties do not take a creator property's member (for a
        // bean other than a record, which sets it later, the complete object is read by Jackson).
        ObjectProperty creatorProperty =
                creatorNames.get(creatorCaseInsensitive ? jsonName.toLowerCase(Locale.ROOT) : jsonName);
        if (creatorProperty != null) {
            return creatorProperty;
        }
        return property == null || property.creatorIndex < 0 ? property : null;
    }

    @Override
    public boolean hasOtherNames() {
        return otherNames;
    }

    /**
     * Returns the name of the member of {@code value} whose value Jackson binds to the property named {@code segment},
     * when {@code value} holds one. Of two members for one property (its name and an alias, or a name in another
     * case), Jackson keeps the last for a creator property and for a setter of a bean built without arguments; after
     * a properties-based creator it sets the buffered setter properties last to first, so that the first counts.
     */
    @Override
    public String writtenName(PartialValue value, String segment) {
        ObjectProperty property = otherNames && value.type() == JsonType.OBJECT ? property(segment) : null;
        if (property == null) {
            return segment;
        }
        PartialObject object = (PartialObject) value;
        boolean firstCounts = keepsFirst(property);
        // The snapshot shows a repeated key at its first position: which name came last is in the order of writing.
        List<String> keys = object.writtenKeys();
        String written = null;
        for (int i = 0, n = keys.size(); i < n && (written == null || !firstCounts); i++) {
            String key = keys.get(i);
            if (takes(key, property)) {
                written = key;
            }
        }
        return written == null ? segment : written;
    }

    /**
     * Returns the member of {@code value} that Jackson binds under {@code segment}, a name {@link #writtenName} gave:
     * the first written under it when Jackson keeps the first member for its property, else the last.
     */
    @Override
    public PartialValue boundChild(PartialValue value, String segment) {
        if (value.type() == JsonType.OBJECT && ((PartialObject) value).repeatedKeys() != 0) {
            ObjectProperty property = property(segment);
            if (property != null && keepsFirst(property)) {
                return firstValue((PartialObject) value, segment);
            }
        }
        return childValue(value, segment);
    }

    /**
     * Returns true when Jackson keeps the first of several members for {@code property} (a property set after a
     * properties-based creator, see {@link #instantiate}), false when it keeps the last.
     */
    public boolean keepsFirst(ObjectProperty property) {
        return property.creatorIndex < 0 && creatorDefaults.length > 0;
    }

    /**
     * Returns true when some property is set after a properties-based creator: Jackson buffers those and sets them
     * last to first, so of a repeated member the first value counts (see {@link #repeated}).
     */
    private boolean setsAfterCreator() {
        return hasSetters && creatorDefaults.length > 0;
    }

    /**
     * Returns true when {@code property} may be written under more than one name: an alias, or a creator property
     * matched by its own names (see {@link #creatorNames}). A name in another case, under a case-insensitive mapper,
     * is not counted: a model is no likelier to write "Name" after "name" than to repeat a name, and counting it
     * would hold back every streaming check of such a type until its object completes.
     */
    public boolean hasManyNames(ObjectProperty property) {
        return creatorNames != null || aliased.contains(property);
    }

    /**
     * Returns true when the member of {@code object} written last under {@code key}, which {@code property} takes,
     * holds the value Jackson binds to the property, as far as the object is written: when Jackson keeps the first
     * member for it, whether no earlier member was written for it; when Jackson keeps the last, whether the property
     * has a single name, as no later member under another name can replace it then (a repeat of the same name is not
     * foreseen). Of several names, the last one is only known once the object is complete. O(1) for a property with
     * one name in an object where no name repeated, the streaming checks' usual case; otherwise it reads the written
     * names, as only their order tells.
     */
    public boolean bindsLatest(PartialObject object, String key, ObjectProperty property) {
        if (!keepsFirst(property)) {
            return !hasManyNames(property);
        }
        if (object.repeatedKeys() == 0 && (!otherNames || hasOneName(property) && !ignoredByCreator(key))) {
            return true; // one name, written once so far: O(1) on the streaming checks' path
        }
        List<String> keys = object.writtenKeys();
        int first = -1;
        int latest = -1;
        for (int i = 0, n = keys.size(); i < n; i++) {
            String written = keys.get(i);
            if (first < 0 && takes(written, property)) {
                first = i;
            }
            if (written.equals(key)) {
                latest = i;
            }
        }
        return first == latest;
    }

    /**
     * Returns true when only one member name binds to {@code property}, its own: it has no alias, and names are
     * matched in their case. Both are known once the properties are set.
     */
    private boolean hasOneName(ObjectProperty property) {
        return !caseInsensitive && !aliased.contains(property);
    }

    /** Returns true when Jackson gives the member named {@code key} to {@code property}. */
    private boolean takes(String key, ObjectProperty property) {
        return !ignoredByCreator(key) && property(key) == property;
    }

    /**
     * Returns true when Jackson ignores the member named {@code key} whatever property takes it: built by a creator, it
     * looks for a name it ignores before looking for a property.
     */
    private boolean ignoredByCreator(String key) {
        return creatorDefaults.length > 0 && unknownRejected != null && unknownRejected.isIgnored(key);
    }

    /** Member slots and resolved properties of one object position, indexed like the object's members. */
    private static final class State {
        Slot[] slots = NO_SLOTS;
        ObjectProperty[] properties = NO_PROPERTIES;
        /** The member names the properties were resolved from, to notice an object replaced by a repeated key. */
        String[] keys = NO_KEYS;

        int resolved;
        /** The object's {@link PartialObject#repeatedKeys()} when last bound. */
        int repeats;
        /**
         * How many leading members are complete and bound to a value (not {@link #ABSENT}): a complete node never
         * changes and stays the same instance, so their results are final and the engine is not asked again.
         */
        int settled;
        /** The creator arguments with the settled members' values in place; null until a member settles. */
        Object[] settledArguments;
        /** The arguments and member count of the last instance built, which {@link #rebuild} starts from. */
        Object[] lastArguments;

        int lastSize;
    }

    @Override
    public boolean showsIncomplete() {
        return true;
    }

    @Override
    public Shape child(PartialValue value, String segment) {
        ObjectProperty property = property(segment);
        return property == null ? null : property.shape;
    }

    @Override
    Object bindValue(PartialValue value, Slot slot, BindContext context) {
        if (!(value instanceof PartialObject)) {
            if (value.type() == JsonType.NULL) {
                return bindNull();
            }
            if (referable && value.type() != JsonType.OBJECT && value.type() != JsonType.ARRAY) {
                throw new UnresolvedReference(value, type);
            }
            // Jackson's to judge: an empty string or array may be null, a string may go to a one-string creator.
            return value.isComplete() ? TextReader.readComplete(otherKinds, value, type) : ABSENT;
        }
        PartialObject object = (PartialObject) value;
        if (completeReader != null && object.isComplete()) {
            return TextReader.readComplete(completeReader, object, type);
        }
        State state = state(slot, object);
        int size = object.size();
        forgetReplaced(state, object, context);
        if (state.repeats != 0 && (setsAfterCreator() || object.isComplete())) {
            return repeated(object, context);
        }
        // Settle the leading members that are complete: their values are final (see State.settled).
        int settled = state.settled;
        while (settled < size) {
            ObjectProperty property = state.properties[settled];
            PartialValue member = object.valueAt(settled);
            if (!member.isComplete()) {
                break;
            }
            if (property == null) {
                if (context.rejectsRepeatedKeys && RepeatedKeys.in(member)) {
                    // Not settled, so every later snapshot of the object fails here too.
                    throw RepeatedKeys.rejected("member \"" + object.keyAt(settled) + "\" of "
                            + type.getRawClass().getSimpleName());
                }
            } else {
                context.push(object.keyAt(settled));
                Object bound = property.bind(member, state.slots[settled], context);
                context.pop();
                if (bound == ABSENT) {
                    break;
                }
                if (property.creatorIndex >= 0 && bound != null) {
                    if (state.settledArguments == null) {
                        state.settledArguments = creatorDefaults.clone();
                    }
                    state.settledArguments[property.creatorIndex] = bound;
                }
            }
            settled++;
        }
        state.settled = settled;
        Object[] base = state.settledArguments == null ? creatorDefaults : state.settledArguments;
        Object[] arguments = base.length == 0 ? base : base.clone();
        for (int i = settled; i < size; i++) {
            ObjectProperty property = state.properties[i];
            if (property == null) {
                continue;
            }
            context.push(object.keyAt(i));
            Object bound = property.bind(object.valueAt(i), state.slots[i], context);
            if (bound == ABSENT) {
                context.drop();
            } else if (property.creatorIndex >= 0 && bound != null) {
                arguments[property.creatorIndex] = bound;
            }
            context.pop();
        }
        if (object.isComplete() && arguments.length > 0) {
            completeCreatorArguments(state, size, arguments, context);
        }
        state.lastArguments = arguments;
        state.lastSize = size;
        try {
            return instantiate(state, arguments, size, context);
        } catch (Throwable e) {
            String reason = "cannot build " + type.getRawClass().getSimpleName() + ": " + rootMessage(rethrowError(e));
            if (object.isComplete()) {
                throw new SkipPartial(reason);
            }
            context.note(reason);
            return ABSENT;
        }
    }

    /**
     * Binds an object in which a member name repeated. The snapshot keeps the last value, as Jackson does for a
     * record's component, a creator property or a property of a bean without a creator; but a property set after a
     * creator Jackson buffers and sets last to first, so its first value counts. Such an object is not shown while
     * open (its written keys would tell which name repeated, but a partial that may change its mind is worse than a
     * late one), and every complete one is read by Jackson from its text as written.
     */
    private Object repeated(PartialObject object, BindContext context) {
        if (object.isComplete()) {
            return TextReader.readComplete(otherKinds, object, type);
        }
        context.note("a member name repeats: shown once the object is complete, as Jackson reads it");
        return ABSENT;
    }

    /**
     * Gives the creator of a complete object what Jackson gives it for the creator properties the object lacks (their
     * absent value: {@code Optional.empty()} for an {@code Optional}, {@code null} for most types), or skips the
     * partial where Jackson rejects the object. Jackson rejects a missing property that is required, any missing one
     * under {@code FAIL_ON_MISSING_CREATOR_PROPERTIES}, a missing primitive under {@code FAIL_ON_NULL_FOR_PRIMITIVES}
     * (on by default) unless its null handling gives it a value ({@code Nulls.AS_EMPTY}), and a {@code null} argument,
     * missing or explicit, under {@code FAIL_ON_NULL_CREATOR_PROPERTIES}. While the object is open, a missing member is
     * only not there yet and keeps its default.
     */
    private void completeCreatorArguments(State state, int size, Object[] arguments, BindContext context) {
        DeserializationContext jackson = context.jackson;
        boolean nullRejected = jackson.isEnabled(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);
        boolean[] present = presentCreatorProperties(state, size, arguments.length);
        if (present == null && !nullRejected) {
            return; // every creator property is there, with whatever value the member bound to
        }
        if (present != null) {
            boolean anyMissing = jackson.isEnabled(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
            for (ObjectProperty property : properties) {
                int index = property.creatorIndex;
                if (index < 0 || present[index]) {
                    continue;
                }
                if (anyMissing || property.jackson.isRequired()) {
                    throw new SkipPartial("missing creator property \"" + property.name + "\" of "
                            + type.getRawClass().getSimpleName() + ", which Jackson rejects");
                }
                // Jackson's own answer, in its order: the null handling's absent value (the empty value under
                // Nulls.AS_EMPTY), else the deserializer's, which rejects a missing primitive under
                // FAIL_ON_NULL_FOR_PRIMITIVES.
                Object absent = property.absentValue(jackson);
                if (absent != null) {
                    arguments[index] = absent;
                }
            }
        }
        if (nullRejected) {
            for (ObjectProperty property : properties) {
                if (property.creatorIndex >= 0 && arguments[property.creatorIndex] == null) {
                    throw new SkipPartial("null for creator property \"" + property.name + "\" of "
                            + type.getRawClass().getSimpleName()
                            + " (DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)");
                }
            }
        }
    }

    /**
     * Returns which creator properties the first {@code size} members of the object hold, by creator index; {@code
     * null} when they hold all {@code creatorCount} of them. Two members may hold one (an alias, a name in another
     * case), so the properties are counted once each. Called once per complete object.
     */
    private static boolean[] presentCreatorProperties(State state, int size, int creatorCount) {
        boolean[] present = new boolean[creatorCount];
        int found = 0;
        for (int i = 0; i < size; i++) {
            ObjectProperty member = state.properties[i];
            if (member != null && member.creatorIndex >= 0 && !present[member.creatorIndex]) {
                present[member.creatorIndex] = true;
                found++;
            }
        }
        return found == creatorCount ? null : present;
    }

    /**
     * Returns the index of the member still being written in {@code object}, bound last from {@code slot}, or -1 when
     * there is none or it is not a property of this type (see {@link OpenChain}).
     */
    int openMember(Slot slot, PartialObject object) {
        State state = (State) slot.state;
        int size = object.size();
        if (state == null || state.lastArguments == null || state.lastSize != size) {
            return -1;
        }
        for (int i = state.settled; i < size; i++) {
            if (!object.valueAt(i).isComplete()) {
                return state.properties[i] == null ? -1 : i;
            }
        }
        return -1;
    }

    /** Returns the shape of the member at {@code index} (see {@link #openMember}). */
    Shape memberShape(Slot slot, int index) {
        return ((State) slot.state).properties[index].shape;
    }

    /** Returns the slot of the member at {@code index} (see {@link #openMember}). */
    Slot memberSlot(Slot slot, int index) {
        return ((State) slot.state).slots[index];
    }

    /**
     * Returns a new instance like the last one built from {@code slot}, with {@code member} (also the result of the
     * member's slot) as the value of the open member at {@code open}; {@link #ABSENT} when the creator or a setter
     * rejects it. Used by {@link OpenChain} when nothing else in the object changed.
     */
    Object rebuild(Slot slot, int open, Object member, BindContext context) {
        State state = (State) slot.state;
        Object[] arguments = state.lastArguments;
        int creatorIndex = state.properties[open].creatorIndex;
        if (creatorIndex >= 0) {
            // In place: the array is this state's own (a full pass makes a new one), and no creator keeps it.
            arguments[creatorIndex] = member;
        } else {
            state.slots[open].result = member; // what instantiate passes to the member's setter
        }
        try {
            return instantiate(state, arguments, state.lastSize, context);
        } catch (Throwable e) {
            rethrowError(e);
            return ABSENT; // the full pass that follows says why
        }
    }

    private Object instantiate(State state, Object[] arguments, int size, BindContext context) throws Throwable {
        Object instance = creator.create(context.jackson, arguments);
        if (!hasSetters) {
            return instance; // a record or an all-creator bean: nothing more per partial
        }
        // After a properties-based creator, Jackson sets the other properties it buffered last to first: of two members
        // for one property (an alias, a name in another case), the first one counts.
        boolean lastToFirst = arguments.length > 0;
        for (int n = 0; n < size; n++) {
            int i = lastToFirst ? size - 1 - n : n;
            ObjectProperty property = state.properties[i];
            if (property == null || property.creatorIndex >= 0 || !property.settable) {
                continue;
            }
            Object bound = state.slots[i].result;
            if (bound != ABSENT && (bound != null || property.defaultValue == null)) {
                property.jackson.set(context.jackson, instance, bound);
            }
        }
        return instance;
    }

    /** Returns {@code e} unless it is a JVM error, which is thrown; an assertion of a constructor is returned. */
    private static Throwable rethrowError(Throwable e) {
        if (e instanceof Error && !(e instanceof AssertionError)) {
            throw (Error) e;
        }
        return e;
    }

    /**
     * Forgets what was bound for members that a repeated key replaced: the last value wins, as in the snapshot (see
     * {@link #repeated} for where Jackson differs), and takes the first one's position, so a member seen before may
     * hold another node later; under STRICT_DUPLICATE_DETECTION, the partial is skipped. The engine counts repeats, so
     * this costs one comparison unless one happened since the last pass; then every member whose node is not the one
     * bound last (a replaced value, or an open one, whose views are new in every snapshot anyway) gets a fresh slot,
     * dropping the state of a list or object bound there, and settling starts again from the first member.
     */
    private void forgetReplaced(State state, PartialObject object, BindContext context) {
        int repeats = object.repeatedKeys();
        if (repeats == state.repeats) {
            return;
        }
        if (context.rejectsRepeatedKeys) {
            // Thrown before the count is taken, so every later snapshot of the object comes here again.
            throw RepeatedKeys.rejected("a " + type.getRawClass().getSimpleName());
        }
        state.repeats = repeats;
        int known = Math.min(state.resolved, object.size());
        for (int i = 0; i < known; i++) {
            PartialValue before = state.slots[i].source;
            // A slot a replay left without a node counts as changed: its state may belong to the replaced value.
            if (object.valueAt(i) != before) {
                state.slots[i] = new Slot();
                state.settled = 0;
                state.settledArguments = null;
            }
        }
    }

    private State state(Slot slot, PartialObject object) {
        State state = (State) slot.state;
        if (state == null) {
            state = new State();
            slot.state = state;
        }
        int size = object.size();
        if (size < state.resolved || !sameKeys(state, object)) {
            // Another object took this position (a repeated key in the enclosing object): start afresh.
            state = new State();
            slot.state = state;
        }
        if (state.resolved < size) {
            if (state.slots.length < size) {
                // Room for every property at once: an object usually shows them all.
                int capacity = Math.max(size, Math.max(state.slots.length * 2, knownKeys.length));
                state.slots = Arrays.copyOf(state.slots, capacity);
                state.properties = Arrays.copyOf(state.properties, capacity);
                state.keys = Arrays.copyOf(state.keys, capacity);
            }
            // A member's key never changes once shown, so each index is resolved once.
            for (int i = state.resolved; i < size; i++) {
                String key = object.keyAt(i);
                state.keys[i] = key;
                ObjectProperty property = ignoredByCreator(key) ? null : propertyAt(i, key);
                if (property == null && unknownRejected != null && unknownRejected.rejects(key)) {
                    // Jackson fails on the member; left unresolved, it fails every later snapshot of this object too.
                    throw new SkipPartial("unknown or ignored property \"" + key + "\" of "
                            + type.getRawClass().getSimpleName()
                            + " (DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES or FAIL_ON_IGNORED_PROPERTIES)");
                }
                state.properties[i] = property;
                state.slots[i] = new Slot();
            }
            state.resolved = size;
        }
        return state;
    }

    /** Returns true when the members resolved so far have the names {@code object} shows at their positions. */
    private static boolean sameKeys(State state, PartialObject object) {
        for (int i = 0; i < state.resolved; i++) {
            String key = object.keyAt(i);
            if (key != state.keys[i] && !key.equals(state.keys[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the property of the member named {@code key} at {@code index}, remembering the answer per index: the
     * objects of a stream repeat the same names in the same order, mostly as the same {@code String} instances (the
     * engine reuses them), so a test on a small array replaces a hash lookup whose table is no longer in the CPU's
     * caches. Shapes are shared between threads: each entry is one immutable pair, replaced whole.
     */
    private ObjectProperty propertyAt(int index, String key) {
        KnownKey[] known = knownKeys;
        if (index < known.length) {
            KnownKey entry = known[index];
            if (entry != null && (entry.key == key || entry.key.equals(key))) {
                return entry.property; // equal names from another stream's parser do not replace the entry
            }
            ObjectProperty property = property(key);
            known[index] = new KnownKey(key, property);
            return property;
        }
        return property(key);
    }

    /** A member name and the property it binds to (null when it binds to none). */
    private record KnownKey(String key, ObjectProperty property) {}

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
