"""Workshops in the browser: `shove workshop serve DIR`, a team's seat and the facilitator's console.

The server is the authority: every team's game is a :class:`game.workshop.seat.TeamSeat` held by
:class:`game.web.room.Room`, and every move is written to ``DIR/sessions/TEAM.json`` before the
answer goes back, in the same format as a team playing in the terminal.
"""
