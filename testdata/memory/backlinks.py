"""Parent/child back-links made by methods and by constructors, as real libraries write them: a
container whose add() points the child back at it (argparse's _add_action), a constructor that hands
self to a helper object which keeps it (argparse's HelpFormatter and its _Section, configparser's
ConverterMapping), an object that queues its own bound methods in a list it owns (HelpFormatter's
_add_item), a dict subclass whose converted values point back at it (logging.config's ConvertingDict).
And their look-alikes that leave no garbage: a weak back-link, a container that unlinks its children
before it is dropped, a helper given a weak proxy, bound methods queued on a list the caller owns.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""
import weakref


class ActionsContainer:
    """Options added through add_option(), each told which container it is in."""

    def __init__(self, prefix):
        self.prefix = prefix
        self._actions = []
        self._by_name = {}

    def add_option(self, name, default=None):
        action = Action(name, default)
        return self._add_action(action)

    def _add_action(self, action):
        action.container = self
        self._actions.append(action)
        self._by_name[action.name] = action
        return action


class Action:
    def __init__(self, name, default):
        self.name = name
        self.default = default
        self.container = None


class OptionGroup(ActionsContainer):
    """A group that shares its parent's option list and keeps its own as well."""

    def __init__(self, parent, title):
        super().__init__(parent.prefix)
        self.title = title
        self._actions = parent._actions
        self._group_actions = []

    def _add_action(self, action):
        action = super()._add_action(action)
        self._group_actions.append(action)
        return action


def build_options(n):
    """A container given n options, then dropped: each option points back at it."""
    container = ActionsContainer("--")
    for i in range(n):
        container.add_option(f"opt{i}", i)
    return len(container._actions)


def build_grouped_options(n):
    """n options added through a group of a container; the group and the options point back."""
    container = ActionsContainer("--")
    group = OptionGroup(container, "general")
    for i in range(n):
        group.add_option(f"opt{i}")
    return len(container._actions)


def containers_with_one_option(n):
    """n containers with one option each, all dropped: n separate cycles."""
    total = 0
    for i in range(n):
        c = ActionsContainer("-")
        c.add_option("verbose")
        total += len(c._actions)
    return total


class Formatter:
    """Sections that know their formatter; items queued as (bound method, args) pairs."""

    class _Section:
        def __init__(self, formatter, parent, heading=None):
            self.formatter = formatter
            self.parent = parent
            self.heading = heading
            self.items = []

        def format(self):
            return "\n".join(func(*args) for func, args in self.items)

    def __init__(self, width=70):
        self.width = width
        self._root_section = self._Section(self, None)
        self._current_section = self._root_section

    def start_section(self, heading):
        section = self._Section(self, self._current_section, heading)
        self._add_item(section.format, [])
        self._current_section = section

    def end_section(self):
        self._current_section = self._current_section.parent

    def add_text(self, text):
        self._add_item(self._format_text, [text])

    def _add_item(self, func, args):
        self._current_section.items.append((func, args))

    def _format_text(self, text):
        return text[: self.width]

    def format_help(self):
        return self._root_section.format()


def format_help_texts(n):
    """n formatters, each with a section and a text, formatted and dropped."""
    out = []
    for i in range(n):
        formatter = Formatter()
        formatter.start_section("options")
        formatter.add_text(f"text {i}")
        formatter.end_section()
        out.append(formatter.format_help())
    return out


def plain_formatters(n):
    """n formatters made and dropped without adding anything: the root section still points back."""
    return [Formatter(40 + i % 10).width for i in range(n)]


class ConverterMapping:
    """Converters kept per parser; the mapping keeps the parser it belongs to."""

    def __init__(self, parser):
        self._parser = parser
        self._data = {}

    def __setitem__(self, key, value):
        self._data[key] = value


class ConfigParser:
    def __init__(self, converters=None):
        self._sections = {}
        self._converters = ConverterMapping(self)
        for name, func in (converters or {}).items():
            self._converters[name] = func


def make_parsers(n):
    """n parsers made and dropped, each with its converter mapping pointing back."""
    return sum(len(ConfigParser({"int": int})._sections) for _ in range(n))


class ConvertingDict(dict):
    """A configuration dict whose nested dicts are converted on access and told their parent."""

    def __getitem__(self, key):
        value = dict.__getitem__(self, key)
        return self.convert(key, value)

    def convert(self, key, value):
        if type(value) is dict:
            result = ConvertingDict(value)
            result.parent = self
            result.key = key
            self[key] = result
            return result
        return value


def read_config(n):
    """A config of n nested sections, each read once (converted and linked back), then dropped."""
    config = ConvertingDict({f"s{i}": {"level": i} for i in range(n)})
    return sum(config[f"s{i}"]["level"] for i in range(n))


# -- look-alikes that leave no cyclic garbage

class WeakContainer:
    """add() points the child back through a weak reference."""

    def __init__(self):
        self._children = []

    def add(self, child):
        child.container = weakref.ref(self)
        self._children.append(child)
        return child


def build_weak_container(n):
    """A container whose n children refer back weakly: plain reference counting frees all of it."""
    container = WeakContainer()
    for i in range(n):
        container.add(Action(f"a{i}", i))
    return len(container._children)


class Tree:
    """add() links the child both ways; clear() unlinks every child before the tree is dropped."""

    def __init__(self):
        self.children = []

    def add(self, child):
        child.parent = self
        self.children.append(child)

    def clear(self):
        for child in self.children:
            child.parent = None
        self.children = []


class Leaf:
    def __init__(self, value):
        self.value = value
        self.parent = None


def build_and_clear_tree(n):
    """A tree of n leaves, cleared before it is dropped: no cycle is left."""
    tree = Tree()
    for i in range(n):
        tree.add(Leaf(i))
    total = sum(leaf.value for leaf in tree.children)
    tree.clear()
    return total


class Owned:
    """A helper that keeps its owner through a weak proxy."""

    def __init__(self, owner):
        self._owner = weakref.proxy(owner)


class Owner:
    def __init__(self):
        self.helper = Owned(self)


def make_owners(n):
    """n owners whose helpers refer back weakly: no cycle."""
    return [type(Owner().helper).__name__ for _ in range(n)]


class Reporter:
    """Queues its bound methods on a list the caller owns, not on itself."""

    def __init__(self, name):
        self.name = name

    def schedule(self, queue):
        queue.append((self.report, [self.name]))

    def report(self, text):
        return text.upper()


def run_reporters(n):
    """n reporters queue their methods on one list the function runs and drops: no cycle."""
    queue = []
    for i in range(n):
        Reporter(f"r{i}").schedule(queue)
    return [func(*args) for func, args in queue]


MEASURE = {name: ("n", lambda n: (n,)) for name in [
    "build_options", "build_grouped_options", "containers_with_one_option", "format_help_texts",
    "plain_formatters", "make_parsers", "read_config", "build_weak_container", "build_and_clear_tree",
    "make_owners", "run_reporters",
]}
SIZES = (100, 1000, 10000)
