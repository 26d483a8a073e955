package lab.centerloss.data;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where the bundled MNIST folder is: next to the jar (or its parent), else in the working copy. */
public final class DataLocation {
  static final String BUNDLED = "datasets/mnist";

  private DataLocation() {}

  /**
   * The first existing candidate; if none exists, the working-folder one (loading then says so).
   */
  public static Path defaultMnistFolder() {
    List<Path> candidates = candidates();
    return candidates.stream()
        .filter(Files::isDirectory)
        .findFirst()
        .orElse(candidates.get(candidates.size() - 1));
  }

  static List<Path> candidates() {
    List<Path> candidates = new ArrayList<>();
    String override = System.getProperty("lab.dataDir");
    if (override != null && !override.isBlank()) {
      candidates.add(Path.of(override));
    }
    codeLocation()
        .ifPresent(
            code -> {
              Path dir = Files.isDirectory(code) ? code : code.getParent();
              // jar in target/ or in an installed app's lib folder; classes in target/classes
              for (Path p = dir; p != null && candidates.size() < 6; p = p.getParent()) {
                candidates.add(p.resolve(BUNDLED));
              }
            });
    candidates.add(Path.of("").toAbsolutePath().resolve(BUNDLED));
    return candidates;
  }

  private static Optional<Path> codeLocation() {
    try {
      var source = DataLocation.class.getProtectionDomain().getCodeSource();
      return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
