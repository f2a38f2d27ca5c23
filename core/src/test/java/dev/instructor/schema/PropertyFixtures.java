package dev.instructor.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonMerge;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Caller types whose properties Jackson names, orders, leaves out when writing or handles specially when reading:
 * naming strategies, order, inclusion, null handling, merging and raw values.
 */
final class PropertyFixtures {
    private PropertyFixtures() {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SnakeCased(String firstName, int zipCode) {}

    @JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
    public static class KebabBean {
        private String homePage;

        public KebabBean() {}

        KebabBean(String homePage) {
            this.homePage = homePage;
        }

        public String getHomePage() {
            return homePage;
        }

        public void setHomePage(String homePage) {
            this.homePage = homePage;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof KebabBean k && Objects.equals(homePage, k.homePage);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(homePage);
        }
    }

    @JsonPropertyOrder(alphabetic = true)
    record Alphabetic(String zeta, String alpha, String mu) {}

    /** Jackson leaves a null {@code phone} out of what it writes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Reachable(String name, String phone) {}

    /**
     * Per-property inclusion: each of these is left out when empty, default or absent. ({@code limit} is not an
     * {@code int}: Jackson would leave out 0 and then fail to pass a missing primitive to the constructor.)
     */
    record Filters(
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> tags,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) Integer limit,
            @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> query) {}

    /** Null handling on reading: {@code mode} rejects null, {@code flags} reads it as empty, {@code theme} skips it. */
    public static class Settings {
        @JsonSetter(nulls = Nulls.FAIL)
        private String mode;

        @JsonSetter(nulls = Nulls.AS_EMPTY)
        private List<String> flags = new ArrayList<>();

        @JsonSetter(nulls = Nulls.SKIP)
        private String theme = "light";

        public Settings() {}

        Settings(String mode, List<String> flags, String theme) {
            this.mode = mode;
            this.flags = flags;
            this.theme = theme;
        }

        public String getMode() {
            return mode;
        }

        public void setMode(String mode) {
            this.mode = mode;
        }

        public List<String> getFlags() {
            return flags;
        }

        public void setFlags(List<String> flags) {
            this.flags = flags;
        }

        public String getTheme() {
            return theme;
        }

        public void setTheme(String theme) {
            this.theme = theme;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Settings s
                    && Objects.equals(mode, s.mode)
                    && Objects.equals(flags, s.flags)
                    && Objects.equals(theme, s.theme);
        }

        @Override
        public int hashCode() {
            return Objects.hash(mode, flags, theme);
        }
    }

    /** A mutable part of a {@link Layout}, into which Jackson merges what it reads. */
    public static class Window {
        private int width = 800;
        private int height = 600;

        public Window() {}

        Window(int width, int height) {
            this.width = width;
            this.height = height;
        }

        public int getWidth() {
            return width;
        }

        public void setWidth(int width) {
            this.width = width;
        }

        public int getHeight() {
            return height;
        }

        public void setHeight(int height) {
            this.height = height;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Window w && width == w.width && height == w.height;
        }

        @Override
        public int hashCode() {
            return Objects.hash(width, height);
        }
    }

    public static class Layout {
        @JsonMerge
        private Window window = new Window();

        public Layout() {}

        Layout(Window window) {
            this.window = window;
        }

        public Window getWindow() {
            return window;
        }

        public void setWindow(Window window) {
            this.window = window;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Layout l && Objects.equals(window, l.window);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(window);
        }
    }

    /** Jackson writes {@code config} verbatim, as JSON, but reads it as the string it is. */
    record Widget(String name, @JsonRawValue String config) {}
}
