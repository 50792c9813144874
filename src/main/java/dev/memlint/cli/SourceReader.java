package dev.memlint.cli;

import dev.memlint.check.FileStamp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads a source file whole, after its attributes (read without opening it, following links) show
 * a regular file within the size limit: opening a FIFO blocks until a writer comes, and a device
 * such as /dev/zero never ends.
 */
final class SourceReader {
    /** The largest byte array the JVM allocates. */
    static final long MAX_READABLE = Integer.MAX_VALUE - 8;

    /** Files read from disk in this run, for `check --stats`: the result cache reads few on a warm run. */
    static final LongAdder FILES_READ = new LongAdder();

    private SourceReader() {}

    /** Whether read() would read a file of this stamp rather than refuse it. */
    static boolean readable(FileStamp stamp, long maxBytes) {
        return stamp.regular() && stamp.size() <= Math.min(maxBytes, MAX_READABLE);
    }

    /** @throws RefusedFile when the file is no regular file or is larger than maxBytes */
    static byte[] read(Path path, long maxBytes) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
        if (!attrs.isRegularFile()) throw new RefusedFile("not a regular file (" + kind(path, attrs) + ")");
        checkSize(attrs.size(), maxBytes);
        FILES_READ.increment();
        try (InputStream in = Files.newInputStream(path)) {
            byte[] content = new byte[(int) attrs.size()];
            int n = in.readNBytes(content, 0, content.length);
            if (n < content.length) return Arrays.copyOf(content, n); // it shrank meanwhile
            // It may have grown meanwhile: read the rest, but never more than the limit allows.
            byte[] more = in.readNBytes((int) (Math.min(maxBytes, MAX_READABLE) - n + 1));
            if (more.length == 0) return content;
            checkSize((long) n + more.length, maxBytes);
            byte[] all = Arrays.copyOf(content, n + more.length);
            System.arraycopy(more, 0, all, n, more.length);
            return all;
        }
    }

    /** Source read elsewhere (standard input): refused like a file when larger than maxBytes. */
    static byte[] checkSize(byte[] content, long maxBytes) throws RefusedFile {
        checkSize(content.length, maxBytes);
        return content;
    }

    /** At most one byte more than maxBytes of the stream: enough for the size check to refuse it. */
    static byte[] readLimited(InputStream in, long maxBytes) throws IOException {
        return in.readNBytes((int) Math.min(maxBytes + 1, MAX_READABLE));
    }

    private static void checkSize(long size, long maxBytes) throws RefusedFile {
        if (size <= Math.min(maxBytes, MAX_READABLE)) return;
        throw new RefusedFile(maxBytes < MAX_READABLE
                ? "file is larger than max-file-size (" + size + " bytes > " + maxBytes + " bytes)"
                : "file is too large to read (" + size + " bytes > " + MAX_READABLE + " bytes)");
    }

    /** "FIFO", "character device", ...: from the file's mode where the platform shows it. */
    private static String kind(Path path, BasicFileAttributes attrs) {
        if (attrs.isDirectory()) return "directory";
        try {
            int type = (Integer) Files.getAttribute(path, "unix:mode") & 0170000;
            switch (type) {
                case 0010000: return "FIFO";
                case 0020000: return "character device";
                case 0060000: return "block device";
                case 0140000: return "socket";
                default: break;
            }
        } catch (IOException | RuntimeException e) {
            // no "unix" attribute view here (Windows), or the file went away: say less
        }
        return "special file";
    }
}
