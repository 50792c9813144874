package dev.memlint.memory.size;

import dev.memlint.memory.Estimates;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How often while loops run whose bound is not in their own test: a cursor read through a method, a chain of links. */
class TripCountsTest {
    private static boolean unknownLoops(Estimates.Entry e) {
        return e.limits().stream().anyMatch(l -> l.contains("iterations unknown"));
    }

    private static final String PARSER = """
            class Parser:
                def __init__(self, tokens):
                    self.tokens = tokens
                    self.pos = 0

                def peek(self):
                    return self.tokens[self.pos] if self.pos < len(self.tokens) else None

                def ahead(self):
                    if self.pos >= len(self.tokens):
                        return None
                    return self.tokens[self.pos]

                def take(self):
                    token = self.peek()
                    if token is None:
                        raise SyntaxError("end of input")
                    self.pos += 1
                    return token

                def pair(self):
                    key = self.take()
                    self.take()
                    return (key, self.take())

                def pairs(self):
                    out = []
                    while self.peek() is not None and self.peek() != ";":
                        out.append(self.pair())
                    return out

                def maybe(self):
                    if self.peek() == ",":
                        self.take()

            class Backtracking(Parser):
                def attempt(self):
                    saved = self.pos
                    self.take()
                    if self.peek() == "!":
                        self.pos = saved

            def parse(tokens):
                parser = Parser(tokens)
                groups = []
                while parser.peek() is not None:
                    groups.append(parser.pairs())
                    parser.take()
                return groups

            def parse_flat(tokens):
                parser = Parser(tokens)
                out = []
                while parser.ahead() is not None:
                    out.append(parser.pair())
                return out

            def parse_backtracking(tokens):
                parser = Backtracking(tokens)
                out = []
                while parser.peek() is not None:
                    out.append((1, 2))
                    parser.attempt()
                return out

            def parse_optional(tokens):
                parser = Parser(tokens)
                out = []
                while parser.peek() is not None:
                    out.append((1, 2))
                    parser.maybe()
                return out
            """;

    @Test
    void aLoopUntilAPeekAtACursorGivesNoneRunsOncePerStepOfTheCursor() {
        // peek() is None once self.pos reaches len(self.tokens), and every iteration takes at least
        // one token (take() in a method the body calls, at any depth): len(tokens) iterations at most
        Estimates.Entry flat = Estimated.entry(PARSER, "parse_flat");
        assertTrue(!unknownLoops(flat), flat::toString);
        assertEquals("O(len(tokens))", flat.growth(), flat::toString);
        // three tokens per pair: a third as many pairs as tokens
        assertTrue(flat.peakFormula().contains("56·0.33·len(tokens)"), flat::toString);
    }

    @Test
    void loopsSharingOneCursorShareItsSteps() {
        // pairs() walks the cursor parse() walks: their iterations together take no more tokens
        // than there are, not len(tokens) pairs in each of len(tokens) groups
        Estimates.Entry e = Estimated.entry(PARSER, "parse");
        assertTrue(!unknownLoops(e), e::toString);
        assertEquals("O(len(tokens))", e.growth(), e::toString);
        assertTrue(e.limits().stream().anyMatch(l -> l.contains("shares the cursor self.pos with the loop at line 46")), e::toString);
    }

    @Test
    void aCursorNotSteppedOnEveryIterationLeavesTheLoopUnknown() {
        Estimates.Entry e = Estimated.entry(PARSER, "parse_optional");
        assertTrue(unknownLoops(e), e::toString);
        // nor one a method moves back (a backtracking parser's self.pos = saved)
        Estimates.Entry back = Estimated.entry(PARSER, "parse_backtracking");
        assertTrue(unknownLoops(back), back::toString);
    }

    @Test
    void aLoopOverTheWordsOfAnFStringRunsOncePerWord() {
        // split() with no separator cuts at runs of whitespace and drops the empty ends: two words, not
        // a guess of one per 8 characters (a counter's digits hold no whitespace)
        String src = """
                def pairs(n):
                    out = []
                    for i in range(n):
                        for word in f"  first{i}\tlast{i} ".split():
                            out.append((word, i))
                    return out
                """;
        Estimates.Entry e = Estimated.entry(src, "pairs");
        assertTrue(e.peakFormula().contains("list_appended(2·n)"), e::toString);
        assertTrue(e.limits().stream().noneMatch(l -> l.contains("parts of")), e::toString);
    }

    @Test
    void aLoopOverFieldsAMetaclassCollectedFromTheClassBodyRunsOncePerField() {
        // ModelMeta keeps the class body's Field entries: Point has three (a str, a def and the
        // names CPython adds are not Fields); a method of the base, whose self may be any subclass, keeps its symbol
        String src = """
                class Field:
                    def __init__(self, default=None):
                        self.default = default

                class ModelMeta(type):
                    def __new__(mcs, name, bases, namespace):
                        cls = super().__new__(mcs, name, bases, namespace)
                        cls._fields = [key for key, value in namespace.items() if isinstance(value, Field)]
                        return cls

                class Model(metaclass=ModelMeta):
                    def __init__(self, **values):
                        for name in self._fields:
                            setattr(self, name, values.get(name))

                    def to_dict(self):
                        return {name: getattr(self, name) for name in self._fields}

                class Point(Model):
                    \"\"\"A point.\"\"\"
                    x = Field()
                    y = Field()
                    z = Field(0)
                    label = "point"

                    def norm(self):
                        return 0

                def points(n):
                    return [Point(x=i, y=i).to_dict() for i in range(n)]
                """;
        Estimates.Entry e = Estimated.entry(src, "points");
        assertTrue(!unknownLoops(e), e::toString);
        assertTrue(e.peakFormula().contains("dict(3)"), e::toString);
        assertEquals("O(n)", e.growth(), e::toString);
        Estimates.Entry base = Estimated.entry(src, "Model.to_dict");
        assertTrue(base.peakFormula().contains("self._fields"), base::toString);
    }
    @Test
    void aRangeFromAnUnknownStartToThatStartPlusAConstantRunsThatManyTimes() {
        // a page of ten from wherever it starts: ten items, whatever start is
        Estimates.Entry e = Estimated.entry("""
                def page(items, number):
                    start = int(number) * 10 % len(items)
                    return [items[i] for i in range(start, start + 10)]
                """, "page");
        assertTrue(!unknownLoops(e), e::toString);
        assertEquals("O(1)", e.growth(), e::toString);
        assertTrue(e.peakFormula().contains("list_appended(10)"), e::toString);
    }

    @Test
    void aFunctionCarriedFromOneIterationToTheNextIsStillFollowedWhenCalled() {
        // handler = logged(handler) on each iteration, then handler(request): the call runs the
        // wrapper and, through its cell, the view, which builds a list of len(request) items
        Estimates.Entry e = Estimated.entry("""
                def logged(handler):
                    def wrapped(request):
                        return handler(request)
                    return wrapped

                def view(request):
                    return [str(x) for x in request]

                def dispatch(request):
                    handler = view
                    for _ in range(2):
                        handler = logged(handler)
                    return handler(request)
                """, "dispatch");
        assertEquals("O(len(request))", e.growth(), e::toString);
        assertTrue(e.limits().stream().noneMatch(l -> l.contains("call of handler")), e::toString);
    }
}
