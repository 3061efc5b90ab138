"""The one place where templates are compiled and run: a sandbox with time and memory limits.

Templates may come from anyone (a colleague's restyled .docx), so they are
compiled in Jinja2's `ImmutableSandboxedEnvironment`: a template can print the
values it is given, but cannot reach Python internals (``cycler.__init__``),
call unsafe methods, change its values or read files. More limits keep a
template from hanging or exhausting memory:

- a time limit for the whole document: while template code runs, a trace
  function checks the clock at every line of the template and at every Python
  call it makes, and stops the render when the time is up;
- an address-space limit (Linux): while a template is read and rendered the
  process may grow by at most `MEMORY_BUDGET`; an allocation past it fails
  with MemoryError, which stops the render with a message, whatever builtin
  was building the value (``['x' * 1000000] * 10000|join``);
- before it happens, repetition (``*``, ``**``), concatenation (``+``),
  ``join``, ``replace`` and the filters and string methods that take a width
  or a count are refused when the value they would make is absurdly large,
  so the usual bombs get a precise message instead of MemoryError;
- the output may not grow past a size a statement never needs.

User text is only ever a value in the context, never template source, so text
that looks like a tag (``{{ }}``, ``{% %}``) is printed as typed.
"""

from __future__ import annotations

import contextlib
import functools
import operator
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from types import FrameType
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateError, TemplateSyntaxError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from wizard.errors import RenderError

__all__ = ["Sandbox", "TemplateSyntaxError", "make_environment", "memory_limit", "time_limit"]

TIME_LIMIT = 10.0  # seconds for one document; a statement takes milliseconds
MAX_VALUE_LENGTH = 1_000_000  # characters/items one expression may make
MAX_OUTPUT_LENGTH = 50_000_000  # characters of XML one part may become
MEMORY_BUDGET = 512 * 1024 * 1024  # bytes the process may grow by while a template runs
TEMPLATE_FILENAME = "<mall>"  # compiled template code carries this file name

_TOO_LONG = "mallen försöker göra en för lång text eller lista"


class RenderTimeout(RenderError):
    """The template ran past its time limit."""


def _length(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else 0


def _check_count(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_VALUE_LENGTH:
        raise SecurityError("för stort tal som argument i mallen")


def _check_join(items: Any, separator: Any = "") -> None:
    """Refuse a join whose result would be too long, before it is made."""
    if not isinstance(items, (list, tuple)):
        return
    total = _length(separator) * max(len(items) - 1, 0)
    for item in items:
        total += len(item) if isinstance(item, str) else 20
        if total > MAX_VALUE_LENGTH:
            raise SecurityError(_TOO_LONG)


_WIDTH = re.compile(r"\d{7,}")


def _check_format(text: Any) -> None:
    """Refuse a format string asking for a width or precision of millions (``%2000000000s``)."""
    if isinstance(text, str) and _WIDTH.search(text):
        raise SecurityError("för stor bredd i en formatsträng i mallen")


def _check_sum(items: Any) -> None:
    """Refuse a sum of texts or lists whose result would be too long, before it is made."""
    if isinstance(items, (list, tuple)):
        total = 0
        for item in items:
            total += _length(item)
            if total > MAX_VALUE_LENGTH:
                raise SecurityError(_TOO_LONG)


def _check_replace(text: Any, old: Any, new: Any, count: Any = -1) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        times = text.count(old) if old else len(text) + 1
        if isinstance(count, int) and count >= 0:
            times = min(times, count)
        if len(text) + times * (len(new) - len(old)) > MAX_VALUE_LENGTH:
            raise SecurityError(_TOO_LONG)


class Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with size checks, limited rendering and compiled code kept.

    `from_string` keeps what it compiled, keyed by the source: docxtpl calls it
    for every part at every render, and compiling is the slow part. The code
    is kept per process only: a cache on disk (of docxtpl's prepared parts and
    the compiled code) saved 21 ms of CPU, 5 % of a one-draft `wizard render`
    (`make bench`, 15 runs side by side), under the 10 % a speed trick must
    earn here, and was removed.
    """

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.template_class = LimitedTemplate
        self._compiled: dict[str, Template] = {}
        self._compile_lock = threading.Lock()

    def from_string(self, source: Any, globals: Any = None,
                    template_class: Any = None) -> Template:
        if not isinstance(source, str) or globals is not None or template_class is not None:
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            with self._compile_lock:
                code = self.compile(source, filename=TEMPLATE_FILENAME)
                compiled = self.template_class.from_code(self, code, self.make_globals(None))
                compiled.wizard_source = source  # type: ignore[attr-defined]
                self._compiled[source] = compiled
        return compiled

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**":
            if isinstance(right, (int, float)) and abs(right) > 1000:
                raise SecurityError("för stor exponent i mallen")
            return operator.pow(left, right)
        if operator_name == "+":
            if _length(left) + _length(right) > MAX_VALUE_LENGTH:
                raise SecurityError(_TOO_LONG)
            return operator.add(left, right)
        if operator_name == "%":
            _check_format(left)
            return operator.mod(left, right)
        for sized, count in ((left, right), (right, left)):
            if (
                isinstance(sized, (str, list, tuple))
                and isinstance(count, int)
                and len(sized) * count > MAX_VALUE_LENGTH
            ):
                raise SecurityError(_TOO_LONG)
        return operator.mul(left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Every call a template makes: counts and widths checked, joins measured first."""
        for value in (*args, *kwargs.values()):
            _check_count(value)
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            name = getattr(__obj, "__name__", "")
            if name in ("format", "format_map"):
                _check_format(owner)
            if name == "join" and args:
                _check_join(list(args[0]) if not isinstance(args[0], (list, tuple)) else args[0],
                            owner)
            elif name == "replace" and len(args) >= 2:
                _check_replace(owner, *args[:3])
        return super().call(__context, __obj, *args, **kwargs)


def _capped(function: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a filter so that a width or count argument cannot be absurdly large."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        for value in (*args[1:], *kwargs.values()):
            _check_count(value)
        return function(*args, **kwargs)

    return wrapper


def _join_filter(original: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(original)
    def join(eval_ctx: Any, value: Any, d: Any = "", attribute: Any = None) -> Any:
        if attribute is None:
            items = value if isinstance(value, (list, tuple)) else list(value)
            _check_join(items, d)
            return original(eval_ctx, items, d)
        return original(eval_ctx, value, d, attribute)

    return join


def _replace_filter(original: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(original)
    def replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: Any = None) -> Any:
        _check_replace(str(s), str(old), str(new), -1 if count is None else count)
        return original(eval_ctx, s, old, new, count)

    return replace


def _format_filter(original: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(original)
    def format_(value: Any, *args: Any, **kwargs: Any) -> Any:
        _check_format(value)
        return original(value, *args, **kwargs)

    return format_


def _sum_filter(original: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(original)
    def sum_(environment: Any, iterable: Any, attribute: Any = None, start: Any = 0) -> Any:
        items = list(iterable) if attribute is None else iterable
        if attribute is None:
            _check_sum(items)
        return original(environment, items, attribute, start)

    return sum_


def make_environment() -> Sandbox:
    """A sandbox for Word templates: autoescaped, strict about unknown names."""
    env = Sandbox(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    for name in ("center", "indent", "wordwrap", "truncate", "batch", "slice", "format",
                 "random", "list", "string", "tojson", "pprint", "urlize", "filesizeformat",
                 "round", "int", "float"):
        if name in env.filters:
            env.filters[name] = _capped(env.filters[name])
    env.filters["join"] = _join_filter(env.filters["join"])
    env.filters["format"] = _format_filter(env.filters["format"])
    env.filters["sum"] = _sum_filter(env.filters["sum"])
    env.filters["replace"] = _replace_filter(env.filters["replace"])
    return env


# ---------------------------------------------------------------------------
# Time: one deadline per document, for the thread that renders it.

_state = threading.local()


@contextlib.contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Every template rendered in this block shares one deadline ``seconds`` from now."""
    previous = getattr(_state, "limit", None)
    _state.limit = (time.monotonic() + seconds, seconds, what)
    try:
        yield
    finally:
        _state.limit = previous


class LimitedTemplate(Template):
    """A compiled template whose `render` runs within the sandbox's limits."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        return render_with_limit(self, dict(*args, **kwargs))


def _swedish(error: TemplateError) -> str:
    """Jinja's message for a name the template uses but the context lacks, in Swedish."""
    text = str(error)
    match = re.fullmatch(r"'([^']+)' is undefined", text)
    if match:
        return f"namnet {match.group(1)} finns inte (kör ”wizard template check” på mallen)"
    match = re.fullmatch(r"'([^']+)' has no attribute '([^']+)'", text)
    if match:
        return f"fältet {match.group(2)} finns inte (kör ”wizard template check” på mallen)"
    return f"({text})"


def _paragraph(template: Template, error: BaseException) -> str:
    """`` i stycket ”…”`` for the template line an error came from, when it can be told."""
    source = getattr(template, "wizard_source", None)
    line = None
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == TEMPLATE_FILENAME:
            line = trace.tb_lineno
        trace = trace.tb_next
    lines = source.split("\n") if source else []
    if line is None or not 1 <= line <= len(lines):
        return ""
    import html

    text = " ".join(html.unescape(re.sub(r"<[^>]*>", "", lines[line - 1])).split())
    if len(text) > 120:
        text = text[:119] + "…"
    return f" i stycket ”{text}”" if text else ""


def render_with_limit(template: Template, context: Mapping[str, Any]) -> str:
    """Render in the sandbox; errors, timeouts and MemoryError become a Swedish `RenderError`."""
    limit = getattr(_state, "limit", None)
    deadline, seconds, what = limit or (time.monotonic() + TIME_LIMIT, TIME_LIMIT, "mallen")

    def check(frame: FrameType, event: str, arg: Any) -> Any:
        if time.monotonic() > deadline:
            raise RenderTimeout(
                f"{what}: mallen tog längre tid än {seconds:g} sekunder och stoppades. "
                "Den innehåller troligen en slinga som inte tar slut."
            )
        return check

    def on_call(frame: FrameType, event: str, arg: Any) -> Any:
        result = check(frame, event, arg)  # also in library code the template calls
        return result if frame.f_code.co_filename == TEMPLATE_FILENAME else None

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        parts = []
        size = 0
        for chunk in template.generate(dict(context)):
            size += len(chunk)
            if size > MAX_OUTPUT_LENGTH:
                raise RenderError(f"{what}: mallen ger ett orimligt stort dokument och stoppades.")
            parts.append(chunk)
        return "".join(parts)
    except SecurityError as error:
        raise RenderError(
            f"{what}{_paragraph(template, error)}: mallen försöker göra något som en mall inte "
            f"får göra och stoppades innan det hann ske ({error})."
        ) from None
    except MemoryError as error:
        raise RenderError(
            f"{what}{_paragraph(template, error)}: mallen behövde mer minne än ett dokument får "
            "använda och stoppades."
        ) from None
    except TemplateError as error:
        raise RenderError(
            f"{what}{_paragraph(template, error)}: fel i mallen: {_swedish(error)}"
        ) from None
    except RecursionError:
        raise RenderError(f"{what}: mallen anropar sig själv utan slut.") from None
    except RenderTimeout as error:
        raise RenderTimeout(error.message.replace(f"{what}:", f"{what}"
                                                  f"{_paragraph(template, error)}:", 1)) from None
    except RenderError:
        raise
    except (ArithmeticError, LookupError, TypeError, ValueError, OverflowError) as error:
        # The template's own expressions failed (1/0, a range too big, a wrong type).
        raise RenderError(
            f"{what}{_paragraph(template, error)}: ett uttryck i mallen gick inte att räkna ut "
            f"({type(error).__name__}: {error})."
        ) from None
    finally:
        sys.settrace(previous)


# ---------------------------------------------------------------------------
# Memory: an address-space limit while templates are read and rendered.

_memory_lock = threading.Lock()
_memory_depth = 0
_memory_saved: int | None = None


def _address_space() -> int | None:
    """This process's virtual size in bytes (Linux), else None."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


@contextlib.contextmanager
def memory_limit(budget: int = MEMORY_BUDGET) -> Iterator[None]:
    """Let the process grow by at most ``budget`` bytes inside the block (Linux; else no-op).

    The soft RLIMIT_AS is lowered to the current size plus ``budget`` and put
    back afterwards (a soft limit may be raised again up to the hard one).
    An allocation past it raises MemoryError, which the render turns into a
    message; nested blocks share the outer limit.
    """
    global _memory_depth, _memory_saved
    try:
        import resource
    except ImportError:  # not on this platform: the sandbox's size checks still apply
        yield
        return
    with _memory_lock:
        if _memory_depth == 0:
            size = _address_space()
            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            if size is not None:
                wanted = size + budget
                if hard != resource.RLIM_INFINITY:
                    wanted = min(wanted, hard)
                if soft == resource.RLIM_INFINITY or wanted < soft:
                    with contextlib.suppress(ValueError, OSError):
                        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
                        _memory_saved = soft
        _memory_depth += 1
    try:
        yield
    finally:
        with _memory_lock:
            _memory_depth -= 1
            if _memory_depth == 0 and _memory_saved is not None:
                hard = resource.getrlimit(resource.RLIMIT_AS)[1]
                with contextlib.suppress(ValueError, OSError):
                    resource.setrlimit(resource.RLIMIT_AS, (_memory_saved, hard))
                _memory_saved = None
