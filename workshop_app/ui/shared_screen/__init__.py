"""The shared screen: shows state, never changes it."""
