"""Short sound cues, synthesised with numpy when the game starts: nothing is read from disk.

Five cues mark what the player should notice: a turn resolved, an event, an
action that succeeded, one that failed, and a stakeholder blocking the
change. Each is a few notes of decaying sine waves written straight into the
mixer's sample format. The mixer may be missing (no sound card, a driver that
cannot start, a pygame built without it): then every cue is silent and the
game plays on.
"""

from __future__ import annotations

import numpy as np
import pygame
import pygame.sndarray
from numpy.typing import NDArray

CUES = ("resolved", "event", "success", "failure", "blocked")

# Each cue: notes as (start in seconds, frequency in Hz, length in seconds, loudness 0..1).
_Note = tuple[float, float, float, float]
SCORES: dict[str, tuple[_Note, ...]] = {
    "resolved": ((0.0, 523.25, 0.18, 0.5), (0.09, 783.99, 0.26, 0.45)),  # C5 then G5: a soft rising step
    "event": ((0.0, 659.25, 0.5, 0.45), (0.0, 987.77, 0.5, 0.2), (0.16, 880.0, 0.45, 0.3)),  # a bell
    "success": ((0.0, 523.25, 0.14, 0.45), (0.08, 659.25, 0.14, 0.45), (0.16, 783.99, 0.3, 0.5)),  # C major rising
    "failure": ((0.0, 392.0, 0.2, 0.45), (0.14, 311.13, 0.36, 0.45)),  # G4 down to E flat: a falling minor third
    "blocked": ((0.0, 146.83, 0.12, 0.55), (0.16, 146.83, 0.16, 0.55)),  # two low knocks
}


def synthesise(cue: str, rate: int) -> NDArray[np.float64]:
    """The cue as samples from -1 to 1 at ``rate`` per second (one channel)."""
    notes = SCORES[cue]
    length = max(start + seconds for start, _, seconds, _ in notes) + 0.02
    out = np.zeros(int(length * rate), dtype=np.float64)
    for start, frequency, seconds, loudness in notes:
        n = int(seconds * rate)
        time = np.arange(n, dtype=np.float64) / rate
        # A quick attack (no click), then an exponential decay; a little of the octave for body.
        envelope = np.minimum(1.0, time / 0.005) * np.exp(-time * 5.0 / seconds)
        wave = np.sin(2 * np.pi * frequency * time) + 0.25 * np.sin(4 * np.pi * frequency * time)
        first = int(start * rate)
        out[first : first + n] += loudness * envelope * wave / 1.25
    return np.clip(out, -1.0, 1.0)


class Sounds:
    """The cues, ready to play through pygame's mixer, or silent when it cannot start."""

    def __init__(self, volume: float, mute: bool) -> None:
        self.volume = volume
        self.mute = mute
        self.cues: dict[str, pygame.mixer.Sound] = {}
        self.problem = ""  # why there is no sound, when there is none
        self.played: list[str] = []  # the cues asked for, in order (heard or not)
        try:
            if pygame.mixer.get_init() is None:
                pygame.mixer.init(frequency=44100, size=-16, channels=2, buffer=512)
            found = pygame.mixer.get_init()
            if found is None:
                raise pygame.error("the mixer did not start")
            rate, size, channels = found
            for cue in CUES:
                samples = synthesise(cue, rate)
                scale = float(2 ** (abs(size) - 1) - 1)
                dtype = {8: np.int8, 16: np.int16, 32: np.int32}.get(abs(size), np.int16)
                if size > 0:  # unsigned samples sit around the middle of their range
                    dtype = {8: np.uint8, 16: np.uint16}.get(size, np.uint16)
                    data = ((samples + 1.0) * scale).astype(dtype)
                else:
                    data = (samples * scale).astype(dtype)
                frames = np.ascontiguousarray(np.repeat(data[:, None], channels, axis=1) if channels > 1 else data)
                self.cues[cue] = pygame.sndarray.make_sound(frames)
        except (pygame.error, NotImplementedError, ImportError, ValueError, OSError) as exc:
            self.cues = {}
            self.problem = str(exc) or type(exc).__name__

    @property
    def available(self) -> bool:
        return bool(self.cues)

    def set_volume(self, volume: float, mute: bool) -> None:
        self.volume, self.mute = volume, mute

    def play(self, cue: str) -> None:
        """Play ``cue`` (one of :data:`CUES`) now, unless muted or there is no sound."""
        self.played.append(cue)
        del self.played[:-20]
        sound = self.cues.get(cue)
        if sound is None or self.mute or self.volume <= 0:
            return
        try:
            sound.set_volume(self.volume)
            sound.play()
        except pygame.error:
            pass  # a device that vanished mid-game: the cue is lost, the game goes on
