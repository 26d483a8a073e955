package lab.centerloss.train;

/** Where training runs: CUDA when available (AUTO), or forced. */
public enum DeviceChoice {
  AUTO,
  CPU,
  CUDA
}
