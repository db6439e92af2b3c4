"""`shove play`: the terminal game with --text, the desktop window otherwise."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    if args.text:
        from game import text_ui

        return text_ui.run(args)
    from game.ui import app

    return app.run(args)
