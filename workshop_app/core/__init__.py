"""The workshop itself: plain dataclasses and functions, no Qt and no SQLModel."""
