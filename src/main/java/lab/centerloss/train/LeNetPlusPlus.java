package lab.centerloss.train;

import static org.bytedeco.pytorch.global.torch.kaiming_normal_;
import static org.bytedeco.pytorch.global.torch.max_pool2d;

import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.Conv2dOptions;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.PReLUImpl;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.MemoryFormat;

/**
 * LeNet++ (Wen et al. 2016, section 4.1): three blocks of two 5x5 convolutions with PReLU and a 2x2
 * max-pool (28 -> 14 -> 7 -> 3), then a fully connected layer down to the feature: 2-D in the
 * paper's figures and by default, the plane the app draws; d-dimensional when the feature size is
 * set higher (issue 28). Input [B, 1, 28, 28], output [B, d].
 *
 * <p>The convolutions run in the channels-last memory format (NHWC). The numbers are the same up to
 * float rounding. On the 2-core CPU a lite training step took 89-97 ms instead of 122-127 ms on one
 * thread, and 56-57 ms instead of 66-67 ms on two (bench, alternating runs), because oneDNN's
 * kernels work in that layout and no longer reorder every activation in and out of it.
 */
final class LeNetPlusPlus extends Module {
  // Every submodule stays in a field: a module whose Java wrapper is collected can crash the JVM.
  private final Conv2dImpl[] convs = new Conv2dImpl[6];
  private final PReLUImpl[] convActivations = new PReLUImpl[6];
  private final LinearImpl feature;
  private final PReLUImpl featureActivation;
  private final long flattened;

  LeNetPlusPlus(ModelSize size, int featureDimensions) {
    long in = 1;
    for (int layer = 0; layer < 6; layer++) {
      long out = size.channels(layer / 2);
      Conv2dOptions options = new Conv2dOptions(in, out, new LongPointer(5, 5));
      options.padding().put(new LongPointer(2, 2));
      convs[layer] = register_module("conv" + (layer + 1), new Conv2dImpl(options));
      convActivations[layer] = register_module("prelu" + (layer + 1), new PReLUImpl());
      in = out;
    }
    flattened = in * 3 * 3;
    feature = register_module("fc", new LinearImpl(flattened, featureDimensions));
    featureActivation = register_module("prelu_fc", new PReLUImpl());
    initialiseConvolutions();
    useChannelsLast();
  }

  /** The weights in the layout the activations use; the optimizer's buffers follow them. */
  private void useChannelsLast() {
    try (NoGradGuard noGrad = new NoGradGuard()) {
      for (Conv2dImpl conv : convs) {
        conv.weight().set_data(conv.weight().contiguous(MemoryFormat.ChannelsLast));
      }
    }
  }

  /**
   * He et al. (ICCV 2015) initialisation for the convolutions. libtorch's default (uniform with a =
   * sqrt(5)) shrinks the signal at every layer, so six layers on put the 2-D features so close to 0
   * that the lite model sat at chance for about 200 steps before learning.
   */
  private void initialiseConvolutions() {
    try (NoGradGuard noGrad = new NoGradGuard()) {
      for (Conv2dImpl conv : convs) {
        kaiming_normal_(conv.weight());
        conv.bias().zero_();
      }
    }
  }

  /**
   * The images [B, 1, 28, 28] seen as channels-last. With one channel both layouts are the same
   * memory, so {@code contiguous(ChannelsLast)} leaves the strides as they are and libtorch takes
   * the batch for NCHW: the first convolution then ran in NCHW, and oneDNN reordered its input and
   * its output gradient (about 2.7 ms a step) in the backward pass. Strides that say channels-last
   * cost no copy.
   */
  private static Tensor channelsLast(Tensor images) {
    Tensor x = images.contiguous();
    long[] shape = x.sizes().vec().get();
    if (shape.length == 4 && shape[1] == 1) {
      return x.as_strided(shape, shape[2] * shape[3], 1, shape[3], 1);
    }
    return x.contiguous(MemoryFormat.ChannelsLast);
  }

  Tensor forward(Tensor images) {
    Tensor x = channelsLast(images);
    for (int layer = 0; layer < 6; layer++) {
      x = convActivations[layer].forward(convs[layer].forward(x));
      if (layer % 2 == 1) {
        x = max_pool2d(x, 2, 2);
      }
    }
    return featureActivation.forward(feature.forward(x.reshape(-1, flattened)));
  }
}
