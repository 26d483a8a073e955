package lab.centerloss.ui;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import lab.centerloss.export.TextFiles;
import lab.centerloss.text.Messages;
import lab.centerloss.train.DeviceChoice;
import lab.centerloss.train.Hyperparameters;

/**
 * What the app remembers between runs: the last hyperparameters, the window's size and the export
 * folder, as JSON in the user's config folder. A file that cannot be read is ignored with a notice.
 */
public record UserSettings(Hyperparameters hyperparameters, double windowWidth, double windowHeight, String exportFolder,
        DeviceChoice device) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static UserSettings defaults() {
        return new UserSettings(Hyperparameters.defaults(), 1440, 900, "", DeviceChoice.AUTO);
    }

    /** The settings, and a sentence for the user when the saved ones had to be ignored. */
    public record Loaded(UserSettings settings, Optional<String> notice) {
    }

    public static Loaded load(Path file) {
        String content;
        try {
            content = Files.readString(file);
        } catch (NoSuchFileException e) {
            return new Loaded(defaults(), Optional.empty());
        } catch (IOException e) {
            return ignored(file, e.getMessage());
        }
        try {
            UserSettings settings = JSON.readValue(content, UserSettings.class);
            if (settings.hyperparameters() == null || !settings.hyperparameters().problems().isEmpty()) {
                return ignored(file, settings.hyperparameters() == null ? Messages.text("settings.noHyperparameters")
                        : settings.hyperparameters().problems().get(0).render());
            }
            double width = settings.windowWidth() >= 640 && settings.windowWidth() <= 10_000 ? settings.windowWidth() : 1440;
            double height = settings.windowHeight() >= 480 && settings.windowHeight() <= 10_000 ? settings.windowHeight() : 900;
            return new Loaded(new UserSettings(settings.hyperparameters(), width, height,
                    settings.exportFolder() == null ? "" : settings.exportFolder(),
                    settings.device() == null ? DeviceChoice.AUTO : settings.device()), Optional.empty());
        } catch (JacksonException e) {
            return ignored(file, Messages.text("settings.notJson"));
        }
    }

    private static Loaded ignored(Path file, String why) {
        return new Loaded(defaults(), Optional.of(Messages.text("settings.ignored", file.toString(), why)));
    }

    public void save(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        TextFiles.write(file, JSON.writeValueAsString(this));
    }

    /**
     * The per-user data folder of this operating system (where the last run is kept), or
     * {@code lab.dataHome} if set: ~/.local/share/center-loss-lab, %LOCALAPPDATA%\Center Loss Lab,
     * ~/Library/Application Support/Center Loss Lab.
     */
    public static Path dataFolder() {
        String override = System.getProperty("lab.dataHome");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = System.getProperty("os.name", "").toLowerCase();
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return (local != null ? Path.of(local) : home.resolve("AppData").resolve("Local")).resolve("Center Loss Lab");
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
        String os = System.getProperty("os.name", "").toLowerCase();
        Path home = Path.of(System.getProperty("user.home"));
        Path folder;
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            folder = (appData != null ? Path.of(appData) : home.resolve("AppData").resolve("Roaming"))
                    .resolve("Center Loss Lab");
        } else if (os.contains("mac")) {
            folder = home.resolve("Library").resolve("Application Support").resolve("Center Loss Lab");
        } else {
            String xdg = System.getenv("XDG_CONFIG_HOME");
            folder = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config")).resolve("center-loss-lab");
        }
        return folder.resolve("settings.json");
    }
}
