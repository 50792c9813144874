package dev.memlint.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteSizeTest {
    @Test
    void bytesOrOneSuffixOf1024BasedUnits() {
        assertEquals(0, ByteSize.parse("0"));
        assertEquals(1_048_576, ByteSize.parse("1048576"));
        assertEquals(512 * 1024, ByteSize.parse("512K"));
        assertEquals(20 * 1024 * 1024, ByteSize.parse("20m"));
        assertEquals(3L << 30, ByteSize.parse("3G"));
        assertEquals(Config.DEFAULT_MAX_FILE_SIZE, 20L * 1024 * 1024);
    }

    @Test
    void anythingElseIsRefusedWithWhatIsExpected() {
        for (String bad : new String[] {"", "K", "1.5M", "-1", "12Q", "20MB", "0x10", "1 000"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("expected a number of bytes, optionally with a K, M or G suffix"),
                    e.getMessage());
        }
        assertEquals("'9999999999G' is too large",
                assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("9999999999G")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("99999999999999999999"));
    }
}
