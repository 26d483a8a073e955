package lab.centerloss.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import lab.centerloss.text.Language;
import lab.centerloss.train.DeviceChoice;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserSettingsTest {
  @Test
  void savedSettingsComeBack(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("config").resolve("settings.json");
    UserSettings settings =
        new UserSettings(
            Hyperparameters.recommendedFor(HeadKind.ARCFACE).withSeed(77),
            1200,
            800,
            "/tmp/exports",
            DeviceChoice.CUDA);
    settings.save(file);
    UserSettings.Loaded loaded = UserSettings.load(file);
    assertThat(loaded.notice()).isEmpty();
    assertThat(loaded.settings()).isEqualTo(settings);
  }

  @Test
  void languageAndProjectorThemeComeBack(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("settings.json");
    UserSettings settings =
        new UserSettings(
            Hyperparameters.defaults(),
            1280,
            720,
            "",
            DeviceChoice.AUTO,
            Optional.of(Language.SIMPLIFIED_CHINESE),
            true);
    settings.save(file);
    assertThat(UserSettings.load(file).settings()).isEqualTo(settings);
    assertThat(UserSettings.load(file).settings().projectorTheme()).isTrue();
  }

  @Test
  void noFileMeansDefaultsWithoutNotice(@TempDir Path folder) {
    UserSettings.Loaded loaded = UserSettings.load(folder.resolve("settings.json"));
    assertThat(loaded.settings()).isEqualTo(UserSettings.defaults());
    assertThat(loaded.notice()).isEmpty();
  }

  @Test
  void aCorruptFileIsIgnoredWithANotice(@TempDir Path folder) throws Exception {
    Path file =
        Files.writeString(folder.resolve("settings.json"), "{\"hyperparameters\": {\"lambda\": ");
    UserSettings.Loaded loaded = UserSettings.load(file);
    assertThat(loaded.settings()).isEqualTo(UserSettings.defaults());
    assertThat(loaded.notice())
        .contains(
            "The saved settings in "
                + file
                + " could not be used (not valid settings JSON); starting with the defaults.");
  }

  @Test
  void impossibleSavedValuesAreIgnoredWithANotice(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("settings.json");
    new UserSettings(Hyperparameters.defaults().withAlpha(0.5), 1000, 700, "", DeviceChoice.AUTO)
        .save(file);
    Files.writeString(file, Files.readString(file).replace("\"alpha\" : 0.5", "\"alpha\" : 7.0"));
    UserSettings.Loaded loaded = UserSettings.load(file);
    assertThat(loaded.settings()).isEqualTo(UserSettings.defaults());
    assertThat(loaded.notice().orElseThrow())
        .contains("alpha must lie between 0 and 1 (it is 7.0)");
  }
}
