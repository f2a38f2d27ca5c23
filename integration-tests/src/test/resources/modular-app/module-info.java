// An application on the module path, as ModulePathTest compiles and runs it. Its model package is open to the
// library, which binds and validates the records in it, and to the Jackson and Hibernate Validator modules it uses.
module app {
    requires dev.instructor.openai;
    requires dev.instructor.sse;
    requires dev.instructor.testing;
    requires java.net.http;

    opens app.model to
            dev.instructor.core,
            tools.jackson.databind,
            org.hibernate.validator;
}
