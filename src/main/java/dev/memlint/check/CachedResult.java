package dev.memlint.check;

import dev.memlint.parse.SourceDecoder;
import dev.memlint.parse.SourceText;
import dev.memlint.rule.Cost;
import dev.memlint.rule.Edit;
import dev.memlint.rule.Finding;
import dev.memlint.rule.Fix;
import dev.memlint.rule.FlowStep;
import dev.memlint.rule.Related;
import dev.memlint.rule.Severity;
import dev.memlint.rule.TextRange;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One file's findings as the cache stores them, with how to rebuild the text the reports show
 * under them, and what they were found under. Strings are written as UTF-16 units, so that any
 * message (even one quoting a lone surrogate of the source) reads back exactly.
 *
 * @param settingsKey hash of memlint's build and the settings that decide the file's findings
 * @param contentHash hash of the file's bytes
 * @param stamp       the file's stat when those bytes were read, or null when it must not be trusted
 * @param source      how the shown text is made again from the file's bytes
 */
public record CachedResult(String settingsKey, String contentHash, FileStamp stamp, List<Finding> findings,
                    SourceKind source) {
    /** The text a result shows: none (no findings), the decoded source, or the lenient text under a syntax error. */
    public enum SourceKind { NONE, DECODED, DISPLAY }

    private static final int MAGIC = 0x4d4c4333; // "MLC3": a format change makes old entries unreadable, so misses

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            writeString(out, settingsKey);
            writeString(out, contentHash);
            writeStamp(out, stamp);
            out.writeByte(source.ordinal());
            out.writeInt(findings.size());
            for (Finding f : findings) writeFinding(out, f);
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen in memory", e);
        }
        return bytes.toByteArray();
    }

    /** The entry, or null when it is not one (truncated, of another format, or damaged). */
    public static CachedResult decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) return null;
            String settingsKey = readString(in);
            String contentHash = readString(in);
            FileStamp stamp = readStamp(in);
            SourceKind source = SourceKind.values()[in.readUnsignedByte()];
            int count = in.readInt();
            List<Finding> findings = new ArrayList<>(Math.min(count, 1024));
            for (int i = 0; i < count; i++) findings.add(readFinding(in));
            return in.read() == -1 ? new CachedResult(settingsKey, contentHash, stamp, List.copyOf(findings), source) : null;
        } catch (IOException | RuntimeException e) { // EOF, a bad enum index, a negative length, ...
            return null;
        }
    }

    /** The same result for the same bytes, found again under another stat (touched, copied back). */
    /**
     * The findings under the name the file has in this run: an entry is kept per file, whatever path
     * named it (`check .` and `check src/x.py`, the editor's absolute path).
     */
    public List<Finding> findingsFor(String displayPath) {
        return findings.stream().map(f -> f.path().equals(displayPath) ? f
                : new Finding(f.code(), displayPath, f.range(), f.severity(), f.message(), f.related(), f.flow(), f.fix(), f.cost()))
                .toList();
    }

    /** The text the reports show under these findings, made again from the file's bytes; null when none. */
    public SourceText shownText(byte[] content) {
        return switch (source) {
            case NONE -> null;
            case DECODED -> new SourceText(SourceDecoder.decode(content));
            case DISPLAY -> SourceChecker.displayText(content);
        };
    }

    public CachedResult withStamp(FileStamp newStamp) {
        return new CachedResult(settingsKey, contentHash, newStamp, findings, source);
    }

    private static void writeStamp(DataOutputStream out, FileStamp s) throws IOException {
        out.writeBoolean(s != null);
        if (s == null) return;
        out.writeBoolean(s.regular());
        for (long v : new long[] {s.size(), s.modifiedNanos(), s.changedNanos(), s.device(), s.inode()}) out.writeLong(v);
    }

    private static FileStamp readStamp(DataInputStream in) throws IOException {
        if (!in.readBoolean()) return null;
        return new FileStamp(in.readBoolean(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }

    private static void writeFinding(DataOutputStream out, Finding f) throws IOException {
        writeString(out, f.code());
        writeString(out, f.path());
        writeRange(out, f.range());
        writeString(out, f.severity().name());
        writeString(out, f.message());
        out.writeInt(f.related().size());
        for (Related r : f.related()) {
            writeRange(out, r.range());
            writeString(out, r.message());
        }
        out.writeInt(f.flow().size());
        for (FlowStep s : f.flow()) {
            writeRange(out, s.range());
            writeString(out, s.message());
        }
        out.writeBoolean(f.fix() != null);
        if (f.fix() != null) {
            writeString(out, f.fix().description());
            writeString(out, f.fix().applicability().name());
            out.writeInt(f.fix().edits().size());
            for (Edit e : f.fix().edits()) {
                writeRange(out, e.range());
                writeString(out, e.replacement());
            }
        }
        out.writeBoolean(f.cost() != null);
        if (f.cost() != null) {
            writeString(out, f.cost().text());
            writeString(out, f.cost().growth());
            writeString(out, f.cost().size());
            writeString(out, f.cost().provenance());
        }
    }

    private static Finding readFinding(DataInputStream in) throws IOException {
        String code = readString(in);
        String path = readString(in);
        TextRange range = readRange(in);
        Severity severity = Severity.valueOf(readString(in));
        String message = readString(in);
        List<Related> related = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) related.add(new Related(readRange(in), readString(in)));
        List<FlowStep> flow = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) flow.add(new FlowStep(readRange(in), readString(in)));
        Fix fix = null;
        if (in.readBoolean()) {
            String description = readString(in);
            Fix.Applicability applicability = Fix.Applicability.valueOf(readString(in));
            List<Edit> edits = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) edits.add(new Edit(readRange(in), readString(in)));
            fix = new Fix(description, applicability, List.copyOf(edits));
        }
        Cost cost = in.readBoolean() ? new Cost(readString(in), readString(in), readString(in), readString(in)) : null;
        return new Finding(code, path, range, severity, message, List.copyOf(related), List.copyOf(flow), fix, cost);
    }

    private static void writeRange(DataOutputStream out, TextRange r) throws IOException {
        out.writeInt(r.line());
        out.writeInt(r.column());
        out.writeInt(r.endLine());
        out.writeInt(r.endColumn());
    }

    private static TextRange readRange(DataInputStream in) throws IOException {
        return new TextRange(in.readInt(), in.readInt(), in.readInt(), in.readInt());
    }

    /** Null as length -1. */
    private static void writeString(DataOutputStream out, String s) throws IOException {
        out.writeInt(s == null ? -1 : s.length());
        if (s != null) out.writeChars(s);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == -1) return null;
        if (length < 0 || length > in.available() / 2) throw new IOException("bad string length " + length);
        // Read whole, then paired: readChar took two synchronized reads of the stream per character.
        byte[] bytes = new byte[2 * length];
        in.readFully(bytes);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) chars[i] = (char) ((bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff);
        return new String(chars);
    }
}
