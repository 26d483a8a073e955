package lab.centerloss.train;

import static org.assertj.core.api.Assertions.assertThat;

import lab.centerloss.data.MnistDataSet;
import lab.centerloss.testing.TestData;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Native memory of the data set on the device, read as the process's resident memory (JavaCPP's
 * physicalBytes). The normalised images are 70,000 x 784 floats (219.5 MB); the labels add 0.6 MB.
 */
class EngineMemoryTest {
  private static final double MEGABYTE = 1e6;

  @Test
  @DisplayName(
      "an engine holds the normalised data set once, without its intermediate copies, and frees it on close")
  void dataSetHeldOnce() {
    MnistDataSet mnist = TestData.mnist();
    TrainingEngine.open(mnist, DeviceChoice.CPU, 0).close(); // libtorch loaded before measuring
    double expected =
        (mnist.train().count() + mnist.test().count()) * 784L * Float.BYTES / MEGABYTE;

    double before = Pointer.physicalBytes() / MEGABYTE;
    TrainingEngine engine = TrainingEngine.open(mnist, DeviceChoice.CPU, 0);
    double held = Pointer.physicalBytes() / MEGABYTE - before;
    engine.close();
    double afterClose = Pointer.physicalBytes() / MEGABYTE - before;

    // Each of the four arithmetic steps of the normalisation made a full copy, once kept
    // until a garbage collection: about 4 times the expected figure. The slack is for what
    // else the process may allocate meanwhile (the JIT compiler's arenas, malloc's caches).
    assertThat(held).isBetween(0.8 * expected, expected + 100);
    assertThat(afterClose).isLessThan(100);
  }
}
