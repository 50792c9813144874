package dev.memlint.config;

import dev.memlint.rule.RuleInfo;
import dev.memlint.rule.RuleRegistry;

import java.util.List;

/**
 * Which rules run, from select / extend-select / ignore lists of codes or prefixes ("MEM2" is the
 * family, "ALL" everything). The longest matching entry decides; on a tie ignore wins. With no
 * select list the default-enabled rules are selected. A rule that is off by default runs only
 * when some list names its full code or selects "ALL" (as Ruff's ALL: every rule there is).
 */
public final class RuleSelection {
    private final List<String> select;       // null: the defaults
    private final List<String> extendSelect;
    private final List<String> ignore;

    public RuleSelection(List<String> select, List<String> extendSelect, List<String> ignore) {
        this.select = select;
        this.extendSelect = extendSelect == null ? List.of() : extendSelect;
        this.ignore = ignore == null ? List.of() : ignore;
    }

    public boolean isEnabled(String code) {
        RuleInfo info = RuleRegistry.info(code);
        if (info == null) return false;
        int selected = Math.max(select == null ? (info.defaultEnabled() ? 0 : -1) : matchLength(select, code),
                matchLength(extendSelect, code));
        boolean all = (select != null && select.contains("ALL")) || extendSelect.contains("ALL");
        if (!info.defaultEnabled() && selected < code.length() && !all) return false;
        return selected > matchLength(ignore, code);
    }

    /** Length of the longest entry of list that selects code; "ALL" counts 0; -1 when none does. */
    static int matchLength(List<String> list, String code) {
        int best = -1;
        for (String entry : list) {
            if (entry.equals("ALL")) best = Math.max(best, 0);
            else if (code.startsWith(entry)) best = Math.max(best, entry.length());
        }
        return best;
    }

    /** Whether entry ("ALL", a code or a prefix of a known code) selects anything. */
    public static boolean isValidSelector(String entry) {
        if (entry.equals("ALL")) return true;
        if (!entry.matches("MEM[0-9]*")) return false;
        return RuleRegistry.all().stream().anyMatch(r -> r.code().startsWith(entry));
    }
}
