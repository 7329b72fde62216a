"""A small wrapper of libstatute for Python, with ctypes (standard library only).

Every call of the C library takes and returns JSON text (include/statute.h); this module
turns it into Python dicts, frees every string the library returns, and raises
``PolicyError`` with the diagnostics when a policy cannot be loaded. An ``Engine`` may be
used from many threads at once: ctypes releases the GIL during each call.

Finds the library at $STATUTE_LIB, else dist/libstatute.so of this repository (`make lib`).
"""
import ctypes
import json
import os

_HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_LIBRARY = os.path.join(_HERE, "..", "..", "dist", "libstatute.so")


class PolicyError(Exception):
    """A policy that could not be loaded; ``diagnostics`` is the `statute check --format json` object."""

    def __init__(self, diagnostics):
        self.diagnostics = diagnostics
        first = (diagnostics.get("diagnostics") or [{}])[0]
        super().__init__(f"{diagnostics.get('errors', 0)} error(s); first: {first.get('message')}")


class Library:
    """The functions of statute.h, with their C types declared."""

    def __init__(self, path=None):
        lib = ctypes.CDLL(path or os.environ.get("STATUTE_LIB") or DEFAULT_LIBRARY)
        # Returned strings are declared c_void_p, not c_char_p, so that the pointer
        # survives to be given back to statute_string_free.
        lib.statute_version.restype = ctypes.c_char_p
        lib.statute_version.argtypes = []
        lib.statute_engine_load.restype = ctypes.c_void_p
        lib.statute_engine_load.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
        lib.statute_engine_load_text.restype = ctypes.c_void_p
        lib.statute_engine_load_text.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                                 ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
        lib.statute_evaluate.restype = ctypes.c_void_p
        lib.statute_evaluate.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        lib.statute_options.restype = ctypes.c_void_p
        lib.statute_options.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        lib.statute_string_free.restype = None
        lib.statute_string_free.argtypes = [ctypes.c_void_p]
        lib.statute_engine_free.restype = None
        lib.statute_engine_free.argtypes = [ctypes.c_void_p]
        self.lib = lib

    def version(self):
        return self.lib.statute_version().decode()

    def take(self, pointer):
        """The JSON text at `pointer`, parsed; the string is freed."""
        if not pointer:
            raise MemoryError("libstatute returned NULL")
        try:
            return json.loads(ctypes.string_at(pointer).decode("utf-8"))
        finally:
            self.lib.statute_string_free(pointer)

    def load(self, path, settings=None):
        """An Engine for the policy file at `path` (relative to the current directory)."""
        diagnostics = ctypes.c_void_p()
        handle = self.lib.statute_engine_load(os.fsencode(path), _json_bytes(settings), ctypes.byref(diagnostics))
        return self._engine(handle, diagnostics)

    def load_text(self, yaml_text, name="<policy>", settings=None):
        """An Engine for a policy given as text; `name` is the file name diagnostics show."""
        data = yaml_text.encode("utf-8")
        diagnostics = ctypes.c_void_p()
        handle = self.lib.statute_engine_load_text(data, len(data), name.encode("utf-8"), _json_bytes(settings),
                                                   ctypes.byref(diagnostics))
        return self._engine(handle, diagnostics)

    def _engine(self, handle, diagnostics):
        if not handle:
            raise PolicyError(self.take(diagnostics.value))
        return Engine(self, handle)


class Engine:
    """A loaded policy. Close it (or use `with`) to free it."""

    def __init__(self, library, handle):
        self.library = library
        self.handle = handle

    def evaluate(self, request):
        """The `statute eval --format json` answer as a dict, or {"error": {...}}."""
        return self._call(self.library.lib.statute_evaluate, request)

    def options(self, request):
        """{"options": [{"transition", "to", "label"}]}, or {"error": {...}}."""
        return self._call(self.library.lib.statute_options, request)

    def _call(self, function, request):
        if not self.handle:
            raise ValueError("the engine is closed")
        text = request if isinstance(request, (str, bytes)) else json.dumps(request)
        return self.library.take(function(self.handle, text if isinstance(text, bytes) else text.encode("utf-8")))

    def close(self):
        if self.handle:
            self.library.lib.statute_engine_free(self.handle)
            self.handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _json_bytes(value):
    return None if value is None else json.dumps(value).encode("utf-8")
