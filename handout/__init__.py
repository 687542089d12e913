"""handout: structured YAML content in, printable and accessible patient handout PDFs out.

The pipeline, one module per stage: load → schema/model → validate → localize →
layout (blocks) → render → write; ``content`` finds handouts, ``pipeline`` runs
one, ``batch`` runs many, ``cli`` is the command line.
"""

__version__ = "0.1.0"

# Before ReportLab, PyYAML or any module of the package compiles a pattern at import: the patterns
# written in modules' and classes' bodies are compiled once per installation (recache.py says why).
from . import recache as _recache  # noqa: E402

_recache.install()

# Before any module of the package defines a dataclass: their methods run from code compiled
# once per installation, not compiled again by every process (classcode.py says why).
from . import classcode as _classcode  # noqa: E402

_classcode.install()
