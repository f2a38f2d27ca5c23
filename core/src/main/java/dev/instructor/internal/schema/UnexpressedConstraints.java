package dev.instructor.internal.schema;

import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import jakarta.validation.constraints.AssertFalse;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.groups.Default;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * Describes in a property's description the Jakarta constraints that JSON Schema has no keyword for
 * ({@code @Digits}, {@code @Future}, {@code @Past} and their {@code OrPresent} forms, {@code @NotBlank} beyond the
 * {@code minLength} victools writes for it, {@code @AssertTrue},
 * {@code @AssertFalse}, {@code @Null}, a {@code @Pattern} or {@code @Email(regexp)} with flags or Java-only
 * constructs), so the model is told of them, as strict dialects do for keywords they cannot take; validation checks
 * them on the answer. Only the default validation group's, as for the constraints victools writes as keywords. On an
 * item of a collection through its type-use annotations ({@code List<@Future LocalDate>}) too, and on what an
 * {@code Optional} property holds ({@code Optional<@Future LocalDate>}).
 */
final class UnexpressedConstraints {
    private UnexpressedConstraints() {}

    /** Finds a constraint of a kind if the default validation group checks it, or returns null. */
    interface Lookup {
        <A extends Annotation> A find(Class<A> type, Function<A, Class<?>[]> groups);
    }

    /** Notes the sentence for {@code member}'s constraints on {@code node}, the member's schema, if it has any. */
    static void describe(ObjectNode node, MemberScope<?, ?> member, SchemaGenerationContext context) {
        if (member.isContainerType() && !member.isFakeContainerItemScope()) {
            return; // the constraints are the items', and described on them
        }
        describeFound(node, new Lookup() {
            @Override
            public <A extends Annotation> A find(Class<A> type, Function<A, Class<?>[]> groups) {
                return annotation(member, type, groups);
            }
        });
    }

    /** Notes the sentence for the constraints {@code constraints} finds on {@code node}, if there are any. */
    static void describeFound(ObjectNode node, Lookup constraints) {
        List<String> phrases = new ArrayList<>();
        Digits digits = constraints.find(Digits.class, Digits::groups);
        if (digits != null) {
            phrases.add("have at most " + digits.integer() + " integer digits and " + digits.fraction()
                    + " fraction digits");
        }
        add(phrases, constraints.find(Future.class, Future::groups), "be in the future");
        add(phrases, constraints.find(FutureOrPresent.class, FutureOrPresent::groups), "be now or in the future");
        add(phrases, constraints.find(Past.class, Past::groups), "be in the past");
        add(phrases, constraints.find(PastOrPresent.class, PastOrPresent::groups), "be now or in the past");
        // victools writes minLength 1 for it, which a string of spaces meets: the validation rejects that one.
        add(phrases, constraints.find(NotBlank.class, NotBlank::groups), "not be blank");
        add(phrases, constraints.find(AssertTrue.class, AssertTrue::groups), "be true");
        add(phrases, constraints.find(AssertFalse.class, AssertFalse::groups), "be false");
        // The schema already lets it be null (victools reads @Null as nullable), but also lets it be a value.
        add(phrases, constraints.find(Null.class, Null::groups), "be null");
        Pattern pattern = constraints.find(Pattern.class, Pattern::groups);
        if (pattern != null) {
            addRegexp(phrases, pattern.regexp(), pattern.flags(), true);
        }
        Pattern.List list = constraints.find(Pattern.List.class, none -> new Class<?>[0]);
        if (list != null) {
            // FullMatchValidationModule writes the first it can as the pattern keyword; the others are told here.
            List<Pattern> checked = FullMatchValidationModule.checked(list);
            Pattern written = FullMatchValidationModule.writable(checked);
            for (Pattern each : checked) {
                addRegexp(phrases, each.regexp(), each.flags(), each == written);
            }
        }
        Email email = constraints.find(Email.class, Email::groups);
        if (email != null && !email.regexp().equals(".*")) {
            // victools writes an @Email's regexp only where no @Pattern is: beside one, it is described.
            addRegexp(phrases, email.regexp(), email.flags(), pattern == null && list == null);
        }
        if (!phrases.isEmpty()) {
            ConstraintText.appendLater(node, "Must " + String.join(" and ", phrases) + ".");
        }
    }

    /**
     * Adds the phrase for the Java regular expression {@code regexp} with {@code flags} unless
     * FullMatchValidationModule writes it as the {@code pattern} keyword, which it does when it is {@code written}
     * there, has no flags (a JSON Schema pattern has none) and ECMA-262 reads it as Java does.
     */
    private static void addRegexp(List<String> phrases, String regexp, Pattern.Flag[] flags, boolean written) {
        if (written && flags.length == 0 && FullMatchValidationModule.ecmaPattern(regexp) != null) {
            return;
        }
        phrases.add("match the Java regular expression " + regexp + " as a whole"
                + (flags.length == 0
                        ? ""
                        : ", with the flags "
                                + Arrays.stream(flags).map(Enum::name).collect(Collectors.joining(", "))));
    }

    private static void add(List<String> phrases, Annotation annotation, String phrase) {
        if (annotation != null) {
            phrases.add(phrase);
        }
    }

    /** Returns {@code member}'s (or its item's) annotation of {@code type} if the default group checks it, or null. */
    private static <A extends Annotation> A annotation(
            MemberScope<?, ?> member, Class<A> type, Function<A, Class<?>[]> groups) {
        A found = member.isFakeContainerItemScope()
                ? member.getContainerItemAnnotationConsideringFieldAndGetterIfSupported(type)
                : member.getAnnotationConsideringFieldAndGetterIfSupported(type);
        if (found == null && !member.isFakeContainerItemScope()) {
            found = OptionalContents.annotation(member, type); // Optional<@Future LocalDate>
        }
        return ifDefaultGroup(found, groups);
    }

    /** Returns {@code found} if null or if the default group checks it (it names no group, or names it), else null. */
    static <A extends Annotation> A ifDefaultGroup(A found, Function<A, Class<?>[]> groups) {
        if (found == null) {
            return null;
        }
        Class<?>[] checked = groups.apply(found);
        if (checked.length == 0) {
            return found;
        }
        for (Class<?> group : checked) {
            if (group == Default.class) {
                return found;
            }
        }
        return null;
    }
}
