package dev.instructor.examples.snippets;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root directory, found from the working directory Maven runs the tests in. */
final class Repository {
    private Repository() {}

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "no repository root above " + Path.of("").toAbsolutePath());
    }
}
