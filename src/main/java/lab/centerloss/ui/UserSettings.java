package lab.centerloss.ui;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import lab.centerloss.data.SmallFiles;
import lab.centerloss.export.TextFiles;
import lab.centerloss.store.HyperparametersJson;
import lab.centerloss.text.Ids;
import lab.centerloss.text.Language;
import lab.centerloss.text.Messages;
import lab.centerloss.text.Printable;
import lab.centerloss.train.DeviceChoice;
import lab.centerloss.train.Hyperparameters;

/**
 * What the app remembers between runs: the last hyperparameters, the window's size and the export
 * folder, as JSON in the user's config folder. A file that cannot be read is ignored with a notice.
 */
public record UserSettings(
    Hyperparameters hyperparameters,
    double windowWidth,
    double windowHeight,
    String exportFolder,
    DeviceChoice device,
    Optional<Language> language,
    boolean projectorTheme) {

  /** Settings that follow the system's language, in the dark theme. */
  public UserSettings(
      Hyperparameters hyperparameters,
      double windowWidth,
      double windowHeight,
      String exportFolder,
      DeviceChoice device) {
    this(hyperparameters, windowWidth, windowHeight, exportFolder, device, Optional.empty(), false);
  }

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public static UserSettings defaults() {
    return new UserSettings(Hyperparameters.defaults(), 1440, 900, "", DeviceChoice.AUTO);
  }

  /** The settings, and a sentence for the user when the saved ones had to be ignored. */
  public record Loaded(UserSettings settings, Optional<String> notice) {}

  public static Loaded load(Path file) {
    String content;
    try {
      // a device or a pipe in its place, or a huge file, is not read (issue 25)
      content = new String(SmallFiles.read(file, 1 << 20), StandardCharsets.UTF_8);
    } catch (SmallFiles.Refused e) {
      return ignored(
          file,
          e.tooLarge() ? Messages.text("settings.tooLarge") : Messages.text("settings.notRegular"));
    } catch (NoSuchFileException e) {
      return new Loaded(defaults(), Optional.empty());
    } catch (IOException e) {
      return ignored(file, e.getMessage());
    }
    try {
      // Read field by field: a file from an older version lacks some, a damaged one has others.
      var root = JSON.readTree(content);
      if (root == null || !root.isObject() || !root.has("hyperparameters")) {
        return ignored(file, Messages.text("settings.noHyperparameters"));
      }
      var read =
          HyperparametersJson.fromJson(root.get("hyperparameters"), Hyperparameters.defaults());
      if (read.problem().isPresent()) {
        return ignored(file, read.problem().get().render());
      }
      double width = root.path("windowWidth").asDouble(1440);
      double height = root.path("windowHeight").asDouble(900);
      width = width >= 640 && width <= 10_000 ? width : 1440;
      height = height >= 480 && height <= 10_000 ? height : 900;
      DeviceChoice device = DeviceChoice.AUTO;
      if (root.has("device")) {
        // any case (a hand-edited "cuda"); an unknown device is said, not silently replaced
        Optional<DeviceChoice> named =
            Ids.parse(DeviceChoice.class, root.path("device").asText(""));
        if (named.isEmpty()) {
          return ignored(
              file,
              Messages.text(
                  "settings.unknownDevice", Printable.of(root.path("device").asText(""))));
        }
        device = named.get();
      }
      Optional<Language> language = Optional.empty();
      for (Language choice : Language.values()) {
        if (choice.tag().equals(root.path("language").asText())) {
          language = Optional.of(choice);
        }
      }
      return new Loaded(
          new UserSettings(
              read.hyperparameters().get(),
              width,
              height,
              root.path("exportFolder").asText(""),
              device,
              language,
              "projector".equals(root.path("theme").asText())),
          Optional.empty());
    } catch (JacksonException e) {
      return ignored(file, Messages.text("settings.notJson"));
    }
  }

  private static Loaded ignored(Path file, String why) {
    return new Loaded(
        defaults(), Optional.of(Messages.text("settings.ignored", file.toString(), why)));
  }

  public void save(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    var root = JSON.createObjectNode();
    root.set("hyperparameters", HyperparametersJson.toJson(hyperparameters));
    root.put("windowWidth", windowWidth);
    root.put("windowHeight", windowHeight);
    root.put("exportFolder", exportFolder);
    root.put("device", device.name());
    language.ifPresent(chosen -> root.put("language", chosen.tag()));
    root.put("theme", projectorTheme ? "projector" : "dark");
    TextFiles.write(file, JSON.writeValueAsString(root));
  }

  /**
   * The per-user data folder of this operating system (where the last run is kept), or {@code
   * lab.dataHome} if set: ~/.local/share/center-loss-lab, %LOCALAPPDATA%\Center Loss Lab,
   * ~/Library/Application Support/Center Loss Lab.
   */
  public static Path dataFolder() {
    String override = System.getProperty("lab.dataHome");
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    Path home = Path.of(System.getProperty("user.home"));
    if (os.contains("win")) {
      String local = System.getenv("LOCALAPPDATA");
      return (local != null ? Path.of(local) : home.resolve("AppData").resolve("Local"))
          .resolve("Center Loss Lab");
    } else if (os.contains("mac")) {
      return home.resolve("Library").resolve("Application Support").resolve("Center Loss Lab");
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share"))
        .resolve("center-loss-lab");
  }

  /** The per-user config folder of this operating system, or {@code lab.configDir} if set. */
  public static Path defaultFile() {
    String override = System.getProperty("lab.configDir");
    if (override != null && !override.isBlank()) {
      return Path.of(override, "settings.json");
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    Path home = Path.of(System.getProperty("user.home"));
    Path folder;
    if (os.contains("win")) {
      String appData = System.getenv("APPDATA");
      folder =
          (appData != null ? Path.of(appData) : home.resolve("AppData").resolve("Roaming"))
              .resolve("Center Loss Lab");
    } else if (os.contains("mac")) {
      folder = home.resolve("Library").resolve("Application Support").resolve("Center Loss Lab");
    } else {
      String xdg = System.getenv("XDG_CONFIG_HOME");
      folder =
          (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config"))
              .resolve("center-loss-lab");
    }
    return folder.resolve("settings.json");
  }
}
