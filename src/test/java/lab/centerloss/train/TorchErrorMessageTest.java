package lab.centerloss.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a teacher reads of a libtorch error: its sentence, not its C++ backtrace. */
class TorchErrorMessageTest {
  @Test
  @DisplayName("the backtrace libtorch appends is cut off; a message without one is kept whole")
  void backtraceCut() {
    RuntimeException withBacktrace =
        new RuntimeException(
            "shape '[-1, 288]' is invalid for input of size 4096\n"
                + "Exception raised from infer_size_impl at /pytorch/aten/src/ATen/InferSize.h:96 (most recent call first):\n"
                + "frame #0: c10::Error::Error(...) + 0x98 (0x7f in libc10.so)\n");
    assertThat(Torch.errorMessage(withBacktrace))
        .isEqualTo("shape '[-1, 288]' is invalid for input of size 4096");
    assertThat(Torch.errorMessage(new RuntimeException("CUDA out of memory.")))
        .isEqualTo("CUDA out of memory.");
    assertThat(Torch.errorMessage(new IllegalStateException())).isEqualTo("IllegalStateException");
  }
}
