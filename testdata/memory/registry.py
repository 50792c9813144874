"""Objects that register themselves when they are made: with a parent (argparse's groups, DOM
trees), with a registry object or dict (plugin tables, codec lookups) or with an event bus.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""
import weakref


class Command:
    """A CLI command listed in its parent's subcommands and pointing back at the parent."""

    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.subcommands = {}
        if parent is not None:
            parent.subcommands[name] = self

    def full_name(self):
        parts = []
        node = self
        while node is not None:
            parts.append(node.name)
            node = node.parent
        return " ".join(reversed(parts))


class CommandSpec:
    """A command entry that records its parent's name only, indexed in a lookup table."""

    def __init__(self, name, parent_name, table):
        self.name = name
        self.parent_name = parent_name
        self.options = []
        table[name] = self


class Plugin:
    def __init__(self, name, priority=0):
        self.name = name
        self.priority = priority
        self.registry = None


class PluginRegistry:
    """Keeps plugins by name and tells each plugin which registry owns it."""

    def __init__(self):
        self.plugins = {}

    def register(self, plugin):
        self.plugins[plugin.name] = plugin
        plugin.registry = self
        return plugin

    def ordered(self):
        return sorted(self.plugins.values(), key=lambda p: p.priority)


class NameRegistry:
    """Keeps plugins by name; plugins do not know about it."""

    def __init__(self):
        self.plugins = {}

    def register(self, plugin):
        self.plugins[plugin.name] = plugin
        return plugin

    def names(self):
        return list(self.plugins)


class EventBus:
    def __init__(self):
        self.handlers = {}

    def register(self, topic, handler):
        self.handlers.setdefault(topic, []).append(handler)

    def publish(self, topic, payload):
        return [handler(payload) for handler in self.handlers.get(topic, ())]


class AuditListener:
    """Subscribes its own method to the bus it is given, and keeps the bus to publish replies."""

    def __init__(self, bus, topic):
        self.bus = bus
        self.seen = 0
        bus.register(topic, self.on_event)

    def on_event(self, payload):
        self.seen += 1
        return payload


def count_event(payload):
    return len(payload)


class Element:
    """A DOM-style element: appending a child sets its parent."""

    def __init__(self, tag, text=""):
        self.tag = tag
        self.text = text
        self.parent = None
        self.children = []

    def append(self, child):
        child.parent = self
        self.children.append(child)
        return child


class EtreeElement:
    """An ElementTree-style element: children are listed, no parent pointer."""

    def __init__(self, tag, text=""):
        self.tag = tag
        self.text = text
        self.children = []

    def append(self, child):
        self.children.append(child)
        return child


class Session:
    def __init__(self, session_id, registry):
        self.session_id = session_id
        self.registry = registry
        self.data = {}
        registry[session_id] = self


class OptionGroup:
    """An argparse-style argument group that shares its container's option table."""

    def __init__(self, container, title):
        self.container = container
        self.title = title
        self.actions = []
        container.groups.append(self)

    def add_option(self, flag, default=None):
        action = {"flag": flag, "default": default, "group": self.title}
        self.actions.append(action)
        self.container.option_map[flag] = action
        return action


class OptionContainer:
    def __init__(self, prog):
        self.prog = prog
        self.groups = []
        self.option_map = {}

    def add_group(self, title):
        return OptionGroup(self, title)


class Formatter:
    def __init__(self, name, separator):
        self.name = name
        self.separator = separator

    def format(self, fields):
        return self.separator.join(str(f) for f in fields)


_FORMATTERS = {}


def register_formatter(name, separator):
    _FORMATTERS[name] = Formatter(name, separator)


def build_command_tree(n):
    """A CLI with n subcommands under one root (argparse subparsers); returns the total name length."""
    root = Command("tool")
    for i in range(n):
        Command(f"cmd{i}", root)
    return sum(len(cmd.full_name()) for cmd in root.subcommands.values())


def build_command_index(n):
    """The same CLI kept as a flat name -> spec table; returns how many commands were indexed."""
    table = {}
    CommandSpec("tool", None, table)
    for i in range(n):
        CommandSpec(f"cmd{i}", "tool", table)
    return len(table)


def load_plugins(n):
    """Plugins registered with a registry that they point back to; returns the top plugin's name."""
    registry = PluginRegistry()
    for i in range(n):
        registry.register(Plugin(f"plugin{i}", priority=i % 7))
    return registry.ordered()[0].name


def load_plugins_by_name(n):
    """Plugins registered with a registry they do not know; returns the list of names (a new list)."""
    registry = NameRegistry()
    for i in range(n):
        registry.register(Plugin(f"plugin{i}", priority=i % 7))
    return registry.names()


def audit_events(n):
    """Listeners that subscribe a bound method and keep the bus; returns how many replies came back."""
    bus = EventBus()
    listeners = [AuditListener(bus, "save") for _ in range(n)]
    replies = bus.publish("save", {"path": "a.txt"})
    return len(replies) + len(listeners)


def count_events(n):
    """The same bus with a plain module function registered n times; returns the reply count."""
    bus = EventBus()
    for _ in range(n):
        bus.register("save", count_event)
    return len(bus.publish("save", {"path": "a.txt"}))


def build_dom(n):
    """A document built with appendChild-style calls that set parent pointers; returns the root."""
    root = Element("html")
    body = root.append(Element("body"))
    for i in range(n):
        body.append(Element("p", f"paragraph {i}"))
    return root


def build_etree(n):
    """The same document as xml.etree builds it, children without parent pointers; returns the root."""
    root = EtreeElement("html")
    body = root.append(EtreeElement("body"))
    for i in range(n):
        body.append(EtreeElement("p", f"paragraph {i}"))
    return root


def open_sessions(n):
    """Sessions that register under their id in a weak table they also keep; returns the live count."""
    registry = weakref.WeakValueDictionary()
    sessions = [Session(f"s{i}", registry) for i in range(n)]
    live = len(registry)
    return live + len(sessions)


def open_sessions_in_dict(n):
    """The same sessions kept in a plain dict they point back to; returns the number of sessions."""
    registry = {}
    for i in range(n):
        Session(f"s{i}", registry)
    return len(registry)


def build_option_parser(n):
    """An argparse-like container with groups that point back at it and n options; returns the flag count."""
    parser = OptionContainer("tool")
    general = parser.add_group("general")
    output = parser.add_group("output")
    for i in range(n):
        group = general if i % 2 else output
        group.add_option(f"--opt{i}", default=i)
    return len(parser.option_map)


def format_with_registered(n):
    """Re-registers the module's formatters (same names every call) and renders n rows with them."""
    register_formatter("csv", ",")
    register_formatter("tsv", "\t")
    rows = []
    for i in range(n):
        formatter = _FORMATTERS["csv" if i % 2 else "tsv"]
        rows.append(formatter.format((i, i + 1, "x")))
    return len("\n".join(rows))


MEASURE = {name: ("n", lambda n: (n,)) for name in [
    "build_command_tree", "build_command_index", "load_plugins", "load_plugins_by_name", "audit_events",
    "count_events", "build_dom", "build_etree", "open_sessions", "open_sessions_in_dict",
    "build_option_parser", "format_with_registered",
]}
SIZES = (100, 1000, 10000)
