package dev.memlint.rule;

import java.util.Map;
import java.util.Set;

/**
 * Rules that see the same problem at different depths: where a specific rule reports a statement,
 * a general rule's finding on that statement only repeats it (with vaguer advice), so it is dropped.
 * One problem, one finding; the specific one says what to change.
 */
public final class Overlaps {
    /** A general code to the specific codes that replace it on the same line. */
    private static final Map<String, Set<String>> REPLACED_BY = Map.of(
            // "rebuilt as a longer copy of itself" is what the concatenation rules name, with the fix
            "MEM702", Set.of("MEM103", "MEM201", "MEM202", "MEM203"),
            // the exception a handler keeps is the cycle: MEM605 names the variable and the fix
            "MEM601", Set.of("MEM605"),
            // a slice copied in a loop: the shrinking sequence and the bytes slice have better advice
            "MEM101", Set.of("MEM103", "MEM105"));

    private Overlaps() {}

    /** Whether a finding of code on a line that also has findings of the codes present is dropped. */
    public static boolean replaced(String code, Set<String> codesOnLine) {
        Set<String> specific = REPLACED_BY.get(code);
        if (specific == null) return false;
        for (String c : codesOnLine) {
            if (specific.contains(c)) return true;
        }
        return false;
    }
}
