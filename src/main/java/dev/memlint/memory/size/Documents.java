package dev.memlint.memory.size;

import dev.memlint.ast.Expr;

import java.util.List;
import java.util.Map;

/**
 * Library objects that parse or build a document: a command line (argparse), an email message
 * (email), an INI file (configparser) and an XML tree (xml.etree.ElementTree). Their sizes are measured aggregates (sizes-cpython.properties): a fixed part, and what
 * parsing or serialising holds per argument or per 1000 characters.
 */
final class Documents {
    private static final String PARSER = "argparse", MESSAGE = "email", ELEMENT = "xml", INI = "ini";
    /** Characters of an INI section: its header and two or three options. */
    private static final long SECTION_CHARS = 60;
    private static final String ETREE = "xml.etree.ElementTree.";
    /** Header lines an email message gets before its body, in characters. */
    private static final long HEADER_CHARS = 200;

    private final Interpreter in;

    Documents(Interpreter in) {
        this.in = in;
    }

    /** A module function or class of these libraries, or null when it has no model here. */
    Obj call(String name, List<Obj> args, Map<String, Obj> kwargs) {
        Obj first = Library.arg(args, 0);
        switch (name) {
            case ETREE + "Element":
                return element(Library.arg(args, 1), kwargs);
            case ETREE + "SubElement": {
                Obj child = element(Library.arg(args, 2), kwargs);
                if (first != null && ELEMENT.equals(first.producer)) {
                    in.containers.growBy(first, Sym.of(1), List.of(new Obj.Group(Sym.of(1), child)), Sym.of(8));
                }
                return child;
            }
            case ETREE + "tostring": {
                // each element written: its tag, an attribute and its text, taken as this many characters
                Sym elements = first == null || first.count == null ? Sym.of(1) : Sym.add(first.count, Sym.of(1));
                in.observe(Sym.mul(Sym.of(in.model.library("xmlSerialiseTempPerElement")), elements));
                return in.make(Obj.Kind.BYTES, Sym.mul(Sym.of(in.model.library("xmlCharsPerElement")), elements));
            }
            case "argparse.ArgumentParser": {
                Obj parser = in.fixed(Obj.Kind.OPAQUE, in.model.library("argparseParser"));
                parser.producer = PARSER;
                return parser;
            }
            case "email.message_from_string": case "email.message_from_bytes": {
                Sym chars = in.library.countOf(first, "?");
                Obj message = message();
                message.count = chars;
                message.bulk = Sym.add(message.bulk, chars); // the body, kept as one str
                in.observe(Sym.add(in.footprint.of(List.of(message), x -> false),
                        Sym.mul(Sym.of(in.model.library("emailParsePerKiloChar") / 1000.0), chars)));
                return message;
            }
            case "email.message.EmailMessage": case "email.message.Message":
                return message();
            case "configparser.ConfigParser": case "configparser.RawConfigParser": {
                Obj parser = in.fixed(Obj.Kind.OPAQUE, in.model.library("configParser"));
                parser.producer = INI;
                parser.count = Sym.ZERO; // its sections
                return parser;
            }
            default:
                return null;
        }
    }

    /** A method of one of these objects, or null when recv is none of them or the method has no model. */
    Obj method(Obj recv, String name, List<Obj> args) {
        Obj first = Library.arg(args, 0);
        if (PARSER.equals(recv.producer)) {
            switch (name) {
                case "parse_args": case "parse_known_args": case "parse_intermixed_args": {
                    Sym n = in.library.countOf(first, "sys.argv");
                    in.observe(Sym.add(Sym.of(in.model.library("argparseParse")),
                            Sym.mul(Sym.of(in.model.library("argparsePerArgument")), n)));
                    Obj namespace = in.fixed(Obj.Kind.OPAQUE, in.model.instance(4));
                    namespace.bulk = Sym.add(Sym.of(in.model.listExact(0)), Sym.mul(Sym.of(8), n)); // its lists of values
                    return namespace;
                }
                case "add_argument": case "add_argument_group": case "add_mutually_exclusive_group": case "set_defaults":
                case "add_subparsers": case "print_help": case "format_help": case "error": case "exit":
                    return in.none(); // a few hundred bytes once: the parser's fixed size covers a handful
                default:
                    return null;
            }
        }
        if (INI.equals(recv.producer)) {
            switch (name) {
                case "read_string": case "read_file": {
                    Sym chars = name.equals("read_file") && first != null && first.kind == Obj.Kind.FILE ? in.files.fileSize(first)
                            : in.library.countOf(first, "?");
                    in.touch(recv);
                    recv.count = Sym.add(recv.count, Sym.mul(Sym.of(1.0 / SECTION_CHARS), chars));
                    recv.bulk = Sym.add(recv.bulk, Sym.mul(Sym.of(in.model.library("configParserPerKiloChar") / 1000.0), chars));
                    return in.none();
                }
                case "sections":
                    return in.library.listOf(recv.count, in.str(Sym.of(Interpreter.WORD_CHARS)));
                case "get":
                    return in.str(Sym.of(Interpreter.ITEM_CHARS));
                case "getint": case "getfloat":
                    return in.computedInt(null);
                case "getboolean": case "has_section": case "has_option":
                    return in.constantBool();
                default:
                    return null;
            }
        }
        if (MESSAGE.equals(recv.producer)) {
            switch (name) {
                case "set_content": case "set_payload": {
                    Sym chars = in.library.countOf(first, "?");
                    in.touch(recv);
                    recv.count = Sym.add(recv.count, chars);
                    recv.bulk = Sym.add(recv.bulk, chars); // the content, encoded, kept as a str
                    return in.none();
                }
                case "get_payload": case "get_content":
                    return in.str(recv.count);
                case "as_string": case "as_bytes": case "__str__": case "__bytes__": {
                    Sym chars = Sym.add(recv.count, Sym.of(HEADER_CHARS));
                    in.observe(Sym.add(Sym.of(in.model.library("emailSerialise")),
                            Sym.mul(Sym.of(in.model.library("emailSerialisePerKiloChar") / 1000.0), chars)));
                    return name.contains("bytes") ? in.make(Obj.Kind.BYTES, chars) : in.str(chars);
                }
                case "add_header": case "__setitem__": case "replace_header":
                    return in.none();
                case "get": case "__getitem__":
                    return in.str(Sym.of(Interpreter.ITEM_CHARS));
                default:
                    return null;
            }
        }
        return null;
    }

    /** An element: the object, and its attribute dict when it has attributes (their values are kept). */
    private Obj element(Obj attrib, Map<String, Obj> kwargs) {
        Obj e = in.fixed(Obj.Kind.OPAQUE, in.model.library("xmlElement"));
        e.producer = ELEMENT;
        e.count = Sym.ZERO;
        long keys = kwargs.size() + (attrib != null && attrib.count instanceof Sym.Const c ? (long) c.value() : 0);
        if (keys > 0) e.fixed = Sym.add(e.fixed, Sym.of(in.model.dictInserted(keys, true)));
        for (Obj v : kwargs.values()) if (v != null) e.groups.add(new Obj.Group(Sym.of(1), v));
        return e;
    }

    private Obj message() {
        Obj message = in.fixed(Obj.Kind.OPAQUE, in.model.library("emailMessage"));
        message.producer = MESSAGE;
        message.count = Sym.ZERO;
        return message;
    }
}
