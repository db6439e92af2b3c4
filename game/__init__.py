"""Push Comes to Shove: a game about leading change across a health system."""

__version__ = "0.1.0"
