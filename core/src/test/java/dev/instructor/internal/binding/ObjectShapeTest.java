package dev.instructor.internal.binding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialObject;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/** How an object shape tells which member Jackson binds to a property, checked against its definition. */
class ObjectShapeTest {
    /** A bean built by a creator, with properties Jackson sets after it, one of them aliased. */
    public static final class Badge {
        private final int id;
        public String text;
        public int size;

        @JsonAlias({"caption", "label"})
        public String title;

        @JsonCreator
        Badge(@JsonProperty("id") @JsonAlias("key") int id) {
            this.id = id;
        }

        public int getId() {
            return id;
        }
    }

    private static final List<String> NAMES =
            List.of("id", "key", "text", "size", "title", "caption", "label", "Text", "TITLE", "other");

    @Test
    void bindsLatest_isWhetherTheLastMemberUnderTheKeyIsTheFirstForItsProperty() {
        for (JsonMapper mapper : List.of(
                JsonMapper.builder().build(),
                JsonMapper.builder()
                        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                        .build())) {
            ObjectShape shape = new ShapeFactory(mapper).beanShape(Badge.class);
            Random random = new Random(42);
            for (int document = 0; document < 2_000; document++) {
                PartialObject object = randomObject(random);
                for (String key : object.keys()) {
                    ObjectProperty property = shape.property(key);
                    if (property != null) {
                        assertThat(shape.bindsLatest(object, key, property))
                                .as("%s in %s", key, object.toWrittenJson())
                                .isEqualTo(byDefinition(shape, object, key, property));
                    }
                }
            }
        }
    }

    /** The members a model may write for a Badge: names, aliases, case variants and repeats, open or complete. */
    private static PartialObject randomObject(Random random) {
        StringBuilder json = new StringBuilder("{");
        int members = 1 + random.nextInt(6);
        for (int i = 0; i < members; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(NAMES.get(random.nextInt(NAMES.size())));
            json.append("\":1");
        }
        PartialJsonParser parser = PartialJsonParser.strict();
        if (random.nextBoolean()) {
            parser.feed(json.append('}').toString());
            return (PartialObject) parser.finish();
        }
        parser.feed(json.append(",\"text\":\"op").toString());
        return (PartialObject) parser.snapshot().orElseThrow();
    }

    /** As documented: with several members for the property, whether the first of them is the last under the key. */
    private static boolean byDefinition(ObjectShape shape, PartialObject object, String key, ObjectProperty property) {
        if (!shape.keepsFirst(property)) {
            return !shape.hasManyNames(property);
        }
        List<String> keys = object.writtenKeys();
        int first = -1;
        int latest = -1;
        for (int i = 0; i < keys.size(); i++) {
            if (first < 0 && shape.property(keys.get(i)) == property) {
                first = i;
            }
            if (keys.get(i).equals(key)) {
                latest = i;
            }
        }
        return first == latest;
    }
}
