package io.canarymesh.node;

import java.nio.file.Path;

/**
 * Where a pod's files live: {@code <stateDir>/pods/<namespace>_<name>_<uid>/}, holding per
 * container {@code <container>.log} (the current run's stdout and stderr), {@code
 * <container>.previous.log} (the run before the last restart) and {@code <container>.pid} (the
 * running process, for cleaning up after a crash of the runtime).
 */
record PodFiles(Path dir) {

  static PodFiles of(Path podsDir, String namespace, String name, String uid) {
    return new PodFiles(podsDir.resolve(namespace + "_" + name + "_" + uid));
  }

  Path log(String container) {
    return dir.resolve(container + ".log");
  }

  Path previousLog(String container) {
    return dir.resolve(container + ".previous.log");
  }

  Path pidFile(String container) {
    return dir.resolve(container + ".pid");
  }
}
