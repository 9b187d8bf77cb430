package io.canarymesh.node;

import io.canarymesh.apiserver.PodLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Container logs from the files the runtime writes ({@link PodFiles}). {@code tailLines} and {@code
 * limitBytes} are honoured; {@code sinceSeconds} is not (lines carry no times here), so the whole
 * log is answered.
 */
final class FileLogs implements PodLogs {
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
