package dev.instructor.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository's {@code ./demo} script, run from a copy in an empty folder so that nothing is built. */
class DemoScriptTest {

    @Test
    void help_printsUsageWithoutBuilding(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("demo");
        Files.copy(repositoryRoot().resolve("demo"), script);
        Path bin = Files.createDirectory(dir.resolve("bin"));
        // Stand-ins for the build tools: each leaves a mark, so a build started for --help shows.
        for (String tool : new String[] {"mvn", "npm", "java"}) {
            Path fake = bin.resolve(tool);
            Files.writeString(fake, "#!/bin/sh\ntouch \"" + dir.resolve(tool + ".ran") + "\"\nexit 1\n");
            fake.toFile().setExecutable(true);
        }

        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "--port", "0", "--help")
                .redirectErrorStream(true)
                .directory(dir.toFile());
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).isEqualTo(DemoOptions.USAGE + "\n");
        assertThat(dir.resolve("mvn.ran")).doesNotExist();
        assertThat(dir.resolve("npm.ran")).doesNotExist();
    }

    private static Path repositoryRoot() throws IOException {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isRegularFile(at.resolve("demo")) && Files.isDirectory(at.resolve("docs"))) {
                return at;
            }
        }
        throw new IOException("no repository root above " + Path.of("").toAbsolutePath());
    }
}
