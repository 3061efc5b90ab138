"""The one place where templates are compiled and run: a sandbox with a time limit.

Templates may come from anyone (a colleague's restyled .docx), so they are
compiled in Jinja2's `ImmutableSandboxedEnvironment`: a template can print the
values it is given, but cannot reach Python internals (``cycler.__init__``),
call unsafe methods, change its values or read files. Three more limits keep
a template from hanging or exhausting memory:

- a time limit: while the template's own code runs, a trace function (for the
  template's frames only) checks the clock at every line and stops the render
  when the time is up; loops and recursive macros cannot run on;
- ``*`` and ``**`` are checked before they run, so ``'x' * 10**10`` is refused
  instead of allocating gigabytes in one step;
- the output may not grow past a size a statement never needs.

User text is only ever a value in the context, never template source, so text
that looks like a tag (``{{ }}``, ``{% %}``) is printed as typed.

Compiling a template's parts takes longer than making a statement with them,
so the compiled code is kept in the user's cache folder (Jinja's bytecode
cache, keyed by the source; safe to lose) and the next start reuses it.
"""

from __future__ import annotations

import contextlib
import operator
import os
import re
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

import jinja2
from jinja2 import StrictUndefined, Template, TemplateError
from jinja2.bccache import FileSystemBytecodeCache
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from wizard.errors import RenderError

TIME_LIMIT = 10.0  # seconds for one document; a statement takes milliseconds
MAX_VALUE_LENGTH = 1_000_000  # characters/items one expression may make
MAX_OUTPUT_LENGTH = 50_000_000  # characters of XML one part may become
TEMPLATE_FILENAME = "<mall>"  # compiled template code carries this file name


class RenderTimeout(RenderError):
    """The template ran past its time limit."""


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with size checks on the operators that can explode."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**":
            if isinstance(right, (int, float)) and abs(right) > 1000:
                raise SecurityError("för stor exponent i mallen")
            return operator.pow(left, right)
        for sized, count in ((left, right), (right, left)):
            if (
                isinstance(sized, (str, list, tuple))
                and isinstance(count, int)
                and len(sized) * count > MAX_VALUE_LENGTH
            ):
                raise SecurityError("mallen försöker göra en för lång text eller lista")
        return operator.mul(left, right)


def _capped(function: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a filter so that a width or count argument cannot be absurdly large."""
    import functools

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        for value in (*args[1:], *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and value > MAX_VALUE_LENGTH:
                raise SecurityError("för stort tal som argument till ett filter i mallen")
        return function(*args, **kwargs)

    return wrapper


def make_environment() -> ImmutableSandboxedEnvironment:
    """A sandbox for Word templates: autoescaped, strict about unknown names."""
    env = _Sandbox(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    for name in ("center", "indent", "wordwrap", "truncate", "batch", "slice", "format"):
        if name in env.filters:
            env.filters[name] = _capped(env.filters[name])
    return env


# Bump when a change here makes different code from the same source.
CODE_VERSION = 1


def cache_dir() -> Path | None:
    """Where compiled templates are kept: ``WIZARD_CACHE_DIR`` ("" turns it off), else the
    user's cache folder."""
    configured = os.environ.get("WIZARD_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "wizard" / "templates"


def _cache_name(name: str) -> str:
    """The cache entry of one part of one template, for this sandbox and this Jinja."""
    return f"{name}|wizard-sandbox-{CODE_VERSION}|jinja2-{jinja2.__version__}"


def _cached_code(env: ImmutableSandboxedEnvironment, source: str, name: str) -> CodeType | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        bucket = FileSystemBytecodeCache(str(folder)).get_bucket(
            env, _cache_name(name), TEMPLATE_FILENAME, source
        )
    except Exception:  # a damaged or unreadable entry is only a slower start
        return None
    return bucket.code


def _store_code(env: ImmutableSandboxedEnvironment, source: str, name: str,
                code: CodeType) -> None:
    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(Exception):  # no cache (read-only home, full disk): still works
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        cache = FileSystemBytecodeCache(str(folder))
        bucket = cache.get_bucket(env, _cache_name(name), TEMPLATE_FILENAME, source)
        bucket.code = code
        cache.set_bucket(bucket)  # written to a temp file and moved into place


def compile_template(
    env: ImmutableSandboxedEnvironment, source: str, *, cache_as: str | None = None
) -> Template:
    """Compile template source; raises jinja2's TemplateSyntaxError for the caller to place.

    With ``cache_as`` (a name for the template part, such as its path and part
    name), the compiled code is looked up in and saved to the cache; an entry
    is used only when it was compiled from this very source.
    """
    code = _cached_code(env, source, cache_as) if cache_as else None
    if code is None:
        code = env.compile(source, filename=TEMPLATE_FILENAME)
        if cache_as:
            _store_code(env, source, cache_as, code)
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def _swedish(error: TemplateError) -> str:
    """Jinja's message for a name the template uses but the context lacks, in Swedish."""
    text = str(error)
    match = re.fullmatch(r"'([^']+)' is undefined", text)
    if match:
        return f"namnet {match.group(1)} finns inte (kör ”wizard template check” på mallen)"
    match = re.fullmatch(r"'([^']+)' has no attribute '([^']+)'", text)
    if match:
        return f"fältet {match.group(2)} finns inte (kör ”wizard template check” på mallen)"
    return text


def render_with_limit(
    template: Template,
    context: Mapping[str, Any],
    *,
    seconds: float = TIME_LIMIT,
    what: str = "mallen",
) -> str:
    """Render in the sandbox; errors and timeouts become a `RenderError` in Swedish."""
    deadline = time.monotonic() + seconds

    def check(frame: FrameType, event: str, arg: Any) -> Any:
        if time.monotonic() > deadline:
            raise RenderTimeout(
                f"{what}: mallen tog längre tid än {seconds:g} sekunder och stoppades. "
                "Den innehåller troligen en slinga som inte tar slut."
            )
        return check

    def on_call(frame: FrameType, event: str, arg: Any) -> Any:
        if frame.f_code.co_filename == TEMPLATE_FILENAME:
            return check(frame, event, arg)
        return None

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
            f"{what}: mallen försöker göra något som en mall inte får göra och "
            f"stoppades innan det hann ske ({error})."
        ) from None
    except TemplateError as error:
        raise RenderError(f"{what}: fel i mallen: {_swedish(error)}") from None
    except RecursionError:
        raise RenderError(f"{what}: mallen anropar sig själv utan slut.") from None
    except RenderError:
        raise
    except (ArithmeticError, LookupError, TypeError, ValueError, MemoryError) as error:
        # The template's own expressions failed (1/0, a range too big, a wrong type).
        raise RenderError(
            f"{what}: ett uttryck i mallen gick inte att räkna ut ({type(error).__name__}: "
            f"{error})."
        ) from None
    finally:
        sys.settrace(previous)
