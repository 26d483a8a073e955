package lab.centerloss.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import lab.centerloss.data.DataSetException;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.store.RunFile;
import lab.centerloss.store.RunFileException;

/**
 * The bundled MNIST, loaded once per test JVM; and the committed run files that tests restore
 * instead of training (made by {@code scripts/make_test_fixtures.sh}, which says what each holds).
 */
public final class TestData {
  private static MnistDataSet mnist;
  private static RunFile.Contents shortRun;
  private static RunFile.Contents trainedRun;

  private TestData() {}

  public static Path bundledFolder() {
    return Path.of(System.getProperty("lab.dataDir", "datasets/mnist"));
  }

  public static synchronized MnistDataSet mnist() {
    if (mnist == null) {
      try {
        mnist = MnistDataSet.load(bundledFolder());
      } catch (DataSetException e) {
        throw new IllegalStateException(e);
      }
    }
    return mnist;
  }

  /** A committed run file of the test resources' fixtures folder. */
  public static Path fixture(String name) {
    URL url = TestData.class.getResource("/lab/centerloss/fixtures/" + name);
    if (url == null) {
      throw new IllegalStateException(
          "no fixture " + name + ": scripts/make_test_fixtures.sh makes them");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The file of {@link #shortRun()}. */
  public static Path shortRunFile() {
    return fixture("short-run.clab");
  }

  /**
   * A real run of 100 steps at batch 32 on the default settings: a probe of 300 test images every 4
   * steps, checkpoints at steps 0 and 100. Read once per JVM; its record is shared, so copy it
   * ({@code RunRecord.copy}) before adding to it.
   */
  public static synchronized RunFile.Contents shortRun() {
    if (shortRun == null) {
      shortRun = read(shortRunFile());
    }
    return shortRun;
  }

  /** The file of {@link #trainedRun()}. */
  public static Path trainedRunFile() {
    return fixture("trained-600.clab");
  }

  /**
   * The default recipe trained 600 steps (about 97 % on the test set): its origin, its last step
   * with a probe of 500 test images, and its checkpoint at step 600, from which a session goes on.
   */
  public static synchronized RunFile.Contents trainedRun() {
    if (trainedRun == null) {
      trainedRun = read(trainedRunFile());
    }
    return trainedRun;
  }

  private static RunFile.Contents read(Path file) {
    try {
      return RunFile.read(file);
    } catch (RunFileException e) {
      throw new IllegalStateException(e);
    }
  }
}
