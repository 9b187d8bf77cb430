package io.canarymesh.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands the paths a user names into manifest files: files as given, directories' manifests. */
final class ManifestFiles {
  private ManifestFiles() {}

  /**
   * Files as given; for a directory, its {@code .yaml}, {@code .yml} and {@code .json} files in
   * name order (not recursive, like {@code kubectl apply -f DIR}).
   *
   * @throws IOException naming the path when it does not exist or cannot be listed
   */
  static List<Path> expand(List<Path> paths) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> children = Files.list(path)) {
          children.filter(ManifestFiles::isManifest).sorted().forEach(files::add);
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new IOException("the path \"" + path + "\" does not exist");
      }
    }
    return files;
  }

  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString();
    return Files.isRegularFile(file)
        && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
  }
}
