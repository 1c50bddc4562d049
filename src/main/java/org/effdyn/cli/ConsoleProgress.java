package org.effdyn.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.effdyn.run.Progress;

/** Progress bars on stderr (used only when a terminal is attached). */
final class ConsoleProgress implements Progress {
  /** One bar: step from any thread, close when done. */
  interface Bar extends Ticker {}

  @Override
  public Ticker start(String task, long total) {
    return bar(task, total);
  }

  Bar bar(String task, long total) {
    ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(200).build();
    return new Bar() {
      @Override public void step() {
        bar.step();
      }

      @Override public void close() {
        bar.close();
      }
    };
  }
}
