package dev.instructor;

import dev.instructor.internal.binding.BareValues;
import dev.instructor.internal.binding.FinalReader;
import dev.instructor.internal.binding.PartialBinding;
import dev.instructor.internal.binding.Shape;
import dev.instructor.internal.binding.ShapeFactory;
import dev.instructor.internal.binding.WrapRule;
import dev.instructor.internal.validation.ApplicableConstraints;
import dev.instructor.internal.validation.RootBounds;
import dev.instructor.internal.validation.StreamingChecks;
import dev.instructor.internal.validation.ValueValidation;
import dev.instructor.internal.validation.WrittenKeys;
import dev.instructor.internal.validation.WrittenNames;
import dev.instructor.internal.validation.WrittenValues;
import dev.instructor.json.JsonParseException;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialValue;
import dev.instructor.schema.JsonSchemas;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Java type a model's answer is bound to, with everything needed to bind it: the Jackson mapper, the
 * provider-side wrapping, Bean Validation and the caller's own {@link Validator}s.
 *
 * <pre>{@code
 * record Idea(String title, @Size(max = 140) String blurb) {}
 *
 * ResponseModel<List<Idea>> ideas = ResponseModel.of(new TypeRef<List<Idea>>() {});
 * PartialBinder<List<Idea>> binder = ideas.newPartialBinder();
 * // per chunk, once parser.current() is not null: binder.bind(parser.current()).ifPresent(p -> render(p.value()));
 * List<Idea> result = ideas.parseAndValidate(answerJson, ValidationContext.empty());
 * }</pre>
 *
 * <p><b>Supported types</b> are those Jackson binds: records, beans (setters, fields, {@code @JsonCreator}), enums,
 * primitives and boxes, {@code String}, {@code BigDecimal}, {@code java.time}, {@code Optional}, {@code List},
 * {@code Set}, {@code Map<String, T>}, arrays, and {@code @JsonTypeInfo} unions including sealed interfaces. Any
 * other type Jackson can bind works too, shown in partials only once complete.
 *
 * <p><b>Wrapping.</b> Providers accept only an object as the root of the answer. A type that is not a plain object
 * (a list, an enum, a string, a number, a map, a union) is asked for wrapped in an object, {@code {"items": [...]}}
 * for collections and arrays, {@code {"value": ...}} otherwise, and unwrapped transparently here, partials
 * included. Violation paths are in the document's terms, wrapper included, because they are sent to the model: given
 * the document, they name a member as the model wrote it, an alias included.
 *
 * <p>An answer that is an array or a scalar where the wrapper was asked for ({@code [...]} for {@code {"items":
 * [...]}}, {@code "hello"} for {@code {"value": "hello"}}) is the value written bare, as models not held to the schema
 * write it: it is read, bound and validated as the wrapped one, violation paths included ({@code /items/1/title}). An
 * object is always read as the wrapper, as a bare map or union cannot be told from one.
 *
 * <p>Immutable and thread-safe; build once per type and share. Binders and streaming validators it creates are
 * per stream.
 *
 * @param <T> the response type
 */
public final class ResponseModel<T> {
    private static final ObjectMapper DEFAULT_MAPPER = JsonMapper.builder().build();

    private final Type type;
    private final ObjectMapper mapper;
    private final ShapeFactory shapes;
    private final Shape shape;
    private final String wrapperKey;
    private final FinalReader reader;
    private final List<Validator<? super T>> validators;
    /** Whether a member of the type may be written under another name than its property's (see WrittenNames). */
    private final boolean renamable;
    /** The final values' walker, kept for what it learns of each class. */
    private final ValueValidation values;
    /** The bounds a type token puts on a root list, or null. */
    private final RootBounds rootBounds;

    private ResponseModel(Builder<T> builder) {
        this.type = builder.type;
        this.mapper = builder.mapper;
        this.shapes = new ShapeFactory(mapper);
        JavaType javaType = mapper.getTypeFactory().constructType(type);
        shapes.requireBindable(javaType);
        this.shape = shapes.shapeFor(javaType);
        this.wrapperKey = WrapRule.wrapperKey(type, mapper);
        this.reader = new FinalReader(mapper, javaType, wrapperKey);
        this.validators = List.copyOf(builder.validators);
        this.renamable = WrittenNames.possible(shape);
        this.values = new ValueValidation(shapes);
        this.rootBounds = RootBounds.of(builder.annotatedType, javaType);
        ApplicableConstraints.check(shape);
    }

    /**
     * Returns the model of {@code type}, bound with a default {@link JsonMapper}.
     *
     * @param type a record, bean, enum or scalar class
     */
    public static <T> ResponseModel<T> of(Class<T> type) {
        return builder(type).build();
    }

    /**
     * Returns the model of a generic type such as {@code List<Idea>}, bound with a default {@link JsonMapper}.
     *
     * @param type the captured type
     */
    public static <T> ResponseModel<T> of(TypeRef<T> type) {
        return builder(type).build();
    }

    /**
     * Returns a builder for the model of {@code type}.
     *
     * @param type a record, bean, enum or scalar class
     */
    public static <T> Builder<T> builder(Class<T> type) {
        return new Builder<>(Objects.requireNonNull(type, "type"));
    }

    /**
     * Returns a builder for the model of a generic type.
     *
     * @param type the captured type
     */
    public static <T> Builder<T> builder(TypeRef<T> type) {
        Builder<T> builder = new Builder<>(Objects.requireNonNull(type, "type").type());
        builder.annotatedType = type.annotatedType();
        return builder;
    }

    /** Returns the response type. */
    public Type type() {
        return type;
    }

    /** Returns the Jackson mapper that binds the answer. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Returns the JSON Schema a provider is asked for: the type's schema ({@link JsonSchemas#generate(Type,
     * ObjectMapper)}), wrapped in an object when {@link #isWrapped()}, with the bounds a type token puts on a root list
     * ({@code new TypeRef<@Size(max = 5) List<Idea>>() {}} gives the list {@code maxItems: 5}). A new tree on each
     * call; generating it takes milliseconds.
     */
    public ObjectNode schema() {
        ObjectNode plain = JsonSchemas.generate(type, mapper);
        ObjectNode schema = wrapperKey == null ? plain : JsonSchemas.wrap(plain, wrapperKey);
        if (rootBounds != null) {
            rootBounds.describe(
                    wrapperKey == null
                            ? schema
                            : (ObjectNode) schema.get("properties").get(wrapperKey));
        }
        return schema;
    }

    /** Returns true when the provider is asked for this type wrapped in an object. */
    public boolean isWrapped() {
        return wrapperKey != null;
    }

    /** Returns the wrapper member ({@code "items"} or {@code "value"}), or empty when the type is not wrapped. */
    public Optional<String> wrapperKey() {
        return Optional.ofNullable(wrapperKey);
    }

    /**
     * Returns where {@code documentPath}, a pointer into the document the model writes (a {@link Violation#path()}),
     * lies in the value the caller receives: without the wrapper member when the type is wrapped ({@code
     * /items/0/title} becomes {@code /0/title}, as {@link PartialUpdate#activePath()} and a {@link Validator} write
     * it), unchanged otherwise. A pointer outside the wrapper member (the whole answer) is the root.
     *
     * @param documentPath a pointer into the provider-side document
     */
    public JsonPointer valuePath(JsonPointer documentPath) {
        Objects.requireNonNull(documentPath, "documentPath");
        if (wrapperKey == null) {
            return documentPath;
        }
        JsonPointer wrapper = JsonPointer.root().append(wrapperKey);
        return wrapper.isPrefixOf(documentPath) ? documentPath.relativeTo(wrapper) : JsonPointer.root();
    }

    /**
     * Binds a complete answer with Jackson, unwrapping it if the type is wrapped. The result is exactly Jackson's
     * binding of the text; it is not validated.
     *
     * @param json the model's whole answer
     * @throws ValidationException when the text is not valid JSON or Jackson cannot bind it; the violation points
     *     where Jackson stopped
     */
    @SuppressWarnings("unchecked")
    public T parse(String json) {
        return (T) reader.read(Objects.requireNonNull(json, "json"));
    }

    /**
     * Validates a final value: Bean Validation of it and of every record or bean nested in it (with or without
     * {@code @Valid}); the schema's {@code required} properties, each of which must hold a value ({@code must not be
     * null}), and the items of lists and maps, which must not be null unless they are {@code Optional}; a type
     * token's bounds on a root list; then the model's {@link Validator}s, unless a required value is missing. Without
     * the document, a path names each member by its property's JSON name, even where the model wrote an alias, and a
     * required property Jackson left null counts as missing even where the model wrote a value Jackson took for
     * itself: {@link #validate(Object, PartialValue, ValidationContext)} and {@link #parseAndValidate} look at what was
     * written.
     *
     * @param value the value, as {@link #parse} returns it
     * @param context the request's data for the validators
     * @return the violations, empty when the value is acceptable
     */
    public List<Violation> validate(T value, ValidationContext context) {
        return validateWritten(value, null, context);
    }

    /**
     * Validates a final value as {@link #validate(Object, ValidationContext)} does, with paths naming each member as
     * {@code document} writes it: an alias ({@code @JsonAlias}) or a name in another case where the model wrote one,
     * and where it wrote both a name and its alias, the member whose value Jackson bound. Paths of the model's
     * {@link Validator}s are theirs.
     *
     * @param value the value, as {@link #parse} returns it for the text of {@code document}
     * @param document the complete answer, wrapper included, as {@link PartialJsonParser#finish()} returns it
     * @param context the request's data for the validators
     * @return the violations, empty when the value is acceptable
     */
    public List<Violation> validate(T value, PartialValue document, ValidationContext context) {
        Objects.requireNonNull(document, "document");
        return validateWritten(value, document, context);
    }

    private List<Violation> validateWritten(T value, PartialValue written, ValidationContext context) {
        Objects.requireNonNull(context, "context");
        JsonPointer base =
                wrapperKey == null ? JsonPointer.root() : JsonPointer.root().append(wrapperKey);
        PartialValue start = BareValues.valueIn(written, wrapperKey);
        if (value == null && !values.acceptsNull(shape)) {
            // The whole answer is null ("null", or the wrapper member set to null), which the schema does not allow.
            return List.of(new Violation(base, "must not be null", null));
        }
        List<Violation> found = values.validate(value, shape, base, start);
        if (renamable && !found.isEmpty()) {
            found = WrittenNames.rename(found, base.depth(), start, shape);
        }
        if (!found.isEmpty()) {
            found = WrittenKeys.rename(found, base.depth(), start, shape, shapes);
            found = WrittenValues.shownAsWritten(found, start, base.depth());
        }
        List<Violation> violations = new ArrayList<>(found);
        if (rootBounds != null) {
            rootBounds.checkValue(value, base, violations);
        }
        if (!validators.isEmpty() && !found.isEmpty() && values.leavesRequiredNull(value, shape, start)) {
            return List.copyOf(violations); // the validators would meet a null the schema rules out
        }
        List<Violation> checked = new ArrayList<>(0);
        for (Validator<? super T> validator : validators) {
            List<Violation> rejected;
            try {
                rejected = validator.validate(value, context);
            } catch (ValidationException thrown) {
                // As if returned, as Validator says: under the wrapper, beside Bean Validation's and the others'.
                rejected = thrown.violations();
            }
            if (rejected == null) {
                throw new NullPointerException(
                        "Validator " + validator + " returned null; return List.of() when the" + " value is fine");
            }
            for (Violation violation : rejected) {
                if (violation == null) {
                    throw new NullPointerException("Validator " + validator + " returned a null violation");
                }
                checked.add(violation.under(base));
            }
        }
        // A validator names members as the type does; the model may have written an alias, as for Bean Validation.
        violations.addAll(
                renamable && !checked.isEmpty() ? WrittenNames.rename(checked, base.depth(), start, shape) : checked);
        return List.copyOf(violations);
    }

    /**
     * Binds and validates a complete answer.
     *
     * @param json the model's whole answer
     * @param context the request's data for the validators
     * @throws ValidationException when the answer cannot be bound or breaks a constraint
     */
    public T parseAndValidate(String json, ValidationContext context) {
        T value = parse(json);
        List<Violation> violations = validateWritten(value, documentOf(json), context);
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return value;
    }

    /**
     * Reads {@code json} into the engine's tree for the members it writes: their names, for violation paths, and
     * their values, which tell a gap the model left from a value Jackson took for itself; null when the engine does not
     * read it (a document only a lenient Jackson mapper accepts), and paths then keep the properties' names.
     */
    private static PartialValue documentOf(String json) {
        try {
            PartialJsonParser parser = PartialJsonParser.strict();
            parser.feed(json);
            return parser.finish();
        } catch (JsonParseException e) {
            return null;
        }
    }

    /** Returns a new binder for the snapshots of one stream. */
    public PartialBinder<T> newPartialBinder() {
        return new PartialBinder<>(new PartialBinding(shapes, shape, wrapperKey), shape);
    }

    /** Returns a new validator for the snapshots of one stream. */
    public StreamingValidator newStreamingValidator() {
        return new StreamingChecks(shapes, values, shape, wrapperKey, renamable, rootBounds);
    }

    @Override
    public String toString() {
        return "ResponseModel[" + type.getTypeName() + (wrapperKey == null ? "" : ", wrapped in " + wrapperKey) + "]";
    }

    /**
     * Configures a {@link ResponseModel}.
     *
     * @param <T> the response type
     */
    public static final class Builder<T> {
        private final Type type;
        private ObjectMapper mapper = DEFAULT_MAPPER;
        private final List<Validator<? super T>> validators = new ArrayList<>();
        private AnnotatedType annotatedType;

        private Builder(Type type) {
            this.type = type;
        }

        /**
         * Sets the Jackson mapper that binds the answer: its naming strategy, modules, features and mix-ins apply to
         * partials and the final value alike. A default {@link JsonMapper} unless set.
         *
         * @param mapper a Jackson 3 mapper
         * @return this builder
         */
        public Builder<T> mapper(ObjectMapper mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /**
         * Adds a check run on the final value after Bean Validation; validators run in the order added.
         *
         * @param validator the check
         * @return this builder
         */
        public Builder<T> validator(Validator<? super T> validator) {
            validators.add(Objects.requireNonNull(validator, "validator"));
            return this;
        }

        /**
         * Returns the model.
         *
         * @throws IllegalArgumentException when Jackson cannot bind {@code type} at all, or a value it holds at any
         *     depth (an interface or abstract class without {@code @JsonTypeInfo} and no implementation Jackson knows
         *     of; the message names its path), no JSON Schema can describe it (a
         *     sealed interface without {@code @JsonTypeInfo}), or Bean Validation cannot check a constraint on
         *     the type of the property it is on ({@code @Min(1) Optional<Integer>})
         */
        public ResponseModel<T> build() {
            try {
                return new ResponseModel<>(this);
            } catch (tools.jackson.core.JacksonException e) {
                throw new IllegalArgumentException(
                        "cannot bind " + type.getTypeName() + ": " + e.getOriginalMessage(), e);
            }
        }
    }
}
