package dev.memlint.check;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the result cache trusts instead of reading a file: one stat. */
class FileStampTest {
    @TempDir
    Path dir;

    @Test
    void aWriteShowsEvenWithTheSizeAndModificationTimeRestored() throws Exception {
        Path file = Files.writeString(dir.resolve("a.py"), "x = 1\n");
        FileStamp first = FileStamp.of(file);
        assertNotNull(first);
        assertTrue(first.regular());
        assertEquals(6, first.size());
        assertEquals(first, FileStamp.of(file), "nothing changed");

        FileTime modified = Files.getLastModifiedTime(file);
        Thread.sleep(50); // past a tick of the file system's clock
        Files.writeString(file, "x = 2\n");
        Files.setLastModifiedTime(file, modified);
        FileStamp after = FileStamp.of(file);
        assertEquals(first.size(), after.size());
        assertEquals(first.modifiedNanos(), after.modifiedNanos(), "the modification time was put back exactly");
        assertNotEquals(first, after, "the change time moved");
    }

    @Test
    void aFileReplacedByARenameIsAnotherInode() throws Exception {
        Path file = Files.writeString(dir.resolve("a.py"), "x = 1\n");
        FileStamp first = FileStamp.of(file);
        Path other = Files.writeString(dir.resolve("b.py"), "x = 2\n");
        Files.setLastModifiedTime(other, Files.getLastModifiedTime(file));
        Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertNotEquals(first.inode(), FileStamp.of(file).inode());
    }

    @Test
    void aStampIsKeptOnlyWhenTheFileHasNotChangedForAWhile() throws Exception {
        FileStamp fresh = FileStamp.of(Files.writeString(dir.resolve("a.py"), "x = 1\n"));
        long now = FileStamp.nowNanos();
        assertFalse(fresh.settledAt(now), "changed just now: it may change again within the same clock tick");
        assertTrue(fresh.settledAt(now + FileStamp.RACY_NANOS + 1_000_000_000L));
    }

    @Test
    void directoriesAreNoRegularFilesAndAMissingFileHasNoStamp() {
        assertFalse(FileStamp.of(dir).regular());
        assertNull(FileStamp.of(dir.resolve("missing.py")));
    }
}
