package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.instructor.MapperToggles.Toggle;
import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A differential fuzz of the typed partials against Jackson: random mapper configurations ({@link MapperToggles}), a
 * fixed set of types covering what Jackson binds, and random documents over them that are often subtly invalid
 * ({@link TypedDocuments}). Each document is streamed at chunk sizes 1, 3 and whole; the partial of the complete
 * document must be {@link ResponseModel#parse}'s value, or absent exactly when that throws, and no snapshot may make
 * the binder throw. A failure names the seed and a case shrunk to as few settings and members as still fail.
 *
 * <p>Documents Jackson reads only in part without {@code FAIL_ON_TRAILING_TOKENS}, binding what it read, are left out,
 * as no binder of the engine's snapshots can agree with Jackson on them: after an array of one string as an item of a
 * {@code List<String>}, its parser is left inside that array.
 *
 * <p>It checks 20 configurations of 5 types each by default; search further with, say, {@code
 * -Dinstructor.fuzz.configs=2000 -Dinstructor.fuzz.seed=1}.
 */
class MapperConfigFuzzTest {
    private static final long SEED = Long.getLong("instructor.fuzz.seed", 7_2024L);
    private static final int CONFIGS = Integer.getInteger("instructor.fuzz.configs", 20);
    /** Types per configuration: a model costs more to build than a few documents to check. */
    private static final int TYPES_PER_CONFIG = 5;

    private static final int DOCUMENTS = 12;
    private static final int[] CHUNKS = {1, 3, Integer.MAX_VALUE};

    /** The outcome of binding a document: Jackson's value, or why it was rejected. */
    private record Outcome(boolean accepted, Object value, String error) {
        static Outcome of(Object value) {
            return new Outcome(true, value, null);
        }

        static Outcome rejected(String error) {
            return new Outcome(false, null, error);
        }

        static Outcome parse(ResponseModel<?> model, String json) {
            try {
                return of(model.parse(json));
            } catch (ValidationException e) {
                return rejected(e.getMessage());
            }
        }

        boolean agrees(Outcome other) {
            return accepted == other.accepted && (!accepted || SameValue.same(value, other.value));
        }

        @Override
        public String toString() {
            return accepted ? SameValue.describe(value) : "rejected (" + error + ")";
        }
    }

    /** A response type ({@link FuzzTypes#ALL}) bound under a configuration. */
    private record Subject(List<Toggle> config, Object target, ResponseModel<?> model, ResponseModel<?> whole) {
        /** Returns the subject, or null when Jackson cannot bind the type under the configuration. */
        static Subject of(List<Toggle> config, Object target) {
            JsonMapper mapper = MapperToggles.mapper(config);
            ResponseModel<?> model = MapperConfigFuzzTest.model(target, mapper);
            if (model == null) {
                return null;
            }
            boolean trailing = mapper.deserializationConfig().isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            JsonMapper strict = trailing
                    ? mapper
                    : mapper.rebuild()
                            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                            .build();
            return new Subject(config, target, model, trailing ? model : MapperConfigFuzzTest.model(target, strict));
        }

        /**
         * Returns why {@code document} is left out, or null when it is not: Jackson stops reading before the document
         * ends (without {@code FAIL_ON_TRAILING_TOKENS}), as it does after a string list item that is an array of one
         * string, and binds what it read.
         */
        String leftOut(FuzzDocument document) {
            String json = document.json();
            if (whole != model
                    && Outcome.parse(model, json).accepted()
                    && !Outcome.parse(whole, json).accepted()) {
                return "read in part";
            }
            return null;
        }
    }

    /** A case: a subject and a document. */
    private record Case(Subject subject, FuzzDocument document) {
        boolean fails() {
            return subject != null
                    && subject.leftOut(document) == null
                    && divergence(subject.model(), document.json()) != null;
        }

        @Override
        public String toString() {
            return "config " + subject.config() + ", type "
                    + subject.model().type().getTypeName() + ", document " + document.json();
        }
    }

    @Test
    void partialOfTheCompleteDocument_agreesWithJackson_underRandomMapperConfigurations() {
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, Integer> leftOut = new TreeMap<>();
        int checked = 0;
        for (int configIndex = 0; configIndex < CONFIGS; configIndex++) {
            long seed = SEED + configIndex;
            Random random = new Random(seed);
            List<Toggle> config = MapperToggles.draw(random, 6);
            List<Object> targets = new ArrayList<>(FuzzTypes.ALL);
            Collections.shuffle(targets, random);
            for (Object target : targets.subList(0, TYPES_PER_CONFIG)) {
                Subject subject = Subject.of(config, target);
                if (subject == null) {
                    continue;
                }
                ResponseModel<?> model = subject.model();
                for (int d = 0; d < DOCUMENTS; d++) {
                    FuzzDocument document = new TypedDocuments(random, 6)
                            .root(model.type(), model.wrapperKey().orElse(null));
                    String reason = subject.leftOut(document);
                    if (reason != null) {
                        leftOut.merge(reason, 1, Integer::sum);
                        continue;
                    }
                    checked++;
                    String problem = divergence(model, document.json());
                    if (problem != null && failures.size() < 12 && !failures.containsKey(kind(model, problem))) {
                        Case smallest = shrink(new Case(subject, document));
                        failures.put(
                                kind(model, problem),
                                "seed " + seed + ": " + smallest + "\n  "
                                        + divergence(
                                                smallest.subject().model(),
                                                smallest.document().json()));
                    }
                }
            }
        }
        int excluded = leftOut.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(checked).as("documents checked; left out: " + leftOut).isGreaterThan(excluded * 10);
        if (!failures.isEmpty()) {
            fail("the partials of " + failures.size() + " kinds of complete documents disagree with Jackson:\n"
                    + String.join("\n", failures.values()));
        }
    }

    /** Returns what kind of failure {@code problem} is, to report a few of each kind. */
    private static String kind(ResponseModel<?> model, String problem) {
        return model.type().getTypeName()
                + (problem.contains("threw") ? " throws" : "")
                + (problem.contains("Jackson gives rejected") ? " rejected" : " accepted")
                + (problem.contains("the partial rejected") ? " absent" : " present");
    }

    /** Returns the case with as few settings and members as still fail (not necessarily in the same way). */
    private static Case shrink(Case failing) {
        boolean shrunk = true;
        while (shrunk) {
            shrunk = false;
            List<Toggle> config = failing.subject().config();
            for (int i = 0; i < config.size() && !shrunk; i++) {
                List<Toggle> fewer = new ArrayList<>(config);
                fewer.remove(i);
                Case candidate = new Case(Subject.of(fewer, failing.subject().target()), failing.document());
                if (candidate.fails()) {
                    failing = candidate;
                    shrunk = true;
                }
            }
            for (FuzzDocument smaller : failing.document().shrinks()) {
                Case candidate = new Case(failing.subject(), smaller);
                if (!shrunk && candidate.fails()) {
                    failing = candidate;
                    shrunk = true;
                }
            }
        }
        return failing;
    }

    private static ResponseModel<?> model(Object target, JsonMapper mapper) {
        try {
            ResponseModel.Builder<?> builder = target instanceof Class<?> type
                    ? ResponseModel.builder(type)
                    : ResponseModel.builder((TypeRef<?>) target);
            return builder.mapper(mapper).build();
        } catch (IllegalArgumentException e) {
            return null; // the configuration makes the type unbindable (or unschematic) for Jackson
        }
    }

    /** Returns how the partials of {@code json} disagree with Jackson, or null when they agree. */
    private static String divergence(ResponseModel<?> model, String json) {
        Outcome jackson = Outcome.parse(model, json);
        for (int chunk : CHUNKS) {
            Outcome partial;
            try {
                partial = lastPartial(model, json, chunk);
            } catch (RuntimeException e) {
                return "the binder threw at chunk size " + chunk + ": " + e;
            }
            if (!partial.agrees(jackson)) {
                return "at chunk size " + chunk + " Jackson gives " + jackson + ", the partial " + partial;
            }
        }
        return null;
    }

    /** Streams {@code json}, binding every snapshot; returns the partial of the complete document. */
    private static Outcome lastPartial(ResponseModel<?> model, String json, int chunk) {
        PartialJsonParser parser = PartialJsonParser.strict();
        PartialBinder<?> binder = model.newPartialBinder();
        for (int from = 0; from < json.length(); from += chunk) {
            parser.feed(json.substring(from, (int) Math.min(json.length(), (long) from + chunk)));
            Optional<PartialValue> snapshot = parser.snapshot();
            snapshot.ifPresent(binder::bind);
        }
        Optional<? extends PartialResult<?>> last = binder.bind(parser.finish());
        return last.isPresent()
                ? Outcome.of(last.get().value())
                : Outcome.rejected(binder.lastSkipReason().orElse("no reason"));
    }
}
