package dev.instructor.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.Payload;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.validation.valueextraction.Unwrapping;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.junit.jupiter.api.Test;

/**
 * {@link QuickCheck} may say "passes" only where Hibernate Validator reports nothing: every value it passes is
 * validated again by Hibernate here, over values chosen around each rule's edges. It must also pass the ordinary
 * valid values, or it saves nothing.
 */
class QuickCheckTest {
    private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class)
            .configure()
            .buildValidatorFactory()
            .getValidator();

    interface Strict {}

    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = EvenValidator.class)
    @interface Even {
        String message() default "must be even";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static final class EvenValidator implements ConstraintValidator<Even, Integer> {
        @Override
        public boolean isValid(Integer value, ConstraintValidatorContext context) {
            return value == null || value % 2 == 0;
        }
    }

    record Judged(
            @NotBlank String title,
            @Size(min = 2, max = 5) String code,
            @NotNull @Size(max = 3) List<String> tags,
            @NotEmpty Map<String, String> labels,
            @NotEmpty String name,
            @Min(1) @Max(10) int rating,
            @Min(-5) Long offset,
            @Positive Integer count,
            @PositiveOrZero Short small,
            @NotNull String anything) {}

    record NotJudged(
            @Pattern(regexp = "[a-z]+") String word,
            @Even Integer even,
            @Size(max = 2) List<@NotBlank String> items,
            @NotBlank(groups = Strict.class) String strictly,
            @Min(1) Double ratio,
            @NotNull(payload = Unwrapping.Unwrap.class) Optional<String> unwrapped,
            @NotNull OptionalInt unwrappedByDefault,
            @NotBlank Object anyText,
            @Size(max = 2) Object anySized,
            @NotEmpty Iterable<String> iterable,
            @PositiveOrZero Comparable<Integer> comparable) {}

    @Test
    void whatItPasses_hibernateAccepts() {
        Random random = new Random(3);
        int passed = 0;
        for (String property :
                List.of("title", "code", "tags", "labels", "name", "rating", "offset", "count", "small", "anything")) {
            QuickCheck quick =
                    QuickCheck.of(VALIDATOR.getConstraintsForClass(Judged.class).getConstraintsForProperty(property));
            assertThat(quick).as(property).isNotNull();
            Class<?> type = boxed(componentType(Judged.class, property));
            for (Object value : candidates(random)) {
                // Hibernate picks its validator by the property's declared type, and the binder only ever produces
                // values of that type.
                if ((value == null || type.isInstance(value)) && quick.passes(value)) {
                    passed++;
                    assertThat(VALIDATOR.validateValue(Judged.class, property, value))
                            .as("%s = %s", property, describe(value))
                            .isEmpty();
                }
            }
        }
        assertThat(passed).isGreaterThan(1000);
    }

    @Test
    void ordinaryValidValues_pass() {
        assertThat(quick(Judged.class, "title").passes("An idea")).isTrue();
        assertThat(quick(Judged.class, "code").passes("abc")).isTrue();
        assertThat(quick(Judged.class, "code").passes(null)).isTrue();
        assertThat(quick(Judged.class, "tags").passes(List.of("a", "b"))).isTrue();
        assertThat(quick(Judged.class, "labels").passes(Map.of("k", "v"))).isTrue();
        assertThat(quick(Judged.class, "rating").passes(7)).isTrue();
        assertThat(quick(Judged.class, "offset").passes(-5L)).isTrue();
        assertThat(quick(Judged.class, "count").passes(3)).isTrue();
        assertThat(quick(Judged.class, "small").passes((short) 0)).isTrue();
    }

    @Test
    void brokenOrUnknownValues_areLeftToHibernate() {
        assertThat(quick(Judged.class, "title").passes(" \t\u0001 ")).isFalse();
        assertThat(quick(Judged.class, "title").passes(null)).isFalse();
        assertThat(quick(Judged.class, "code").passes("a")).isFalse();
        assertThat(quick(Judged.class, "tags").passes(null)).isFalse();
        assertThat(quick(Judged.class, "tags").passes(List.of(1, 2, 3, 4))).isFalse();
        assertThat(quick(Judged.class, "rating").passes(11)).isFalse();
        assertThat(quick(Judged.class, "rating").passes(5.0))
                .as("not an integral number")
                .isFalse();
        assertThat(quick(Judged.class, "name").passes(new StringBuilder[] {}))
                .as("an array")
                .isFalse();
    }

    @Test
    void constraintsItCannotJudge_getNoQuickCheck() {
        for (String property : List.of(
                "word",
                "even",
                "items",
                "strictly",
                "ratio",
                "unwrapped",
                "unwrappedByDefault",
                "anyText",
                "anySized",
                "iterable",
                "comparable")) {
            assertThat(QuickCheck.of(
                            VALIDATOR.getConstraintsForClass(NotJudged.class).getConstraintsForProperty(property)))
                    .as(property)
                    .isNull();
        }
    }

    record Elements(
            List<@NotBlank String> items,
            Map<String, @Min(1) Integer> counts,
            List<@Size(min = 2, max = 5) String> codes,
            List<List<@NotBlank String>> nested,
            List<@Pattern(regexp = "[a-z]+") String> words) {}

    /** A container element's own constraints get a quick check of their own, as sure as a property's. */
    @Test
    void containerElements_whatItPasses_hibernateAcceptsInTheContainer() {
        Random random = new Random(5);
        int passed = 0;
        for (String property : List.of("items", "counts", "codes")) {
            QuickCheck quick = QuickCheck.of(element(property));
            assertThat(quick).as(property).isNotNull();
            boolean map = property.equals("counts");
            for (Object value : candidates(random)) {
                boolean fits = value == null || (map ? value instanceof Integer : value instanceof String);
                if (fits && quick.passes(value)) {
                    passed++;
                    Object holding = map ? Collections.singletonMap("k", value) : Collections.singletonList(value);
                    assertThat(VALIDATOR.validateValue(Elements.class, property, holding))
                            .as("%s holding %s", property, describe(value))
                            .isEmpty();
                }
            }
        }
        assertThat(passed).isGreaterThan(100);
        assertThat(QuickCheck.of(element("items")).passes("flour")).isTrue();
        assertThat(QuickCheck.of(element("items")).passes(" ")).isFalse();
        assertThat(QuickCheck.of(element("counts")).passes(0)).isFalse();
        assertThat(QuickCheck.of(element("nested"))).as("constraints below it").isNull();
        assertThat(QuickCheck.of(element("words"))).as("a rule not judged here").isNull();
    }

    private static jakarta.validation.metadata.ContainerElementTypeDescriptor element(String property) {
        return VALIDATOR
                .getConstraintsForClass(Elements.class)
                .getConstraintsForProperty(property)
                .getConstrainedContainerElementTypes()
                .stream()
                .filter(element -> element.getTypeArgumentIndex() == (property.equals("counts") ? 1 : 0))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theSharedValidator_usesQuickChecks() {
        assertThat(BeanValidation.shared().quickChecked()).isTrue();
    }

    @Test
    void aFactoryOfTheUsersOwn_isNotTrusted() {
        HibernateValidatorConfiguration configuration =
                Validation.byProvider(HibernateValidator.class).configure();
        assertThat(QuickCheck.trusts(configuration.buildValidatorFactory(), configuration.getBootstrapConfiguration()))
                .isTrue();
        ConstraintValidatorFactory own = new ConstraintValidatorFactory() {
            @Override
            public <V extends ConstraintValidator<?, ?>> V getInstance(Class<V> key) {
                try {
                    return key.getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void releaseInstance(ConstraintValidator<?, ?> instance) {}
        };
        HibernateValidatorConfiguration custom =
                Validation.byProvider(HibernateValidator.class).configure();
        custom.constraintValidatorFactory(own);
        assertThat(QuickCheck.trusts(custom.buildValidatorFactory(), custom.getBootstrapConfiguration()))
                .isFalse();
    }

    @Test
    void aBuiltInConstraintWithTheUsersOwnValidator_getsNoQuickCheck() {
        HibernateValidatorConfiguration configuration =
                Validation.byProvider(HibernateValidator.class).configure();
        ConstraintMapping mapping = configuration.createConstraintMapping();
        mapping.constraintDefinition(NotBlank.class)
                .includeExistingValidators(false)
                .validatedBy(NeverBlankValidator.class);
        Validator custom =
                configuration.addMapping(mapping).buildValidatorFactory().getValidator();

        assertThat(QuickCheck.of(custom.getConstraintsForClass(Judged.class).getConstraintsForProperty("title")))
                .isNull();
        assertThat(QuickCheck.of(VALIDATOR.getConstraintsForClass(Judged.class).getConstraintsForProperty("title")))
                .isNotNull();
    }

    @Test
    void sizeAndNotEmpty_keepTheirQuickCheck_withTheValidatorsForIterablesAdded() {
        HibernateValidatorConfiguration configuration =
                Validation.byProvider(HibernateValidator.class).configure();
        IterableBounds.register(configuration);
        Validator shared = configuration.buildValidatorFactory().getValidator();

        for (String property : List.of("code", "tags", "labels")) {
            assertThat(QuickCheck.of(shared.getConstraintsForClass(Judged.class).getConstraintsForProperty(property)))
                    .as(property)
                    .isNotNull();
        }
    }

    public static final class NeverBlankValidator implements ConstraintValidator<NotBlank, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value != null && value.toString().contains("x");
        }
    }

    private static Class<?> componentType(Class<?> record, String name) {
        for (var component : record.getRecordComponents()) {
            if (component.getName().equals(name)) {
                return component.getType();
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static Class<?> boxed(Class<?> type) {
        return type == int.class ? Integer.class : type;
    }

    private static QuickCheck quick(Class<?> type, String property) {
        return QuickCheck.of(VALIDATOR.getConstraintsForClass(type).getConstraintsForProperty(property));
    }

    /** Values around every rule's edges, of every kind the rules meet, and some of kinds they do not judge. */
    private static List<Object> candidates(Random random) {
        List<Object> values = new ArrayList<>();
        values.add(null);
        String alphabet = "ab \t\n\r\u0000\u0001\u001f\u00a0\u2003\u3000x";
        for (int i = 0; i < 400; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            values.add(text.toString());
            values.add(new StringBuilder(text));
        }
        for (int size = 0; size <= 6; size++) {
            values.add(Collections.nCopies(size, "t"));
            Map<String, String> map = new java.util.HashMap<>();
            for (int i = 0; i < size; i++) {
                map.put("k" + i, "v");
            }
            values.add(map);
            values.add(new String[size]);
        }
        for (long n = -12; n <= 12; n++) {
            values.add((int) n);
            values.add(n);
            values.add((short) n);
            values.add((byte) n);
            values.add((double) n);
            values.add(java.math.BigDecimal.valueOf(n));
        }
        values.add(Long.MIN_VALUE);
        values.add(Long.MAX_VALUE);
        values.add(Integer.MIN_VALUE);
        values.add(Double.NaN);
        values.add(new Object());
        return values;
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}
