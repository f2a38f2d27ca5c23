package dev.instructor.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonIgnoreType;
import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Caller types whose properties Jackson finds or filters in ways other than "one field, one property": bean
 * accessors named unlike their fields, access modes, and ignorals.
 */
final class AccessorFixtures {
    private AccessorFixtures() {}
    /** Jackson 3 names the property of {@code getURL()/setURL()} {@code URL}, not after the field {@code url}. */
    public static class Link {
        private String url;
        private String title;

        public Link() {}

        Link(String url, String title) {
            this.url = url;
            this.title = title;
        }

        public String getURL() {
            return url;
        }

        public void setURL(String url) {
            this.url = url;
        }

        public String getTitle() {
            return title;
        }

        public void setTitle(String title) {
            this.title = title;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Link link && Objects.equals(url, link.url) && Objects.equals(title, link.title);
        }

        @Override
        public int hashCode() {
            return Objects.hash(url, title);
        }
    }

    /** A transient field: Jackson still reads and writes its property, through the getter and setter. */
    public static class Draft {
        private transient String text;

        public Draft() {}

        Draft(String text) {
            this.text = text;
        }

        public String getText() {
            return text;
        }

        public void setText(String text) {
            this.text = text;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Draft draft && Objects.equals(text, draft.text);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(text);
        }
    }

    /** A password with a setter but no getter: Jackson reads it and never writes it. */
    public static class Signup {
        private String user;
        private String password;

        public Signup() {}

        Signup(String user, String password) {
            this.user = user;
            this.password = password;
        }

        public String getUser() {
            return user;
        }

        public void setUser(String user) {
            this.user = user;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Signup signup
                    && Objects.equals(user, signup.user)
                    && Objects.equals(password, signup.password);
        }

        @Override
        public int hashCode() {
            return Objects.hash(user, password);
        }
    }

    /** A computed getter with no field or setter: Jackson writes {@code area} and ignores it when reading. */
    public static class Rectangle {
        private int width;
        private int height;

        public Rectangle() {}

        Rectangle(int width, int height) {
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

        public int getArea() {
            return width * height;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Rectangle r && width == r.width && height == r.height;
        }

        @Override
        public int hashCode() {
            return Objects.hash(width, height);
        }
    }

    /** Access modes: {@code id} is written only, {@code password} read only. */
    public static class Account {
        @JsonProperty(access = JsonProperty.Access.READ_ONLY)
        private String id;

        private String name;

        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        private String password;

        public Account() {}

        Account(String id, String name, String password) {
            this.id = id;
            this.name = name;
            this.password = password;
        }

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Account a
                    && Objects.equals(id, a.id)
                    && Objects.equals(name, a.name)
                    && Objects.equals(password, a.password);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, name, password);
        }
    }

    /** A record whose second component Jackson reads but never writes. */
    record Credentials(
            String user,

            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            String password) {}

    /** {@code @JsonIgnore} on a field, a getter and a setter: each hides its whole property. */
    public static class Ignorals {
        @JsonIgnore
        private String onField;

        private String onGetter;
        private String onSetter;
        private String kept;

        public Ignorals() {}

        Ignorals(String kept) {
            this.kept = kept;
        }

        public String getOnField() {
            return onField;
        }

        public void setOnField(String onField) {
            this.onField = onField;
        }

        @JsonIgnore
        public String getOnGetter() {
            return onGetter;
        }

        public void setOnGetter(String onGetter) {
            this.onGetter = onGetter;
        }

        public String getOnSetter() {
            return onSetter;
        }

        @JsonIgnore
        public void setOnSetter(String onSetter) {
            this.onSetter = onSetter;
        }

        public String getKept() {
            return kept;
        }

        public void setKept(String kept) {
            this.kept = kept;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Ignorals i
                    && Objects.equals(onField, i.onField)
                    && Objects.equals(onGetter, i.onGetter)
                    && Objects.equals(onSetter, i.onSetter)
                    && Objects.equals(kept, i.kept);
        }

        @Override
        public int hashCode() {
            return Objects.hash(onField, onGetter, onSetter, kept);
        }
    }

    /** A getter ignored but its setter named: Jackson reads the property and never writes it. */
    public static class SplitAccess {
        private String token;
        private String name;

        public SplitAccess() {}

        SplitAccess(String token, String name) {
            this.token = token;
            this.name = name;
        }

        @JsonIgnore
        public String getToken() {
            return token;
        }

        @JsonProperty("token")
        public void setToken(String token) {
            this.token = token;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SplitAccess s && Objects.equals(token, s.token) && Objects.equals(name, s.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(token, name);
        }
    }

    @JsonIgnoreProperties({"internal"})
    record Tagged(String name, String internal) {}

    /** {@code token} is read but never written. */
    @JsonIgnoreProperties(
            value = {"token"},
            allowSetters = true)
    public static class Session {
        private String token;
        private String user;

        public Session() {}

        Session(String token, String user) {
            this.token = token;
            this.user = user;
        }

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        public String getUser() {
            return user;
        }

        public void setUser(String user) {
            this.user = user;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Session s && Objects.equals(token, s.token) && Objects.equals(user, s.user);
        }

        @Override
        public int hashCode() {
            return Objects.hash(token, user);
        }
    }

    /** {@code version} is written but never read (so not a primitive: Jackson passes null for it). */
    @JsonIgnoreProperties(
            value = {"version"},
            allowGetters = true)
    record Versioned(String name, Integer version) {}

    @JsonIncludeProperties({"name"})
    record Summary(String name, String detail) {}

    /** A type Jackson skips wherever it is a property's type. */
    @JsonIgnoreType
    record Audit(String by) {}

    record Document(String title, Audit audit) {}
}
