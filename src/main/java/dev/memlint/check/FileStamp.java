package dev.memlint.check;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What one stat() tells about a file: enough for the result cache to trust that its bytes did not
 * change since a run hashed them, without reading them. Besides size and modification time it
 * holds the inode's change time, which no user call can set back (restoring the modification time
 * with touch -d or os.utime moves it), and the device and inode (a file replaced by a rename is
 * another inode).
 *
 * @param regular whether it is a regular file (links followed): only those are read
 */
public record FileStamp(boolean regular, long size, long modifiedNanos, long changedNanos, long device, long inode) {
    /**
     * A file changed this recently may change again within the same tick of the file system's clock
     * and keep every stamp field (git calls such index entries "racily clean"): its stamp is not
     * stored, and the next run hashes it. Two seconds also covers a file server's clock a little ahead.
     */
    public static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** The file's stamp, or null where the platform has no "unix" attributes (Windows) or it cannot be read. */
    public static FileStamp of(Path path) {
        try {
            Map<String, Object> a = Files.readAttributes(path, "unix:isRegularFile,size,lastModifiedTime,ctime,dev,ino");
            return new FileStamp((Boolean) a.get("isRegularFile"), (Long) a.get("size"),
                    nanos((FileTime) a.get("lastModifiedTime")), nanos((FileTime) a.get("ctime")),
                    (Long) a.get("dev"), (Long) a.get("ino"));
        } catch (IOException | RuntimeException e) { // no such view, the file vanished, ...: hash it
            return null;
        }
    }

    /** Whether the stamp may be kept to trust later: not changed within RACY_NANOS of nowNanos (epoch nanoseconds). */
    public boolean settledAt(long nowNanos) {
        return Math.max(modifiedNanos, changedNanos) < nowNanos - RACY_NANOS;
    }

    public static long nowNanos() {
        return TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    }

    /**
     * Written out rather than the record's own: that one is bootstrapped through method handles on
     * its first call, which spun 18 classes on every warm run (one stamp comparison per file).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof FileStamp s && regular == s.regular && size == s.size && modifiedNanos == s.modifiedNanos
                && changedNanos == s.changedNanos && device == s.device && inode == s.inode;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(size) * 31 + Long.hashCode(inode);
    }

    private static long nanos(FileTime time) {
        return time.to(TimeUnit.NANOSECONDS);
    }
}
