package lab.centerloss.train;

import org.bytedeco.pytorch.Module;

/** LeNet++ and its head as one module, so that one optimizer sees every parameter. */
final class Network extends Module {
  final LeNetPlusPlus trunk;
  final MarginHead head;

  Network(ModelSize size, int featureDimensions, int classes) {
    trunk = register_module("trunk", new LeNetPlusPlus(size, featureDimensions));
    head = register_module("head", new MarginHead(featureDimensions, classes));
  }
}
