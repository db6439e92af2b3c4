"""Bringing an event in for every team while the workshop runs: one more inject in workshop.yaml.

The facilitator's file keeps its comments: only its ``injects:`` block is written again, with the
injects it had and the new one, and the new text is checked as a whole before it replaces the file
(atomically). The workshop is then read again, so every seat plays the scenario with the new inject.
"""

from __future__ import annotations

import json

from game.atomic import write_text
from game.workshop.config import WORKSHOP_FILE, Inject, Workshop, check_text


def injects_block(injects: list[Inject]) -> list[str]:
    if not injects:
        return ["injects: []"]
    lines = ["injects:"]
    for inject in injects:
        lines += [f"  - event: {inject.event}", f"    turn: {inject.turn}"]
        if inject.prompt:
            lines.append(f"    prompt: {json.dumps(inject.prompt, ensure_ascii=False)}")
    return lines


def with_inject(text: str, injects: list[Inject]) -> str:
    """``text`` (a workshop.yaml) with its ``injects:`` block replaced by ``injects``."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("injects:")), None)
    if start is None:
        return "\n".join([*lines, *injects_block(injects)]) + "\n"
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "-")) or not lines[end].strip()):
        end += 1
    return "\n".join([*lines[:start], *injects_block(injects), *lines[end:]]) + "\n"


def add_inject(workshop: Workshop, event: str, turn: int) -> Workshop:
    """Write ``event`` at ``turn`` into the workshop file and return the workshop read again.

    Raises WorkshopError when the new file would not check (nothing is written then), OSError when
    it cannot be written."""
    path = workshop.folder / WORKSHOP_FILE
    text = path.read_text(encoding="utf-8")
    new = with_inject(text, [*workshop.file.injects, Inject(event=event, turn=turn)])
    checked = check_text(new, str(path), workshop.folder)
    write_text(path, new)
    return checked
