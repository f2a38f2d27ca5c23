package dev.instructor.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.internal.binding.Shape;
import dev.instructor.internal.binding.ShapeFactory;
import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialValue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.lang.ref.WeakReference;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Hibernate Validator behind every model is shared ({@link BeanValidation#shared}) and lives as long as the
 * application: what it keeps must not grow with the models a long-running server builds and drops, one per request
 * or evicted from a client's cache and built again.
 */
class SharedBeanValidationTest {
    record Note(@NotBlank String title, @Size(max = 3) List<Part> parts) {}

    record Part(@NotBlank String name) {}

    @Test
    void modelNoLongerUsed_isNotHeldByTheSharedValidation_afterItsStreamsCheckedBeans() throws InterruptedException {
        WeakReference<Shape> dropped = null;
        for (int i = 0; i < 100; i++) {
            // What a ResponseModel holds: its own shapes, and a walker of its values.
            ShapeFactory shapes = new ShapeFactory(JsonMapper.builder().build());
            Shape root = shapes.shapeFor(shapes.mapper().getTypeFactory().constructType(Note.class));
            StreamingChecks checks = new StreamingChecks(shapes, new ValueValidation(shapes), root, null, false, null);

            assertThat(streamed(checks, "{\"title\":\"a\",\"parts\":[{\"name\":\" \"},{\"name\":\"b\"}]}"))
                    .as("the checks ran, and completed beans were checked")
                    .isEqualTo(1);
            if (dropped == null) {
                dropped = new WeakReference<>(root);
            }
        }

        for (int i = 0; i < 50 && dropped.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(dropped.get()).as("the first model's shape, after GC").isNull();
    }

    /** Streams {@code json} one char at a time through {@code checks}; returns the number of violations reported. */
    private static int streamed(StreamingChecks checks, String json) {
        PartialJsonParser parser = PartialJsonParser.strict();
        int found = 0;
        for (int i = 0; i < json.length(); i++) {
            parser.feed(json.substring(i, i + 1));
            PartialValue snapshot = parser.current();
            if (snapshot != null) {
                found += checks.check(snapshot, parser.completedPaths()).size();
            }
        }
        return found;
    }
}
