package dev.memlint.config;

import java.util.Locale;

/** A size in bytes as users write it: "1048576", or with a suffix, "512K", "20M", "2G" (K = 1024 bytes). */
public final class ByteSize {
    private ByteSize() {}

    /** @throws IllegalArgumentException naming what is expected, when text is no such size */
    public static long parse(String text) {
        String s = text.strip().toUpperCase(Locale.ROOT);
        int shift = s.endsWith("K") ? 10 : s.endsWith("M") ? 20 : s.endsWith("G") ? 30 : 0;
        String digits = shift == 0 ? s : s.substring(0, s.length() - 1);
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("expected a number of bytes, optionally with a K, M or G suffix"
                    + " (K = 1024), got '" + text + "'");
        }
        try {
            long value = Long.parseLong(digits);
            if (value > Long.MAX_VALUE >> shift) throw new NumberFormatException();
            return value << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }
}
