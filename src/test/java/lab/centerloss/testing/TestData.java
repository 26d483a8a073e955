package lab.centerloss.testing;

import java.nio.file.Path;
import lab.centerloss.data.DataSetException;
import lab.centerloss.data.MnistDataSet;

/** The bundled MNIST, loaded once per test JVM. */
public final class TestData {
  private static MnistDataSet mnist;

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
}
