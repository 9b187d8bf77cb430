package io.canarymesh.apiserver.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes secrets so that only the owner can read them (0600 files, 0700 directories where the file
 * system has POSIX permissions) and so that a crash leaves either the old file or the new one,
 * never half of one: the bytes go to a temporary file in the same directory, are forced to disk,
 * and the temporary file is renamed over the target in one atomic step.
 */
final class OwnerOnlyFiles {
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private OwnerOnlyFiles() {}

  /** Creates {@code dir} (and missing parents) as 0700; tightens it to 0700 if it exists. */
  static void createDirectory(Path dir) {
    try {
      Path absolute = dir.toAbsolutePath();
      Path parent = absolute.getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        Files.createDirectories(parent, attributes(parent.getFileSystem(), DIRECTORY));
      }
      if (!Files.isDirectory(absolute)) {
        Files.createDirectories(absolute, attributes(absolute.getFileSystem(), DIRECTORY));
      }
      if (isPosix(absolute.getFileSystem())) {
        Files.setPosixFilePermissions(absolute, DIRECTORY);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create directory " + dir, e);
    }
  }

  /** Replaces {@code file} with {@code content} atomically; the result is 0600. */
  static void writeAtomically(Path file, byte[] content) {
    Path dir = file.toAbsolutePath().getParent();
    Path temp = null;
    try {
      temp =
          Files.createTempFile(
              dir, "." + file.getFileName(), ".tmp", attributes(dir.getFileSystem(), FILE));
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
      forceDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Makes the rename itself durable; not every platform can open a directory, which is fine. */
  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort: the file's own content was already forced
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // the original failure is the one worth reporting
    }
  }

  private static FileAttribute<?>[] attributes(
      FileSystem fileSystem, Set<PosixFilePermission> permissions) {
    return isPosix(fileSystem)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  private static boolean isPosix(FileSystem fileSystem) {
    return fileSystem.supportedFileAttributeViews().contains("posix");
  }
}
