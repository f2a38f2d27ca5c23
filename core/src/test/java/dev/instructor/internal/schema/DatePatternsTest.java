package dev.instructor.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** {@link DatePatterns} gives a regular expression matching what the pattern formats, or none. */
class DatePatternsTest {
    @Test
    void regex_matchesWhatThePatternFormats() {
        LocalDateTime time = LocalDateTime.of(2024, 1, 31, 9, 5, 7, 120_000_000);
        for (String pattern : new String[] {"dd.MM.yyyy", "yyyy-MM-dd'T'HH:mm:ss.SSS", "d/M/yy h:mm a", "'day' D"}) {
            String formatted =
                    DateTimeFormatter.ofPattern(pattern, java.util.Locale.ROOT).format(time);

            assertThat(formatted)
                    .as(pattern)
                    .matches(DatePatterns.regex(pattern).orElseThrow());
        }
    }

    @Test
    void regex_rejectsOtherForms() {
        assertThat("2024-01-31").doesNotMatch(DatePatterns.regex("dd.MM.yyyy").orElseThrow());
        assertThat("31x01x2024").doesNotMatch(DatePatterns.regex("dd.MM.yyyy").orElseThrow());
    }

    @Test
    void regex_noneForTextZonesAndOptionalSections() {
        assertThat(DatePatterns.regex("dd MMM yyyy")).isEmpty();
        assertThat(DatePatterns.regex("EEEE")).isEmpty();
        assertThat(DatePatterns.regex("HH:mm XXX")).isEmpty();
        assertThat(DatePatterns.regex("yyyy[-MM]")).isEmpty();
        assertThat(DatePatterns.regex("'unclosed")).isEmpty();
    }
}
