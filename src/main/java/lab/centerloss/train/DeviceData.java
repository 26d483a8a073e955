package lab.centerloss.train;

import lab.centerloss.data.MnistDataSet;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The data set as tensors on the training device, normalised once, so that a batch is one
 * index_select and never a copy from Java.
 */
final class DeviceData {
  /** MNIST's mean and standard deviation of a pixel, after scaling to [0, 1]. */
  private static final double MEAN = 0.1307;

  private static final double STD = 0.3081;

  final Tensor trainImages;
  final Tensor trainLabels;
  final Tensor testImages;
  final Tensor testLabels;
  final int trainCount;
  final int testCount;

  /**
   * How many label values the data has (10 digits, 11 with another set's unknowns); the head has
   * one class per known digit.
   */
  final int labelValues;

  /** The data set's fingerprint, which run files carry. */
  final String fingerprint;

  final int[] testLabelsJava;
  final byte[] trainLabelsJava;

  DeviceData(MnistDataSet data, Torch.DeviceInfo device) {
    trainImages = images(data.train(), device);
    trainLabels = labels(data.train(), device);
    testImages = images(data.test(), device);
    testLabels = labels(data.test(), device);
    labelValues = data.labelValues();
    fingerprint = data.fingerprint();
    trainCount = data.train().count();
    testCount = data.test().count();
    trainLabelsJava = data.train().labels().clone();
    testLabelsJava = new int[testCount];
    for (int i = 0; i < testCount; i++) {
      testLabelsJava[i] = data.test().label(i);
    }
  }

  /*
   * Normalised in place: each out-of-place step would make another 188 MB copy of the training
   * images, and a copy whose Java wrapper is small stays allocated until a garbage collection
   * that may not come for minutes. The scope frees the small wrappers now.
   */
  private static Tensor images(MnistDataSet.Split split, Torch.DeviceInfo device) {
    try (PointerScope scope = new PointerScope()) {
      Tensor images =
          Torch.fromUnsignedBytes(
              split.pixels(),
              device.device(),
              ScalarType.Float,
              split.count(),
              1,
              split.rows(),
              split.cols());
      normalise(images);
      return images.retainReference();
    }
  }

  /**
   * Grey levels 0..255 to the network's input, in place: scaled to [0, 1], then standardised with
   * MNIST's mean and deviation. Training images and drawn digits both pass here.
   */
  static Tensor normalise(Tensor images) {
    return images.div_(new Scalar(255.0)).sub_(new Scalar(MEAN)).div_(new Scalar(STD));
  }

  private static Tensor labels(MnistDataSet.Split split, Torch.DeviceInfo device) {
    try (PointerScope scope = new PointerScope()) {
      return Torch.fromUnsignedBytes(
              split.labels(), device.device(), ScalarType.Long, split.count())
          .retainReference();
    }
  }
}
