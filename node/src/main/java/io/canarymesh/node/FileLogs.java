package io.canarymesh.node;

import io.canarymesh.apiserver.PodLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Container logs from the files the runtime writes ({@link PodFiles}). {@code tailLines}, {@code
 * limitBytes} and {@code follow} are honoured; {@code sinceSeconds} is not (lines carry no times
 * here), so the whole log is answered.
 */
final class FileLogs implements PodLogs {
  private static final java.time.Duration POLL = java.time.Duration.ofMillis(100);
  private final Path podsDir;

  FileLogs(Path podsDir) {
    this.podsDir = podsDir;
  }

  @Override
  public String read(Request request) {
    PodFiles files = PodFiles.of(podsDir, request.namespace(), request.pod(), request.uid());
    Path file =
        request.previous()
            ? files.previousLog(request.container())
            : files.log(request.container());
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          request.previous()
              ? "previous terminated container \""
                  + request.container()
                  + "\" in pod \""
                  + request.pod()
                  + "\" not found"
              : "container \""
                  + request.container()
                  + "\" in pod \""
                  + request.pod()
                  + "\" is waiting to start: ContainerCreating");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (request.tailLines().isPresent()) {
      text = tail(text, request.tailLines().getAsLong());
    }
    if (request.limitBytes().isPresent()) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > request.limitBytes().getAsLong()) {
        text =
            new String(
                Arrays.copyOf(bytes, (int) request.limitBytes().getAsLong()),
                StandardCharsets.UTF_8);
      }
    }
    return text;
  }

  /**
   * What {@link #read} answers, then the bytes the container appends, polled every 100 ms, until
   * its run ends (no pid file: the process has exited and its output is all in) or the client goes
   * away. A restart moves the log aside, which ends the stream, as the kubelet's does.
   */
  @Override
  public void follow(Request request, Consumer<byte[]> out, BooleanSupplier open) {
    PodFiles files = PodFiles.of(podsDir, request.namespace(), request.pod(), request.uid());
    Path file =
        request.previous()
            ? files.previousLog(request.container())
            : files.log(request.container());
    String start = read(request);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long position = channel.size();
      out.accept(start.getBytes(StandardCharsets.UTF_8));
      Path pidFile = files.pidFile(request.container());
      while (open.getAsBoolean() && !request.previous()) {
        boolean running = Files.exists(pidFile);
        long size = channel.size();
        if (size > position) {
          ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - position, 1 << 16));
          position += channel.read(buffer, position);
          out.accept(Arrays.copyOf(buffer.array(), buffer.position()));
        } else if (!running) {
          return;
        } else {
          LockSupport.parkNanos(POLL.toNanos()); // the file's growth is polled: no inotify here
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last {@code lines} lines: tail("a\nb\nc\n", 2) is "b\nc\n". */
  static String tail(String text, long lines) {
    if (lines == 0) {
      return "";
    }
    int end = text.endsWith("\n") ? text.length() - 1 : text.length();
    int at = end;
    long seen = 0;
    while (at > 0) {
      if (text.charAt(at - 1) == '\n' && ++seen == lines) {
        return text.substring(at);
      }
      at--;
    }
    return text;
  }
}
