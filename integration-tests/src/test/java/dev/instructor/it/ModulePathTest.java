package dev.instructor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's modules used as the Java Platform Module System sees them: an application module (the test resource
 * {@code modular-app}) is compiled and run on the module path with the library's modules and their dependencies, and
 * nothing on the class path. Every other test runs on the class path, where module descriptors are ignored, so only
 * this one finds a missing {@code requires} (a platform module such as {@code java.net.http}, a dependency), a package
 * that is not exported, or reflection into the application's records that its {@code opens} does not allow.
 */
class ModulePathTest {
    private static final Set<String> APP_REQUIRES =
            Set.of("dev.instructor.openai", "dev.instructor.sse", "dev.instructor.testing");

    private static final String OPENS_TO_ALL =
            "opens app.model to dev.instructor.core, tools.jackson.databind," + " org.hibernate.validator;";

    @Test
    void anApplicationOnTheModulePath_streamsValidatesReasksAndServesSse(@TempDir Path dir) throws Exception {
        assertThat(runApp(dir, OPENS_TO_ALL)).containsExactlyElementsOf(EXPECTED_OUTPUT);
    }

    @Test
    void aModelPackageNotOpenToTheLibrary_isStillBound_throughJackson(@TempDir Path dir) throws Exception {
        // The binder's direct constructor call needs the package open to it; without that it calls through Jackson.
        String opens = "opens app.model to tools.jackson.databind, org.hibernate.validator;";

        assertThat(runApp(dir, opens)).containsExactlyElementsOf(EXPECTED_OUTPUT);
    }

    @Test
    void aModelPackageNotOpenToHibernateValidator_failsWithTheModuleSystemsReason(@TempDir Path dir) throws Exception {
        String opens = "opens app.model to dev.instructor.core, tools.jackson.databind;";

        assertThatThrownBy(() -> runApp(dir, opens))
                .hasMessageContaining("module app does not \"opens app.model\" to module org.hibernate.validator");
    }

    /** Compiles the application with {@code opens} as its model package's clause, runs it and returns its output. */
    private static List<String> runApp(Path dir, String opens) throws Exception {
        List<Path> modulePath = modulePathFor(APP_REQUIRES);
        Path classes = compileApp(dir, opens, modulePath);
        return run(classes, modulePath);
    }

    private static final List<String> EXPECTED_OUTPUT = List.of(
            "engine {\"a\":[1]}",
            "final [Idea[title=A, blurb=short]]",
            "partials true retries 1",
            "sse 200 event: done",
            "data: [{\"title\":\"A\",\"blurb\":\"served\"}]");

    /** Returns the jars (or exploded modules) the application needs: the closure of its requires and services. */
    private static List<Path> modulePathFor(Set<String> roots) {
        Map<String, ModuleReference> observable = observableModules();
        Set<String> needed = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            String name = pending.pop();
            ModuleReference module = observable.get(name);
            if (module == null || !needed.add(name)) {
                continue; // a platform module, or seen
            }
            ModuleDescriptor descriptor = module.descriptor();
            descriptor.requires().stream()
                    .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                    .forEach(r -> pending.push(r.name()));
            // Service binding, as the launcher does it: the providers of what a needed module uses are needed too.
            for (String service : descriptor.uses()) {
                observable.values().stream()
                        .filter(m -> m.descriptor().provides().stream()
                                .anyMatch(p -> p.service().equals(service)))
                        .forEach(m -> pending.push(m.descriptor().name()));
            }
        }
        assertThat(needed).containsAll(roots);
        return needed.stream()
                .map(name -> Path.of(observable.get(name).location().orElseThrow()))
                .toList();
    }

    /** Returns the modules of this test's class path, each found on its own (a jar that is no module is left out). */
    private static Map<String, ModuleReference> observableModules() {
        Map<String, ModuleReference> modules = new LinkedHashMap<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.exists(path)) {
                continue;
            }
            try {
                for (ModuleReference module : ModuleFinder.of(path).findAll()) {
                    modules.putIfAbsent(module.descriptor().name(), module);
                }
            } catch (FindException e) {
                // Not usable as a module (an invalid derived name, a class-path directory): never needed here.
            }
        }
        return modules;
    }

    private static Path compileApp(Path dir, String opens, List<Path> modulePath)
            throws IOException, URISyntaxException {
        Path resources =
                Path.of(ModulePathTest.class.getResource("/modular-app").toURI());
        Path sources = dir.resolve("src");
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(resources)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path copy = sources.resolve(resources.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                String text = Files.readString(file);
                if (copy.endsWith("module-info.java")) {
                    String withOpens = text.replaceFirst("opens app\\.model to\\s[^;]*;", opens);
                    assertThat(withOpens).as("the opens clause of %s", file).isNotEqualTo(text);
                    text = withOpens;
                }
                Files.writeString(copy, text);
                files.add(copy.toString());
            }
        }
        Path classes = dir.resolve("app");
        // An empty class path: in this process javac would otherwise take the test's own.
        List<String> args = new ArrayList<>(List.of(
                "--release",
                "17",
                "-Xlint:all",
                "-Werror",
                "-d",
                classes.toString(),
                "--class-path",
                "",
                "--module-path",
                join(modulePath)));
        args.addAll(files);
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, messages, messages, args.toArray(String[]::new));
        assertThat(status)
                .as("javac says:%n%s", messages.toString(StandardCharsets.UTF_8))
                .isZero();
        return classes;
    }

    private static List<String> run(Path classes, List<Path> modulePath) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<Path> path = new ArrayList<>(modulePath);
        path.add(0, classes);
        Path errors = classes.resolveSibling("stderr.txt");
        Process process = new ProcessBuilder(java.toString(), "--module-path", join(path), "--module", "app/app.Main")
                .redirectError(errors.toFile())
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the application did not end within 60 s");
        }
        assertThat(process.exitValue())
                .as("exit status; output:%n%s%nerrors:%n%s", output, Files.readString(errors))
                .isZero();
        return output.lines().toList();
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }
}
