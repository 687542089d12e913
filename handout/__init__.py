"""handout: structured YAML content in, printable and accessible patient handout PDFs out.

The pipeline, one module per stage: load → schema/model → validate → localize →
layout (blocks) → render → write; ``content`` finds handouts, ``pipeline`` runs
one, ``batch`` runs many, ``cli`` is the command line.
"""

__version__ = "0.1.0"
