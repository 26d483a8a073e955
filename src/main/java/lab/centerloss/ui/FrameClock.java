package lab.centerloss.ui;

/** Measures the gaps between animation frames: a long gap is a frozen window. */
public final class FrameClock {
    private long last = -1;
    private long longestGap;
    private long frames;

    void tick(long now) {
        if (last >= 0) {
            longestGap = Math.max(longestGap, now - last);
        }
        last = now;
        frames++;
    }

    public double longestGapMillis() {
        return longestGap / 1e6;
    }

    public long frames() {
        return frames;
    }

    public void restart() {
        last = -1;
        longestGap = 0;
        frames = 0;
    }
}
