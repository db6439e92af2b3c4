"""The desktop game (pygame-ce + pygame_gui): one module per screen."""
