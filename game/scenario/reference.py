"""The field reference in docs/authoring.md, generated from the schema.

The part of ``docs/authoring.md`` between :data:`START` and :data:`END` is
written by this module from the pydantic models in
:mod:`game.scenario.schema` and the grammar in
:mod:`game.scenario.expressions`; a test fails when it is stale.

    python -m game.scenario.reference            print the reference
    python -m game.scenario.reference --write    refresh docs/authoring.md
    python -m game.scenario.reference --check    exit 1 when it is stale

The field tables come from :mod:`game.scenario.reference_fields`; the
sections on effects and expressions, whose every example is checked while
rendering, from :mod:`game.scenario.reference_examples`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from game import atomic
from game.scenario.reference_examples import effect_section, expression_section
from game.scenario.reference_fields import NOTES, model_doc, sections, table, title, value_types

START = "<!-- reference:start -->"
END = "<!-- reference:end -->"
DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "authoring.md"
REFRESH = "python -m game.scenario.reference --write"


def render() -> str:
    """The generated reference, as Markdown (without the markers)."""
    out = [
        "## Reference",
        "",
        f"This part is generated from the game's own schema by `{REFRESH}`; do not edit it by "
        "hand. In the *where* lines, `[]` means each item of a list and `.*` each value of a map.",
        "",
    ]
    out += value_types()
    for model, used in sections():
        out += [f"### {title(model)}", "", f"Where: {', '.join(used)}.", ""]
        doc = model_doc(model)
        if doc:
            out += [doc, ""]
        out += [*table(model), ""]
        if model in NOTES:
            out += [NOTES[model], ""]
    out += effect_section()
    out += expression_section()
    return "\n".join(out).rstrip() + "\n"


def splice(document: str, reference: str) -> str:
    """The document with the text between the markers replaced by reference."""
    start, end = document.find(START), document.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the markers {START} and {END} are missing or out of order")
    return document[: start + len(START)] + "\n" + reference + document[end:]


def is_current(path: Path = DOCUMENT) -> bool:
    """Whether the reference in path matches what the schema generates now."""
    text = path.read_text(encoding="utf-8")
    return splice(text, render()) == text


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.scenario.reference", description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true", help="refresh the reference in the document")
    group.add_argument("--check", action="store_true", help="exit 1 when the document is stale")
    parser.add_argument("--doc", type=Path, default=DOCUMENT, help="the document (default docs/authoring.md)")
    args = parser.parse_args(argv)
    if not (args.write or args.check):
        sys.stdout.write(render())
        return 0
    try:
        text = args.doc.read_text(encoding="utf-8")
        updated = splice(text, render())
    except (OSError, ValueError) as exc:
        print(f"{args.doc}: {exc}", file=sys.stderr)
        return 2
    if args.check:
        if updated != text:
            print(f"{args.doc}: the reference is stale; run `{REFRESH}`", file=sys.stderr)
            return 1
        return 0
    if updated != text:
        atomic.write_text(args.doc, updated, keep_mode=True)
        print(f"{args.doc}: reference refreshed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
