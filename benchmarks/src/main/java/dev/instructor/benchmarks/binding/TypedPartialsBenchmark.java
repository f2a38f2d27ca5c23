package dev.instructor.benchmarks.binding;

import dev.instructor.PartialBinder;
import dev.instructor.PartialResult;
import dev.instructor.ResponseModel;
import dev.instructor.StreamingValidator;
import dev.instructor.TypeRef;
import dev.instructor.benchmarks.LlmDocuments;
import dev.instructor.json.OpenPath;
import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialString;
import dev.instructor.json.PartialValue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a whole document into typed partials, one after every 1–6 char chunk (seeded), and compares it with one
 * Jackson {@code readValue} of the complete text into the same records. {@code engineOnly} is the engine's share.
 *
 * <pre>{@code
 * mvn -B -ntp -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar TypedPartialsBenchmark -f 1 -wi 5 -i 5 -w 1s -r 1s
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class TypedPartialsBenchmark {
    /** One idea, as in the streaming chapter. */
    public record Idea(String title, String blurb) {}

    /** One recipe, as in the streaming chapter. */
    public record Recipe(String name, int prepTimeMinutes, List<String> ingredients, String instructions) {}

    /** One idea whose text fields take the engine's view of the text instead of a {@code String} copy. */
    public record SharedIdea(CharSequence title, CharSequence blurb) {}

    /** One recipe whose text fields take the engine's view of the text instead of a {@code String} copy. */
    public record SharedRecipe(
            CharSequence name, int prepTimeMinutes, List<String> ingredients, CharSequence instructions) {}

    /** One idea with the chapter's constraints, for the streaming checks. */
    public record CheckedIdea(
            @NotBlank String title, @Size(max = 140) String blurb) {}

    /** One recipe with the chapter's constraints, for the streaming checks. */
    public record CheckedRecipe(
            @NotBlank String name,
            @Min(1) int prepTimeMinutes,
            @Size(min = 1) List<@NotBlank String> ingredients,
            @NotBlank String instructions) {}

    /** A wrapped answer, for Jackson's one-shot read of the complete text. */
    public record Wrapped<T>(List<T> items) {}

    /**
     * The document: {@code ideas} and {@code recipes} are compact, their text Latin-1; {@code llmIdeas} and {@code
     * llmRecipes} are the engine benchmark's (pretty-printed, with text beyond Latin-1).
     */
    @Param({"ideas", "recipes", "llmIdeas", "llmRecipes"})
    public String document;

    @Param({"1024", "10240", "102400", "1048576"})
    public int size;

    private String json;
    private byte[] utf8;
    private List<String> chunks;
    private ResponseModel<? extends List<?>> model;
    private ResponseModel<? extends List<?>> checkedModel;
    private ResponseModel<? extends List<?>> sharedTextModel;
    private ObjectMapper mapper;
    private JavaType wrappedType;

    /** Builds the document, its chunks and the models. */
    @Setup
    public void setUp() {
        boolean ideas = document.equals("ideas") || document.equals("llmIdeas");
        json = switch (document) {
            case "ideas" -> Documents.ideas(size, 42);
            case "recipes" -> Documents.recipes(size, 42);
            case "llmIdeas" -> Documents.engineDocument(LlmDocuments.Shape.IDEAS, size);
            case "llmRecipes" -> Documents.engineDocument(LlmDocuments.Shape.RECIPES, size);
            default -> throw new IllegalArgumentException("no document " + document);
        };
        utf8 = json.getBytes(StandardCharsets.UTF_8);
        chunks = Documents.chunks(json, 7);
        mapper = JsonMapper.builder().build();
        model = listModel(ideas, mapper);
        sharedTextModel = ideas
                ? model(new TypeRef<List<SharedIdea>>() {}, mapper)
                : model(new TypeRef<List<SharedRecipe>>() {}, mapper);
        checkedModel = ideas
                ? model(new TypeRef<List<CheckedIdea>>() {}, mapper)
                : model(new TypeRef<List<CheckedRecipe>>() {}, mapper);
        wrappedType = wrappedType(ideas, mapper);
    }

    /** Returns the model of a list of {@link Idea}s or of {@link Recipe}s, bound with {@code mapper}. */
    static ResponseModel<? extends List<?>> listModel(boolean ideas, ObjectMapper mapper) {
        return ideas ? model(new TypeRef<List<Idea>>() {}, mapper) : model(new TypeRef<List<Recipe>>() {}, mapper);
    }

    private static ResponseModel<? extends List<?>> model(TypeRef<? extends List<?>> type, ObjectMapper mapper) {
        return ResponseModel.builder(type).mapper(mapper).build();
    }

    /** Returns the type Jackson reads the complete wrapped document as. */
    static JavaType wrappedType(boolean ideas, ObjectMapper mapper) {
        return mapper.getTypeFactory().constructParametricType(Wrapped.class, ideas ? Idea.class : Recipe.class);
    }

    /** The typed pipeline: parse each chunk, snapshot, bind a partial of the caller's records. */
    @Benchmark
    public void typedPartials(Blackhole blackhole) {
        streamPartials(model, blackhole);
    }

    /**
     * The typed pipeline into records whose text fields are {@code CharSequence}s: the engine's view of a string
     * being written, not a copy per partial. The difference from {@link #typedPartials} is what the copies cost.
     */
    @Benchmark
    public void typedPartialsSharedText(Blackhole blackhole) {
        streamPartials(sharedTextModel, blackhole);
    }

    private void streamPartials(ResponseModel<? extends List<?>> model, Blackhole blackhole) {
        PartialJsonParser parser = PartialJsonParser.strict();
        PartialBinder<? extends List<?>> binder = model.newPartialBinder();
        for (int i = 0, n = chunks.size(); i < n; i++) {
            parser.feed(chunks.get(i));
            PartialValue snapshot = parser.current();
            if (snapshot != null) {
                Optional<? extends PartialResult<? extends List<?>>> partial = binder.bind(snapshot);
                blackhole.consume(partial.orElse(null)); // the partial, as a caller takes it out of the Optional
            }
        }
        blackhole.consume(parser.finish());
    }

    /** The typed pipeline plus the streaming checks of the constrained records after every chunk. */
    @Benchmark
    public void typedPartialsChecked(Blackhole blackhole) {
        PartialJsonParser parser = PartialJsonParser.strict();
        PartialBinder<? extends List<?>> binder = checkedModel.newPartialBinder();
        StreamingValidator validator = checkedModel.newStreamingValidator();
        for (int i = 0, n = chunks.size(); i < n; i++) {
            parser.feed(chunks.get(i));
            PartialValue snapshot = parser.current();
            if (snapshot != null) {
                blackhole.consume(binder.bind(snapshot));
                blackhole.consume(validator.check(snapshot, parser.completedPaths()));
            }
        }
        blackhole.consume(parser.finish());
    }

    /** The engine alone: parse each chunk and take a snapshot. */
    @Benchmark
    public void engineOnly(Blackhole blackhole) {
        PartialJsonParser parser = PartialJsonParser.strict();
        for (int i = 0, n = chunks.size(); i < n; i++) {
            parser.feed(chunks.get(i));
            blackhole.consume(parser.current());
        }
        blackhole.consume(parser.finish());
    }

    /**
     * The floor under any typed layer on this engine: feed, snapshot, walk the open path to its leaf and copy the
     * open string's value, as a partial with a {@code String} field must.
     */
    @Benchmark
    public void engineAndOpenPath(Blackhole blackhole) {
        PartialJsonParser parser = PartialJsonParser.strict();
        for (int i = 0, n = chunks.size(); i < n; i++) {
            parser.feed(chunks.get(i));
            PartialValue snapshot = parser.current();
            if (snapshot != null) {
                blackhole.consume(openLeaf(snapshot, true));
            }
        }
        blackhole.consume(parser.finish());
    }

    /**
     * The floor under any binder of records with {@code String} fields: feed, snapshot and copy the text of the string
     * being written (with {@link OpenPath#leafText}, which walks nothing), as every partial must.
     */
    @Benchmark
    public void engineAndOpenText(Blackhole blackhole) {
        PartialJsonParser parser = PartialJsonParser.strict();
        for (int i = 0, n = chunks.size(); i < n; i++) {
            parser.feed(chunks.get(i));
            PartialValue snapshot = parser.current();
            if (snapshot != null) {
                blackhole.consume(OpenPath.leafText(snapshot));
            }
        }
        blackhole.consume(parser.finish());
    }

    /** As {@link #engineAndOpenPath} without copying the open string: the engine's views alone. */
    @Benchmark
    public void engineAndOpenPathNoCopy(Blackhole blackhole) {
        PartialJsonParser parser = PartialJsonParser.strict();
        for (int i = 0, n = chunks.size(); i < n; i++) {
            parser.feed(chunks.get(i));
            PartialValue snapshot = parser.current();
            if (snapshot != null) {
                blackhole.consume(openLeaf(snapshot, false));
            }
        }
        blackhole.consume(parser.finish());
    }

    private static Object openLeaf(PartialValue value, boolean copy) {
        PartialValue node = value;
        while (!node.isComplete()) {
            switch (node.type()) {
                case OBJECT -> {
                    PartialObject object = (PartialObject) node;
                    if (object.size() == 0) {
                        return node;
                    }
                    node = object.valueAt(object.size() - 1);
                }
                case ARRAY -> {
                    PartialArray array = (PartialArray) node;
                    if (array.size() == 0) {
                        return node;
                    }
                    node = array.get(array.size() - 1);
                }
                case STRING -> {
                    return copy ? ((PartialString) node).value() : node;
                }
                default -> {
                    return node;
                }
            }
        }
        return node;
    }

    /** The baseline: one Jackson read of the complete text into the same records. */
    @Benchmark
    public Object jacksonReadValue() {
        return mapper.readValue(json, wrappedType);
    }

    /**
     * The other baseline: one Jackson read of the complete document's UTF-8 bytes into the same records. Which of the
     * two is faster depends on the text (chars above U+00FF slow the read of a {@code String}).
     */
    @Benchmark
    public Object jacksonReadValueBytes() {
        return mapper.readValue(utf8, wrappedType);
    }
}
