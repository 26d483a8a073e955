package lab.centerloss;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar target/center-loss-lab.jar ...} in a fresh JVM, from another working folder. */
class PackagedJarIT {
  private static final Path JAR =
      Path.of(System.getProperty("lab.jar", "target/center-loss-lab.jar")).toAbsolutePath();

  record Result(int exitCode, String out, String err) {}

  static Result java(Path workingFolder, String... args) throws IOException, InterruptedException {
    return javaWith(workingFolder, List.of(), args);
  }

  static Result javaWith(Path workingFolder, List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(workingFolder.toFile()).start();
    process.getOutputStream().close();
    var out = process.getInputStream().readAllBytes();
    var err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Result(
        process.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void versionPrintsNameAndVersion(@TempDir Path elsewhere) throws Exception {
    Result result = java(elsewhere, "--version");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out().strip()).matches("Center Loss Lab \\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void trainsFiveStepsWithTheBundledDataFoundNextToTheJar(@TempDir Path elsewhere)
      throws Exception {
    Path metrics = elsewhere.resolve("m.json");
    Result result =
        java(
            elsewhere,
            "train",
            "--steps",
            "5",
            "--probe-size",
            "100",
            "--metrics",
            metrics.toString());
    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
    JsonNode m = new ObjectMapper().readTree(metrics.toFile());
    assertThat(m.get("steps").asInt()).isEqualTo(5);
    assertThat(m.get("test_accuracy").asDouble()).isBetween(0.0, 1.0);
  }

  @Test
  void firstRunWithAnEmptyNativeCacheUnpacksAndTrains(@TempDir Path elsewhere) throws Exception {
    Path cache = elsewhere.resolve("javacpp-cache");
    Result result =
        javaWith(
            elsewhere,
            List.of("-Dorg.bytedeco.javacpp.cachedir=" + cache),
            "train",
            "--steps",
            "3",
            "--probe-size",
            "50",
            "--quiet");
    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Done: 3 steps");
    try (var files = Files.walk(cache)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(name -> name.startsWith("libtorch"));
    }
  }

  @Test
  void aUserErrorIsOneSentenceWithoutStackTrace(@TempDir Path elsewhere) throws Exception {
    Result result = java(elsewhere, "train", "--alpha", "2");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().strip()).isEqualTo("alpha must lie between 0 and 1 (it is 2.0).");
  }
}
