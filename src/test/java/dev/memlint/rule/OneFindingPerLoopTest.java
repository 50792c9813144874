package dev.memlint.rule;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Findings of one rule in one loop are reported once, the other sites as related locations. */
class OneFindingPerLoopTest {
    private static final String CODE = """
            def route(events, names_text: str, other_text: str):
                names = names_text.split()
                others = other_text.split()
                routed = []
                for e in events:
                    if e.source in names:
                        routed.append(e)
                    elif e.target in names:
                        routed.append(e)
                    elif e.owner in others:
                        routed.append(e)
                for e in events:
                    if e.source in names:
                        routed.append(e)
                return routed
            """;

    @Test
    void noqaOnTheFirstSiteLeavesTheOthersReported() {
        String code = CODE.replaceFirst("if e\\.source in names:", "if e.source in names:  # noqa: MEM502");
        List<Finding> found = Linting.lint("route.py", code).stream().filter(f -> f.code().equals("MEM502")).toList();
        assertEquals(List.of(8, 13), found.stream().map(f -> f.range().line()).toList(), found.toString());
        assertTrue(found.get(0).message().endsWith("; 1 more in this loop, on line 10"), found.get(0).message());
    }

    @Test
    void threeMembershipTestsInOneLoopAreOneFindingWithTwoRelatedSites() {
        List<Finding> found = Linting.lint("route.py", CODE).stream().filter(f -> f.code().equals("MEM502")).toList();
        assertEquals(List.of(6, 13), found.stream().map(f -> f.range().line()).toList(), found.toString());
        Finding first = found.get(0);
        assertTrue(first.message().endsWith("; 2 more in this loop, on lines 8 and 10"), first.message());
        assertEquals(List.of(5, 8, 10), first.related().stream().map(r -> r.range().line()).toList());
        assertTrue(first.related().get(1).message().contains("`e.target in names`"), first.related().toString());
        assertEquals(List.of(12), found.get(1).related().stream().map(r -> r.range().line()).toList(),
                "the second loop's finding stands alone");
    }
}
