package dev.memlint.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceDecoderTest {

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void utf8IsTheDefault() {
        assertEquals("x = 'é'\n", SourceDecoder.decode("x = 'é'\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void byteOrderMarkIsDropped() {
        assertEquals("x = 1\n", SourceDecoder.decode(bytes("\u00ef\u00bb\u00bfx = 1\n")));
    }

    @Test
    void latin1CookieOnLineOneOrTwo() {
        assertEquals("# -*- coding: latin-1 -*-\nx = 'é'\n", SourceDecoder.decode(bytes("# -*- coding: latin-1 -*-\nx = '\u00e9'\n")));
        assertEquals("#!/usr/bin/python\n# vim: set fileencoding=latin1 :\nx='é'\n",
                SourceDecoder.decode(bytes("#!/usr/bin/python\n# vim: set fileencoding=latin1 :\nx='\u00e9'\n")));
    }

    @Test
    void cookieOnLineTwoCountsOnlyAfterACommentOrBlankLine() {
        PythonSyntaxError e = assertThrows(PythonSyntaxError.class,
                () -> SourceDecoder.decode(bytes("x = 1\n# coding: latin-1\ny='\u00e9'\n")));
        assertEquals("(unicode error) 'utf-8' codec can't decode byte 0xe9 in position 0: unexpected end of data", e.getMessage());
        assertEquals(3, e.line());
        assertEquals(3, e.column());
    }

    @Test
    void crlfAndLoneCrBecomeLf() {
        assertEquals("a\nb\nc\n", SourceDecoder.decode(bytes("a\r\nb\rc\n")));
    }

    @Test
    void unknownEncodingAndBomConflict() {
        assertEquals("unknown encoding: xyz",
                assertThrows(PythonSyntaxError.class, () -> SourceDecoder.decode(bytes("# coding: xyz\n"))).getMessage());
        assertEquals("encoding problem: iso-8859-1 with BOM", assertThrows(PythonSyntaxError.class,
                () -> SourceDecoder.decode(bytes("\u00ef\u00bb\u00bf# coding: latin-1\nx = 1\n"))).getMessage());
    }

    @Test
    void nullByteIsReportedWhereItIs() {
        PythonSyntaxError e = assertThrows(PythonSyntaxError.class, () -> SourceDecoder.decode(bytes("x = 1\n# c\0\n")));
        assertEquals("source code cannot contain null bytes", e.getMessage());
        assertEquals(2, e.line());
        assertEquals(4, e.column());
    }

    @Test
    void invalidUtf8InACommentIsToleratedLikeCPython() {
        assertEquals("y = 2 # \uFFFD(\n", SourceDecoder.decode(bytes("y = 2 # \u00c3(\n")));
    }

    /** Byte snippets compiled by CPython 3.13: same acceptance, same text, same message and position. */
    static final List<String> SNIPPETS = List.of(
            "\u00ff\n", "x = 1\ny = '\u00ff'\n", "x = 1\ny = '\u00c3'\n", "# -*- coding: latin-1 -*-\nx = '\u00ff'\n",
            "\u00ef\u00bb\u00bfx = 1\n", "\u00ef\u00bb\u00bf# coding: latin-1\nx = 1\n", "\u00ef\u00bb\u00bf# coding: utf-8\nx = 1\n",
            "# coding: xyz\nx = 1\n", "#!/usr/bin/python\n# vim: set fileencoding=latin1 :\nx='\u00e9'\n",
            "x = 1\n# coding: latin-1\ny='\u00e9'\n", "\n# coding: latin-1\ny='\u00e9'\n", "# coding: ascii\nx = '\u00e9'\n",
            "# coding=UTF8\nx='\u00c3\u00a9'\n", "# coding: cp1252\nx='\u0081'\n", "  # coding: euc_jp\nx=1\n",
            "x = '\u00e9\u00e9'  # \u00ff\n", "x = 1\n\n\ny = 2 # \u00c3(\n", "x = 1 #\u00ed\u00a0\u0080\n", "\u00ef\u00bb\u00bf\u00ff\n",
            "# coding: utf-8\n\u00ff\n", "#coding:latin1\nx=1\n", "# coding: utf_8\nx='\u00ff'\n", "a\r\nb = '''x\r\ny'''\rc\n",
            "# coding: cp1252\nx = '\u0080\u0099'\n", "# coding: iso-8859-15\nx = '\u00a4'\n", "#!x\n#!y\n# coding: latin-1\nx='\u00e9'\n",
            "# coding:\n# coding: latin-1\nx='\u00e9'\n", "x = '\u00c3\u00a9' 'caf\u00c3\u00a9'\n");

    @Test
    void decodingMatchesPython313() throws Exception {
        Path python = Interpreters.find("3.13.0", "python3.13");
        Assumptions.assumeTrue(python != null, "Python 3.13.0 not installed (pyenv); decoder oracle skipped");
        ObjectMapper json = new ObjectMapper();
        List<String> hex = new ArrayList<>();
        for (String s : SNIPPETS) {
            StringBuilder sb = new StringBuilder();
            for (byte b : bytes(s)) {
                sb.append(String.format("%02x", b & 0xFF));
            }
            hex.add(sb.toString());
        }
        String program = "import json, sys, warnings, importlib.util\n"
                + "warnings.simplefilter('ignore')\n"
                + "out = []\n"
                + "for h in json.load(sys.stdin):\n"
                + "    src = bytes.fromhex(h)\n"
                + "    try:\n"
                + "        compile(src, '<s>', 'exec')\n"
                + "        try:\n"
                + "            text = importlib.util.decode_source(src)\n"
                + "        except (UnicodeDecodeError, SyntaxError):\n"
                + "            text = None\n"
                + "        out.append({'text': text})\n"
                + "    except SyntaxError as e:\n"
                + "        out.append({'msg': e.msg, 'line': e.lineno, 'offset': e.offset})\n"
                + "print(json.dumps(out))\n";
        JsonNode expected = json.readTree(Interpreters.run(python, List.of("-c", program), json.writeValueAsString(hex)));

        List<String> problems = new ArrayList<>();
        for (int i = 0; i < SNIPPETS.size(); i++) {
            JsonNode cpython = expected.get(i);
            String shown = SNIPPETS.get(i).replace("\n", "\\n").replace("\r", "\\r");
            try {
                String text = SourceDecoder.decode(bytes(SNIPPETS.get(i)));
                if (cpython.has("msg")) {
                    problems.add(shown + ": CPython rejects it (" + cpython.get("msg").asText() + "), we accept it");
                } else if (!cpython.get("text").isNull() && !cpython.get("text").asText().equals(text)) {
                    problems.add(shown + ": decoded differently: " + text.replace("\n", "\\n"));
                }
            } catch (PythonSyntaxError e) {
                if (!cpython.has("msg")) {
                    problems.add(shown + ": CPython accepts it, we say " + e.getMessage());
                    continue;
                }
                String message = cpython.get("msg").asText();
                boolean positioned = cpython.get("line").asInt() > 0;
                String theirs = message + (positioned ? " @" + cpython.get("line").asInt() + ":" + cpython.get("offset").asInt() : "");
                String ours = e.getMessage() + (positioned ? " @" + e.line() + ":" + e.column() : "");
                if (!theirs.equals(ours)) {
                    problems.add(shown + "\n    CPython: " + theirs + "\n    memlint: " + ours);
                }
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " of " + SNIPPETS.size() + " differ:\n" + String.join("\n", problems));
    }

    @Test
    void editorTextIsEncodedAsItsCookieSaysSoItDecodesBackUnchanged() {
        String latin1 = "# -*- coding: latin-1 -*-\nname = 'Zo\u00eb'\n";
        assertArrayEquals(bytes(latin1), SourceDecoder.encodeAsDeclared(latin1));
        assertEquals(latin1, SourceDecoder.decode(SourceDecoder.encodeAsDeclared(latin1)));
        String plain = "name = 'Zo\u00eb'\n";
        assertArrayEquals(plain.getBytes(StandardCharsets.UTF_8), SourceDecoder.encodeAsDeclared(plain));
        // a character latin-1 cannot hold, or an encoding Python does not know: UTF-8, and decode judges it
        String euro = "# coding: latin-1\nprice = '\u20ac'\n";
        assertArrayEquals(euro.getBytes(StandardCharsets.UTF_8), SourceDecoder.encodeAsDeclared(euro));
        String unknown = "# coding: no-such-codec\nx = 1\n";
        assertArrayEquals(unknown.getBytes(StandardCharsets.UTF_8), SourceDecoder.encodeAsDeclared(unknown));
    }
}
