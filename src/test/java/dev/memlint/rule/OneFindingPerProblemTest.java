package dev.memlint.rule;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two rules on one statement give one finding: the specific one, whose advice says what to change. */
class OneFindingPerProblemTest {
    private static final String PACK = """
            import struct


            def pack(values):
                out = b""
                for v in values:
                    out = out + struct.pack("<I", v)
                return out
            """;

    private static final String KEEP_TRACEBACK = """
            import sys


            def call_all(callbacks):
                for callback in callbacks:
                    try:
                        callback()
                    except Exception:
                        kind, value, tb = sys.exc_info()
                        print("callback failed", kind, value)
            """;

    private static List<String> codes(String code) {
        return Linting.lint("m.py", code).stream().map(f -> f.code() + "@" + f.range().line()).toList();
    }

    @Test
    void bytesConcatenationIsReportedOnceNotAlsoAsQuadraticAllocation() {
        assertEquals(List.of("MEM202@7"), codes(PACK));
    }

    @Test
    void tracebackKeptInALocalIsReportedOnceNotAlsoAsACycle() {
        assertEquals(List.of("MEM605@9"), codes(KEEP_TRACEBACK));
    }

    @Test
    void noqaOnTheSpecificFindingSilencesTheProblem() {
        assertEquals(List.of(), codes(PACK.replace("struct.pack(\"<I\", v)", "struct.pack(\"<I\", v)  # noqa: MEM202")));
    }

    @Test
    void theGeneralRuleStillReportsWhereNoSpecificOneDoes() {
        String growingTuple = """
                def collect(values):
                    out = ()
                    for v in values:
                        out = out + (v,)
                    return out
                """;
        assertEquals(List.of("MEM702@4"), codes(growingTuple));
    }
}
