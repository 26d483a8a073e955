package lab.centerloss.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeviceTest {
  @Test
  @DisplayName("CUDA asked for in a CPU-only build names the build as what is missing")
  void cpuBuildNamesTheBuild() {
    Assumptions.assumeFalse(Torch.gpuNativesBundled(), "the -Pgpu build");
    assertThatThrownBy(() -> Torch.selectDevice(DeviceChoice.CUDA, 1))
        .isInstanceOf(DeviceUnavailableException.class)
        .hasMessage(
            "CUDA was asked for, but this build carries libtorch's CPU natives only: build with -Pgpu "
                + "(see the README), or train with --device cpu.");
  }

  @Test
  @DisplayName("auto picks the CPU where CUDA is not available")
  void autoPicksTheCpu() {
    Torch.load();
    Assumptions.assumeFalse(org.bytedeco.pytorch.global.torch.cuda_is_available());
    assertThat(Torch.selectDevice(DeviceChoice.AUTO, 1).name()).isEqualTo("cpu");
  }
}
