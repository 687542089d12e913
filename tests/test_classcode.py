"""The dataclass methods kept per installation (``handout.classcode``) are the ones Python compiles.

Each case runs a fresh interpreter (a class is made once per process) that points the table at a
temporary file, imports every module of the package and prints a digest of every method
``dataclasses`` generated for a handout class, with what ``classcode`` did.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = r"""
import hashlib, importlib, inspect, json, marshal, pkgutil, sys
from pathlib import Path
import handout, handout.classcode as cc
cc.FILE = Path(sys.argv[1])
if sys.argv[2] == "off":  # the methods as dataclasses compiles them itself
    import dataclasses; del dataclasses.exec
for m in pkgutil.iter_modules(handout.__path__):
    if m.name not in ("web",):  # web starts nothing at import, but needs its optional extra
        importlib.import_module("handout." + m.name)
if sys.argv[2] == "fresh":  # no table: every method compiled in this process
    cc.FILE = None
digest, others = hashlib.sha256(), hashlib.sha256()  # others: all but a frozen class's __init__ (faster's)
classes, slots = 0, []
for name in sorted(n for n in sys.modules if n.startswith("handout.")):
    for _, cls in sorted(vars(sys.modules[name]).items()):
        if inspect.isclass(cls) and "__dataclass_fields__" in cls.__dict__ and cls.__module__ == name:
            classes += 1
            slots += [cls.__qualname__] * ("__slots__" in cls.__dict__)
            for meth in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"):
                fn = cls.__dict__.get(meth)
                if inspect.isfunction(fn):
                    for h in (digest, others) if meth != "__init__" or not cls.__dataclass_params__.frozen else (digest,):
                        h.update(f"{name}.{cls.__qualname__}.{meth}".encode())
                        h.update(marshal.dumps(inspect.unwrap(fn).__code__))
print(json.dumps({"digest": digest.hexdigest(), "others": others.hexdigest(), "classes": classes, "slots": slots,
                  **cc.stats}))
"""


def _probe(table: Path, mode: str = "on", **env: str) -> dict[str, object]:
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environ.update(env)
    out = subprocess.run([sys.executable, "-c", PROBE, str(table), mode], env=environ,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.splitlines()[-1])


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """What this process compiles, with no table involved (a frozen class's __init__ written by ``faster``)."""
    return _probe(tmp_path_factory.mktemp("fresh") / "table", "fresh")


def test_methods_run_from_the_table_are_the_ones_python_compiles(tmp_path: Path, compiled: dict) -> None:
    table = tmp_path / "table"
    first = _probe(table)
    assert table.exists(), "the first process did not keep what it compiled"
    second = _probe(table)
    assert compiled["classes"] > 60  # every frozen class of the package took part
    assert first["compiled"] > 300 and first["kept"] == 0
    assert second["compiled"] == 0 and second["kept"] == first["compiled"], "the second process compiled again"
    # Code object for code object (marshal: bytecode, constants, names, file name, line table).
    assert first["digest"] == compiled["digest"]
    assert second["digest"] == compiled["digest"]
    # ... and every method but a frozen class's __init__ is the one dataclasses compiles itself
    assert _probe(tmp_path / "off", "off")["others"] == compiled["others"]


def test_no_class_of_the_package_has_slots(compiled: dict) -> None:
    """``faster`` sets a frozen object's fields in its ``__dict__``, which a class with ``__slots__`` has not."""
    assert compiled["slots"] == []


def test_nothing_is_written_when_python_writes_no_bytecode(tmp_path: Path, compiled: dict) -> None:
    table = tmp_path / "table"
    got = _probe(table, PYTHONDONTWRITEBYTECODE="1")
    assert not table.exists()
    assert got["digest"] == compiled["digest"]


@pytest.mark.parametrize("blob", [b"", b"not a table", b"\x00" * 64], ids=["empty", "text", "zeros"])
def test_a_table_of_another_python_or_broken_is_ignored_and_replaced(tmp_path: Path, compiled: dict,
                                                                     blob: bytes) -> None:
    table = tmp_path / "table"
    table.write_bytes(blob)
    got = _probe(table)
    assert got["digest"] == compiled["digest"] and got["kept"] == 0
    assert _probe(table)["compiled"] == 0, "the broken table was not replaced by a good one"


def test_another_programs_dataclasses_are_made_as_without_handout() -> None:
    """A program that imports handout keeps its own dataclasses exactly as Python makes them:
    the same code, the same (evaluated) annotations, not this module's __future__ flags."""
    code = ("import dataclasses, inspect, marshal\n"
            "def make():\n"
            "    @dataclasses.dataclass(frozen=True)\n"
            "    class P:\n"
            "        x: int\n"
            "        y: list = dataclasses.field(default_factory=list)\n"
            "    return P\n"
            "A = make()\n"
            "import handout\n"
            "B = make()\n"
            "for m in ('__init__', '__repr__', '__eq__', '__hash__', '__setattr__', '__delattr__'):\n"
            "    a, b = inspect.unwrap(getattr(A, m)).__code__, inspect.unwrap(getattr(B, m)).__code__\n"
            "    assert marshal.dumps(a) == marshal.dumps(b), m\n"
            "assert A.__init__.__annotations__ == B.__init__.__annotations__ == {'x': int, 'y': list, 'return': None}\n"
            "print('same')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "same", out.stderr


def test_only_handout_classes_are_kept(tmp_path: Path) -> None:
    table = tmp_path / "table"
    code = ("import sys, dataclasses, handout.classcode as cc; from pathlib import Path\n"
            "cc.FILE = Path(sys.argv[1])\n"
            "@dataclasses.dataclass(frozen=True)\nclass Other:\n    x: int\n"
            "assert Other(1) == Other(1) and hash(Other(1)) == hash(Other(1))\n"
            "print(cc.stats['compiled'] + cc.stats['kept'])")
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run([sys.executable, "-c", code, str(table)], env=environ, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "0" and not table.exists()


def test_a_table_grown_past_its_limit_keeps_only_what_is_used(tmp_path: Path, compiled: dict) -> None:
    import marshal

    table = tmp_path / "table"
    stale = {f"def __create_fn__():\n def f{i}(self): return {i}\n return f{i}":
             compile(f"def __create_fn__():\n def f{i}(self): return {i}\n return f{i}", "<string>", "exec")
             for i in range(2100)}  # methods of classes edited away
    from handout.classcode import HEADER as header
    table.write_bytes(header + marshal.dumps(stale))
    first = _probe(table)  # nothing it needs is there: compiles, and rewrites the table
    assert first["digest"] == compiled["digest"] and first["kept"] == 0
    kept = marshal.loads(table.read_bytes()[len(header):])
    assert len(kept) == first["compiled"] and not set(kept) & set(stale)
    assert _probe(table)["compiled"] == 0


FIELDS = r'''
import dataclasses
from dataclasses import InitVar, dataclass, field

@dataclass(frozen=True)
class Plain:
    text: str
    bold: bool = False
    link: str = ""

@dataclass(frozen=True, order=True)
class Kinds:
    a: int
    items: list = field(default_factory=list)
    fixed: str = field(default="x", init=False)
    made: dict = field(default_factory=dict, init=False)
    scale: InitVar[int] = 2
    doubled: int = field(default=0, init=False)

    def __post_init__(self, scale):
        object.__setattr__(self, "doubled", self.a * scale)
'''

SEMANTICS = r"""
import dataclasses, json, sys, types
from pathlib import Path
import handout.classcode as cc
cc.FILE = Path(sys.argv[1])
made = {}
for name in ("handout._faster_probe", "elsewhere"):  # set at once, and as dataclasses writes it
    module = types.ModuleType(name)
    sys.modules[name] = module
    exec(compile(sys.argv[2], name, "exec"), module.__dict__)
    made[name] = module
out = []
for args in [("a",), ("a", True), ("a", True, "https://x")]:
    p, q = made["handout._faster_probe"].Plain(*args), made["elsewhere"].Plain(*args)
    out.append([list(vars(p).items()) == list(vars(q).items()), repr(p)[0:] == repr(q), hash(p) == hash(q)])
for args, kw in [((3,), {}), ((3, [1]), {"scale": 5})]:
    p, q = made["handout._faster_probe"].Kinds(*args, **kw), made["elsewhere"].Kinds(*args, **kw)
    out.append([list(vars(p).items()) == list(vars(q).items()), p.items is not made["handout._faster_probe"].Kinds(3).items])
try:
    made["handout._faster_probe"].Plain("a").text = "b"
    out.append("set")
except dataclasses.FrozenInstanceError:
    out.append("frozen")
import dis
out.append([any(i.argval == "__dict__" for i in dis.get_instructions(made[m].Plain.__init__)) for m in made])
print(json.dumps(out))
"""


def test_a_frozen_object_set_at_once_holds_what_dataclasses_would_set(tmp_path: Path) -> None:
    """``faster``: the same fields in the same order (defaults, factories, fields not in __init__, an InitVar
    and a __post_init__ that sets a field), the same repr and hash, and still frozen."""
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run([sys.executable, "-c", SEMANTICS, str(tmp_path / "table"), FIELDS], env=environ,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.splitlines()[-1])
    assert got[:3] == [[True, True, True]] * 3
    assert got[3:5] == [[True, True]] * 2
    assert got[5] == "frozen"
    assert got[6] == [True, False]  # (the package's set at once, the other program's as Python writes it)


def test_faster_writes_the_fields_at_once_or_leaves_the_text() -> None:
    from handout.classcode import faster

    text = ("def __create_fn__(_dflt_b, __dataclass_builtins_object__, _HAS_DEFAULT_FACTORY, _dflt_c):\n"
            " def __init__(self,a:_t,b:_t=_dflt_b,c:_t=_HAS_DEFAULT_FACTORY)->_r:\n"
            "  __dataclass_builtins_object__.__setattr__(self,'a',a)\n"
            "  __dataclass_builtins_object__.__setattr__(self,'b',b)\n"
            "  __dataclass_builtins_object__.__setattr__(self,'c',_dflt_c() if c is _HAS_DEFAULT_FACTORY else c)\n"
            "  self.__post_init__()\n"
            " return __init__")
    assert faster(text).splitlines()[2:4] == [
        "  self.__dict__.update({'a':a,'b':b,'c':_dflt_c() if c is _HAS_DEFAULT_FACTORY else c})",
        "  self.__post_init__()"]
    unfrozen = text.replace("__dataclass_builtins_object__.__setattr__(self,'b',b)", "self.b=b")
    assert faster(unfrozen) == unfrozen  # (its fields not in a row: as it is)
    assert faster("def f():\n return 1") == "def f():\n return 1"
