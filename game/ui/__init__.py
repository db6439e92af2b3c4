"""The desktop game (pygame-ce, with its own widgets): one module per screen."""
