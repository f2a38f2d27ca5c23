package dev.instructor;

import static dev.instructor.CheckRuns.streamed;
import static dev.instructor.CheckRuns.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The value of a {@code @JsonUnwrapped} property is validated like any nested value, though the model writes its
 * members in the enclosing object: its constraints and required properties are checked, finally and once the
 * enclosing object completes while streaming, and violations point at the members as written, prefix and suffix
 * included.
 */
class UnwrappedValuesTest {
    record Geo(@Min(-90) double lat, double lon) {}

    record Address(
            @NotBlank String street,
            String city,
            List<@Size(max = 3) String> tags,
            @JsonUnwrapped(prefix = "geo_") Geo geo) {
        @AssertTrue(message = "street and city differ")
        boolean isDistinct() {
            return street == null || !street.equals(city);
        }
    }

    record Resident(
            String name,
            @JsonUnwrapped(prefix = "home_", suffix = "_x") Address address) {}

    record Street(List<Resident> residents) {}

    /** A bean holding its unwrapped value in a field, read and written by Jackson without a creator. */
    public static class Tenant {
        public String name;

        @JsonUnwrapped
        public Address address;
    }

    /** A bean whose unwrapped property is marked on its setter, the getter left plain. */
    public static class Lodger {
        private String name;
        private Address address;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Address getAddress() {
            return address;
        }

        @JsonUnwrapped(prefix = "at_")
        public void setAddress(Address address) {
            this.address = address;
        }
    }

    private static final String GOOD = "{\"name\":\"n\",\"home_street_x\":\"s\",\"home_city_x\":\"c\","
            + "\"home_tags_x\":[\"a\"],\"home_geo_lat_x\":1,\"home_geo_lon_x\":2}";

    @Test
    void aValidAnswer_passes() {
        ResponseModel<Resident> model = ResponseModel.of(Resident.class);

        assertThat(model.parse(GOOD).address().geo()).isEqualTo(new Geo(1, 2));
        assertThat(violations(model, GOOD)).isEmpty();
        assertThat(streamed(model, GOOD)).isEmpty();
    }

    @Test
    void constraintsInsideTheValue_areReportedAtTheMembersAsWritten() {
        ResponseModel<Street> model = ResponseModel.of(Street.class);
        String json = "{\"residents\":[" + GOOD.replace("\"s\"", "\" \"").replace("[\"a\"]", "[\"abcd\"]") + "]}";

        List<String> expected = List.of(
                "/residents/0/home_street_x must not be blank",
                "/residents/0/home_tags_x/0 size must be between 0 and 3");
        assertThat(violations(model, json)).containsExactlyInAnyOrderElementsOf(expected);
        int residentEnds = json.indexOf("}]") + 1;
        assertThat(streamed(model, json))
                .as("checked when the enclosing object completes")
                .containsExactlyInAnyOrderElementsOf(
                        expected.stream().map(v -> residentEnds + " " + v).toList());
    }

    @Test
    void aValueUnwrappedInsideAnUnwrappedValue_takesBothPrefixes() {
        ResponseModel<Resident> model = ResponseModel.of(Resident.class);
        String json = GOOD.replace("\"home_geo_lat_x\":1", "\"home_geo_lat_x\":-100");

        assertThat(violations(model, json)).containsExactly("/home_geo_lat_x must be greater than or equal to -90");
        assertThat(streamed(model, json))
                .containsExactly(json.length() + " /home_geo_lat_x must be greater than or equal to -90");
    }

    @Test
    void aConstrainedGetterOfTheValue_isReportedOnTheEnclosingObject() {
        ResponseModel<Resident> model = ResponseModel.of(Resident.class);
        String json = GOOD.replace("\"c\"", "\"s\"");

        assertThat(violations(model, json)).containsExactly(" distinct: street and city differ");
    }

    @Test
    void requiredMembersOfTheValue_mustBeWritten() {
        ResponseModel<Resident> model = ResponseModel.of(Resident.class);
        String json = "{\"name\":\"n\",\"home_street_x\":\"s\",\"home_tags_x\":null,"
                + "\"home_geo_lat_x\":1,\"home_geo_lon_x\":2}";

        assertThat(violations(model, json))
                .containsExactly("/home_city_x must not be null", "/home_tags_x must not be null");
        assertThat(streamed(model, json))
                .containsExactly(
                        json.length() + " /home_city_x must not be null",
                        json.length() + " /home_tags_x must not be null");
    }

    @Test
    void aBeanFieldUnwrappedWithoutPrefix_isCheckedToo() {
        ResponseModel<Tenant> model = ResponseModel.of(Tenant.class);

        assertThat(violations(
                        model,
                        "{\"name\":\"n\",\"street\":\"\",\"city\":\"c\",\"tags\":[],\"geo_lat\":0,\"geo_lon\":0}"))
                .containsExactly("/street must not be blank");
    }

    @Test
    void aValueUnwrappedThroughItsSetter_isDescribedAndChecked() {
        ResponseModel<Lodger> model = ResponseModel.of(Lodger.class);
        String json = "{\"name\":\"n\",\"at_street\":\" \",\"at_city\":\"c\",\"at_tags\":[],"
                + "\"at_geo_lat\":0,\"at_geo_lon\":0}";

        assertThat(model.schema().get("properties").propertyNames()).contains("name", "at_street", "at_geo_lat");
        assertThat(model.parse(json).getAddress().city()).isEqualTo("c");
        assertThat(violations(model, json)).containsExactly("/at_street must not be blank");
    }

    @Test
    void theModelsValidators_doNotMeetANullInsideTheValue() {
        List<String> seen = new ArrayList<>();
        ResponseModel<Resident> model = ResponseModel.builder(Resident.class)
                .validator((resident, context) -> {
                    seen.add(resident.address().city().trim()); // would throw on a null city
                    return List.of();
                })
                .build();

        String noCity = GOOD.replace("\"home_city_x\":\"c\",", "");
        assertThat(violations(model, noCity)).containsExactly("/home_city_x must not be null");
        assertThat(seen).isEmpty();
        assertThat(violations(model, GOOD)).isEmpty();
        assertThat(seen).containsExactly("c");
    }
}
