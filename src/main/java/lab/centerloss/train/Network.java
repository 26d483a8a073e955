package lab.centerloss.train;

import org.bytedeco.pytorch.Module;

/** LeNet++ and its head as one module, so that one optimizer sees every parameter. */
final class Network extends Module {
  final LeNetPlusPlus trunk;
  final MarginHead head;

  Network(ModelSize size, int classes) {
    trunk = register_module("trunk", new LeNetPlusPlus(size));
    head = register_module("head", new MarginHead(LeNetPlusPlus.FEATURE_DIMENSIONS, classes));
  }
}
