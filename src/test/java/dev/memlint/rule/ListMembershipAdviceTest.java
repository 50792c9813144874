package dev.memlint.rule;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** MEM502 advises hoisting a test whose answer cannot change in the loop, and a set otherwise. */
class ListMembershipAdviceTest {
    private static final String SOURCE = """
            def render(records, columns):
                shown = [str(c) for c in columns]
                rows = []
                for record in records:
                    if "id" in shown:
                        rows.append(record["id"])
                    if record["name"] in shown:
                        rows.append(record["name"])
                return rows
            """;

    /** Both tests are in one loop: one finding, the second test a related location with its own advice. */
    @Test
    void constantTestIsToBeHoistedAndVaryingTestToUseASet() {
        List<Finding> found = Linting.lint("render.py", SOURCE).stream()
                .filter(f -> f.code().equals("MEM502")).toList();
        assertEquals(1, found.size(), found.toString());
        assertEquals("`\"id\" in shown` scans the list `shown` on every iteration, and the loop never changes it; "
                + "its answer is the same every time: test once before the loop (scans up to len(shown) items "
                + "on every iteration: O(n·m) for n = len(shown), m = len(records)); 1 more in this loop, on line 7",
                found.get(0).message());
        assertEquals("`record[\"name\"] in shown` scans the list `shown` on every iteration, and the loop never changes it; "
                + "build a set from it once before the loop", found.get(0).related().get(1).message());
    }
}
