package dev.memlint.semantic;

import dev.memlint.ast.ExceptHandler;
import dev.memlint.ast.MatchCase;
import dev.memlint.ast.Module;
import dev.memlint.ast.Node;
import dev.memlint.ast.Stmt;

import java.util.ArrayList;
import java.util.List;

/** The statement lists (blocks) a node owns directly: bodies, else and finally clauses. */
public final class Blocks {
    private Blocks() {}

    public static List<List<Stmt>> of(Node n) {
        List<List<Stmt>> out = new ArrayList<>();
        if (n instanceof Module m) out.add(m.body());
        else if (n instanceof Stmt.FunctionNode f) out.add(f.body());
        else if (n instanceof Stmt.ClassDef c) out.add(c.body());
        else if (n instanceof Stmt.ForNode f) { out.add(f.body()); out.add(f.orelse()); }
        else if (n instanceof Stmt.While w) { out.add(w.body()); out.add(w.orelse()); }
        else if (n instanceof Stmt.If i) { out.add(i.body()); out.add(i.orelse()); }
        else if (n instanceof Stmt.WithNode w) out.add(w.body());
        else if (n instanceof Stmt.Try t) { out.add(t.body()); out.add(t.orelse()); out.add(t.finalbody()); }
        else if (n instanceof Stmt.TryStar t) { out.add(t.body()); out.add(t.orelse()); out.add(t.finalbody()); }
        else if (n instanceof ExceptHandler h) out.add(h.body());
        else if (n instanceof MatchCase c) out.add(c.body());
        return out;
    }

    /** The block of parent that holds child (by identity), or null when none does. */
    public static List<Stmt> containing(Node parent, Node child) {
        for (List<Stmt> b : of(parent)) if (SemanticModel.contains(b, child)) return b;
        return null;
    }

    /** Where s stands in the block, by identity (statements are records: equal ones may be other nodes); -1 if absent. */
    public static int indexOf(List<Stmt> block, Node s) {
        for (int i = 0; i < block.size(); i++) if (block.get(i) == s) return i;
        return -1;
    }
}
