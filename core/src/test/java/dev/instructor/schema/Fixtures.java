package dev.instructor.schema;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.instructor.Description;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Representative caller types, shared by the schema tests. */
final class Fixtures {
    private Fixtures() {}

    record Idea(String title, @Size(max = 140) String blurb) {}

    record MovieRecommendation(
            String title,
            int year,

            @Description("One sentence explaining why this movie fits")
            String reason) {}

    record Recipe(
            String name,
            @Min(1) int prepTimeMinutes,
            @Size(min = 1) List<String> ingredients,
            String instructions) {}

    enum Mood {
        HAPPY,
        SAD,
        CURIOUS
    }

    enum Priority {
        LOW("low"),
        HIGH("high");

        private final String wire;

        Priority(String wire) {
            this.wire = wire;
        }

        @JsonValue
        String wire() {
            return wire;
        }
    }

    enum Color {
        @JsonProperty("red")
        RED,
        @JsonProperty("green")
        GREEN
    }

    @Description("A postal address")
    record Address(String street, String city) {}

    record Profile(
            String name,
            Optional<String> nickname,
            Set<String> tags,
            BigDecimal balance,
            BigInteger visits,
            LocalDate birthday,
            Instant lastSeen,
            Duration session,
            @Description("Where the person lives") Address home,
            Optional<Address> work,
            List<List<Integer>> grid,
            Mood mood) {}

    /** A bounded set: Jackson drops a repeated tag, so the bound counts distinct tags. */
    record Labels(@Size(max = 2) Set<String> tags, List<@Size(max = 1) Set<String>> groups) {}

    @JsonClassDescription("A city and its population")
    record City(
            String name,

            @Description("Wins over Jackson's") @JsonPropertyDescription("Loses")
            long population) {}

    record Scores(String player, Map<String, Integer> points) {}

    record Constrained(
            @Size(min = 2, max = 5) List<String> words,
            @Min(1) @Max(10) int rating,

            @DecimalMin(value = "0.5", inclusive = false) @DecimalMax("99.5")
            BigDecimal ratio,

            @Positive int positive,
            @PositiveOrZero long positiveOrZero,
            @Negative double negative,
            @NegativeOrZero short negativeOrZero,
            @Pattern(regexp = "^[a-z]+$") String slug,
            @Email String email,
            @NotBlank String label,
            OffsetDateTime at,
            LocalTime time) {}

    /** Sealed, with Jackson's default type info: the id is the class name without package, in "@type". */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    sealed interface Shape permits Circle, Square {}

    @Description("A circle")
    record Circle(double radius) implements Shape {}

    @JsonTypeName("square")
    record Square(double side) implements Shape {}

    record Drawing(String title, List<Shape> shapes) {}

    /** Declared as a concrete subtype: Jackson still writes its type id. */
    record Framed(Circle circle, String frame) {}

    @JsonPropertyOrder({"second", "first"})
    record Ordered(String first, String second, String third) {}

    /** Not sealed: subtypes from @JsonSubTypes, id in a custom property. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = EmailMessage.class, name = "email"),
        @JsonSubTypes.Type(value = SmsMessage.class, name = "sms")
    })
    interface Message {}

    record EmailMessage(String to, String subject) implements Message {}

    record SmsMessage(String phone, String text) implements Message {}

    record Outbox(List<Message> messages) {}

    sealed interface Unannotated permits First, Second {}

    record First(String a) implements Unannotated {}

    record Second(String b) implements Unannotated {}

    record TreeNode(String label, List<TreeNode> children) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    sealed interface Expr permits Num, Add {}

    record Num(int value) implements Expr {}

    record Add(Expr left, Expr right) implements Expr {}

    record Renamed(
            @JsonProperty("full_name") String fullName,
            @JsonIgnore String secret,
            @JsonAlias("years") int age,
            @JsonPropertyDescription("Favourite colour") Color color,
            Priority priority) {}

    /** A JavaBean: only primitives and @NotNull properties are required. */
    public static class Person {
        private String name;

        @NotNull
        private Integer age;

        private boolean active;

        @NotEmpty
        private List<String> emails;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Integer getAge() {
            return age;
        }

        public void setAge(Integer age) {
            this.age = age;
        }

        public boolean isActive() {
            return active;
        }

        public void setActive(boolean active) {
            this.active = active;
        }

        public List<String> getEmails() {
            return emails;
        }

        public void setEmails(List<String> emails) {
            this.emails = emails;
        }
    }

    /** A value object: Jackson writes and reads it as the string its {@code @JsonValue} component holds. */
    record EmailAddress(@JsonValue String value) {}

    /** A value object over a list, read through a delegating creator. */
    static final class Tags {
        private final List<String> names;

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        Tags(List<String> names) {
            this.names = List.copyOf(names);
        }

        @JsonValue
        List<String> names() {
            return names;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Tags tags && names.equals(tags.names);
        }

        @Override
        public int hashCode() {
            return names.hashCode();
        }
    }

    record Contact(
            String name, @Description("Where to write") EmailAddress email, Tags tags) {}

    /** A bean whose addresses Jackson reads from members of its own object, one set of them prefixed. */
    public static class Shipment {
        private String id;

        @JsonUnwrapped
        private Address address;

        @JsonUnwrapped(prefix = "return_")
        private Address returnAddress;

        public Shipment() {}

        Shipment(String id, Address address, Address returnAddress) {
            this.id = id;
            this.address = address;
            this.returnAddress = returnAddress;
        }

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public Address getAddress() {
            return address;
        }

        public void setAddress(Address address) {
            this.address = address;
        }

        public Address getReturnAddress() {
            return returnAddress;
        }

        public void setReturnAddress(Address returnAddress) {
            this.returnAddress = returnAddress;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Shipment shipment
                    && Objects.equals(id, shipment.id)
                    && Objects.equals(address, shipment.address)
                    && Objects.equals(returnAddress, shipment.returnAddress);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, address, returnAddress);
        }
    }

    /** {@code List<Idea>} as a {@link Type}. */
    static final Type LIST_OF_IDEAS = listOf(Idea.class);

    static ParameterizedType listOf(Type element) {
        return parameterized(List.class, element);
    }

    static ParameterizedType parameterized(Class<?> raw, Type... arguments) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return arguments.clone();
            }

            @Override
            public Type getRawType() {
                return raw;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }

            @Override
            public String toString() {
                return raw.getName()
                        + Arrays.stream(arguments).map(Type::getTypeName).collect(Collectors.joining(", ", "<", ">"));
            }
        };
    }
}
