package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChatRequestTest {

    private static ChatRequest.Builder full() {
        return ChatRequest.builder()
                .model("m")
                .system("s")
                .user("u")
                .mode(Mode.JSON)
                .maxRetries(1)
                .temperature(0.5)
                .maxTokens(10)
                .validationContext(ValidationContext.of(java.util.Map.of("k", "v")))
                .extraBody("seed", 7)
                .partialInterval(Duration.ofMillis(5))
                .failFast(false)
                .startsInsideReasoning(true);
    }

    @Test
    void equals_sameSettingsAreEqual() {
        assertThat(full().build()).isEqualTo(full().build()).hasSameHashCodeAs(full().build());
        assertThat(full().build().toBuilder().build()).isEqualTo(full().build());
    }

    @Test
    void equals_anyDifferentSettingIsUnequal() {
        ChatRequest base = full().build();
        assertThat(full().model("n").build()).isNotEqualTo(base);
        assertThat(full().user("more").build()).isNotEqualTo(base);
        assertThat(full().maxRetries(2).build()).isNotEqualTo(base);
        assertThat(full().temperature(0.6).build()).isNotEqualTo(base);
        assertThat(full().extraBody("seed", 8).build()).isNotEqualTo(base);
        assertThat(full().failFast(true).build()).isNotEqualTo(base);
        assertThat(full().startsInsideReasoning(false).build()).isNotEqualTo(base);
        assertThat(full().listener(new InstructorListener() {}).build()).isNotEqualTo(base);
    }

    @Test
    void timeouts_adjustingAndReplacingReplaceEachOther() {
        java.util.function.UnaryOperator<dev.instructor.spi.Timeouts> adjust = t -> t.withIdle(Duration.ofSeconds(5));
        dev.instructor.spi.Timeouts whole = dev.instructor.spi.Timeouts.DEFAULT;

        ChatRequest adjusting = full().timeouts(whole).timeouts(adjust).build();
        ChatRequest replacing = full().timeouts(adjust).timeouts(whole).build();

        assertThat(adjusting.timeouts()).isEmpty();
        assertThat(adjusting.timeoutsAdjustment()).contains(adjust);
        assertThat(adjusting.toBuilder().build().timeoutsAdjustment()).contains(adjust);
        assertThat(replacing.timeouts()).contains(whole);
        assertThat(replacing.timeoutsAdjustment()).isEmpty();
    }

    @Test
    void validationContext_equalWhenItHoldsEqualValues() {
        ValidationContext a = ValidationContext.of(java.util.Map.of("source", "text"));

        assertThat(a)
                .isEqualTo(ValidationContext.of(java.util.Map.of("source", "text")))
                .hasSameHashCodeAs(ValidationContext.of(java.util.Map.of("source", "text")))
                .isNotEqualTo(ValidationContext.of(java.util.Map.of("source", "other")))
                .isNotEqualTo(ValidationContext.empty());
    }

    @Test
    void build_keepsEverySetting() {
        ValidationContext context = ValidationContext.of(java.util.Map.of("source", "text"));
        ChatRequest request = ChatRequest.builder()
                .model("gpt-4o-mini")
                .system("be brief")
                .user("hi")
                .assistant("hello")
                .mode(Mode.JSON)
                .maxRetries(0)
                .temperature(0.5)
                .maxTokens(100)
                .validationContext(context)
                .extraBody("seed", 7)
                .partialInterval(Duration.ofMillis(50))
                .failFast(false)
                .startsInsideReasoning(true)
                .build();

        assertThat(request.messages())
                .containsExactly(Message.system("be brief"), Message.user("hi"), Message.assistant("hello"));
        assertThat(request.mode()).contains(Mode.JSON);
        assertThat(request.maxRetries()).isZero();
        assertThat(request.temperature()).contains(0.5);
        assertThat(request.maxTokens()).contains(100);
        assertThat(request.validationContext()).isSameAs(context);
        assertThat(request.extraBody()).containsEntry("seed", 7);
        assertThat(request.partialInterval()).contains(Duration.ofMillis(50));
        assertThat(request.failFast()).contains(false);
        assertThat(request.startsInsideReasoning()).contains(true);
        assertThat(request.toBuilder().build().messages()).isEqualTo(request.messages());
    }

    @Test
    void build_defaults() {
        ChatRequest request = ChatRequest.builder().model("m").user("u").build();

        assertThat(request.maxRetries()).isEqualTo(2);
        assertThat(request.mode()).isEmpty();
        assertThat(request.failFast()).isEmpty();
        assertThat(request.startsInsideReasoning()).isEmpty();
        assertThat(request.validationContext()).isSameAs(ValidationContext.empty());
    }

    @Test
    void setters_rejectBadValuesNamingThem() {
        ChatRequest.Builder builder = ChatRequest.builder();
        assertThatThrownBy(() -> builder.model(" "))
                .hasMessageContaining("model")
                .hasMessageContaining("\" \"");
        assertThatThrownBy(() -> builder.maxRetries(-1))
                .hasMessageContaining("maxRetries")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> builder.temperature(2.5)).hasMessageContaining("2.5");
        assertThatThrownBy(() -> builder.temperature(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> builder.maxTokens(0))
                .hasMessageContaining("maxTokens")
                .hasMessageContaining("0");
        assertThatThrownBy(() -> builder.partialInterval(Duration.ofMillis(-1))).hasMessageContaining("PT-0.001S");
        assertThatThrownBy(() -> builder.extraBody("", 1)).hasMessageContaining("name");
        assertThatThrownBy(() -> builder.user(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void extraBody_nullValueNamesTheField() {
        assertThatThrownBy(() -> ChatRequest.builder().extraBody("seed", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("\"seed\"");
    }

    @Test
    void build_withoutModel_leavesItEmptyForTheEndpointToDecide() {
        assertThat(ChatRequest.builder().user("u").build().model()).isEmpty();
    }

    @Test
    void build_requiresMessage() {
        assertThatThrownBy(() -> ChatRequest.builder().model("m").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("message");
    }

    @Test
    void toString_leavesMessageTextsOut() {
        ChatRequest request =
                ChatRequest.builder().model("m").user("secret plans").build();

        assertThat(request.toString()).doesNotContain("secret").contains("messages=1");
    }
}
