package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.instructor.json.JsonPointer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** Response models: type capture and which roots are wrapped for the provider. */
class ResponseModelTest {
    record Idea(String title, String blurb) {}

    enum Mood {
        UP,
        DOWN
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    sealed interface Animal permits Dog, Cat {}

    record Dog(String name) implements Animal {}

    record Cat(String name) implements Animal {}

    @Test
    void typeRef_capturesTheGenericType() {
        TypeRef<List<Idea>> ref = new TypeRef<>() {};

        assertThat(ref.type().getTypeName()).isEqualTo("java.util.List<" + Idea.class.getName() + ">");
    }

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void typeRef_withoutArgument_isRejected() {
        assertThatThrownBy(() -> new TypeRef() {}).isInstanceOf(IllegalStateException.class);
    }

    /** What a generic helper captures: {@code T} is erased, so the token holds the variable, not the caller's type. */
    static <T> TypeRef<List<T>> listOf(Class<T> type) {
        return new TypeRef<List<T>>() {};
    }

    static <T> TypeRef<Map<String, T[]>> deepIn(Class<T> type) {
        return new TypeRef<Map<String, T[]>>() {};
    }

    @Test
    void typeRef_holdingATypeVariable_isRejected_asTheModelWouldBeAskedForAnyValue() {
        // Else the schema asks for items of any type and Jackson binds maps, which the caller's List<Idea> holds until
        // a read of an item throws ClassCastException far from here.
        assertThatThrownBy(() -> listOf(Idea.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("type variable T")
                .hasMessageContaining("java.util.List<T>");
        assertThatThrownBy(() -> deepIn(Idea.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("type variable T");
    }

    record Titled(@jakarta.validation.constraints.NotBlank String title, String blurb) {}

    @Test
    void validatorThrowingValidationException_isReadAsIfItReturnedTheViolations() {
        List<Violation> second = List.of(Violation.of("/1/title", "no second idea"));
        ResponseModel<List<Titled>> returning = ResponseModel.builder(new TypeRef<List<Titled>>() {})
                .validator((value, context) -> List.of(Violation.of("/0", "first")))
                .validator((value, context) -> second)
                .build();
        ResponseModel<List<Titled>> throwing = ResponseModel.builder(new TypeRef<List<Titled>>() {})
                .validator((value, context) -> List.of(Violation.of("/0", "first")))
                .validator((value, context) -> {
                    throw new ValidationException(second);
                })
                .build();
        String answer = "{\"items\":[{\"title\":\" \",\"blurb\":\"x\"},{\"title\":\"b\",\"blurb\":\"y\"}]}";

        List<Violation> returned = catchThrowableOfType(
                        ValidationException.class, () -> returning.parseAndValidate(answer, ValidationContext.empty()))
                .violations();
        List<Violation> thrown = catchThrowableOfType(
                        ValidationException.class, () -> throwing.parseAndValidate(answer, ValidationContext.empty()))
                .violations();

        // Under the wrapper, as the model wrote the answer, beside Bean Validation's and the other validator's.
        assertThat(returned)
                .extracting(v -> v.path().toString())
                .contains("/items/0/title", "/items/0", "/items/1/title");
        assertThat(thrown).isEqualTo(returned);
    }

    @Test
    void valuePath_ofAViolation_dropsTheWrapper_asTheModelsValidatorsWriteIt() {
        ResponseModel<List<Idea>> ideas = ResponseModel.builder(new TypeRef<List<Idea>>() {})
                .validator((value, context) ->
                        value.size() > 1 ? List.of(Violation.of("/1/title", "no second idea")) : List.of())
                .build();
        String answer = "{\"items\":[{\"title\":\"a\",\"blurb\":\"x\"},{\"title\":\"b\",\"blurb\":\"y\"}]}";
        Violation violation = catchThrowableOfType(
                        ValidationException.class, () -> ideas.parseAndValidate(answer, ValidationContext.empty()))
                .violations()
                .get(0);

        assertThat(violation.path()).hasToString("/items/1/title");
        assertThat(ideas.valuePath(violation.path())).hasToString("/1/title");
        assertThat(ideas.valuePath(JsonPointer.root())).isEqualTo(JsonPointer.root());
        assertThat(ideas.valuePath(JsonPointer.parse("/items"))).isEqualTo(JsonPointer.root());
        assertThat(ResponseModel.of(Idea.class).valuePath(JsonPointer.parse("/title")))
                .hasToString("/title");
    }

    @Test
    void wrapping_onlyPlainObjectsAreSentAsTheRoot() {
        assertThat(ResponseModel.of(Idea.class).wrapperKey()).isEmpty();
        assertThat(ResponseModel.of(new TypeRef<List<Idea>>() {}).wrapperKey()).hasValue("items");
        assertThat(ResponseModel.of(new TypeRef<Set<String>>() {}).wrapperKey()).hasValue("items");
        assertThat(ResponseModel.of(Idea[].class).wrapperKey()).hasValue("items");
        assertThat(ResponseModel.of(Mood.class).wrapperKey()).hasValue("value");
        assertThat(ResponseModel.of(String.class).wrapperKey()).hasValue("value");
        assertThat(ResponseModel.of(int.class).wrapperKey()).hasValue("value");
        assertThat(ResponseModel.of(Animal.class).wrapperKey()).hasValue("value");
        assertThat(ResponseModel.of(new TypeRef<Map<String, Idea>>() {}).wrapperKey())
                .hasValue("value");
        // The schema of Optional<Idea> is Idea's object or null, which no root can be: the model may answer none.
        assertThat(ResponseModel.of(new TypeRef<Optional<Idea>>() {}).wrapperKey())
                .hasValue("value");
    }

    @Test
    void configOverride_shapesTheWrappedRoot_andTheAnswerBinds() {
        JsonMapper mapper = JsonMapper.builder()
                .withConfigOverride(Instant.class, o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.NUMBER)))
                .build();
        ResponseModel<List<Instant>> model = ResponseModel.builder(new TypeRef<List<Instant>>() {})
                .mapper(mapper)
                .build();

        assertThat(model.schema().at("/properties/items/items/type").asString()).isEqualTo("number");
        assertThat(model.parse("{\"items\":[1704067200.5]}")).containsExactly(Instant.parse("2024-01-01T00:00:00.5Z"));
    }

    @Test
    void parse_wrappedScalar_isUnwrapped() {
        assertThat(ResponseModel.of(Mood.class).parse("{\"value\":\"DOWN\"}")).isEqualTo(Mood.DOWN);
        assertThat(ResponseModel.of(int.class).parse("{\"other\":1,\"value\":42}"))
                .isEqualTo(42);
        assertThat(ResponseModel.of(Idea[].class).parse("{\"items\":[{\"title\":\"t\"}]}"))
                .containsExactly(new Idea("t", null));
    }

    @Test
    void parse_trailingTextAfterWrapper_isRejectedAsJacksonWould() {
        ResponseModel<Mood> model = ResponseModel.of(Mood.class);

        assertThatThrownBy(() -> model.parse("{\"value\":\"UP\"} {}")).isInstanceOf(ValidationException.class);
    }

    @Test
    void partialOfWrappedScalar_absentUntilComplete() {
        Streamer.Run<Integer> run = Streamer.stream(ResponseModel.of(Integer.class), "{\"value\":1234}", 1);

        assertThat(run.distinct()).containsExactly(1234);
    }

    /** No type info, no subtypes Jackson knows of: Jackson can bind no value of it. */
    interface Figure {}

    abstract static class Outline {}

    record Square(int side) implements Figure, Tile {}

    @JsonDeserialize(as = Square.class)
    interface Tile {}

    abstract static class Angle {
        @JsonCreator
        static Angle of(int degrees) {
            return new RightAngle();
        }
    }

    static final class RightAngle extends Angle {}

    @Test
    void abstractTypeWithoutTypeInfo_isRejectedAtOnce_asJacksonCanBindNoValueOfIt() {
        List<TypeRef<?>> unbindable =
                List.of(new TypeRef<Figure>() {}, new TypeRef<Outline>() {}, new TypeRef<List<Figure>>() {});
        for (TypeRef<?> type : unbindable) {
            assertThatThrownBy(() -> ResponseModel.of(type))
                    .as(type.type().getTypeName())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("@JsonTypeInfo");
        }
    }

    sealed interface Stroke permits Line, Dot {}

    record Line(int length) implements Stroke {}

    record Dot(int size) implements Stroke {}

    record Doodle(List<Stroke> strokes) {}

    @Test
    void sealedTypeWithoutTypeInfo_isRejectedAtOnce_askingForTypeInfoOnly_asItIsSealedAlready() {
        assertThatThrownBy(() -> ResponseModel.of(Doodle.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Stroke.class.getName())
                .hasMessageContaining(" at strokes[],")
                .hasMessageContaining("is sealed")
                .hasMessageContaining("@JsonTypeInfo(use = JsonTypeInfo.Id.NAME)")
                .hasMessageNotContaining("seal it")
                .hasMessageNotContaining("@JsonSubTypes");
    }

    record Drawing(String title, Figure figure) {}

    record Gallery(List<Drawing> drawings) {}

    record Sketchbook(Map<String, Figure> byName, Optional<Figure> cover) {}

    record Catalog(Set<Figure> figures) {}

    record Chain(String name, Chain next, List<Chain> branches, Figure figure) {}

    record Framed(@JsonDeserialize(as = Square.class) Figure figure, Tile tile, Angle angle) {}

    @Test
    void nestedAbstractTypeWithoutTypeInfo_isRejectedAtOnce_namingItsPath() {
        Map<TypeRef<?>, String> paths = Map.of(
                new TypeRef<Drawing>() {}, "figure",
                new TypeRef<Gallery>() {}, "drawings[].figure",
                new TypeRef<Sketchbook>() {}, "byName{}",
                new TypeRef<Catalog>() {}, "figures[]",
                new TypeRef<Optional<Drawing>>() {}, "figure",
                new TypeRef<Map<String, List<Drawing>>>() {}, "{}[].figure",
                new TypeRef<Chain>() {}, "figure",
                new TypeRef<Map<Mood, Drawing>>() {}, "{}.figure");
        paths.forEach((type, path) -> assertThatThrownBy(() -> ResponseModel.of(type))
                .as(type.type().getTypeName())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@JsonTypeInfo")
                .hasMessageContaining(" at " + path + ",")
                .hasMessageContaining(Figure.class.getName()));
        assertThatThrownBy(() -> ResponseModel.of(new TypeRef<Optional<Figure>>() {}))
                .hasMessageContaining(Figure.class.getName());
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @com.fasterxml.jackson.annotation.JsonSubTypes({
        @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = Pawn.class, name = "pawn"),
        @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = Holder.class, name = "holder")
    })
    sealed interface Piece permits Pawn, Holder {}

    record Pawn(int rank) implements Piece, Rank {}

    record Holder(String label, List<Figure> figures) implements Piece {}

    record Board(String name, List<Piece> pieces) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @com.fasterxml.jackson.annotation.JsonSubTypes(
            @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = Pawn.class, name = "pawn"))
    interface Rank {}

    @Test
    void abstractTypeInAUnionsMember_isRejectedAtOnce_namingItsPathThroughTheTypeId() {
        // Jackson fails on every answer that picks the member with a figure in it:
        assertThatThrownBy(() -> JsonMapper.builder()
                        .build()
                        .readValue(
                                "{\"name\":\"b\",\"pieces\":[{\"kind\":\"holder\",\"label\":\"l\","
                                        + "\"figures\":[{}]}]}",
                                Board.class))
                .isInstanceOf(tools.jackson.databind.DatabindException.class);

        assertThatThrownBy(() -> ResponseModel.of(Board.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(" at pieces[](holder).figures[],")
                .hasMessageContaining(Figure.class.getName());
        assertThatThrownBy(() -> ResponseModel.of(Piece.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(" at (holder).figures[],");
        // A union whose members Jackson can all make is accepted.
        assertThat(ResponseModel.of(Rank.class).parse("{\"kind\":\"pawn\",\"rank\":2}"))
                .isEqualTo(new Pawn(2));
    }

    @Test
    void nestedAbstractTypeJacksonCanBind_isAccepted() {
        Framed framed =
                ResponseModel.of(Framed.class).parse("{\"figure\":{\"side\":1},\"tile\":{\"side\":2},\"angle\":90}");

        assertThat(framed.figure()).isEqualTo(new Square(1));
        assertThat(framed.tile()).isEqualTo(new Square(2));
        assertThat(framed.angle()).isInstanceOf(RightAngle.class);
    }

    @Test
    void abstractTypeJacksonCanBind_isAccepted() {
        assertThat(ResponseModel.of(Tile.class).parse("{\"value\":{\"side\":2}}"))
                .isEqualTo(new Square(2));
        assertThat(ResponseModel.of(Angle.class).parse("{\"value\":90}")).isInstanceOf(RightAngle.class);
        SimpleModule mapping = new SimpleModule().addAbstractTypeMapping(Figure.class, Square.class);
        ResponseModel<Figure> mapped = ResponseModel.builder(Figure.class)
                .mapper(JsonMapper.builder().addModule(mapping).build())
                .build();
        assertThat(mapped.parse("{\"value\":{\"side\":3}}")).isEqualTo(new Square(3));
    }
}
